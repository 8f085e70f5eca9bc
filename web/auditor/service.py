"""What the auditors' pages show, read from the engine; every look at personal data is logged first,
so the record of the look is part of what the auditor sees."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine import Engine, HistoricState, ReplayReport, VerifyReport
from web.access import Scope, require
from web.auditor.timeline import TimelineEntry, entries
from web.models import Role
from web.naming import version_label
from web.route_map import ProcessMap, process_maps

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
    names: dict[str, str]
    maps: list[ProcessMap]
    """the instance's process first, then each called process the route went through"""


@dataclass(frozen=True)
class YouthTimeline:
    youth_id: str
    instances: list[tuple[Any, str]]
    entries: list[tuple[str, TimelineEntry]]


def require_workbench(scope: Scope) -> None:
    require(scope.role in WORKBENCH_ROLES)


def process_names(engine: Engine) -> dict[str, str]:
    return {definition.key: definition.name or definition.key for definition in engine.definitions()}


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
        entries=entries(events, index), state=state, first_seq=first, last_seq=last, names=index.names,
        maps=process_maps(index, instance.process_key, completed=state.completed, active=state.active,
                          flows=state.flows))


def youth_timeline(engine: Engine, scope: Scope, youth_id: str) -> YouthTimeline:
    """Every route of one youth, their events merged by time."""
    require_workbench(scope)
    names = process_names(engine)
    instances = engine.instances(business_key=youth_id, limit=YOUTH_INSTANCES_LIMIT)
    merged: list[tuple[str, TimelineEntry]] = []
    for instance in instances:
        engine.log_audit_view(instance.id, scope.login, "youth_timeline", youth_id)
        index = engine.element_index(instance.definition_id)
        process_name = names.get(instance.process_key, instance.process_key)
        merged += [(process_name, entry) for entry in entries(engine.audit_events(instance.id), index)]
    merged.sort(key=lambda item: (item[1].at, item[1].instance_id, item[1].seq))
    return YouthTimeline(youth_id, [(i, names.get(i.process_key, i.process_key)) for i in instances], merged)


def instances_page(engine: Engine, scope: Scope, *, process_key: str | None, status: str | None, offset: int,
                   limit: int) -> list[tuple[Any, str]]:
    """Instances of the region, oldest first, optionally of one process and status."""
    require_workbench(scope)
    names = process_names(engine)
    found = engine.instances(process_key=process_key, status=status, offset=offset, limit=limit)
    return [(i, names.get(i.process_key, i.process_key)) for i in found]


def verification(engine: Engine, scope: Scope, instance_id: str | None) -> VerifyReport:
    require_workbench(scope)
    return engine.verify(instance_id)


def replay_report(engine: Engine, scope: Scope, instance_id: str) -> tuple[Any, ReplayReport]:
    """Replay an instance; a divergence can show recorded data, so the look is logged."""
    require_workbench(scope)
    instance = engine.instance(instance_id)
    engine.log_audit_view(instance.id, scope.login, "replay", instance.business_key)
    return instance, engine.replay(instance.id)
