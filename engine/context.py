"""What a service-task handler receives (duck-typed; handlers do not import the engine)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy.orm import Session

from engine.store.models import Outbox


@dataclass
class HandlerContext:
    instance_id: str
    task_id: str
    element_id: str
    process_key: str
    business_key: str | None
    actor: str | None
    now: datetime
    session: Session
    data: MappingProxyType
    emitted: list[dict[str, Any]] = field(default_factory=list)

    def emit(self, system: str, kind: str, payload: dict[str, Any]) -> None:
        """Queue a call to an external system; an adapter sends it after the step commits."""
        self.session.add(Outbox(instance_id=self.instance_id, task_id=self.task_id, system=system, kind=kind,
                                payload=payload, status="pending", created_at=self.now))
        self.emitted.append({"system": system, "kind": kind})
