"""History retention: a time-to-live per process definition and a legal hold per instance. A purge
removes ended instances older than their TTL together with their log and projections, and writes an
anchor that records each purged chain's final head, so `verify` tells a legal purge from a deletion.
Other rooms' rows keyed by instance go in the same transaction through the purge hooks the deployment's
wiring gives (`engine.wiring.Wiring.purge_hooks`)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from engine.audit.anchors import Head, current_heads, write_anchor
from engine.chain import ChainWriter
from engine.errors import InvalidState, NotFound, ValidationError
from engine.store.models import (
    AuditEvent,
    HumanTask,
    Incident,
    Message,
    MessageSubscription,
    MilestonePass,
    Outbox,
    ProcessDefinition,
    ProcessInstance,
    TaskComment,
    Timer,
)

ENDED = ("completed", "cancelled")
HOOK_BATCH = 500
"""Instance ids per hook call, so a hook's `IN (...)` stays within every backend's bind-parameter limit."""

PurgeHook = Callable[[Session, Sequence[str]], None]
"""Deletes another room's rows of purged instances in the purge's transaction (flush, never commit)."""


@dataclass(frozen=True)
class PurgeResult:
    purged: list[str]
    held: list[str]
    anchor_id: int | None


def set_history_ttl(session: Session, process_key: str, days: int | None) -> int:
    """Set (or clear, with None) the TTL of every version of a process; returns how many versions."""
    if days is not None and days < 0:
        raise ValidationError("a history time-to-live cannot be negative")
    changed = session.execute(update(ProcessDefinition).where(ProcessDefinition.key == process_key)
                              .values(history_ttl_days=days)).rowcount
    if not changed:
        raise NotFound(f"process {process_key!r} is not deployed")
    return changed


def set_legal_hold(session: Session, instance_id: str, hold: bool, *, actor: str, reason: str,
                   now: datetime) -> None:
    if not reason.strip():
        raise ValidationError("a legal hold needs a reason")
    instance = session.get(ProcessInstance, instance_id)
    if instance is None:
        raise NotFound(f"instance {instance_id} does not exist")
    if instance.legal_hold == hold:
        raise InvalidState(f"instance {instance_id} is already {'on' if hold else 'off'} legal hold")
    instance.legal_hold = hold
    ChainWriter(session, instance).append("legal_hold", now, actor=actor, payload={"hold": hold, "reason": reason})
    session.flush()


def expired_instances(session: Session, now: datetime) -> tuple[list[str], list[str]]:
    """(ids past their TTL and free to purge, ids past their TTL but on legal hold)."""
    rows = session.execute(
        select(ProcessInstance.id, ProcessInstance.ended_at, ProcessInstance.legal_hold,
               ProcessDefinition.history_ttl_days)
        .join(ProcessDefinition, ProcessDefinition.id == ProcessInstance.definition_id)
        .where(ProcessInstance.status.in_(ENDED), ProcessInstance.ended_at.is_not(None),
               ProcessDefinition.history_ttl_days.is_not(None))
        .order_by(ProcessInstance.ended_at, ProcessInstance.id))
    free, held = [], []
    for row in rows:
        if row.ended_at + timedelta(days=row.history_ttl_days) < now:
            (held if row.legal_hold else free).append(row.id)
    return free, held


def purge(session: Session, now: datetime, hooks: Sequence[PurgeHook] = ()) -> PurgeResult:
    """Delete expired instances in the caller's transaction, let each hook delete its rows of them, and
    anchor what was removed. A hook that fails rolls the whole purge back with the caller's transaction."""
    free, held = expired_instances(session, now)
    if not free:
        return PurgeResult([], held, None)
    heads: dict[str, Head] = current_heads(session, free)
    for instance_id in free:
        _delete_instance(session, instance_id)
    for start in range(0, len(free), HOOK_BATCH):
        for hook in hooks:
            hook(session, free[start:start + HOOK_BATCH])
    anchor = write_anchor(session, now, purged=heads)
    return PurgeResult(free, held, anchor.id)


def _delete_instance(session: Session, instance_id: str) -> None:
    task_ids = select(HumanTask.id).where(HumanTask.instance_id == instance_id)
    session.execute(delete(TaskComment).where(TaskComment.task_id.in_(task_ids)))
    for model in (HumanTask, Timer, MessageSubscription, Incident, Outbox, MilestonePass, AuditEvent):
        session.execute(delete(model).where(model.instance_id == instance_id))
    session.execute(delete(Message).where(Message.source_instance_id == instance_id))
    session.execute(delete(ProcessInstance).where(ProcessInstance.id == instance_id))
