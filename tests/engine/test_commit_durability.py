"""When a commit waits for the disk: a person's step always (on PostgreSQL), the worker's background steps not,
and an engine made for a throwaway database (a simulation's) never."""
from __future__ import annotations

from datetime import timedelta

from engine import Engine


def synchronous_commit(engine: Engine, session) -> str | None:
    if not engine.db.is_postgresql:
        return None
    return session.connection().exec_driver_sql("SHOW synchronous_commit").scalar()


def test_only_background_steps_commit_without_waiting_for_the_disk(make_engine, lookups, clock):
    """A route started by a person is durable when the call returns; the worker's automatic retry (due work that
    is due again if a crash loses it) commits without waiting for the flush on PostgreSQL."""
    engine = make_engine()
    seen = []

    def lookup(ctx, amount, score):
        seen.append(synchronous_commit(engine, ctx.session))
        return lookups(ctx, amount, score)

    engine.handlers["test.lookup"] = lookup
    lookups.fail_times = 1
    instance_id = engine.start("approval", {"amount": 20}, business_key="y")
    clock.advance(timedelta(seconds=31))
    assert engine.run_due().retried_incidents
    assert not engine.instance(instance_id).has_incident
    assert seen == (["on", "off"] if engine.db.is_postgresql else [None, None])
    with engine.db.read() as session:
        assert synchronous_commit(engine, session) in ("on", None), "the setting ends with the step's transaction"


def test_an_engine_for_a_throwaway_database_never_waits_for_the_disk(database_url):
    engine = Engine(database_url, wait_for_flush=False)
    try:
        with engine.db.write() as session, session.begin():
            assert synchronous_commit(engine, session) in ("off", None)
    finally:
        engine.close()

