"""Handler fixtures: a session on a fresh domain schema, the seeded region and a fake step context."""
from __future__ import annotations

import itertools
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.orm import Session

from domain.models import Base
from handlers.adapters import ADAPTERS
from tests.handlers.factories import NOW, add_student, seed_region


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

    outbox_dir: Path | None = None

    def emit(self, system: str, kind: str, payload: dict[str, Any]) -> None:
        """Record the call and hand it to the system's local fake, as the engine's dispatch will: a payload
        the external system would reject fails the test."""
        self.emitted.append({"system": system, "kind": kind, "payload": payload})
        if self.outbox_dir is not None:
            adapter = ADAPTERS[system](self.outbox_dir / f"{system}.jsonl")
            key = f"{self.instance_id}:{self.task_id}:{len(self.emitted)}"
            adapter.send(kind, json.loads(json.dumps(payload)), key)


def _sqlite_for_tests(connection, _record) -> None:
    """Foreign keys checked as on PostgreSQL; no fsync, since a throw-away database needs no durability and
    schema creation gets fast."""
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA journal_mode=MEMORY")


def _create_tables(url: str) -> None:
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()


@pytest.fixture
def session(database_from):
    engine = create_engine(database_from("domain-models", _create_tables))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_for_tests)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def region(session):
    return seed_region(session)


@pytest.fixture
def enrollment(session, region):
    """A student of the region's college with one academic debt and 80 % attendance."""
    return add_student(session, region, "s-1", academic_debt_count=1, attendance_rate=0.8)


@pytest.fixture
def make_ctx(session, tmp_path):
    """A context for one task; pass `same=ctx` to get the same (instance, task) again."""
    instance = str(uuid.uuid4())
    counter = itertools.count()

    def make(data: dict | None = None, *, now: datetime = NOW, same: FakeContext | None = None) -> FakeContext:
        if same is not None:
            return FakeContext(session=session, instance_id=same.instance_id, task_id=same.task_id,
                               now=same.now, data=same.data, outbox_dir=tmp_path / "outbox")
        return FakeContext(session=session, instance_id=instance, task_id=f"task-{next(counter)}",
                           data=MappingProxyType(dict(data or {})), now=now, outbox_dir=tmp_path / "outbox")

    return make


@pytest.fixture
def count(session):
    """Number of rows of a model (optionally filtered)."""

    def rows(model, *where) -> int:
        return session.scalar(select(func.count()).select_from(model).where(*where))

    return rows
