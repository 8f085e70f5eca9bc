"""Reads for the analysts' figures and the simulation's report: the user tasks' waiting times and which
routes' subjects (business keys) reached which process or milestone, over a period and optionally one
organisation (the instance's `org` entry of that kind); how many routes each process has in each status, how
many steps ran, the milestone each route last passed, and what the outbox holds of one kind.
Plain rows; the figures are computed above the engine."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from engine.db import Database
from engine.store.models import AuditEvent, HumanTask, MilestonePass, Outbox, ProcessInstance


@dataclass(frozen=True)
class TaskWait:
    """One user task created in the period: open, or completed (cancelled ones are left out)."""
    process_key: str
    element_id: str
    name: str | None
    created_at: datetime
    completed_at: datetime | None
    due_at: datetime | None


def _in_period(column, since: datetime | None, until: datetime | None) -> list:
    return [condition for condition in (column >= since if since else None, column < until if until else None)
            if condition is not None]


def _in_org(query: Select, org: tuple[str, str] | None) -> Select:
    if org is None:
        return query
    kind, org_id = org
    return query.where(ProcessInstance.org[kind].as_string() == org_id)


def task_waits(session: Session, *, since: datetime | None = None, until: datetime | None = None,
               org: tuple[str, str] | None = None) -> list[TaskWait]:
    query = (select(HumanTask.process_key, HumanTask.element_id, HumanTask.name, HumanTask.created_at,
                    HumanTask.completed_at, HumanTask.due_at)
             .join(ProcessInstance, ProcessInstance.id == HumanTask.instance_id)
             .where(HumanTask.status != "cancelled", *_in_period(HumanTask.created_at, since, until)))
    return [TaskWait(*row) for row in session.execute(_in_org(query, org))]


def subjects_reached(session: Session, *, process_keys: Iterable[str], milestone_ids: Iterable[str],
                   since: datetime | None = None, until: datetime | None = None,
                   org: tuple[str, str] | None = None) -> dict[str, set[str]]:
    """Process key or milestone element id -> the business keys whose instance of that process started, or
    whose route passed that milestone (`MilestonePass`, indexed: no step's log is read), in the period (either
    end may be open)."""
    process_keys, milestone_ids = set(process_keys), set(milestone_ids)
    reached: dict[str, set[str]] = {key: set() for key in process_keys | milestone_ids}
    started = (select(ProcessInstance.process_key, ProcessInstance.business_key)
               .where(ProcessInstance.process_key.in_(process_keys), ProcessInstance.business_key.is_not(None),
                      *_in_period(ProcessInstance.created_at, since, until)))
    for process_key, business_key in session.execute(_in_org(started, org)):
        reached[process_key].add(business_key)
    passed = (select(MilestonePass.element_id, ProcessInstance.business_key).distinct()
              .join(ProcessInstance, ProcessInstance.id == MilestonePass.instance_id)
              .where(MilestonePass.element_id.in_(milestone_ids), ProcessInstance.business_key.is_not(None),
                     *_in_period(MilestonePass.at, since, until)))
    for element_id, business_key in session.execute(_in_org(passed, org)):
        reached[element_id].add(business_key)
    return reached


@dataclass(frozen=True)
class RouteMilestone:
    """A route with a business key and the last milestone it passed (None before the first)."""
    instance_id: str
    business_key: str
    milestone: str | None
    created_at: datetime
    ended_at: datetime | None


def route_counts(session: Session) -> dict[str, dict[str, int]]:
    """Process key -> status -> how many routes."""
    counts: dict[str, dict[str, int]] = {}
    for process_key, status, count in session.execute(
            select(ProcessInstance.process_key, ProcessInstance.status, func.count())
            .group_by(ProcessInstance.process_key, ProcessInstance.status)):
        counts.setdefault(process_key, {})[status] = count
    return counts


def step_count(session: Session) -> int:
    """How many steps the engine has run (the audit log's step events)."""
    return session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.kind == "step")) or 0


def route_milestones(session: Session) -> list[RouteMilestone]:
    query = (select(ProcessInstance.id, ProcessInstance.business_key, ProcessInstance.milestone,
                    ProcessInstance.created_at, ProcessInstance.ended_at)
             .where(ProcessInstance.business_key.is_not(None)))
    return [RouteMilestone(*row) for row in session.execute(query)]


def outbox_payloads(session: Session, kind: str) -> list[object]:
    """The payloads of the outbox rows of one kind, whatever became of them, in the order they were written."""
    return list(session.scalars(select(Outbox.payload).where(Outbox.kind == kind).order_by(Outbox.id)))


class AnalyticsReads:
    """The facade's seam for these reads (`Engine.analytics`): one read transaction per call."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def task_waits(self, **filters) -> list[TaskWait]:
        with self._db.read() as session:
            return task_waits(session, **filters)

    def subjects_reached(self, **filters) -> dict[str, set[str]]:
        with self._db.read() as session:
            return subjects_reached(session, **filters)

    def route_counts(self) -> dict[str, dict[str, int]]:
        with self._db.read() as session:
            return route_counts(session)

    def step_count(self) -> int:
        with self._db.read() as session:
            return step_count(session)

    def route_milestones(self) -> list[RouteMilestone]:
        with self._db.read() as session:
            return route_milestones(session)

    def outbox_payloads(self, kind: str) -> list[object]:
        with self._db.read() as session:
            return outbox_payloads(session, kind)
