"""The map's process keys, the routes a person or a program may start, and the shapes a start is described in.

The process keys and stage messages are the deployment's names (processes/README.md); nothing else in the
code base spells them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

SCHOOL_ROUTE = "proc_school_career_guidance"
STAFFING_NEED = "proc_employer_staffing_need"
PRACTICE_LIBRARY = "proc_practice_library"
STUDENT_SUPPORT = "proc_student_support"
GRADUATE_ROUTING = "proc_graduate_routing"
YOUNG_SPECIALIST = "proc_young_specialist_adaptation"
#: the map's other processes: started by a stage message, or called by another process
ADMISSION = "proc_admission_target_training"
INDIVIDUAL_PLAN = "sub_individual_plan"
ENTREPRENEURSHIP_REFERRAL = "sub_entrepreneurship_referral"

STUDENT_ENROLLED = "student_enrolled"
GRADUATE_READY = "graduate_ready"
EMPLOYMENT_CONFIRMED = "employment_confirmed"

#: the stage message that starts a message-started route
START_MESSAGE = {STUDENT_SUPPORT: STUDENT_ENROLLED, GRADUATE_ROUTING: GRADUATE_READY,
                 YOUNG_SPECIALIST: EMPLOYMENT_CONFIRMED}

#: what a route is about: a youth, a staffing need or an employment centre
SUBJECT_KIND = {
    SCHOOL_ROUTE: "youth",
    STUDENT_SUPPORT: "youth",
    GRADUATE_ROUTING: "youth",
    YOUNG_SPECIALIST: "youth",
    STAFFING_NEED: "staffing_need",
    PRACTICE_LIBRARY: "czn",
}

#: the organisation kind a starter without region-wide rights is for "region"
REGION = "region"


@dataclass(frozen=True)
class Starter:
    """Who starts a route: a login and the organisation they act for (`REGION` for region-wide roles)."""

    login: str
    org_kind: str = REGION
    org_id: str = REGION

    @property
    def region_wide(self) -> bool:
        return self.org_kind == REGION


@dataclass(frozen=True)
class RouteStart:
    """Everything the engine needs to start one route, built from the registries.

    `owners` are the organisation kinds of `org` whose staff may start it (the others only work on it);
    a message-started route carries its stage `message` and the payload in `data`."""

    process_key: str
    business_key: str
    subject_name: str
    data: dict[str, Any]
    org: dict[str, Any]
    owners: tuple[str, ...]
    message: str | None = None

    def owned_by(self, starter: Starter) -> bool:
        if starter.region_wide:
            return True
        return starter.org_kind in self.owners and self.org.get(starter.org_kind) == starter.org_id


@dataclass(frozen=True)
class RunningRoute:
    instance_id: str
    process_key: str
    started_at: datetime


class StartRefused(Exception):
    """A start that must not happen. `reason`: `process` (no such startable route), `subject` (the registries
    do not know the subject), `organisation` (the subject is not the starter's), `grade` (a pupil outside the
    school route's grades), `running` (the same route already runs for the subject; `running` names it)."""

    def __init__(self, reason: str, detail: str, *, subject_name: str | None = None,
                 running: RunningRoute | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.subject_name = subject_name
        self.running = running


@dataclass(frozen=True)
class StartedRoute:
    instance_id: str
    start: RouteStart = field(repr=False)
