"""One worker round (`Engine.run_due`): what is due is asked in one read (one statement of EXISTS probes and the
watchdog's list), then only the kinds of work found are done: due timers and retries, step by step; messages
delivered and expired; the outbox sent; the watchdog's steps. A worker polls this between timers, so an idle
round costs a few round trips to the database, however many routes it holds."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, or_, select

from engine import commands, outbox
from engine.clock import Clock
from engine.db import Database
from engine.due_work import DueRetries, DueTimers
from engine.messaging import MessageRouter
from engine.model import DueWork
from engine.queries import ANY_DELIVERABLE
from engine.store.models import Incident, Message, Outbox, ProcessInstance, Timer
from engine.watchdog import stalled_routes

_NOW = bindparam("now")
_ANY_DUE_TIMER = (select(Timer.task_id).join(ProcessInstance, ProcessInstance.id == Timer.instance_id)
                  .where(Timer.due_at < _NOW, ProcessInstance.status == "active").limit(1))
"""SpiffWorkflow fires a timer only once its time has strictly passed."""
_ANY_DUE_RETRY = (select(Incident.id).join(ProcessInstance, ProcessInstance.id == Incident.instance_id)
                  .where(Incident.status == "open", Incident.next_retry_at <= _NOW,
                         ProcessInstance.status == "active").limit(1))
_ANY_EXPIRING = select(Message.id).where(Message.status == "buffered", Message.expires_at <= _NOW).limit(1)
_ANY_OUTBOX = (select(Outbox.id).where(or_(Outbox.status == "pending", Outbox.status == "sending"),
                                       or_(Outbox.next_attempt_at.is_(None), Outbox.next_attempt_at <= _NOW))
               .limit(1))
_PROBE = select(_ANY_DUE_TIMER.exists(), _ANY_DUE_RETRY.exists(), ANY_DELIVERABLE.exists(), _ANY_EXPIRING.exists(),
                _ANY_OUTBOX.exists())

Step = Callable[..., Any]


@dataclass(frozen=True)
class DueProbe:
    timers: bool
    retries: bool
    messages: bool
    expiring: bool
    outbox: bool
    stalled: list[str]


def probe(db: Database, moment: datetime, limit: int) -> DueProbe:
    """What is due at `moment`, read without the write lock (an idle round never takes it on SQLite)."""
    with db.read() as session:
        connection = session.connection()
        flags = connection.execute(_PROBE, {"now": moment}).one()
        return DueProbe(*flags, stalled=stalled_routes(connection, limit))


def run_round(db: Database, step: Step, messages: MessageRouter, adapters: Mapping[str, Callable],
              clock: Clock, limit: int) -> DueWork:
    moment = clock.now()
    due = probe(db, moment, limit)
    timers = DueTimers(moment, skip_locked=db.is_postgresql)
    fired = []
    while due.timers and not timers.exhausted and len(timers.claimed) < limit:
        if step(timers.claim, "timer", commands.fire_timers(moment), actor=None, clock=clock,
                background=True) is not None:
            fired.append(timers.claimed[-1])
        elif not timers.exhausted:
            timers.skipped.append(timers.claimed[-1])
    retries = DueRetries(moment, skip_locked=db.is_postgresql)
    retried = []
    while due.retries and not retries.exhausted and len(retries.claimed) < limit:
        if step(retries.claim, "retry", commands.retry_claimed(retries), actor=None, clock=clock,
                background=True):
            retried.append(retries.current[:2])
    delivered = messages.drain() if due.messages else 0
    expired = messages.expire(moment) if due.expiring else 0
    sent, failed = outbox.dispatch(db, adapters, moment, limit) if adapters and due.outbox else (0, 0)
    stalled = [instance_id for instance_id in due.stalled
               if step(instance_id, "watchdog", commands.watch(), actor=None, clock=clock,
                        background=True) is not None]
    return DueWork(fired_timers=tuple(fired), retried_incidents=tuple(retried), delivered_messages=delivered,
                   expired_messages=expired, outbox_sent=sent, outbox_failed=failed, stalled_routes=tuple(stalled))
