"""Two people, two workers, one instance: exactly one wins, nothing fires twice."""
from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from engine import Conflict, Engine
from engine.store.models import AuditEvent


def run_together(*calls):
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        barrier.wait()
        try:
            results[index] = ("ok", call())
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = ("error", exc)

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_people_complete_the_same_task_exactly_one_wins(make_engine, database_url, clock, lookups):
    first = make_engine()
    second = Engine(database_url, clock=clock, handlers={"test.lookup": lookups})
    try:
        for round_number in range(3):
            instance_id = first.start("approval", {"amount": 20}, business_key=f"y{round_number}")
            [task] = first.tasks(instance_id=instance_id)
            results = run_together(lambda: first.complete(task.id, {"who": "first"}, actor="first"),
                                   lambda: second.complete(task.id, {"who": "second"}, actor="second"))
            outcomes = sorted(kind for kind, _ in results)
            assert outcomes == ["error", "ok"], results
            error = next(value for kind, value in results if kind == "error")
            assert isinstance(error, Conflict)
            winner = next(value for kind, value in results if kind == "ok")
            assert winner.status == "completed"
            events = first.audit_events(instance_id)
            assert [e.kind for e in events].count("task_completed") == 1
            assert [e.seq for e in events] == list(range(1, len(events) + 1))
    finally:
        second.close()


def test_two_workers_race_for_due_timers_and_each_fires_once(make_engine, database_url, clock, lookups):
    first = make_engine()
    second = Engine(database_url, clock=clock, handlers={"test.lookup": lookups})
    try:
        instances = [first.start("approval", {"amount": 20}, business_key=f"y{i}") for i in range(6)]
        clock.advance(timedelta(minutes=61))
        results = run_together(first.run_due, second.run_due)
        assert all(kind == "ok" for kind, _ in results), results
        fired = [instance_id for _, work in results for instance_id in work.fired_timers]
        assert sorted(fired) == sorted(instances)
        with first.db.read() as session:
            count = session.scalar(select(func.count()).select_from(AuditEvent)
                                   .where(AuditEvent.kind == "timer_fired"))
        assert count == len(instances)
        for instance_id in instances:
            assert first.executed_path(instance_id).completed["remind"] == 1
    finally:
        second.close()
