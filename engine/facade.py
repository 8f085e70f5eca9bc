"""`Engine`: the one object the rest of ProfRoute talks to. Every public call is one transaction (a call
that delivers messages afterwards runs each receiver's step in that receiver's own transaction)."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from engine import deploying, outbox, queries
from engine.audit.chain import GENESIS, ChainWriter, to_jsonable
from engine.clock import Clock, SystemClock
from engine.db import connect
from engine.errors import Conflict, InvalidState, NotFound, ValidationError
from engine.model import (
    AuditEventInfo,
    CommentInfo,
    DefinitionInfo,
    DeployResult,
    ExecutedPath,
    IncidentInfo,
    InstanceInfo,
    StepResult,
    TaskInfo,
)
from engine.persist import persist_step, resolve_incidents
from engine.records import InstanceRecord, StaleInstance, insert_instance, load_instance
from engine.specs import ParsedProcess, SpecCache
from engine.state import load_state
from engine.step import StepRunner
from engine.store.models import (
    HumanTask,
    Incident,
    Message,
    MessageSubscription,
    ProcessDefinition,
    ProcessInstance,
    TaskComment,
    Timer,
)

MAX_STEP_RETRIES = 5
_TASKS = HumanTask.__table__
_TASK_INSTANCE = select(_TASKS.c.instance_id).where(_TASKS.c.id == bindparam("task_id"))
_TASK_STATE = select(_TASKS.c.status, _TASKS.c.assignee, _TASKS.c.form_key).where(_TASKS.c.id == bindparam("task_id"))
MAX_DELIVERIES_PER_DRAIN = 10_000


class _Skip(Exception):
    """Abort the current step without writing anything (someone else already did the work)."""


class _FixedClock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


class Engine:
    def __init__(self, database_url: str, *, clock: Clock | None = None,
                 handlers: Mapping[str, Callable] | None = None, adapters: Mapping[str, Callable] | None = None,
                 message_ttl: timedelta = timedelta(days=30)):
        """`handlers`: service operation -> function; `adapters`: external system -> adapter factory
        (the outbox is dispatched by `run_due` only when adapters are given)."""
        self.db = connect(database_url)
        self.clock = clock or SystemClock()
        self.handlers = dict(handlers or {})
        self.adapters = dict(adapters or {})
        self.message_ttl = message_ttl
        self.specs = SpecCache()
        self._definitions: dict[str, ProcessDefinition] = {}

    # -- set-up -------------------------------------------------------------------------------------
    def create_schema(self) -> None:
        from engine.migrations import MIGRATIONS

        MIGRATIONS.upgrade(self.db.url)

    def close(self) -> None:
        self.db.dispose()

    def deploy(self, paths: Iterable[str | Path] | str | Path, actor: str | None = None) -> DeployResult:
        files = deploying.read_bundle(paths)
        return self.deploy_files(files, actor=actor)

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
        from engine.specs import definition_files

        with self.db.read() as session:
            return definition_files(session, definition_id)

    # -- starting -----------------------------------------------------------------------------------
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
            runner, process = self._new_instance(session, definition, business_key, actor, data)
            runner.start(data)
            persist_step(session, runner, process)
            instance_id = runner.instance.id
        if runner.log.may_deliver:
            self._drain()
        return instance_id

    def _new_instance(self, session: Session, definition: ProcessDefinition, business_key: str | None,
                      actor: str | None, data: dict[str, Any]) -> tuple[StepRunner, ParsedProcess]:
        process = self.specs.get(session, definition)
        now = self.clock.now()
        record = InstanceRecord(
            id=str(uuid.uuid4()), definition_id=definition.id, process_key=definition.key,
            business_key=business_key, parent_id=None, status="active", has_incident=False, state=b"", version=1,
            org=data.get("org") if isinstance(data.get("org"), dict) else {}, youth_name=None, youth_search=None,
            stage=None, risk_level=None, school_id=None, edu_org_id=None, legal_hold=False, open_tasks=0,
            waiting_timers=0, waiting_messages=0, audit_seq=0, audit_head=GENESIS, created_at=now, updated_at=now,
            ended_at=None)
        insert_instance(session.connection(), record)
        wf = BpmnWorkflow(process.spec, process.subprocess_specs)
        runner = StepRunner(session=session, instance=record, process=process, wf=wf, handlers=self.handlers,
                            clock=self.clock, now=now, actor=actor, command="start")
        runner.audit("instance_started", payload={
            "process_key": definition.key, "definition_id": definition.id, "version": definition.version,
            "content_hash": definition.content_hash, "business_key": business_key, "data": data})
        return runner, process

    # -- one step on an existing instance -------------------------------------------------------------
    def _step(self, target: str | Callable[[Session], str], command: str,
              apply: Callable[[StepRunner, Session], None], actor: str | None,
              clock: Clock | None = None) -> StepResult | None:
        """One command in one transaction; `target` is an instance id or finds it inside the transaction."""
        clock = clock or self.clock
        instance_id = target if isinstance(target, str) else "?"
        for _attempt in range(MAX_STEP_RETRIES):
            try:
                with self.db.write() as session, session.begin():
                    instance_id = target if isinstance(target, str) else target(session)
                    row = load_instance(session.connection(), instance_id, lock=True)
                    if row is None:
                        raise NotFound(f"instance {instance_id} does not exist")
                    process = self._process(session, row.definition_id)
                    wf = load_state(row.state, process.spec, process.subprocess_specs)
                    runner = StepRunner(session=session, instance=row, process=process, wf=wf,
                                        handlers=self.handlers, clock=clock, now=clock.now(), actor=actor,
                                        command=command)
                    apply(runner, session)
                    opened, incident_id = persist_step(session, runner, process)
                    result = StepResult(instance_id=row.id, status=row.status, opened_tasks=opened,
                                        incident_id=incident_id)
            except _Skip:
                return None
            except (StaleDataError, StaleInstance):
                continue
            if runner.log.may_deliver:
                self._drain()
            return result
        raise Conflict(f"instance {instance_id} kept changing under {command}; gave up after "
                       f"{MAX_STEP_RETRIES} attempts")

    def _process(self, session: Session, definition_id: str) -> ParsedProcess:
        """Definitions are immutable, so their rows are cached too."""
        definition = self._definitions.get(definition_id)
        if definition is None:
            definition = session.get(ProcessDefinition, definition_id)
            if definition is None:
                raise NotFound(f"definition {definition_id} does not exist")
            session.expunge(definition)
            self._definitions[definition_id] = definition
        return self.specs.get(session, definition)

    def _require_active(self, row: InstanceRecord, what: str) -> None:
        if row.status != "active":
            raise InvalidState(f"instance {row.id} is {row.status}; cannot {what}")

    # -- human tasks ----------------------------------------------------------------------------------
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
            self._require_active(runner.instance, "complete a task")
            runner.complete_task(task_id, data, current.form_key)

        return self._step(instance_of_task, "complete", apply, actor)

    def claim(self, task_id: str, actor: str) -> TaskInfo:
        return self._change_task(task_id, actor, "claimed", assignee=actor, must_be_free=True)

    def unclaim(self, task_id: str, actor: str) -> TaskInfo:
        return self._change_task(task_id, actor, "unclaimed", assignee=None)

    def assign(self, task_id: str, assignee: str | None, actor: str) -> TaskInfo:
        return self._change_task(task_id, actor, "assigned", assignee=assignee)

    def _change_task(self, task_id: str, actor: str, kind: str, *, assignee: str | None,
                     must_be_free: bool = False) -> TaskInfo:
        now = self.clock.now()
        try:
            with self.db.write() as session, session.begin():
                task = _open_task(session, task_id)
                if must_be_free and task.assignee not in (None, actor):
                    raise Conflict(f"task {task_id} is already claimed by {task.assignee}")
                task.assignee = assignee
                task.claimed_at = now if assignee else None
                instance = session.get(ProcessInstance, task.instance_id, with_for_update=True)
                ChainWriter(session, instance).append(kind, now, actor=actor, element_id=task.element_id,
                                                      task_id=task_id,
                                                      payload={"task_id": task_id, "assignee": assignee})
                instance.updated_at = now
                session.flush()
                return queries.task_info(task)
        except StaleDataError:
            raise Conflict(f"task {task_id} changed at the same moment; reload and try again") from None

    def set_task_dates(self, task_id: str, actor: str, due_at: datetime | None = None,
                       follow_up_at: datetime | None = None, priority: int | None = None) -> TaskInfo:
        if priority is not None and not 1 <= priority <= 5:
            raise ValidationError("priority must be between 1 (high) and 5 (low)")
        now = self.clock.now()
        with self.db.write() as session, session.begin():
            task = _open_task(session, task_id)
            changes = {}
            if due_at is not None:
                task.due_at, changes["due_at"] = due_at, due_at.isoformat()
            if follow_up_at is not None:
                task.follow_up_at, changes["follow_up_at"] = follow_up_at, follow_up_at.isoformat()
            if priority is not None:
                task.priority, changes["priority"] = priority, priority
            instance = session.get(ProcessInstance, task.instance_id, with_for_update=True)
            ChainWriter(session, instance).append("task_updated", now, actor=actor, element_id=task.element_id,
                                                  task_id=task_id, payload=changes)
            session.flush()
            return queries.task_info(task)

    def add_comment(self, task_id: str, actor: str, text: str) -> CommentInfo:
        text = (text or "").strip()
        if not text:
            raise ValidationError("a comment cannot be empty")
        if len(text) > 4000:
            raise ValidationError("a comment is limited to 4000 characters")
        now = self.clock.now()
        with self.db.write() as session, session.begin():
            task = session.get(HumanTask, task_id)
            if task is None:
                raise NotFound(f"task {task_id} does not exist")
            comment = TaskComment(task_id=task_id, author=actor, text=text, created_at=now)
            session.add(comment)
            instance = session.get(ProcessInstance, task.instance_id, with_for_update=True)
            ChainWriter(session, instance).append("comment", now, actor=actor, element_id=task.element_id,
                                                  task_id=task_id, payload={"text": text})
            session.flush()
            return CommentInfo(task_id=task_id, author=actor, text=text, created_at=now)

    def comments(self, task_id: str) -> list[CommentInfo]:
        with self.db.read() as session:
            rows = session.scalars(select(TaskComment).where(TaskComment.task_id == task_id)
                                   .order_by(TaskComment.id))
            return [CommentInfo(r.task_id, r.author, r.text, r.created_at) for r in rows]

    # -- messages -------------------------------------------------------------------------------------
    def correlate(self, message_name: str, correlation_key: str | None, payload: Any = None,
                  message_id: str | None = None) -> list[str]:
        if not message_name:
            raise ValidationError("a message needs a name")
        message_id = message_id or str(uuid.uuid4())
        with self.db.write() as session, session.begin():
            existing = session.get(Message, message_id)
            if existing is None:
                session.add(Message(id=message_id, name=message_name, correlation_key=correlation_key,
                                    payload=to_jsonable(payload), status="pending", source_instance_id=None,
                                    delivered_to=[], created_at=self.clock.now()))
        self._drain()
        with self.db.read() as session:
            return list(session.get(Message, message_id).delivered_to or [])

    def _drain(self) -> int:
        """Deliver pending messages, and buffered ones that someone now waits for."""
        delivered = 0
        while delivered < MAX_DELIVERIES_PER_DRAIN:
            with self.db.read() as session:
                pending = queries.deliverable_messages(session)
            if not pending:
                return delivered
            for message_id in pending:
                self._deliver(message_id)
                delivered += 1
        return delivered

    def _deliver(self, message_id: str) -> None:
        with self.db.read() as session:
            message = session.get(Message, message_id)
            if message is None or message.status not in ("pending", "buffered"):
                return
            receivers = session.scalars(
                select(MessageSubscription.instance_id)
                .join(ProcessInstance, ProcessInstance.id == MessageSubscription.instance_id)
                .where(MessageSubscription.name == message.name,
                       MessageSubscription.correlation_key == message.correlation_key,
                       ProcessInstance.status == "active")
                .distinct()).all()
            starter = None if receivers else queries.message_start_definition(session, message.name)
        if receivers:
            for instance_id in receivers:
                self._step(instance_id, "message", self._delivery(message_id), actor=None)
        elif starter is not None:
            self._start_by_message(starter, message_id)
        else:
            with self.db.write() as session, session.begin():
                message = session.get(Message, message_id)
                if message.status == "pending":
                    message.status = "buffered"
                    message.expires_at = self.clock.now() + self.message_ttl

    def _delivery(self, message_id: str) -> Callable[[StepRunner, Session], None]:
        def apply(runner: StepRunner, session: Session) -> None:
            message = session.get(Message, message_id)
            if message.status not in ("pending", "buffered") or runner.instance.id in (message.delivered_to or []):
                raise _Skip()
            if not runner.deliver_message(message.name, message.correlation_key, message.payload, message.id):
                raise _Skip()
            message.delivered_to = [*(message.delivered_to or []), runner.instance.id]
            message.status = "delivered"
        return apply

    def _start_by_message(self, definition_id: str, message_id: str) -> None:
        with self.db.write() as session, session.begin():
            message = session.get(Message, message_id)
            if message.status not in ("pending", "buffered"):
                return
            definition = session.get(ProcessDefinition, definition_id)
            runner, process = self._new_instance(session, definition, message.correlation_key, None, {})
            runner.run()
            if not runner.deliver_message(message.name, message.correlation_key, message.payload, message.id):
                raise InvalidState(f"process {definition.key!r} did not wait for its start message {message.name!r}")
            persist_step(session, runner, process)
            message.delivered_to = [runner.instance.id]
            message.status = "delivered"

    # -- time -----------------------------------------------------------------------------------------
    def run_due(self, now: datetime | None = None, limit: int = 100) -> list[str]:
        """Fire due timers, run due retries, deliver pending messages, expire old buffered ones."""
        clock = _FixedClock(now) if now is not None else self.clock
        moment = clock.now()
        done: list[str] = []
        with self.db.read() as session:
            due_instances = queries.instances_with_due_timers(session, moment, limit)
            due_incidents = queries.due_retries(session, moment, limit)
        for instance_id in due_instances:
            result = self._step(instance_id, "timer", self._fire_timers(moment), actor=None, clock=clock)
            if result is not None:
                done.append(f"timer fired on instance {instance_id}")
        for incident_id, instance_id, task_id in due_incidents:
            result = self._step(instance_id, "retry", self._retry(incident_id, task_id, automatic=True),
                                actor=None, clock=clock)
            if result is not None:
                done.append(f"retried incident {incident_id} on instance {instance_id}")
        delivered = self._drain()
        if delivered:
            done.append(f"delivered {delivered} message(s)")
        with self.db.write() as session, session.begin():
            expired = session.execute(update(Message).where(Message.status == "buffered",
                                                            Message.expires_at <= moment)
                                      .values(status="expired")).rowcount
        if expired:
            done.append(f"expired {expired} unmatched message(s)")
        if self.adapters:
            sent, failed = outbox.dispatch(self.db, self.adapters, moment, limit)
            if sent or failed:
                done.append(f"outbox: {sent} sent, {failed} failed attempt(s)")
        return done

    def _fire_timers(self, moment: datetime) -> Callable[[StepRunner, Session], None]:
        def apply(runner: StepRunner, session: Session) -> None:
            if runner.instance.status != "active":
                raise _Skip()
            query = select(Timer.task_id).where(Timer.instance_id == runner.instance.id, Timer.due_at <= moment)
            if self.db.is_postgresql:
                query = query.with_for_update(skip_locked=True)
            if not session.scalars(query).all():
                raise _Skip()
            runner.run()
        return apply

    def _retry(self, incident_id: str, task_id: str, automatic: bool) -> Callable[[StepRunner, Session], None]:
        def apply(runner: StepRunner, session: Session) -> None:
            incident = session.get(Incident, incident_id)
            if incident is None or incident.status == "resolved":
                raise _Skip()
            if automatic and (incident.status != "open" or incident.next_retry_at is None
                              or incident.next_retry_at > runner.now):
                raise _Skip()
            runner.retry(task_id)
            if runner.log.failure is None:
                resolve_incidents(session, runner, task_id)
        return apply

    def retry(self, incident_id: str, actor: str) -> StepResult:
        with self.db.read() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFound(f"incident {incident_id} does not exist")
            if incident.status == "resolved":
                raise InvalidState(f"incident {incident_id} is already resolved")
            instance_id, task_id = incident.instance_id, incident.task_id
        return self._step(instance_id, "retry", self._retry(incident_id, task_id, automatic=False), actor)

    def incidents(self, instance_id: str | None = None, status: str | None = None) -> list[IncidentInfo]:
        with self.db.read() as session:
            return queries.incidents(session, instance_id, status)

    # -- administration ---------------------------------------------------------------------------------
    def cancel(self, instance_id: str, actor: str, reason: str = "") -> StepResult:
        def apply(runner: StepRunner, session: Session) -> None:
            if runner.instance.status in ("completed", "cancelled"):
                raise InvalidState(f"instance {instance_id} is already {runner.instance.status}")
            runner.cancel(reason)
            runner.instance.status = "cancelled"
            runner.instance.ended_at = runner.now
        return self._step(instance_id, "cancel", apply, actor)

    def suspend(self, instance_id: str, actor: str, reason: str = "") -> None:
        self._set_status(instance_id, actor, "suspended", reason, allowed=("active",))

    def resume(self, instance_id: str, actor: str, reason: str = "") -> None:
        self._set_status(instance_id, actor, "active", reason, allowed=("suspended",), kind="resumed")

    def _set_status(self, instance_id: str, actor: str, status: str, reason: str, allowed: tuple[str, ...],
                    kind: str | None = None) -> None:
        now = self.clock.now()
        try:
            with self.db.write() as session, session.begin():
                row = session.get(ProcessInstance, instance_id, with_for_update=True)
                if row is None:
                    raise NotFound(f"instance {instance_id} does not exist")
                if row.status not in allowed:
                    raise InvalidState(f"instance {instance_id} is {row.status}; cannot make it {status}")
                row.status, row.updated_at = status, now
                ChainWriter(session, row).append(kind or status, now, actor=actor, payload={"reason": reason})
        except StaleDataError:
            raise Conflict(f"instance {instance_id} changed at the same moment; try again") from None

    def log_audit_view(self, instance_id: str, actor: str, view: str, subject: str | None = None) -> None:
        now = self.clock.now()
        for _attempt in range(MAX_STEP_RETRIES):
            try:
                with self.db.write() as session, session.begin():
                    row = session.get(ProcessInstance, instance_id, with_for_update=True)
                    if row is None:
                        raise NotFound(f"instance {instance_id} does not exist")
                    ChainWriter(session, row).append("audit_viewed", now, actor=actor,
                                                     payload={"view": view, "subject": subject})
                return
            except StaleDataError:
                continue
        raise Conflict(f"could not log the view of instance {instance_id}")

    # -- queries ----------------------------------------------------------------------------------------
    def tasks(self, **filters: Any) -> list[TaskInfo]:
        with self.db.read() as session:
            return queries.tasks(session, **filters)

    def count_tasks(self, **filters: Any) -> int:
        with self.db.read() as session:
            return queries.count_tasks(session, **filters)

    def task(self, task_id: str, with_data: bool = True) -> TaskInfo:
        with self.db.read() as session:
            row = session.get(HumanTask, task_id)
            if row is None:
                raise NotFound(f"task {task_id} does not exist")
            if not with_data or row.status != "open":
                return queries.task_info(row)
            instance = session.get(ProcessInstance, row.instance_id)
            process = self.specs.get(session, session.get(ProcessDefinition, instance.definition_id))
            wf = load_state(instance.state, process.spec, process.subprocess_specs)
            live = wf.get_task_from_id(uuid.UUID(task_id))
            data = to_jsonable(dict(live.data)) if live is not None else {}
            instructions = live.task_spec.extensions.get("instructionsForEndUser") if live is not None else None
            return queries.task_info(row, data=data, instructions=instructions)

    def instance(self, instance_id: str) -> InstanceInfo:
        with self.db.read() as session:
            row = session.get(ProcessInstance, instance_id)
            if row is None:
                raise NotFound(f"instance {instance_id} does not exist")
            return queries.instance_info(session, row)

    def instances(self, **filters: Any) -> list[InstanceInfo]:
        with self.db.read() as session:
            return queries.instances(session, **filters)

    def audit_events(self, instance_id: str) -> list[AuditEventInfo]:
        with self.db.read() as session:
            return queries.audit_events(session, instance_id)

    def executed_path(self, instance_id: str) -> ExecutedPath:
        with self.db.read() as session:
            row = session.get(ProcessInstance, instance_id)
            if row is None:
                raise NotFound(f"instance {instance_id} does not exist")
            process = self.specs.get(session, session.get(ProcessDefinition, row.definition_id))
            return queries.executed_path(session, instance_id, process)

    def timers(self, instance_id: str | None = None) -> list[tuple[str, str, datetime]]:
        with self.db.read() as session:
            query = select(Timer.instance_id, Timer.element_id, Timer.due_at).order_by(Timer.due_at)
            if instance_id:
                query = query.where(Timer.instance_id == instance_id)
            return [tuple(row) for row in session.execute(query)]

    def statistics(self) -> dict[str, int]:
        with self.db.read() as session:
            by_status = dict(session.execute(select(ProcessInstance.status, func.count())
                                             .group_by(ProcessInstance.status)).all())
            open_tasks = session.scalar(select(func.count()).select_from(HumanTask)
                                        .where(HumanTask.status == "open"))
            return {**by_status, "open_tasks": open_tasks or 0}


def _open_task(session: Session, task_id: str) -> HumanTask:
    task = session.get(HumanTask, task_id)
    if task is None:
        raise NotFound(f"task {task_id} does not exist")
    if task.status != "open":
        raise Conflict(f"task {task_id} is already {task.status}")
    return task


def _jsonable_input(data: Any) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ValidationError("task data must be a JSON object")
    try:
        return to_jsonable(dict(data))
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"task data is not JSON-compatible: {exc}") from exc
