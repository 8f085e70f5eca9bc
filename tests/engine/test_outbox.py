"""Outbox rows written by handlers reach adapters after the step, once, with retries and an audit trail."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import create_engine, select, text

from engine import Engine
from engine.migrations import MIGRATIONS
from engine.store.models import Outbox
from tests.engine.conftest import FIXTURES


class Recorder:
    def __init__(self, failures=0, rejected=False):
        self.received = []
        self.failures = failures
        self.rejected = rejected

    def __call__(self):
        return self

    def send(self, kind, payload, idempotency_key):
        if self.rejected:
            error = RuntimeError("unknown kind")
            error.retryable = False
            raise error
        if self.failures:
            self.failures -= 1
            raise ConnectionError("timeout")
        self.received.append((kind, payload, idempotency_key))
        return {"status": "accepted", "id": f"ecp-{len(self.received)}"}


def make(database_url, clock, lookups, adapter):
    lookups.emit = True
    engine = Engine(database_url, clock=clock, handlers={"test.lookup": lookups}, adapters={"ecp": adapter})
    engine.create_schema()
    engine.deploy([FIXTURES])
    return engine


def rows(engine):
    with engine.db.read() as session:
        return list(session.scalars(select(Outbox)))


def test_rows_are_sent_once_and_recorded(database_url, clock, lookups):
    adapter = Recorder()
    engine = make(database_url, clock, lookups, adapter)
    instance_id = engine.start("approval", {"amount": 20})
    assert adapter.received == [], "nothing leaves before the worker runs"
    work = engine.run_due()
    assert (work.outbox_sent, work.outbox_failed) == (1, 0)
    engine.run_due()
    [(kind, payload, key)] = adapter.received
    assert (kind, payload) == ("profile_update", {"amount": 20}) and key.startswith("outbox-")
    [row] = rows(engine)
    assert row.status == "sent" and row.response is None, "the route's log keeps the answer"
    [sent] = [e for e in engine.audit_events(instance_id) if e.kind == "external_sent"]
    assert sent.payload["response"] == {"status": "accepted", "id": "ecp-1"}
    engine.close()


def test_transient_failures_back_off_then_succeed(database_url, clock, lookups):
    adapter = Recorder(failures=2)
    engine = make(database_url, clock, lookups, adapter)
    engine.start("approval", {"amount": 20})
    engine.run_due()
    [row] = rows(engine)
    assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 1, clock.now() + timedelta(seconds=30))
    engine.run_due()
    assert rows(engine)[0].attempts == 1, "not before the back-off"
    clock.advance(timedelta(seconds=31))
    engine.run_due()
    clock.advance(timedelta(seconds=61))
    engine.run_due()
    [row] = rows(engine)
    assert (row.status, row.attempts) == ("sent", 3)
    assert len(adapter.received) == 1
    engine.close()


def test_rejected_requests_and_unknown_systems_wait_for_an_operator(database_url, clock, lookups):
    engine = make(database_url, clock, lookups, Recorder(rejected=True))
    engine.start("approval", {"amount": 20})
    engine.run_due()
    [row] = rows(engine)
    assert row.status == "failed" and "unknown kind" in row.last_error
    engine.close()


def test_migration_e0011_clears_the_answers_the_routes_logs_keep(database_url, clock, lookups):
    engine = make(database_url, clock, lookups, Recorder())
    engine.start("approval", {"amount": 20})
    engine.run_due()
    engine.close()
    MIGRATIONS.downgrade(database_url, "e0010")
    database = create_engine(database_url)
    try:
        with database.begin() as connection:
            connection.execute(text("""UPDATE outbox SET response = '{"status": "accepted"}'"""))
        MIGRATIONS.upgrade(database_url)
        with database.connect() as connection:
            assert connection.execute(text("SELECT response FROM outbox")).scalar_one() is None
    finally:
        database.dispose()
