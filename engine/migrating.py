"""`Engine.migrate`: running routes of one process version moved to another (issue 11, item 6).

A dry run reports per route whether it can move and why not (`engine.migration.blockers`, then a trial move
on a copy of its stored state). A real run moves each movable route in its own step (command `migrate`, one
transaction): the audit event `migrated` records both versions, the mapping and the actor, the instance row
points at the new version and the projections of its open tasks, timers and subscriptions follow the
elements they were mapped to. Replay switches version at that event (`engine.audit.replay`)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from engine.db import Database
from engine.errors import InvalidState, NotFound, ValidationError
from engine.executor import Apply, StepExecutor
from engine.migration import ACTIVE, Blocker, blockers, trial
from engine.parsing.index import DEFAULT_PRIORITY
from engine.search import SearchAttributes
from engine.specs import ParsedProcess
from engine.state import find_task, load_state
from engine.step import StepRunner
from engine.store.models import HumanTask, MessageSubscription, ProcessDefinition, ProcessInstance, Timer

RunStep = Callable[..., Any]


@dataclass(frozen=True)
class RouteMove:
    instance_id: str
    business_key: str | None
    name: str | None
    """The route's search attribute (engine.search), what names it in a list."""
    active: tuple[str, ...]
    """Element ids the route waits in or runs, in the source version."""
    blockers: tuple[Blocker, ...] = ()
    moved: bool = False

    @property
    def can_move(self) -> bool:
        return not self.blockers


@dataclass(frozen=True)
class MigrationReport:
    process_key: str
    from_version: int
    to_version: int
    mapping: dict[str, str]
    dry_run: bool
    missing: tuple[str, ...]
    """Element ids of the source version with no counterpart in the target (neither by id nor mapped)."""
    routes: tuple[RouteMove, ...] = ()

    @property
    def movable(self) -> tuple[RouteMove, ...]:
        return tuple(route for route in self.routes if route.can_move)

    @property
    def moved(self) -> tuple[RouteMove, ...]:
        return tuple(route for route in self.routes if route.moved)

    def lines(self) -> list[str]:
        """One English line per route, for the command line."""
        lines = []
        for route in self.routes:
            name = route.name or route.business_key or "-"
            if route.moved:
                verdict = "moved"
            elif route.can_move:
                verdict = "can move"
            else:
                verdict = "cannot move: " + "; ".join(b.text(self.to_version) for b in route.blockers)
            lines.append(f"{route.instance_id} ({name}) at {', '.join(route.active) or '-'}: {verdict}")
        return lines


def migrate(db: Database, steps: StepExecutor, run_step: RunStep, key: str, from_version: int, to_version: int,
            mapping: Mapping[str, str] | None, instance_ids: Iterable[str] | None, *, dry_run: bool,
            actor: str | None) -> MigrationReport:
    if not actor or not actor.strip():
        raise ValidationError("a migration needs the actor's login")
    if from_version == to_version:
        raise ValidationError(f"version {from_version} cannot be migrated to itself")
    mapping = dict(mapping or {})
    with db.read() as session:
        source_row, target_row = _definition(session, key, from_version), _definition(session, key, to_version)
        source, target = steps.process(session, source_row.id), steps.process(session, target_row.id)
        _check_mapping(source, target, mapping, from_version, to_version)
        routes = [_verdict(row, source_row.id, source, target, mapping, steps.search)
                  for row in _routes(session, source_row.id, instance_ids)]
    report = MigrationReport(process_key=key, from_version=from_version, to_version=to_version, mapping=mapping,
                             dry_run=dry_run, missing=_missing(source, target, mapping))
    if dry_run:
        return replace(report, routes=tuple(routes))
    payload = {"from_version": from_version, "to_version": to_version, "from_definition_id": source_row.id,
               "to_definition_id": target_row.id, "content_hash": target_row.content_hash, "mapping": mapping,
               "mapped_names": {old: (source.element(old).name if source.element(old) else None) for old in mapping}}
    done = []
    for route in routes:
        if route.can_move:
            try:
                run_step(route.instance_id, "migrate", command(source_row.id, target_row.id, target, payload), actor)
                route = replace(route, moved=True)
            except (InvalidState, NotFound) as exc:
                route = replace(route, blockers=(Blocker("run", str(exc)),))
        done.append(route)
    return replace(report, routes=tuple(done))


def command(source_id: str, target_id: str, target: ParsedProcess, payload: dict[str, Any]) -> Apply:
    def apply(runner: StepRunner, session: Session) -> None:
        instance = runner.instance
        if instance.definition_id != source_id:
            raise InvalidState(f"instance {instance.id} is no longer on the source version")
        if instance.status != "active":
            raise InvalidState(f"instance {instance.id} is {instance.status}; only active routes move")
        runner.migrate(target, payload["mapping"], payload)
        instance.definition_id = target_id
        _refresh_projections(session, runner)
    return apply


def _definition(session: Session, key: str, version: int) -> ProcessDefinition:
    row = session.scalars(select(ProcessDefinition).where(ProcessDefinition.key == key,
                                                          ProcessDefinition.version == version)).first()
    if row is None:
        raise NotFound(f"process {key!r} has no version {version}")
    return row


def _check_mapping(source: ParsedProcess, target: ParsedProcess, mapping: dict[str, str], from_version: int,
                   to_version: int) -> None:
    for old, new in mapping.items():
        if old not in source.spec.task_specs:
            raise ValidationError(f"element {old!r} of the mapping is not in version {from_version}")
        if new not in target.spec.task_specs:
            raise ValidationError(f"element {new!r} of the mapping is not in version {to_version}")


def _missing(source: ParsedProcess, target: ParsedProcess, mapping: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted(spec.name for spec in source.spec.task_specs.values()
                        if spec.bpmn_id is not None and spec.name == spec.bpmn_id
                        and target.spec.task_specs.get(mapping.get(spec.name, spec.name)) is None))


def _routes(session: Session, definition_id: str, instance_ids: Iterable[str] | None) -> list[ProcessInstance]:
    query = select(ProcessInstance).order_by(ProcessInstance.created_at, ProcessInstance.id)
    if instance_ids is None:
        return list(session.scalars(query.where(ProcessInstance.definition_id == definition_id,
                                                ProcessInstance.status == "active")))
    wanted = list(dict.fromkeys(instance_ids))
    rows = {row.id: row for row in session.scalars(query.where(ProcessInstance.id.in_(wanted)))}
    unknown = [instance_id for instance_id in wanted if instance_id not in rows]
    if unknown:
        raise NotFound(f"instance(s) {', '.join(unknown)} do not exist")
    return [rows[instance_id] for instance_id in wanted]


def _verdict(row: ProcessInstance, source_id: str, source: ParsedProcess, target: ParsedProcess,
             mapping: dict[str, str], search: SearchAttributes) -> RouteMove:
    route = RouteMove(instance_id=row.id, business_key=row.business_key, name=search.key_of(search.named(row)),
                      active=())
    if row.definition_id != source_id:
        return replace(route, blockers=(Blocker("version", row.definition_id),))
    if row.status != "active":
        return replace(route, blockers=(Blocker("status", row.status),))
    wf = load_state(row.state, source.spec, source.subprocess_specs)
    active = tuple(task.task_spec.bpmn_id for task in wf.get_tasks(state=ACTIVE) if task.task_spec.bpmn_id)
    found = blockers(wf, target, mapping)
    if not found:
        error = trial(row.state, source, target, mapping)
        found = [Blocker("trial", error)] if error else []
    return replace(route, active=active, blockers=tuple(found))


def _refresh_projections(session: Session, runner: StepRunner) -> None:
    """Rows of tasks that kept their id now name the element they were mapped to."""
    connection, process, wf = session.connection(), runner.process, runner.wf
    tasks = HumanTask.__table__
    for table, column, query in ((tasks, tasks.c.id, select(tasks.c.id).where(tasks.c.status == "open")),
                                 (Timer.__table__, Timer.__table__.c.task_id, None),
                                 (MessageSubscription.__table__, MessageSubscription.__table__.c.task_id, None)):
        query = select(column) if query is None else query
        for task_id in connection.execute(query.where(table.c.instance_id == runner.instance.id)).scalars():
            task = find_task(wf, UUID(task_id))
            if task is None or task.task_spec.bpmn_id is None:
                continue
            element_id = task.task_spec.bpmn_id
            values: dict[str, Any] = {"element_id": element_id}
            if table is tasks:
                element = process.element(element_id)
                values.update(name=task.task_spec.bpmn_name, form_key=element.form_key if element else None,
                              candidate_group=process.candidate_group(element_id),
                              priority=element.priority or DEFAULT_PRIORITY if element else DEFAULT_PRIORITY)
            elif table is MessageSubscription.__table__:
                values["name"] = getattr(task.task_spec.event_definition, "name", None)
            connection.execute(update(table).where(column == task_id).values(values))
