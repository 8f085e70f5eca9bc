"""Worker processes share the due timers: 200 timers falling due over two seconds, two `profroute worker`
loops in separate processes, and every timer fires exactly once."""
from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from engine import Engine, ManualClock, SystemClock
from engine.store.models import AuditEvent, Timer
from engine.worker import run_processes, work

TIMERS = 200
FIXTURE = Path(__file__).resolve().parents[2] / "bench" / "fixtures" / "timer_due.bpmn"


def timers_left(engine: Engine) -> int:
    with engine.db.read() as session:
        return session.scalar(select(func.count()).select_from(Timer))


def test_two_worker_processes_fire_each_timer_exactly_once(database_url, tmp_path):
    started_at = SystemClock().now()
    engine = Engine(database_url, clock=ManualClock(started_at))  # no timer falls due while starting
    engine.create_schema()
    engine.deploy([FIXTURE])
    first_due = started_at + timedelta(seconds=1)
    instances = [engine.start("timer_due", {"due": (first_due + timedelta(milliseconds=10 * i)).isoformat()})
                 for i in range(TIMERS)]
    engine.close()

    def worker() -> None:
        mine = Engine(database_url)
        deadline = time.monotonic() + 120
        with (tmp_path / f"fired-{time.monotonic_ns()}.log").open("w") as log:
            work(mine, 0.2, echo=lambda line: log.write(line + "\n"),
                 stop=lambda: timers_left(mine) == 0 or time.monotonic() > deadline)
        mine.close()

    assert run_processes(2, worker) == 0

    logs = [path.read_text().split() for path in tmp_path.glob("fired-*.log")]
    fired_by = [Counter(word for word in words if word in instances) for words in logs]
    engine = Engine(database_url)
    try:
        with engine.db.read() as session:
            fired = Counter(session.scalars(select(AuditEvent.instance_id).where(AuditEvent.kind == "timer_fired")))
            steps = [payload["command"] for payload in session.scalars(
                select(AuditEvent.payload).where(AuditEvent.kind == "step", AuditEvent.instance_id.in_(instances)))]
        assert fired == Counter(instances)
        assert steps.count("timer") == TIMERS, "a worker that lost the race for a timer writes no step"
        assert len(fired_by) == 2
        assert sum(fired_by, Counter()) == Counter(instances)
        assert {engine.instance(instance_id).status for instance_id in instances} == {"completed"}
        if engine.db.is_postgresql:
            assert all(fired_by), "both workers fire timers on PostgreSQL"
        assert engine.verify().ok
    finally:
        engine.close()
