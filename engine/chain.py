"""Appending to an instance's hash chain. The hash definition is in docs/contracts.md."""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from engine.history import RECENT
from engine.store.models import AuditEvent

GENESIS = "0" * 64
_INSERT_EVENTS = insert(AuditEvent.__table__)


def to_jsonable(value: Any) -> Any:
    """Task data as plain JSON values (datetimes as ISO strings), so the chain hashes what is stored."""
    return json.loads(json.dumps(value, default=_json_default, ensure_ascii=False))


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return repr(value)


def canonical_time(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(fields: dict[str, Any]) -> str:
    body = {
        "instance_id": fields["instance_id"],
        "seq": fields["seq"],
        "kind": fields["kind"],
        "at": canonical_time(fields["at"]),
        "actor": fields.get("actor"),
        "element_id": fields.get("element_id"),
        "task_id": fields.get("task_id"),
        "payload": fields.get("payload"),
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical(fields)).encode("utf-8")).hexdigest()


class ChainWriter:
    """Appends events of one instance within the current transaction. The head (seq, hash) lives on the
    instance row, so the instance's optimistic version also guards the chain against concurrent writers.

    Events are collected and written in one multi-row INSERT by `write()` (also called on session flush),
    which keeps a step's audit trail cheap."""

    def __init__(self, session: Session, instance):
        self.session = session
        self.instance = instance
        self.instance_id = instance.id
        self.seq = instance.audit_seq or 0
        self.first_seq = self.seq
        """The chain's length when this writer began (0: a new instance, with no step event before)."""
        self.head = instance.audit_head or GENESIS
        self.pending: list[dict[str, Any]] = []
        event.listen(session, "before_flush", self._before_flush)

    def append(self, kind: str, at: datetime, *, actor: str | None = None, element_id: str | None = None,
               task_id: str | None = None, payload: Any = None) -> dict[str, Any]:
        self.seq += 1
        fields = {"instance_id": self.instance_id, "seq": self.seq, "kind": kind, "at": at, "actor": actor,
                  "element_id": element_id, "task_id": task_id, "payload": to_jsonable(payload)}
        digest = event_hash(self.head, fields)
        row = {**fields, "hash": digest}
        self.pending.append(row)
        RECENT.advance(self.instance_id, self.head, digest)
        self.head = digest
        self.instance.audit_seq = self.seq
        self.instance.audit_head = digest
        return row

    def _before_flush(self, session, _context, _instances) -> None:
        self.write()

    def write(self) -> None:
        if self.pending:
            rows, self.pending = self.pending, []
            self.session.connection().execute(_INSERT_EVENTS, rows)
