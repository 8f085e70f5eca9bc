"""What the auditors' pages show, read from the engine; every look at personal data is logged first,
so the record of the look is part of what the auditor sees."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from domain.models import Youth
from domain.route_attributes import SUBJECT
from engine import AuditFilters, Engine, HistoricState, InstanceInfo, ReplayReport, VerifyReport
from web.access import Scope, require
from web.auditor.labels import kind_label
from web.auditor.timeline import TimelineEntry, entries
from web.auditor.wording import Wording
from web.db import db_session
from web.models import Role
from web.naming import version_label
from web.organisations import organisation_name
from web.route_map import ProcessMap, element_label, process_maps

WORKBENCH_ROLES = (Role.AUDITOR, Role.ADMIN)
YOUTH_INSTANCES_LIMIT = 200


@dataclass(frozen=True)
class InstanceHistory:
    instance: Any
    process_name: str
    version: str
    entries: list[TimelineEntry]
    state: HistoricState
    first_seq: int
    last_seq: int
    waiting: list[str]
    """the labels of the elements waiting as of the state, each once"""
    maps: list[ProcessMap]
    """the instance's process first, then each called process the route went through"""


@dataclass(frozen=True)
class RouteRow:
    instance: Any
    process_name: str
    version: str
    youth_name: str
    organisations: str


@dataclass(frozen=True)
class ReplayedStep:
    seq: int
    at: datetime
    elements: list[str]
    done: bool
    """re-executed and matching (the step of a divergence and those after it are not)"""


@dataclass(frozen=True)
class ReplaySummary:
    instance: Any
    process_name: str
    version: str
    report: ReplayReport
    steps: list[ReplayedStep]
    events: int
    not_steps: list[tuple[str, int]]
    """events that are no step, by kind (their label) with counts, most frequent first"""
    element: str
    """the name of the element where the replay diverged"""

    @property
    def replayed(self) -> int:
        return self.report.steps


@dataclass(frozen=True)
class YouthTimeline:
    youth_id: str
    youth_name: str
    instances: list[tuple[Any, str]]
    entries: list[tuple[str, TimelineEntry]]


def require_workbench(scope: Scope) -> None:
    require(scope.role in WORKBENCH_ROLES)


def process_names(engine: Engine) -> dict[str, str]:
    return {definition.key: definition.name or definition.key for definition in engine.definitions()}


def wording(engine: Engine) -> Wording:
    session = db_session()
    return Wording(process_names(engine), lambda kind, org_id: organisation_name(session, kind, org_id))


def youth_names(keys: list[str]) -> dict[str, str]:
    """Business key -> the youth's full name from the registry, for routes that don't carry the name."""
    if not keys:
        return {}
    return {youth.id: youth.full_name for youth in db_session().scalars(select(Youth).where(Youth.id.in_(keys)))}


def instance_history(engine: Engine, scope: Scope, instance_id: str, seq: int | None) -> InstanceHistory:
    """The instance as of event `seq` (the latest when None or out of range), its timeline and diagram."""
    require_workbench(scope)
    instance = engine.instance(instance_id)
    engine.log_audit_view(instance.id, scope.login, "instance_history", instance.business_key)
    events = engine.audit_events(instance.id)
    index = engine.element_index(instance.definition_id)
    first, last = events[0].seq, events[-1].seq
    state = engine.state_at(instance.id, seq if seq is not None and first <= seq <= last else last)
    return InstanceHistory(
        instance=instance, process_name=process_names(engine).get(instance.process_key, instance.process_key),
        version=version_label(engine, instance.process_key, instance.definition_id),
        entries=entries(events, index, wording(engine)), state=state, first_seq=first, last_seq=last,
        waiting=list(dict.fromkeys(element_label(index, element_id) for element_id in state.active)),
        maps=process_maps(index, instance.process_key, completed=state.completed, active=state.active,
                          flows=state.flows))


def youth_timeline(engine: Engine, scope: Scope, youth_id: str) -> YouthTimeline:
    """Every route of one youth, their events merged by time."""
    require_workbench(scope)
    words = wording(engine)
    instances = engine.instances(business_key=youth_id, limit=YOUTH_INSTANCES_LIMIT)
    merged: list[tuple[str, TimelineEntry]] = []
    for instance in instances:
        engine.log_audit_view(instance.id, scope.login, "youth_timeline", youth_id)
        index = engine.element_index(instance.definition_id)
        process_name = words.process(instance.process_key)
        merged += [(process_name, entry) for entry in entries(engine.audit_events(instance.id), index, words)]
    merged.sort(key=lambda item: (item[1].at, item[1].instance_id, item[1].seq))
    name = next((_subject(i) for i in instances if _subject(i)), None) or youth_names([youth_id]).get(youth_id)
    return YouthTimeline(youth_id, name or "", [(i, words.process(i.process_key)) for i in instances], merged)


def routes_page(engine: Engine, scope: Scope, filters: AuditFilters, *, offset: int, limit: int) -> list[RouteRow]:
    """Routes matching the workbench's search, oldest first, named for people."""
    require_workbench(scope)
    words = wording(engine)
    found = engine.audit_instances(filters, offset=offset, limit=limit)
    registry = youth_names([i.business_key for i in found if not _subject(i) and i.business_key])
    versions: dict[str, str] = {}
    for i in found:
        if i.definition_id not in versions:
            versions[i.definition_id] = version_label(engine, i.process_key, i.definition_id)
    return [RouteRow(instance=i, process_name=words.process(i.process_key), version=versions[i.definition_id],
                     youth_name=_subject(i) or registry.get(i.business_key or "", ""),
                     organisations=words.organisations(i.org))
            for i in found]


def _subject(instance: InstanceInfo) -> str | None:
    return instance.attributes.get(SUBJECT)


def verification(engine: Engine, scope: Scope, instance_id: str | None) -> VerifyReport:
    require_workbench(scope)
    return engine.verify(instance_id)


def replay_report(engine: Engine, scope: Scope, instance_id: str) -> ReplaySummary:
    """Replay an instance; a divergence can show recorded data, so the look is logged."""
    require_workbench(scope)
    instance = engine.instance(instance_id)
    engine.log_audit_view(instance.id, scope.login, "replay", instance.business_key)
    report = engine.replay(instance.id)
    events = engine.audit_events(instance.id)
    index = engine.element_index(instance.definition_id)
    recorded = [event for event in events if event.kind == "step"]
    steps = [ReplayedStep(seq=event.seq, at=event.at, done=number <= report.steps,
                          elements=[element_label(index, e) for e in (event.payload or {}).get("completed") or ()])
             for number, event in enumerate(recorded, start=1)]
    others = Counter(event.kind for event in events if event.kind != "step")
    return ReplaySummary(
        instance=instance, process_name=process_names(engine).get(instance.process_key, instance.process_key),
        version=version_label(engine, instance.process_key, instance.definition_id), report=report, steps=steps,
        events=len(events), not_steps=sorted(((kind_label(kind), count) for kind, count in others.items()),
                                             key=lambda item: -item[1]),
        element=element_label(index, report.divergence.element_id) if report.divergence
        and report.divergence.element_id
        else "")
