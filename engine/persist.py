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
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.audit.chain import to_jsonable
from engine.clock import parse_duration
from engine.specs import ParsedProcess
from engine.state import dump_state
from engine.step import StepRunner
from engine.store.models import HumanTask, Incident, Message, MessageSubscription, ProcessInstance, Timer

RETRY_BASE = timedelta(seconds=30)
MAX_ATTEMPTS = 5
DEPTH_WARNING = 800


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


def persist_step(session: Session, runner: StepRunner, process: ParsedProcess) -> tuple[list[str], str | None]:
    """Write everything the step produced; returns (ids of human tasks opened, id of an incident opened)."""
    snap = take_snapshot(runner.wf)
    with session.no_autoflush:
        return _persist(session, runner, process, snap)


def _persist(session: Session, runner: StepRunner, process: ParsedProcess,
             snap: Snapshot) -> tuple[list[str], str | None]:
    instance, wf, now, log = runner.instance, runner.wf, runner.now, runner.log
    if snap.completed and not _end_really_completed(wf) and log.failure is None:
        from engine.step import Failure

        log.failure = Failure(task_id="", element_id=None, operation=None, error_type="DepthLimit",
                              error="the task tree is deeper than SpiffWorkflow can walk (1000 levels): "
                                    "the diagram loops too often; use a cycle timer or multi-instance",
                              retryable=False)
        snap.completed = False

    _update_instance(instance, process, snap, log.completed, now)
    opened = _sync_human_tasks(session, runner, process, snap)
    _sync_timers(session, instance, snap)
    log.subscribed = _sync_subscriptions(session, instance, snap)
    incident_id = _record_incident(session, runner) if log.failure else None
    _queue_messages(session, runner)
    runner.audit("step", payload={"command": log.command, "completed": log.completed, "active": snap.active,
                                  "data_after": snap.data, "depth": snap.max_depth})
    if snap.completed and instance.status == "active":
        instance.status = "completed"
        instance.ended_at = now
        runner.audit("instance_completed", payload={"data": snap.data})
    instance.state = dump_state(wf)
    instance.updated_at = now
    session.flush()
    return opened, incident_id


def _update_instance(instance: ProcessInstance, process: ParsedProcess, snap: Snapshot, completed: list[str],
                     now: datetime) -> None:
    data = snap.data
    org = data.get("org") if isinstance(data.get("org"), dict) else instance.org or {}
    instance.org = org
    youth = data.get("youth") if isinstance(data.get("youth"), dict) else {}
    instance.youth_name = _text(data.get("youth_name") or youth.get("name")) or instance.youth_name
    instance.youth_search = search_form(instance.youth_name)
    instance.risk_level = _text(data.get("risk_level")) or instance.risk_level
    instance.school_id = _text(org.get("school")) or instance.school_id
    instance.edu_org_id = _text(org.get("edu_org")) or instance.edu_org_id
    for element_id in completed:
        if process.is_youth_milestone(element_id):
            instance.stage = process.elements[element_id].name


def search_form(name: str | None) -> str | None:
    """Case- and ё-insensitive form of a name for prefix search (SQLite's lower() is ASCII-only)."""
    return name.casefold().replace("ё", "е") if name else None


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)[:300]


def _sync_human_tasks(session: Session, runner: StepRunner, process: ParsedProcess, snap: Snapshot) -> list[str]:
    instance, now = runner.instance, runner.now
    rows = {row.id: row for row in session.scalars(
        select(HumanTask).where(HumanTask.instance_id == instance.id, HumanTask.status == "open"))
    } if instance.open_tasks else {}
    for task_id, row in rows.items():
        if task_id in snap.ready_human:
            row.youth_name, row.stage, row.risk_level = instance.youth_name, instance.stage, instance.risk_level
            row.youth_search = instance.youth_search
            continue
        if task_id == runner.log.completed_task_id:
            row.status, row.completed_at, row.completed_by = "completed", now, runner.actor
        else:
            row.status, row.completed_at = "cancelled", now
            runner.audit("task_cancelled", element_id=row.element_id, task_id=task_id)
    opened = []
    for task_id, task in snap.ready_human.items():
        if task_id in rows:
            continue
        element = process.element(task.task_spec.bpmn_id)
        group = process.candidate_group(task.task_spec.bpmn_id)
        org_key = "czn" if group == "curator" else group
        org_scope = _text((instance.org or {}).get(org_key)) if org_key else None
        priority = element.priority if element else 3
        due_at = now + parse_duration(element.due_in) if element and element.due_in else None
        follow_up = now + parse_duration(element.follow_up_in) if element and element.follow_up_in else None
        form_key = element.form_key if element else None
        session.add(HumanTask(
            id=task_id, instance_id=instance.id, process_key=instance.process_key,
            business_key=instance.business_key, element_id=task.task_spec.bpmn_id, name=task.task_spec.bpmn_name,
            form_key=form_key, candidate_group=group, org_scope=org_scope, priority=priority, due_at=due_at,
            follow_up_at=follow_up, status="open", youth_name=instance.youth_name,
            youth_search=instance.youth_search, stage=instance.stage,
            risk_level=instance.risk_level, created_at=now))
        runner.audit("task_opened", element_id=task.task_spec.bpmn_id, task_id=task_id,
                     payload={"form_key": form_key, "candidate_group": group, "org_scope": org_scope,
                              "name": task.task_spec.bpmn_name})
        opened.append(task_id)
    instance.open_tasks = len(snap.ready_human)
    return opened


def _sync_timers(session: Session, instance: ProcessInstance, snap: Snapshot) -> None:
    instance_id = instance.id
    rows = {row.task_id: row for row in session.scalars(select(Timer).where(Timer.instance_id == instance_id))
            } if instance.waiting_timers else {}
    for task_id, row in rows.items():
        wanted = snap.timers.get(task_id)
        if wanted is None:
            session.delete(row)
        elif row.due_at != wanted[1]:
            row.due_at = wanted[1]
    for task_id, (element_id, due_at) in snap.timers.items():
        if task_id not in rows:
            session.add(Timer(task_id=task_id, instance_id=instance_id, element_id=element_id, due_at=due_at))
    instance.waiting_timers = len(snap.timers)


def _sync_subscriptions(session: Session, instance: ProcessInstance, snap: Snapshot) -> bool:
    """Returns whether a new subscription appeared (a buffered message may now have a receiver)."""
    rows = {row.task_id: row for row in session.scalars(
        select(MessageSubscription).where(MessageSubscription.instance_id == instance.id))
    } if instance.waiting_messages else {}
    for task_id, row in rows.items():
        if task_id not in snap.subscriptions:
            session.delete(row)
    subscribed = False
    for task_id, (element_id, name) in snap.subscriptions.items():
        if task_id not in rows:
            session.add(MessageSubscription(task_id=task_id, instance_id=instance.id, element_id=element_id,
                                            name=name, correlation_key=instance.business_key))
            subscribed = True
    instance.waiting_messages = len(snap.subscriptions)
    return subscribed


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


def resolve_incidents(session: Session, runner: StepRunner, task_id: str) -> None:
    for incident in session.scalars(select(Incident).where(
            Incident.instance_id == runner.instance.id, Incident.task_id == task_id, Incident.status != "resolved")):
        incident.status, incident.resolved_at, incident.next_retry_at = "resolved", runner.now, None
        runner.audit("incident_resolved", element_id=incident.element_id, task_id=task_id,
                     payload={"incident_id": incident.id, "attempts": incident.attempts})
    still_open = session.scalars(select(Incident.id).where(
        Incident.instance_id == runner.instance.id, Incident.status != "resolved")).first()
    runner.instance.has_incident = still_open is not None


def _queue_messages(session: Session, runner: StepRunner) -> None:
    for index, message in enumerate(runner.log.messages_out, start=1):
        message_id = f"{runner.instance.id}:{runner.chain.seq + 1}:{index}"
        session.add(Message(id=message_id, name=message.name, correlation_key=message.correlation_key,
                            payload=message.payload, status="pending", source_instance_id=runner.instance.id,
                            delivered_to=[], created_at=runner.now))
        runner.audit("message_sent", payload={"name": message.name, "correlation_key": message.correlation_key,
                                              "payload": message.payload, "message_id": message_id})
