"""Sending outbox rows to external systems through adapters, after the steps that wrote them committed.

A row is leased (status `sending`, lease until `next_attempt_at`) in a short transaction, sent outside any
transaction, then settled; a worker that dies mid-send leaves the lease to expire and the row is sent again
with the same idempotency key, which adapters must honour (handlers/adapters/base.py)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select

from engine.chain import ChainWriter, to_jsonable
from engine.db import Database
from engine.store.models import Outbox, ProcessInstance

LEASE = timedelta(minutes=5)
RETRY_BASE = timedelta(seconds=30)
MAX_ATTEMPTS = 8


def dispatch(db: Database, adapters: Mapping[str, Callable[[], Any]], now: datetime,
             limit: int = 100) -> tuple[int, int]:
    """Send due rows; returns (sent, failed attempts)."""
    sent = failed = 0
    for row_id, system, kind, payload in _lease(db, now, limit):
        factory = adapters.get(system)
        try:
            if factory is None:
                raise _Rejected(f"no adapter is configured for system {system!r}")
            response = factory().send(kind, payload, f"outbox-{row_id}")
        except Exception as exc:  # noqa: BLE001 - any adapter failure is recorded on the row, never lost
            retryable = getattr(exc, "retryable", not isinstance(exc, _Rejected))
            _settle(db, row_id, now, error=f"{type(exc).__name__}: {exc}", retryable=retryable)
            failed += 1
        else:
            _settle(db, row_id, now, response=to_jsonable(response))
            sent += 1
    return sent, failed


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


def _settle(db: Database, row_id: int, now: datetime, *, response: Any = None, error: str | None = None,
            retryable: bool = True) -> None:
    with db.write() as session, session.begin():
        row = session.get(Outbox, row_id)
        instance = session.get(ProcessInstance, row.instance_id, with_for_update=True) if row.instance_id else None
        row.attempts += 1
        if error is None:
            row.status, row.sent_at, row.next_attempt_at = "sent", now, None
            if instance is None:  # else the route's log keeps the answer (external_sent)
                row.response = response
            kind, payload = "external_sent", {"system": row.system, "kind": row.kind, "response": response}
        elif retryable and row.attempts < MAX_ATTEMPTS:
            row.status, row.last_error = "pending", error
            row.next_attempt_at = now + RETRY_BASE * (2 ** (row.attempts - 1))
            kind, payload = "external_failed", {"system": row.system, "kind": row.kind, "error": error,
                                                "next_attempt_at": row.next_attempt_at.isoformat()}
        else:
            row.status, row.last_error, row.next_attempt_at = "failed", error, None
            kind, payload = "external_failed", {"system": row.system, "kind": row.kind, "error": error,
                                                "next_attempt_at": None}
        if instance is not None:
            ChainWriter(session, instance).append(kind, now, actor="system", task_id=row.task_id, payload=payload)
