"""Sending outbox rows to external systems through adapters, after the steps that wrote them committed.

Due rows are leased (status `sending`, lease until `next_attempt_at`) in a short transaction, sent outside any
transaction, then settled together in one transaction; a worker that dies before settling leaves the leases
to expire and those rows are sent again with the same idempotency keys, which adapters must honour
(handlers/adapters/base.py)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engine.chain import ChainWriter, to_jsonable
from engine.db import Database
from engine.store.models import Outbox, ProcessInstance

LEASE = timedelta(minutes=5)
RETRY_BASE = timedelta(seconds=30)
MAX_ATTEMPTS = 8


def dispatch(db: Database, adapters: Mapping[str, Callable[[], Any]], now: datetime,
             limit: int = 100) -> tuple[int, int]:
    """Send due rows; returns (sent, failed attempts)."""
    outcomes: list[_Outcome] = []
    for row_id, system, kind, payload in _lease(db, now, limit):
        factory = adapters.get(system)
        try:
            if factory is None:
                raise _Rejected(f"no adapter is configured for system {system!r}")
            response = factory().send(kind, payload, f"outbox-{row_id}")
        except Exception as exc:  # noqa: BLE001 - any adapter failure is recorded on the row, never lost
            retryable = getattr(exc, "retryable", not isinstance(exc, _Rejected))
            outcomes.append(_Outcome(row_id, error=f"{type(exc).__name__}: {exc}", retryable=retryable))
        else:
            outcomes.append(_Outcome(row_id, response=to_jsonable(response)))
    if outcomes:
        _settle(db, now, outcomes)
    failed = sum(1 for outcome in outcomes if outcome.error is not None)
    return len(outcomes) - failed, failed


@dataclass(frozen=True)
class _Outcome:
    row_id: int
    response: Any = None
    error: str | None = None
    retryable: bool = True


class _Rejected(Exception):
    retryable = False


def _lease(db: Database, now: datetime, limit: int) -> list[tuple[int, str, str, Any]]:
    with db.write() as session, session.begin():
        query = (select(Outbox).where(or_(Outbox.status == "pending", Outbox.status == "sending"),
                                      or_(Outbox.next_attempt_at.is_(None), Outbox.next_attempt_at <= now))
                 .order_by(Outbox.id).limit(limit))
        if db.is_postgresql:
            query = query.with_for_update(skip_locked=True)
        rows = list(session.scalars(query))
        for row in rows:
            row.status, row.next_attempt_at = "sending", now + LEASE
        return [(row.id, row.system, row.kind, row.payload) for row in rows]


def _settle(db: Database, now: datetime, outcomes: list[_Outcome]) -> None:
    """Record the sends of a round on their rows and in their instances' audit chains, in one transaction."""
    with db.write() as session, session.begin():
        rows = {row.id: row for row in session.scalars(
            select(Outbox).where(Outbox.id.in_([outcome.row_id for outcome in outcomes])))}
        chains = _locked_chains(session, {row.instance_id for row in rows.values() if row.instance_id})
        for outcome in outcomes:
            row = rows[outcome.row_id]
            chain = chains.get(row.instance_id)
            kind, payload = _record(row, now, outcome, answer_logged=chain is not None)
            if chain is not None:
                chain.append(kind, now, actor="system", task_id=row.task_id, payload=payload)


def _locked_chains(session: Session, instance_ids: set[str]) -> dict[str, ChainWriter]:
    """The audit chains of the routes that still exist, their rows locked in id order, so two workers settling
    sends of the same routes wait for each other instead of deadlocking."""
    chains = {}
    for instance_id in sorted(instance_ids):
        instance = session.get(ProcessInstance, instance_id, with_for_update=True)
        if instance is not None:
            chains[instance_id] = ChainWriter(session, instance)
    return chains


def _record(row: Outbox, now: datetime, outcome: _Outcome, answer_logged: bool) -> tuple[str, dict[str, Any]]:
    """Settle the row; returns the audit event (kind, payload) of the attempt. A sent row keeps the external
    system's answer only when no route's log records it (`external_sent`)."""
    row.attempts += 1
    if outcome.error is None:
        row.status, row.sent_at, row.next_attempt_at = "sent", now, None
        if not answer_logged:
            row.response = outcome.response
        return "external_sent", {"system": row.system, "kind": row.kind, "response": outcome.response}
    if outcome.retryable and row.attempts < MAX_ATTEMPTS:
        row.status, row.last_error = "pending", outcome.error
        row.next_attempt_at = now + RETRY_BASE * (2 ** (row.attempts - 1))
        return "external_failed", {"system": row.system, "kind": row.kind, "error": outcome.error,
                                   "next_attempt_at": row.next_attempt_at.isoformat()}
    row.status, row.last_error, row.next_attempt_at = "failed", outcome.error, None
    return "external_failed", {"system": row.system, "kind": row.kind, "error": outcome.error,
                               "next_attempt_at": None}
