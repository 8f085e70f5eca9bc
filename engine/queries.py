"""Read-side queries over the engine's tables. Inbox filters only touch indexed columns."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, literal, literal_column, select, union_all
from sqlalchemy.orm import Session, aliased

from engine.chain import GENESIS
from engine.deploying import info as definition_info
from engine.errors import NotFound, ValidationError
from engine.history import read_latest
from engine.model import AuditEventInfo, DefinitionInfo, ExecutedPath, InstanceInfo, TaskInfo
from engine.search import SearchAttributes, search_form
from engine.specs import ParsedProcess
from engine.store.models import (
    AuditEvent,
    HumanTask,
    Message,
    MessageSubscription,
    ProcessDefinition,
    ProcessInstance,
    Timer,
)

TASK_ORDERS = ("created", "-created", "due", "priority")
"""Each ends in (created_at, id), the columns every inbox index ends in (engine.store.models.HumanTask)."""


def _order_by(task, order: str) -> tuple:
    """The order's clauses over `task`: the HumanTask entity, or an alias of it."""
    if order == "-created":
        return task.created_at.desc(), task.id.desc()
    first = {"due": (task.due_at.asc().nulls_last(),), "priority": (task.priority.asc(),)}.get(order, ())
    return *first, task.created_at.asc(), task.id.asc()

TASK_STATUSES = ("open", "completed", "cancelled", "any")


def latest_definition(session: Session, key: str) -> ProcessDefinition:
    row = session.scalars(select(ProcessDefinition).where(ProcessDefinition.key == key)
                          .order_by(ProcessDefinition.version.desc()).limit(1)).first()
    if row is None:
        raise NotFound(f"no process {key!r} is deployed")
    return row


def definitions(session: Session, key: str | None) -> list[DefinitionInfo]:
    query = select(ProcessDefinition).order_by(ProcessDefinition.key, ProcessDefinition.version)
    if key:
        query = query.where(ProcessDefinition.key == key)
    return [definition_info(row) for row in session.scalars(query)]


def message_start_definition(session: Session, message_name: str) -> str | None:
    """The latest version of the process whose message start event has this name, if any."""
    latest = (select(ProcessDefinition.key, func.max(ProcessDefinition.version).label("version"))
              .group_by(ProcessDefinition.key).subquery())
    rows = session.execute(select(ProcessDefinition.id, ProcessDefinition.start_messages)
                           .join(latest, and_(latest.c.key == ProcessDefinition.key,
                                              latest.c.version == ProcessDefinition.version))).all()
    for row in rows:
        if message_name in (row.start_messages or []):
            return row.id
    return None


# The polling statements run after every step and on every scheduler tick, so they are built once with
# bound parameters: building a statement costs more than running it on an idle database.
_WAITED_FOR = (select(Message.id, Message.created_at)
               .join(MessageSubscription, and_(MessageSubscription.name == Message.name,
                                               MessageSubscription.correlation_key == Message.correlation_key))
               .where(Message.status == "buffered"))
_PENDING = select(Message.id, Message.created_at).where(Message.status == "pending")
_DELIVERABLE = _PENDING.union(_WAITED_FOR).subquery()
_DELIVERABLE_MESSAGES = (select(_DELIVERABLE.c.id).order_by(_DELIVERABLE.c.created_at, _DELIVERABLE.c.id)
                         .limit(bindparam("limit")))
ANY_DELIVERABLE = select(_DELIVERABLE.c.id).limit(1)


def deliverable_messages(session: Session, limit: int = 50) -> list[str]:
    """Pending messages and buffered ones that someone now waits for, oldest first (FIFO per key)."""
    return list(session.connection().execute(_DELIVERABLE_MESSAGES, {"limit": limit}).scalars())


def _task_filters(query: Select, search: SearchAttributes, *, candidate_group: str | None = None,
                  candidate_groups=None, assignee: str | None = None, instance_id: str | None = None,
                  business_key: str | None = None, status: str = "open", org_scope: str | None = None,
                  process_key: str | None = None, process_keys=None, text: str | None = None,
                  attributes: Mapping[str, str] | None = None, priority: int | None = None,
                  due_before: datetime | None = None, unassigned: bool = False) -> Select:
    """`text`: a prefix of the search attribute; `attributes`: search attribute name -> value, matched on the
    task's copy of its route's slots (every step writes them to the route's open tasks; each has an index)."""
    if status not in TASK_STATUSES:
        raise ValidationError(f"unknown task status {status!r}; use one of {', '.join(TASK_STATUSES)}")
    if status != "any":  # written into the SQL, so the planner sees the open-task indexes' predicate
        query = query.where(HumanTask.status == literal(status, literal_execute=True))
    query = _equal(query, (
        (HumanTask.candidate_group, candidate_group), (HumanTask.assignee, assignee),
        (HumanTask.instance_id, instance_id), (HumanTask.business_key, business_key),
        (HumanTask.org_scope, org_scope), (HumanTask.process_key, process_key), (HumanTask.priority, priority)))
    if candidate_groups is not None:
        query = query.where(HumanTask.candidate_group.in_(list(candidate_groups)))
    if process_keys is not None:
        query = query.where(HumanTask.process_key.in_(list(process_keys)))
    if unassigned:
        query = query.where(HumanTask.assignee.is_(None))
    if text:
        query = query.where(HumanTask.search_key.startswith(search_form(text), autoescape=True))
    if due_before is not None:
        query = query.where(HumanTask.due_at <= due_before)
    if attributes:
        query = _equal(query, _attribute_pairs(HumanTask, search, attributes))
    return query


def _attribute_pairs(model, search: SearchAttributes, attributes: Mapping[str, str]):
    return [(model.__table__.c[search.slot(name)], value) for name, value in attributes.items()]


def tasks(session: Session, search: SearchAttributes, *, limit: int = 50, offset: int = 0, order: str = "created",
          **filters: Any) -> list[TaskInfo]:
    if order not in TASK_ORDERS:
        raise ValidationError(f"unknown order {order!r}; use one of {', '.join(TASK_ORDERS)}")
    if not 1 <= limit <= 1000 or offset < 0:
        raise ValidationError("limit must be 1..1000 and offset non-negative")
    keys = sorted(set(filters.get("process_keys") or ()))
    if len(keys) > 1 and filters.get("process_key") is None:
        query = _merged_by_process(search, keys, limit, offset, order, filters)
    else:
        query = (_task_filters(select(HumanTask), search, **filters).order_by(*_order_by(HumanTask, order))
                 .limit(limit).offset(offset))
    return [task_info(row, search) for row in session.scalars(query)]


def _merged_by_process(search: SearchAttributes, keys: list[str], limit: int, offset: int, order: str,
                       filters: dict[str, Any]) -> Select:
    """Tasks of several processes in order: each process's first rows from its own index range, merged
    (PostgreSQL's Merge Append), instead of sorting every task of those processes."""
    parts = [_task_filters(select(HumanTask), search, **{**filters, "process_keys": None, "process_key": key})
             .order_by(*_order_by(HumanTask, order)).limit(limit + offset) for key in keys]
    task = aliased(HumanTask, union_all(*parts).subquery())
    return select(task).order_by(*_order_by(task, order)).limit(limit).offset(offset)


def count_tasks(session: Session, search: SearchAttributes, cap: int | None = None, **filters: Any) -> int:
    """The number of tasks the filters find; with `cap`, counting stops past it, so the answer is at most
    `cap + 1` ("more than cap") and costs no more than reading that many index entries."""
    if cap is None:
        return session.scalar(_task_filters(select(func.count()).select_from(HumanTask), search, **filters)) or 0
    return session.scalar(_capped_count(search, cap, filters)) or 0


def count_tasks_each(session: Session, search: SearchAttributes, cap: int,
                     filter_sets: list[dict[str, Any]]) -> list[int]:
    """`count_tasks(cap=cap)` for each set of filters, in one statement (one round trip for an inbox's tabs)."""
    _check_cap(cap)
    counts = [_capped_count(search, cap, filters).scalar_subquery() for filters in filter_sets]
    return [int(count or 0) for count in session.execute(select(*counts)).one()] if counts else []


def _capped_count(search: SearchAttributes, cap: int, filters: dict[str, Any]) -> Select:
    _check_cap(cap)
    found = _task_filters(select(literal_column("1")).select_from(HumanTask), search, **filters).limit(cap + 1)
    return select(func.count()).select_from(found.subquery())


def _check_cap(cap: int) -> None:
    if cap < 0:
        raise ValidationError("a count's cap must be non-negative")


def task_info(row: Any, search: SearchAttributes, data: dict[str, Any] | None = None,
              instructions: str | None = None) -> TaskInfo:
    return TaskInfo(
        id=row.id, instance_id=row.instance_id, process_key=row.process_key, business_key=row.business_key,
        element_id=row.element_id, name=row.name, form_key=row.form_key, candidate_group=row.candidate_group,
        org_scope=row.org_scope, assignee=row.assignee, priority=row.priority, due_at=row.due_at,
        follow_up_at=row.follow_up_at, status=row.status, created_at=row.created_at, claimed_at=row.claimed_at,
        completed_at=row.completed_at, completed_by=row.completed_by, attributes=search.named(row), data=data,
        instructions=instructions)


def _last_step_data(session: Session, instance_id: str) -> dict[str, Any]:
    """The data after the newest step: its snapshot and the patches since (engine.history)."""
    latest = read_latest(session.connection(), instance_id)
    return latest[0] if latest is not None else {}


def instance_info(session: Session, search: SearchAttributes, row: ProcessInstance) -> InstanceInfo:
    version = session.scalar(select(ProcessDefinition.version).where(ProcessDefinition.id == row.definition_id))
    data = _last_step_data(session, row.id)
    return InstanceInfo(
        id=row.id, process_key=row.process_key, definition_id=row.definition_id, version=version or 0,
        business_key=row.business_key, parent_id=row.parent_id, status=row.status, has_incident=row.has_incident,
        data=data, org=dict(row.org or {}), attributes=search.named(row), milestone=row.milestone,
        created_at=row.created_at, updated_at=row.updated_at, ended_at=row.ended_at, legal_hold=row.legal_hold)


def timers(session: Session, instance_id: str | None) -> list[tuple[str, str, datetime]]:
    query = select(Timer.instance_id, Timer.element_id, Timer.due_at).order_by(Timer.due_at)
    if instance_id:
        query = query.where(Timer.instance_id == instance_id)
    return [(row.instance_id, row.element_id, row.due_at) for row in session.execute(query)]


def next_timer(session: Session, after: datetime) -> datetime | None:
    return session.scalar(select(func.min(Timer.due_at))
                          .join(ProcessInstance, ProcessInstance.id == Timer.instance_id)
                          .where(Timer.due_at > after, ProcessInstance.status == "active"))


def instances(session: Session, search: SearchAttributes, *, business_key: str | None = None,
              process_key: str | None = None, status: str | None = None,
              attributes: Mapping[str, str] | None = None, limit: int = 50, offset: int = 0) -> list[InstanceInfo]:
    query = _equal(select(ProcessInstance), (
        (ProcessInstance.business_key, business_key), (ProcessInstance.process_key, process_key),
        (ProcessInstance.status, status), *_attribute_pairs(ProcessInstance, search, attributes or {})))
    query = query.order_by(ProcessInstance.created_at, ProcessInstance.id).limit(limit).offset(offset)
    return [instance_info(session, search, row) for row in session.scalars(query)]


def _equal(query: Select, pairs) -> Select:
    """`column = value` for every pair whose value is given."""
    for column, value in pairs:
        if value is not None:
            query = query.where(column == value)
    return query


def audit_events(session: Session, instance_id: str) -> list[AuditEventInfo]:
    rows = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == instance_id)
                           .order_by(AuditEvent.seq)).all()
    links = [GENESIS, *(r.hash for r in rows)]
    return [AuditEventInfo(instance_id=r.instance_id, seq=r.seq, kind=r.kind, at=r.at, actor=r.actor,
                           element_id=r.element_id, task_id=r.task_id, payload=r.payload, prev_hash=link,
                           hash=r.hash) for r, link in zip(rows, links, strict=False)]


def executed_path(session: Session, instance_id: str, process: ParsedProcess) -> ExecutedPath:
    """Completed elements with counts, waiting elements, and the flows taken: between consecutive completions
    that a flow joins, and into each waiting element from the source that completed last."""
    payloads = session.scalars(select(AuditEvent.payload).where(AuditEvent.instance_id == instance_id,
                                                                AuditEvent.kind == "step")
                               .order_by(AuditEvent.seq)).all()
    sequence: list[str] = []
    for payload in payloads:
        sequence.extend(payload.get("completed", []))
    completed = Counter(sequence)
    flows: Counter[str] = Counter()
    for source, target in zip(sequence, sequence[1:], strict=False):
        flow_id = process.flows.get((source, target))
        if flow_id:
            flows[flow_id] += 1
    active = set(payloads[-1].get("active", [])) if payloads else set()
    last_done = {element: position for position, element in enumerate(sequence)}
    for element in active:
        entering = [(last_done[source], flow_id) for (source, target), flow_id in process.flows.items()
                    if target == element and source in last_done]
        if entering:
            flows[max(entering)[1]] += 1
    return ExecutedPath(completed=dict(completed), active=active, flows=dict(flows))
