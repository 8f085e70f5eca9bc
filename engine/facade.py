"""`Engine`: the one object the rest of ProfRoute talks to. Every public call is one transaction (a call
that delivers messages afterwards runs each receiver's step in that receiver's own transaction)."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from engine import commands, deploying, incident_queries, instance_changes, migrating, queries, task_changes
from engine.analytics_reads import AnalyticsReads
from engine.audit.replay import replay
from engine.audit.tools import AuditTools
from engine.chain import to_jsonable
from engine.clock import Clock, FixedClock, SystemClock
from engine.db import connect
from engine.due_round import run_round
from engine.errors import Conflict, InvalidState, NotFound, ValidationError
from engine.executor import Apply, StepExecutor
from engine.history import RECENT
from engine.messaging import MessageRouter
from engine.model import (
    AuditEventInfo,
    CommentInfo,
    DefinitionInfo,
    DeployResult,
    DueWork,
    ExecutedPath,
    IncidentInfo,
    InstanceInfo,
    OpenIncident,
    RepairReport,
    StepResult,
    TaskInfo,
)
from engine.parsing.definition_index import DefinitionIndex, definition_index
from engine.persist import persist_step
from engine.records import InstanceRecord
from engine.repair import repair as repair_stalled
from engine.search import SearchAttribute, SearchAttributes
from engine.send_back import earlier_user_tasks
from engine.specs import SpecCache, definition_files
from engine.state import find_task
from engine.step import StepRunner
from engine.store.models import HumanTask, ProcessInstance
from engine.workflow_cache import WorkflowCache

_TASKS = HumanTask.__table__
_TASK_INSTANCE = select(_TASKS.c.instance_id).where(_TASKS.c.id == bindparam("task_id"))
_TASK_STATE = select(_TASKS.c.status, _TASKS.c.assignee, _TASKS.c.form_key).where(_TASKS.c.id == bindparam("task_id"))
_INSTANCES = ProcessInstance.__table__
_TASK_AND_INSTANCE = (select(*_TASKS.c, _INSTANCES.c.definition_id, _INSTANCES.c.version,
                             _INSTANCES.c.status.label("instance_status"))
                      .join_from(_TASKS, _INSTANCES, _INSTANCES.c.id == _TASKS.c.instance_id)
                      .where(_TASKS.c.id == bindparam("task_id")))
_INSTANCE_STATE = select(_INSTANCES.c.state).where(_INSTANCES.c.id == bindparam("instance_id"))


class Engine(AuditTools):
    def __init__(self, database_url: str, *, clock: Clock | None = None,
                 handlers: Mapping[str, Callable] | None = None, adapters: Mapping[str, Callable] | None = None,
                 message_ttl: timedelta = timedelta(days=30), workflow_cache: int = 1000, cold: bool = False,
                 search_attributes: Sequence[SearchAttribute] = (), wait_for_flush: bool = True):
        """`handlers`: service operation -> function; `adapters`: external system -> adapter factory
        (the outbox is dispatched by `run_due` only when adapters are given); `workflow_cache`: how many
        instances' workflows stay in memory between steps (0: rebuild every step from the stored state);
        `cold`: keep nothing in memory between steps, neither workflows nor parsed specs, so every step runs
        as in a freshly started process (a restart between any two steps; tests and `simulate --cold`);
        `search_attributes`: what of a route's data its instance and tasks are filtered and searched by;
        `wait_for_flush=False`: no commit waits for the disk on PostgreSQL (throwaway databases: simulations)."""
        self.db = connect(database_url, wait_for_flush=wait_for_flush)
        self.clock = clock or SystemClock()
        self.handlers = dict(handlers or {})
        self.adapters = dict(adapters or {})
        self.cold = cold
        self.specs = SpecCache(keep=not cold)
        self.search = SearchAttributes(search_attributes)
        self._steps = StepExecutor(self.db, self.specs, self.handlers, self.clock,
                                   WorkflowCache(0 if cold else workflow_cache), self.search)
        RECENT.reserve(workflow_cache)
        self._messages = MessageRouter(self.db, self._steps, self.clock, message_ttl)
        self._element_indexes: dict[str, DefinitionIndex] = {}
        self.analytics = AnalyticsReads(self.db)

    def _step(self, target: str | Callable[[Session], str | InstanceRecord], command: str, apply: Apply,
              actor: str | None, clock: Clock | None = None, *, background: bool = False) -> StepResult | None:
        result, may_deliver = self._steps.run(target, command, apply, actor, clock, background=background)
        if may_deliver:
            self._messages.drain()
        return result

    # -- set-up -------------------------------------------------------------------------------------
    def create_schema(self) -> None:
        from engine.migrations import MIGRATIONS

        MIGRATIONS.upgrade(self.db.url)

    def close(self) -> None:
        self.db.dispose()

    def deploy(self, paths: Iterable[str | Path] | str | Path, actor: str | None = None) -> DeployResult:
        return self.deploy_files(deploying.read_bundle(paths), actor=actor)

    def deploy_files(self, files: list[tuple[str, bytes]], actor: str | None = None) -> DeployResult:
        with self.db.write() as session, session.begin():
            result, parsed = deploying.store(session, files, known_operations=set(self.handlers), actor=actor,
                                             now=self.clock.now())
        for process in parsed:
            self.specs.put(process)
        return result

    def definitions(self, key: str | None = None) -> list[DefinitionInfo]:
        with self.db.read() as session:
            return queries.definitions(session, key)

    def definition_files(self, definition_id: str) -> dict[str, bytes]:
        with self.db.read() as session:
            return definition_files(session, definition_id)

    # -- starting and completing ----------------------------------------------------------------------
    def start(self, process_key: str, data: dict[str, Any] | None = None, business_key: str | None = None,
              actor: str | None = None, org: dict[str, Any] | None = None) -> str:
        data = _jsonable_input(data)
        if org is not None:
            data["org"] = _jsonable_input(org)
        with self.db.write() as session, session.begin():
            definition = queries.latest_definition(session, process_key)
            if definition.start_messages:
                raise InvalidState(
                    f"process {process_key!r} starts on message {', '.join(definition.start_messages)}; "
                    f"send that message with correlate() instead of starting it directly")
            runner, process = self._steps.new_instance(session, definition, business_key, actor, data)
            runner.start(data)
            persist_step(session, runner, process, self.search)
        self._steps.keep(runner)
        if runner.log.may_deliver:
            self._messages.drain()
        return runner.instance.id

    def complete(self, task_id: str, data: dict[str, Any] | None, actor: str | None) -> StepResult:
        data = _jsonable_input(data)

        def instance_of_task(session: Session) -> str:
            found = session.connection().execute(_TASK_INSTANCE, {"task_id": task_id}).scalar()
            if found is None:
                raise NotFound(f"task {task_id} does not exist")
            return found

        def apply(runner: StepRunner, session: Session) -> None:
            current = session.connection().execute(_TASK_STATE, {"task_id": task_id}).one()
            if current.status != "open":
                raise Conflict(f"task {task_id} was already {current.status}")
            if current.assignee and actor and current.assignee != actor:
                raise Conflict(f"task {task_id} is claimed by {current.assignee}")
            _require_active(runner.instance, "complete a task")
            runner.complete_task(task_id, data, current.form_key)

        return self._step(instance_of_task, "complete", apply, actor)

    # -- human task bookkeeping -------------------------------------------------------------------------
    def claim(self, task_id: str, actor: str) -> TaskInfo:
        return self._assign(task_id, actor, "claimed", actor, must_be_free=True)

    def unclaim(self, task_id: str, actor: str) -> TaskInfo:
        return self._assign(task_id, actor, "unclaimed", None)

    def assign(self, task_id: str, assignee: str | None, actor: str) -> TaskInfo:
        return self._assign(task_id, actor, "assigned", assignee)

    def _assign(self, task_id: str, actor: str, kind: str, assignee: str | None, must_be_free=False) -> TaskInfo:
        return task_changes.change_assignee(self.db, self.search, self.clock.now(), task_id, actor, kind,
                                            assignee=assignee, must_be_free=must_be_free)

    def set_task_dates(self, task_id: str, actor: str, due_at: datetime | None = None,
                       follow_up_at: datetime | None = None, priority: int | None = None) -> TaskInfo:
        return task_changes.set_dates(self.db, self.search, self.clock.now(), task_id, actor, due_at, follow_up_at,
                                      priority)

    def add_comment(self, task_id: str, actor: str, text: str) -> CommentInfo:
        return task_changes.add_comment(self.db, self.clock.now(), task_id, actor, text)

    def comments(self, task_id: str) -> list[CommentInfo]:
        return task_changes.comments(self.db, task_id)

    # -- messages -------------------------------------------------------------------------------------
    def correlate(self, message_name: str, correlation_key: str | None, payload: Any = None,
                  message_id: str | None = None) -> list[str]:
        """Deliver a message; returns the instances that received it (a repeated id is delivered once)."""
        if not message_name:
            raise ValidationError("a message needs a name")
        message_id = message_id or str(uuid.uuid4())
        self._messages.post(message_name, correlation_key, payload, message_id)
        self._messages.drain()
        return self._messages.receivers(message_id)

    # -- time and failures ------------------------------------------------------------------------------
    def run_due(self, now: datetime | None = None, limit: int = 100) -> DueWork:
        """Fire due timers, run due retries, deliver pending messages, expire old buffered ones, send the
        outbox and open an incident on each active route that waits for nothing; returns what was done."""
        clock = FixedClock(now) if now is not None else self.clock
        return run_round(self.db, self._step, self._messages, self.adapters, clock, limit)

    def retry(self, incident_id: str, actor: str) -> StepResult:
        with self.db.read() as session:
            instance_id, task_id = incident_queries.retry_target(session, incident_id)
        return self._step(instance_id, "retry", commands.retry(incident_id, task_id, automatic=False), actor)

    def incidents(self, instance_id: str | None = None, status: str | None = None) -> list[IncidentInfo]:
        with self.db.read() as session:
            return incident_queries.incidents(session, instance_id, status)

    def incident(self, incident_id: str) -> IncidentInfo:
        with self.db.read() as session:
            return incident_queries.incident(session, incident_id)

    def open_incidents(self, *, limit: int = 50, offset: int = 0, **filters: Any) -> list[OpenIncident]:
        """Open incidents of active and suspended routes, oldest first. Filters: `process_key`, `operation`,
        `org_kind` with `org_id` (the route's `org`), `older_than` (a timedelta before the engine clock)."""
        with self.db.read() as session:
            return incident_queries.open_incidents(session, self.search, limit=limit, offset=offset,
                                                   **self._incident_filters(filters))

    def count_open_incidents(self, **filters: Any) -> int:
        with self.db.read() as session:
            return incident_queries.count_open_incidents(session, **self._incident_filters(filters))

    def open_incident_operations(self) -> list[str]:
        with self.db.read() as session:
            return incident_queries.open_incident_operations(session)

    def _incident_filters(self, filters: dict[str, Any]) -> dict[str, Any]:
        older_than = filters.pop("older_than", None)
        return {**filters, "created_before": self.clock.now() - older_than if older_than is not None else None}

    # -- administration ---------------------------------------------------------------------------------
    def cancel(self, instance_id: str, actor: str, reason: str = "") -> StepResult:
        return self._step(instance_id, "cancel", commands.cancel(reason), actor)

    def send_back(self, instance_id: str, element_id: str, actor: str, reason: str) -> StepResult:
        """Token move: the route goes back to the user task `element_id` it passed earlier, which opens again
        with the answers it was completed with; what followed it is undone (one step, audited with the
        actor and the reason)."""
        if not reason or not reason.strip():
            raise ValidationError("sending a route back needs a reason")
        return self._step(instance_id, "send_back", commands.send_back(element_id, reason.strip()), actor)

    def repair(self, actor: str, reason: str, dry_run: bool = False) -> RepairReport:
        """Routes stalled inside a loop by issue 17 (a finished child its loop never merged): found, and unless
        `dry_run` moved on, one audited step each (`engine.repair`)."""
        return repair_stalled(self.db, self._steps, self._step, replay, actor=actor, reason=reason, dry_run=dry_run)

    def earlier_user_tasks(self, instance_id: str) -> list[tuple[str, str | None]]:
        """(element id, name) of the user tasks `send_back` accepts for the instance now, latest first."""
        with self.db.read() as session:
            row = _instance_row(session, instance_id)
            if row.status != "active":
                return []
            process = self._steps.process(session, row.definition_id)
            workflow, state = self._steps.workflow(row.id, row.version, process, lambda: row.state)
            found = [(task.task_spec.bpmn_id, task.task_spec.bpmn_name) for task in earlier_user_tasks(workflow)]
            self._steps.keep_workflow(row.id, row.version, row.status, workflow, state)
            return found

    def suspend(self, instance_id: str, actor: str, reason: str = "") -> None:
        instance_changes.set_status(self.db, self.clock.now(), instance_id, actor, "suspended", reason,
                                    allowed=("active",), kind="suspended")

    def resume(self, instance_id: str, actor: str, reason: str = "") -> None:
        instance_changes.set_status(self.db, self.clock.now(), instance_id, actor, "active", reason,
                                    allowed=("suspended",), kind="resumed")

    def log_audit_view(self, instance_id: str, actor: str, view: str, subject: str | None = None) -> None:
        instance_changes.log_view(self.db, self.clock.now(), instance_id, actor, view, subject)

    # -- queries ----------------------------------------------------------------------------------------
    def tasks(self, **filters: Any) -> list[TaskInfo]:
        with self.db.read() as session:
            return queries.tasks(session, self.search, **filters)

    def count_tasks(self, cap: int | None = None, **filters: Any) -> int:
        """The tasks' filters; with `cap`, at most `cap + 1` (meaning "more than cap") for a bounded cost."""
        with self.db.read() as session:
            return queries.count_tasks(session, self.search, cap=cap, **filters)

    def count_tasks_each(self, cap: int, filter_sets: list[dict[str, Any]]) -> list[int]:
        """`count_tasks(cap=cap, **filters)` for each set of filters, read together."""
        with self.db.read() as session:
            return queries.count_tasks_each(session, self.search, cap, filter_sets)

    def task(self, task_id: str, with_data: bool = True) -> TaskInfo:
        """A task; open tasks come with their current data and instructions (read from the live state)."""
        with self.db.read() as session:
            connection = session.connection()
            row = connection.execute(_TASK_AND_INSTANCE, {"task_id": task_id}).first()
            if row is None:
                raise NotFound(f"task {task_id} does not exist")
            if not with_data or row.status != "open":
                return queries.task_info(row, self.search)
            process = self._steps.process(session, row.definition_id)
            def stored_state() -> bytes:
                return connection.execute(_INSTANCE_STATE, {"instance_id": row.instance_id}).scalar_one()

            workflow, state = self._steps.workflow(row.instance_id, row.version, process, stored_state)
            live = find_task(workflow, uuid.UUID(task_id))
            data = to_jsonable(dict(live.data)) if live is not None else {}
            instructions = live.task_spec.extensions.get("instructionsForEndUser") if live is not None else None
            self._steps.keep_workflow(row.instance_id, row.version, row.instance_status, workflow, state)
            return queries.task_info(row, self.search, data=data, instructions=instructions)

    def instance(self, instance_id: str) -> InstanceInfo:
        with self.db.read() as session:
            return queries.instance_info(session, self.search, _instance_row(session, instance_id))

    def instances(self, **filters: Any) -> list[InstanceInfo]:
        with self.db.read() as session:
            return queries.instances(session, self.search, **filters)

    def audit_events(self, instance_id: str) -> list[AuditEventInfo]:
        with self.db.read() as session:
            return queries.audit_events(session, instance_id)

    def executed_path(self, instance_id: str) -> ExecutedPath:
        with self.db.read() as session:
            process = self._steps.process(session, _instance_row(session, instance_id).definition_id)
            return queries.executed_path(session, instance_id, process)

    def element_index(self, definition_id: str) -> DefinitionIndex:
        """Labels, kinds, lanes, milestones and flows of a definition version's diagrams; read once per
        version (definitions are immutable)."""
        index = self._element_indexes.get(definition_id)
        if index is None:
            index = definition_index(self.definition_files(definition_id))
            self._element_indexes[definition_id] = index
        return index

    def migrate(self, key: str, from_version: int, to_version: int, mapping: Mapping[str, str] | None = None,
                instance_ids: Iterable[str] | None = None, dry_run: bool = False,
                actor: str | None = None) -> migrating.MigrationReport:
        """Move the active routes of version `from_version` (or only `instance_ids`) to `to_version`; elements
        are matched by id, `mapping` (old id -> new id) adds the rest (`engine.migrating`)."""
        return migrating.migrate(self.db, self._steps, self._step, key, from_version, to_version, mapping,
                                 instance_ids, dry_run=dry_run, actor=actor)

    def timers(self, instance_id: str | None = None) -> list[tuple[str, str, datetime]]:
        """(instance id, element id, due time) of the waiting timers, soonest first."""
        with self.db.read() as session:
            return queries.timers(session, instance_id)

    def next_timer(self, after: datetime) -> datetime | None:
        """When the earliest timer of an active route falls due after `after` (None: no such timer)."""
        with self.db.read() as session:
            return queries.next_timer(session, after)


def _instance_row(session: Session, instance_id: str) -> ProcessInstance:
    row = session.get(ProcessInstance, instance_id)
    if row is None:
        raise NotFound(f"instance {instance_id} does not exist")
    return row


def _require_active(row: InstanceRecord, what: str) -> None:
    if row.status != "active":
        raise InvalidState(f"instance {row.id} is {row.status}; cannot {what}")


def _jsonable_input(data: Any) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ValidationError("task data must be a JSON object")
    try:
        return to_jsonable(dict(data))
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"task data is not JSON-compatible: {exc}") from exc
