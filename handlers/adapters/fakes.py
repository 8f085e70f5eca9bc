"""Local fakes of the external systems: they check each request against the kinds the real system
accepts, record it in a journal and answer as the real system would, so the whole map runs offline."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from handlers.adapters.base import AdapterError
from handlers.adapters.journal import journal_for, journal_path

Answer = Callable[[dict[str, Any], str], dict[str, Any]]


def assigned_id(prefix: str, key: str) -> str:
    """The identifier the fake system assigns: stable for the idempotency key."""
    return f"{prefix}-{uuid.uuid5(uuid.NAMESPACE_OID, key).hex[:12]}"


class RecordingFake:
    """Validates, records and answers requests for one system from a table of kinds."""

    def __init__(
        self,
        system: str,
        kinds: Mapping[str, tuple[tuple[str, ...], Answer]],
        path: Path | None = None,
        accept_any_kind: Answer | None = None,
    ) -> None:
        self.system = system
        self.kinds = kinds
        self.accept_any_kind = accept_any_kind
        self.journal = journal_for(path or journal_path(system))

    def send(self, kind: str, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        if not idempotency_key:
            raise AdapterError("an idempotency key is required", retryable=False)
        with self.journal.lock:
            earlier = self.journal.answer_for(idempotency_key)
            if earlier is not None:
                return earlier
            return self._accept(kind, payload, idempotency_key)

    def _accept(self, kind: str, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        if kind in self.kinds:
            required, answer = self.kinds[kind]
        elif self.accept_any_kind is not None:
            required, answer = (), self.accept_any_kind
        else:
            raise AdapterError(f"{self.system} does not accept {kind!r}", retryable=False)
        missing = [name for name in required if payload.get(name) in (None, "")]
        if missing:
            raise AdapterError(f"{self.system} rejected {kind!r}: missing {', '.join(missing)}", retryable=False)
        result = answer(payload, idempotency_key)
        self.journal.record(kind, payload, idempotency_key, result)
        return result
