"""Handler fixtures: a session on a fresh domain schema, the seeded region and a fake step context."""
from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from domain.models import Base
from tests.handlers.factories import NOW, seed_region


@dataclass
class FakeContext:
    """Implements handlers.context.HandlerContext; `emitted` records every outbox call."""

    session: Session
    instance_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    task_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    element_id: str = "service_task"
    process_key: str = "proc_test"
    business_key: str | None = None
    actor: str | None = None
    now: datetime = NOW
    data: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    emitted: list[dict[str, Any]] = field(default_factory=list)

    def emit(self, system: str, kind: str, payload: dict[str, Any]) -> None:
        self.emitted.append({"system": system, "kind": kind, "payload": payload})


@pytest.fixture
def session(database_url):
    engine = create_engine(database_url)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def region(session):
    return seed_region(session)


@pytest.fixture
def make_ctx(session):
    """A context for one task; pass `same=ctx` to get the same (instance, task) again."""
    instance = str(uuid.uuid4())
    counter = itertools.count()

    def make(data: dict | None = None, *, now: datetime = NOW, same: FakeContext | None = None) -> FakeContext:
        if same is not None:
            return FakeContext(session=session, instance_id=same.instance_id, task_id=same.task_id,
                               now=same.now, data=same.data)
        return FakeContext(session=session, instance_id=instance, task_id=f"task-{next(counter)}",
                           data=MappingProxyType(dict(data or {})), now=now)

    return make


@pytest.fixture
def count(session):
    """Number of rows of a model (optionally filtered)."""

    def rows(model, *where) -> int:
        return session.scalar(select(func.count()).select_from(model).where(*where))

    return rows
