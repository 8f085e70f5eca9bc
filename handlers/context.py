"""What a handler may rely on in its context (the engine builds it; handlers never import the engine)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session


class HandlerContext(Protocol):
    instance_id: str
    task_id: str
    element_id: str
    process_key: str
    business_key: str | None
    actor: str | None
    now: datetime
    """Aware datetime from the engine clock; handlers never read the wall clock."""
    session: Session
    """Session of the step's transaction: handlers flush, never commit."""
    data: Mapping[str, Any]
    """Read-only copy of the task data."""

    def emit(self, system: str, kind: str, payload: dict[str, Any]) -> None:
        """Queue a call to an external system (an outbox row in the step's transaction)."""
