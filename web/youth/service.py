"""The youth's route: card, the map stages passed with their milestones and dates, tasks and outcome, the
services provided and the vacancies offered, limited to what the user may see."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import (
    Employer,
    Programme,
    SchoolEnrollment,
    ServiceRecord,
    StudentEnrollment,
    Vacancy,
    VacancyOffer,
    Youth,
)
from domain.route_attributes import SUBJECT
from domain.stages import stage_of
from engine import Engine
from web.access import Scope
from web.incident_causes import IncidentCause, route_incidents
from web.models import Role
from web.organisations import process_names
from web.subjects import stage_label

MAX_INSTANCES = 200


@dataclass(frozen=True)
class Milestone:
    name: str
    at: datetime
    process_key: str


@dataclass(frozen=True)
class StagePassage:
    """One stage of the map the youth went through (a route outside the map: that route, by its name): its
    route's start and end, the milestones passed in it."""

    name: str
    began: datetime
    ended: datetime | None
    milestones: list[Milestone]


@dataclass(frozen=True)
class RouteSegment:
    """One process instance of the route with its tasks."""

    instance: Any
    process_name: str
    tasks: list[Any]
    incidents: list[IncidentCause] = field(default_factory=list)


@dataclass(frozen=True)
class ProvidedService:
    """A ServiceRecord as the card shows it: the service, when last, and the employer involved if any."""

    service_code: str
    provided_at: datetime
    employer_name: str | None
    reference: str | None


@dataclass(frozen=True)
class OfferedVacancy:
    title: str
    employer_name: str
    offered_at: datetime
    times_offered: int
    status: str


@dataclass
class YouthRoute:
    youth_id: str
    youth: Youth | None
    segments: list[RouteSegment] = field(default_factory=list)
    stages: list[StagePassage] = field(default_factory=list)
    services: list[ProvidedService] = field(default_factory=list)
    vacancy_offers: list[OfferedVacancy] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        if self.youth is not None:
            return self.youth.full_name
        named = [segment.instance.attributes.get(SUBJECT) for segment in self.segments
                 if segment.instance.attributes.get(SUBJECT)]
        return named[-1] if named else self.youth_id

    @property
    def open_tasks(self) -> list[Any]:
        return [task for segment in self.segments for task in segment.tasks if task.status == "open"]

    @property
    def current_stage(self) -> str | None:
        """The stage of the latest route still running, else of the latest one."""
        running = [passage for passage in self.stages if passage.ended is None]
        latest = running or self.stages
        return latest[-1].name if latest else None

    @property
    def outcome(self) -> Any:
        """The last finished segment that recorded an outcome, else None."""
        for segment in reversed(self.segments):
            if segment.instance.status == "completed" and segment.instance.data.get("outcome"):
                return segment.instance.data["outcome"]
        return None


def _milestones(engine: Engine, instance: Any) -> list[Milestone]:
    labels = engine.element_index(instance.definition_id)
    passed: list[Milestone] = []
    seen: set[str] = set()
    for event in engine.audit_events(instance.id):
        if event.kind != "step":
            continue
        for element_id in event.payload.get("completed", []):
            if element_id in labels.milestones and element_id not in seen:
                seen.add(element_id)
                passed.append(Milestone(labels.names.get(element_id, element_id), event.at, instance.process_key))
    return passed


def enrolled_in_organisation(session: Session, scope: Scope, youth_id: str) -> bool:
    """The registries place the youth in the user's school (a pupil) or college (a student)."""
    if scope.org_kind == "school":
        query = select(SchoolEnrollment.id).where(SchoolEnrollment.youth_id == youth_id,
                                                  SchoolEnrollment.school_id == scope.org_id)
    elif scope.org_kind == "edu_org":
        query = (select(StudentEnrollment.id)
                 .join(Programme, Programme.id == StudentEnrollment.programme_id)
                 .where(StudentEnrollment.youth_id == youth_id, Programme.edu_org_id == scope.org_id))
    else:
        return False
    return session.scalar(query.limit(1)) is not None


def _services(session: Session, youth_id: str) -> list[ProvidedService]:
    rows = session.execute(
        select(ServiceRecord, Employer.name)
        .outerjoin(Employer, Employer.id == ServiceRecord.employer_id)
        .where(ServiceRecord.youth_id == youth_id)
        .order_by(ServiceRecord.provided_at.desc(), ServiceRecord.id)
    )
    return [ProvidedService(row.service_code, row.provided_at, name, row.reference) for row, name in rows]


def _vacancy_offers(session: Session, youth_id: str) -> list[OfferedVacancy]:
    rows = session.execute(
        select(VacancyOffer, Vacancy.title, Employer.name)
        .join(Vacancy, Vacancy.id == VacancyOffer.vacancy_id)
        .join(Employer, Employer.id == VacancyOffer.employer_id)
        .where(VacancyOffer.youth_id == youth_id)
        .order_by(VacancyOffer.last_offered_at.desc(), VacancyOffer.rank)
    )
    return [OfferedVacancy(title, name, offer.offered_at, offer.times_offered, offer.status)
            for offer, title, name in rows]


def youth_route(engine: Engine, session: Session, scope: Scope, youth_id: str) -> YouthRoute:
    """404 for an unknown youth; 403 unless one of the youth's routes is in the user's scope or the
    registries enrol the youth in the user's school or college.

    An auditor's look at the youth's personal data is written to each route's audit chain."""
    youth = session.get(Youth, youth_id)
    instances = engine.instances(business_key=youth_id, limit=MAX_INSTANCES)
    if youth is None and not instances:
        abort(404)
    visible = [instance for instance in instances if scope.sees_instance(instance)]
    if not visible and not scope.region_wide and not enrolled_in_organisation(session, scope, youth_id):
        abort(403)
    if scope.role == Role.AUDITOR:
        for instance in visible:
            engine.log_audit_view(instance.id, scope.login, "youth_route", youth_id)
    names = process_names(engine)
    route = YouthRoute(youth_id=youth_id, youth=youth)
    if youth is not None:
        route.services = _services(session, youth_id)
        route.vacancy_offers = _vacancy_offers(session, youth_id)
    for instance in sorted(visible, key=lambda item: item.created_at):
        tasks = engine.tasks(instance_id=instance.id, status="any", limit=500, order="created")
        route.segments.append(RouteSegment(instance, names.get(instance.process_key, instance.process_key), tasks,
                                           route_incidents(engine, instance)))
        stage = stage_of(instance.process_key)
        route.stages.append(StagePassage(stage_label(stage) if stage else route.segments[-1].process_name,
                                         instance.created_at, instance.ended_at, _milestones(engine, instance)))
    return route
