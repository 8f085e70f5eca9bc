"""Writing one step's outcome: compact state, search attributes, projections (human tasks, timers,
message subscriptions, incidents), outgoing messages and the closing audit events — all in the step's
transaction. The instance row's optimistic version makes a concurrent step fail instead of overwriting."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from engine import watchdog
from engine.chain import to_jsonable
from engine.clock import parse_duration
from engine.history import RECENT, step_fields
from engine.parsing.index import DEFAULT_PRIORITY
from engine.records import InstanceRecord, save_instance
from engine.search import COPIED, SearchAttributes
from engine.specs import ParsedProcess
from engine.state import dump_state, find_task
from engine.step import Failure, StepRunner
from engine.store.models import HumanTask, Incident, Message, MessageSubscription, MilestonePass, Timer

TASKS, TIMERS, SUBSCRIPTIONS = HumanTask.__table__, Timer.__table__, MessageSubscription.__table__
_OPEN_TASKS = select(TASKS.c.id, TASKS.c.element_id).where(TASKS.c.instance_id == bindparam("instance_id"),
                                                            TASKS.c.status == "open")
_TASK_SEARCH = (update(TASKS).where(TASKS.c.id == bindparam("task_id"))
                .values(**{name: bindparam(name) for name in COPIED}))
_TASK_CLOSE = (update(TASKS).where(TASKS.c.id == bindparam("task_id"))
               .values(status=bindparam("status"), completed_at=bindparam("completed_at"),
                       completed_by=bindparam("completed_by")))
_TASK_INSERT = insert(TASKS)
_TIMERS = select(TIMERS.c.task_id, TIMERS.c.due_at).where(TIMERS.c.instance_id == bindparam("instance_id"))
_TIMER_INSERT = insert(TIMERS)
_TIMER_DELETE = delete(TIMERS).where(TIMERS.c.task_id.in_(bindparam("gone", expanding=True)))
_SUBSCRIPTIONS = select(SUBSCRIPTIONS.c.task_id).where(SUBSCRIPTIONS.c.instance_id == bindparam("instance_id"))
_SUBSCRIPTION_INSERT = insert(SUBSCRIPTIONS)
_MESSAGE_INSERT = insert(Message.__table__)
_MILESTONE_INSERT = insert(MilestonePass.__table__)

RETRY_BASE = timedelta(seconds=30)
MAX_ATTEMPTS = 5


@dataclass
class Snapshot:
    """The live part of a workflow after a step."""

    data: dict[str, Any]
    ready_human: dict[str, Any]
    active: list[str]
    timers: dict[str, tuple[str, datetime]]
    subscriptions: dict[str, tuple[str, str]]
    completed: bool
    max_depth: int


def take_snapshot(wf) -> Snapshot:
    data: dict[str, Any] = {}
    ready_human: dict[str, Any] = {}
    active: list[str] = []
    max_depth = 0
    for task in wf.get_tasks(state=TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR):
        spec = task.task_spec
        if spec.bpmn_id is None:
            continue
        max_depth = max(max_depth, task.depth)
        if not task.has_state(TaskState.ERROR):
            data.update(task.data)
        active.append(spec.bpmn_id)
        if task.has_state(TaskState.READY) and spec.manual:
            ready_human[str(task.id)] = task
    completed = wf.is_completed()
    if completed:
        data = dict(wf.data) or data
    elif not data and wf.last_task is not None:
        data = dict(wf.last_task.data)
    timers: dict[str, tuple[str, datetime]] = {}
    subscriptions: dict[str, tuple[str, str]] = {}
    for task in wf.event_manager.tasks.values():
        definition = task.task_spec.event_definition
        if isinstance(definition, TimerEventDefinition):
            value = definition.details(task).value
            if value:
                timers[str(task.id)] = (task.task_spec.bpmn_id, TimerEventDefinition.get_datetime(value))
        elif isinstance(definition, MessageEventDefinition):
            subscriptions[str(task.id)] = (task.task_spec.bpmn_id, definition.name)
    return Snapshot(data=to_jsonable(data), ready_human=ready_human, active=active, timers=timers,
                    subscriptions=subscriptions, completed=completed, max_depth=max_depth)


def _end_really_completed(wf) -> bool:
    return any(t.task_spec.name == "End" and t.has_state(TaskState.COMPLETED) for t in wf.tasks.values())


def persist_step(session: Session, runner: StepRunner, process: ParsedProcess,
                 search: SearchAttributes) -> tuple[list[str], str | None]:
    """Write everything the step produced; returns (ids of human tasks opened, id of an incident opened)."""
    snap = take_snapshot(runner.wf)
    instance, wf, now, log = runner.instance, runner.wf, runner.now, runner.log
    connection = session.connection()
    if snap.completed and instance.status == "active" and not _end_really_completed(wf) and log.failure is None:
        log.failure = Failure(task_id="", element_id=None, operation=None, error_type="DepthLimit",
                              error="the task tree is deeper than SpiffWorkflow can walk (1000 levels): "
                                    "the diagram loops too often; use a cycle timer or multi-instance",
                              retryable=False)
        snap.completed = False

    _update_instance(instance, process, snap, log.completed, search)
    passed = [element_id for element_id in log.completed if process.is_milestone(element_id)]
    if passed:
        connection.execute(_MILESTONE_INSERT, [{"instance_id": instance.id, "element_id": element_id, "at": now}
                                               for element_id in passed])
    opened = _sync_human_tasks(connection, runner, process, snap)
    _sync_timers(connection, instance, snap, runner.timer_rows)
    log.subscribed = _sync_subscriptions(connection, instance, snap)
    if log.failure is None and not snap.completed and watchdog.waits_for_nothing(connection, instance):
        log.failure = watchdog.stalled(snap.active)
    incident_id = _record_incident(session, runner) if log.failure else None
    _queue_messages(connection, runner)
    _audit_step(connection, runner, snap)
    if snap.completed and instance.status == "active":
        instance.status = "completed"
        instance.ended_at = now
        runner.audit("instance_completed")
    instance.state = dump_state(wf)
    instance.updated_at = now
    session.flush()
    runner.chain.write()
    save_instance(connection, instance)
    return opened, incident_id


def _audit_step(connection, runner: StepRunner, snap: Snapshot) -> None:
    """The step event, its task data as a patch against the previous step's (engine.history)."""
    chain = runner.chain
    previous = RECENT.previous(connection, runner.instance.id, chain.head) if chain.first_seq else None
    data_field, patches = step_fields(previous, snap.data)
    runner.audit("step", payload={"command": runner.log.command, "completed": runner.log.completed,
                                  "active": snap.active, **data_field, "depth": snap.max_depth})
    RECENT.keep(runner.instance.id, runner.chain.head, snap.data, patches)


def _update_instance(instance: InstanceRecord, process: ParsedProcess, snap: Snapshot, completed: list[str],
                     search: SearchAttributes) -> None:
    data = snap.data
    instance.org = data.get("org") if isinstance(data.get("org"), dict) else instance.org or {}
    search.update(instance, data)
    for element_id in completed:
        if process.is_milestone(element_id):
            instance.milestone = process.elements[element_id].name


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)[:300]


def _sync_human_tasks(connection, runner: StepRunner, process: ParsedProcess, snap: Snapshot) -> list[str]:
    instance, now = runner.instance, runner.now
    open_rows = dict(connection.execute(_OPEN_TASKS, {"instance_id": instance.id}).all()
                     ) if instance.open_tasks else {}
    search = {name: getattr(instance, name) for name in COPIED}
    still_open = [{"task_id": task_id, **search} for task_id in open_rows if task_id in snap.ready_human]
    if still_open:
        connection.execute(_TASK_SEARCH, still_open)
    for task_id, element_id in open_rows.items():
        if task_id in snap.ready_human:
            continue
        if task_id == runner.log.completed_task_id:
            values = {"status": "completed", "completed_at": now, "completed_by": runner.actor}
        else:
            values = {"status": "cancelled", "completed_at": now, "completed_by": None}
            runner.audit("task_cancelled", element_id=element_id, task_id=task_id)
        connection.execute(_TASK_CLOSE, {"task_id": task_id, **values})
    new_rows = []
    for task_id, task in snap.ready_human.items():
        if task_id in open_rows:
            continue
        element = process.element(task.task_spec.bpmn_id)
        group = element.effective_candidate_group if element else None
        org_key = element.effective_org_key if element else None
        priority = (element.priority if element else None) or DEFAULT_PRIORITY
        org_scope = _text((instance.org or {}).get(org_key)) if org_key else None
        form_key = element.form_key if element else None
        new_rows.append({
            "id": task_id, "instance_id": instance.id, "process_key": instance.process_key,
            "business_key": instance.business_key, "element_id": task.task_spec.bpmn_id,
            "name": task.task_spec.bpmn_name, "form_key": form_key, "candidate_group": group,
            "org_scope": org_scope, "assignee": None, "priority": priority,
            "due_at": now + parse_duration(element.due_in) if element and element.due_in else None,
            "follow_up_at": now + parse_duration(element.follow_up_in) if element and element.follow_up_in else None,
            "status": "open", "created_at": now, "claimed_at": None, "completed_at": None, "completed_by": None,
            **search})
        runner.audit("task_opened", element_id=task.task_spec.bpmn_id, task_id=task_id,
                     payload={"form_key": form_key, "candidate_group": group, "org_scope": org_scope,
                              "name": task.task_spec.bpmn_name})
    reopened = [row for row in new_rows if row["id"] in runner.log.reopened]
    for row in reopened:
        connection.execute(update(TASKS).where(TASKS.c.id == row["id"]).values(
            {key: value for key, value in row.items() if key not in ("id", "instance_id")}))
    inserted = [row for row in new_rows if row["id"] not in runner.log.reopened]
    if inserted:
        connection.execute(_TASK_INSERT, inserted)
    instance.open_tasks = len(snap.ready_human)
    return [row["id"] for row in new_rows]


def timer_rows(connection, instance_id: str) -> dict[str, datetime]:
    """The instance's timer rows: task id -> due moment."""
    return dict(connection.execute(_TIMERS, {"instance_id": instance_id}).all())


def _sync_timers(connection, instance: InstanceRecord, snap: Snapshot, known: dict[str, datetime] | None) -> None:
    """`known`: the timer rows as the step's command read them (None: read them here, if there are any)."""
    existing = known if known is not None else timer_rows(connection, instance.id) if instance.waiting_timers else {}
    gone = [task_id for task_id in existing if task_id not in snap.timers]
    if gone:
        connection.execute(_TIMER_DELETE, {"gone": gone})
    new_rows = []
    for task_id, (element_id, due_at) in snap.timers.items():
        if task_id not in existing:
            new_rows.append({"task_id": task_id, "instance_id": instance.id, "element_id": element_id,
                             "due_at": due_at})
        elif existing[task_id] != due_at:
            connection.execute(update(TIMERS).where(TIMERS.c.task_id == task_id).values(due_at=due_at))
    if new_rows:
        connection.execute(_TIMER_INSERT, new_rows)
    instance.waiting_timers = len(snap.timers)


def _sync_subscriptions(connection, instance: InstanceRecord, snap: Snapshot) -> bool:
    """Returns whether a new subscription appeared (a buffered message may now have a receiver)."""
    existing = set(connection.execute(_SUBSCRIPTIONS, {"instance_id": instance.id}).scalars()
                   ) if instance.waiting_messages else set()
    gone = [task_id for task_id in existing if task_id not in snap.subscriptions]
    if gone:
        connection.execute(delete(SUBSCRIPTIONS).where(SUBSCRIPTIONS.c.task_id.in_(gone)))
    new_rows = [{"task_id": task_id, "instance_id": instance.id, "element_id": element_id, "name": name,
                 "correlation_key": instance.business_key}
                for task_id, (element_id, name) in snap.subscriptions.items() if task_id not in existing]
    if new_rows:
        connection.execute(_SUBSCRIPTION_INSERT, new_rows)
    instance.waiting_messages = len(snap.subscriptions)
    return bool(new_rows)


def _record_incident(session: Session, runner: StepRunner) -> str:
    failure, instance, now = runner.log.failure, runner.instance, runner.now
    existing = session.scalars(select(Incident).where(
        Incident.instance_id == instance.id, Incident.task_id == failure.task_id,
        Incident.status != "resolved")).first()
    attempts = existing.attempts + 1 if existing else 1
    can_retry = failure.retryable and attempts < MAX_ATTEMPTS
    next_retry = now + RETRY_BASE * (2 ** (attempts - 1)) if can_retry else None
    incident = existing or Incident(id=str(uuid.uuid4()), instance_id=instance.id, task_id=failure.task_id,
                                    created_at=now)
    incident.element_id, incident.operation = failure.element_id, failure.operation
    incident.error_type, incident.error, incident.attempts = failure.error_type, failure.error, attempts
    incident.status = "open" if can_retry else "waiting_admin"
    incident.next_retry_at = next_retry
    if existing is None:
        session.add(incident)
    instance.has_incident = True
    runner.audit("incident_opened", element_id=failure.element_id, task_id=failure.task_id or None,
                 payload={"incident_id": incident.id, "error": failure.error, "error_type": failure.error_type,
                          "attempts": attempts, "next_retry_at": next_retry.isoformat() if next_retry else None})
    return incident.id


def resolve_stale_incidents(session: Session, runner: StepRunner) -> None:
    """Resolve the open incidents whose task is no longer failed (a send-back or a cancellation removed it)."""
    stale = [incident.task_id for incident in session.scalars(select(Incident).where(
        Incident.instance_id == runner.instance.id, Incident.status != "resolved"))
        if runner.instance.status != "active" or not _still_failed(runner.wf, incident.task_id)]
    resolve_incidents(session, runner, *stale)


def _still_failed(wf, task_id: str) -> bool:
    try:
        task = find_task(wf, uuid.UUID(task_id))
    except ValueError:  # an incident of the whole route (no task) ends when the route moves
        return False
    return task is not None and task.has_state(TaskState.ERROR)


def resolve_incidents(session: Session, runner: StepRunner, *task_ids: str) -> None:
    for incident in session.scalars(select(Incident).where(
            Incident.instance_id == runner.instance.id, Incident.task_id.in_(task_ids),
            Incident.status != "resolved")):
        incident.status, incident.resolved_at, incident.next_retry_at = "resolved", runner.now, None
        runner.audit("incident_resolved", element_id=incident.element_id, task_id=incident.task_id or None,
                     payload={"incident_id": incident.id, "attempts": incident.attempts})
    session.flush()
    still_open = session.scalars(select(Incident.id).where(
        Incident.instance_id == runner.instance.id, Incident.status != "resolved")).first()
    runner.instance.has_incident = still_open is not None


def _queue_messages(connection, runner: StepRunner) -> None:
    rows = []
    for index, message in enumerate(runner.log.messages_out, start=1):
        message_id = f"{runner.instance.id}:{runner.chain.seq + 1}:{index}"
        rows.append({"id": message_id, "name": message.name, "correlation_key": message.correlation_key,
                     "payload": message.payload, "status": "pending", "source_instance_id": runner.instance.id,
                     "delivered_to": [], "created_at": runner.now, "expires_at": None})
        runner.audit("message_sent", payload={"name": message.name, "correlation_key": message.correlation_key,
                                              "payload": message.payload, "message_id": message_id})
    if rows:
        connection.execute(_MESSAGE_INSERT, rows)
