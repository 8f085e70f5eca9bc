"""The adapter interface between the outbox and an external system.

Handlers never call external systems; they write outbox rows with `ctx.emit(system, kind, payload)` in
the step's transaction. After the step commits, the engine's `run_due` takes pending rows and calls
`ADAPTERS[system]().send(kind, payload, idempotency_key)`, marking the row `sent` with the answer, or
counting a failed attempt and retrying later.

What a real adapter (ЕЦП «Работа в России», the regional «Мой бизнес» centre, the notification gateway)
must implement:

* `system` — the name handlers emit to (`ecp`, `my_business`, `notification`).
* `send(kind, payload, idempotency_key) -> dict` — deliver one outbox row and return the system's answer
  (JSON-able; at least `status`, plus the identifiers the system assigned).
  - `kind`: one of the system's kinds listed in `handlers.adapters.KINDS` (e.g. `vacancy.publish`);
    `payload`: the JSON the handler emitted.
  - `idempotency_key`: unique per outbox row and the same on every retry (the engine uses
    `outbox-<row id>`). The adapter passes it to the remote system (an `Idempotency-Key` header, a
    request id) or keeps it, so that a repeated call returns the first answer instead of acting twice.
  - Errors: raise `AdapterError(message, retryable=True)` for transient failures (timeouts, 5xx,
    throttling): the engine retries with back-off. Raise `AdapterError(message, retryable=False)` when the
    system rejected the request (validation, unknown kind, 4xx): retrying cannot help, so the engine marks
    the row failed for an operator. Any other exception counts as transient.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class AdapterError(Exception):
    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class Adapter(Protocol):
    system: str

    def send(self, kind: str, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        """Deliver one outbox row; see the module documentation for the contract."""


AdapterFactory = Callable[..., Adapter]
"""Called without arguments in production; the local fakes also accept the path of their journal."""
