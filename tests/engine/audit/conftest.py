"""Audit-log fixtures: the engine tables on the test database, and chains written through the real
chain writer, so tampering tests start from a log the engine itself would have produced."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from engine.chain import GENESIS, ChainWriter
from engine.store.models import Base, ProcessDefinition, ProcessInstance

T0 = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)


def _create_tables(url: str) -> None:
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()


@pytest.fixture
def sessions(database_from) -> Iterator[sessionmaker[Session]]:
    engine = create_engine(database_from("engine-models", _create_tables))
    try:
        yield sessionmaker(engine, expire_on_commit=False)
    finally:
        engine.dispose()


def add_definition(session: Session, key: str = "school_guidance", ttl_days: int | None = None) -> str:
    definition = ProcessDefinition(id=str(uuid.uuid4()), key=key, version=1, name=key, content_hash="0" * 64,
                                   start_messages=[], history_ttl_days=ttl_days, deployed_at=T0)
    session.add(definition)
    session.flush()
    return definition.id


def add_instance(session: Session, definition_id: str, events: int, *, start: datetime = T0,
                 ended: datetime | None = None, process_key: str = "school_guidance") -> str:
    """An instance whose chain has `events` events: started, steps, and completed if `ended`."""
    row = ProcessInstance(id=str(uuid.uuid4()), definition_id=definition_id, process_key=process_key,
                          business_key=f"youth-{uuid.uuid4().hex[:6]}", status="completed" if ended else "active",
                          state=b"", org={}, audit_seq=0, audit_head=GENESIS, created_at=start, updated_at=start,
                          ended_at=ended)
    session.add(row)
    session.flush()
    writer = ChainWriter(session, row)
    for index in range(events):
        at = start + timedelta(minutes=index)
        kind = "instance_started" if index == 0 else "task_completed"
        writer.append(kind, at, actor="operator-1", element_id=f"task_{index}", task_id=None,
                      payload={"data": {"step": index, "name": "Иван Петров"}})
    session.flush()
    return row.id


def run_approvals(engine, clock) -> dict[str, str]:
    """A small simulated history on the engine's `approval` fixture process: one approved after a reminder,
    one rejected by the gateway, one timed out, one still waiting."""
    def start(amount: int, key: str) -> str:
        return engine.start("approval", {"amount": amount, "youth_name": f"Молодой человек {key}"},
                            business_key=key, org={"czn": "czn-1"}, actor="operator-1")

    approved, rejected, timed_out = start(20, "youth-1"), start(5, "youth-2"), start(30, "youth-3")
    clock.advance(timedelta(minutes=61))
    engine.run_due()
    [task] = engine.tasks(instance_id=approved)
    engine.claim(task.id, "ivanova")
    engine.complete(task.id, {"decision": "approve", "comment": "Документы в порядке"}, actor="ivanova")
    clock.advance(timedelta(days=3))
    engine.run_due()
    waiting = start(40, "youth-4")
    return {"approved": approved, "rejected": rejected, "timed_out": timed_out, "waiting": waiting}
