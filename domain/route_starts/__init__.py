"""Route starts: the process keys, the start data built from the registries, and the one rule every way in
uses before it starts a route (`start_route`)."""
from domain.route_starts.builders import build_start, current_school_enrollment, school_pupils
from domain.route_starts.catalogue import (
    EMPLOYMENT_CONFIRMED,
    GRADUATE_READY,
    GRADUATE_ROUTING,
    PRACTICE_LIBRARY,
    REGION,
    SCHOOL_ROUTE,
    STAFFING_NEED,
    START_MESSAGE,
    STUDENT_ENROLLED,
    STUDENT_SUPPORT,
    SUBJECT_KIND,
    YOUNG_SPECIALIST,
    RouteStart,
    RunningRoute,
    StartedRoute,
    Starter,
    StartRefused,
)
from domain.route_starts.rule import RouteEngine, prepare_start, running_route, start_route

__all__ = [
    "EMPLOYMENT_CONFIRMED", "GRADUATE_READY", "GRADUATE_ROUTING", "PRACTICE_LIBRARY", "REGION", "SCHOOL_ROUTE",
    "STAFFING_NEED", "START_MESSAGE", "STUDENT_ENROLLED", "STUDENT_SUPPORT", "SUBJECT_KIND", "YOUNG_SPECIALIST",
    "RouteEngine", "RouteStart", "RunningRoute", "StartRefused", "StartedRoute", "Starter", "build_start",
    "current_school_enrollment", "prepare_start", "running_route", "school_pupils", "start_route",
]
