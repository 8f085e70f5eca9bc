"""Timer benchmark: N timers falling due evenly over a window, fired by worker processes sharing the work
through SKIP LOCKED (PostgreSQL).

N instances of a one-timer process are started first (the engine's own steps, on a clock stopped at the
moment the bench began), their timers falling due evenly over a window that begins a day later. Then
`--processes` worker loops (`engine.worker.work`, as `profroute worker --processes N` runs them) fire them on
a clock that runs at the system clock's pace, shifted so the window begins a few seconds after the workers
do. Lateness is the step's moment (`timer_fired.at`) minus the timer's due moment; the baseline printed
beside it is the window itself (the lateness if one poll per window fired everything).

    .venv/bin/python bench/timer_bench.py --database postgresql+psycopg://postgres@127.0.0.1/postgres
    .venv/bin/python bench/timer_bench.py --database URL --timers 2000 --window 12   # a quick run
"""
from __future__ import annotations

import argparse
import os
import resource
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from engine_bench import fresh_database, percentile
from sqlalchemy import func, select, text

from engine import Engine, ManualClock, SystemClock
from engine.store.models import AuditEvent, Timer
from engine.worker import run_processes, work

FILES = [Path(__file__).parent / "fixtures" / "timer_due.bpmn"]
LEAD = timedelta(seconds=3)
"""The workers begin this long before the first timer falls due."""


class ShiftedClock:
    """The system clock moved by a fixed offset."""

    def __init__(self, shift: timedelta):
        self.shift = shift

    def now(self) -> datetime:
        return SystemClock().now() + self.shift


def start_all(url: str, count: int, window: float) -> list[datetime]:
    """Start `count` instances; returns their due moments (evenly over `window` seconds, a day ahead)."""
    began = SystemClock().now()
    engine = Engine(url, clock=ManualClock(began))
    engine.create_schema()
    engine.deploy(FILES)
    first_due = began + timedelta(days=1)
    dues = [first_due + timedelta(seconds=window * index / count) for index in range(count)]
    t0 = time.perf_counter()
    for index, due in enumerate(dues):
        engine.start("timer_due", {"due": due.isoformat()}, business_key=f"t{index}")
    print(f"started {count} timers in {time.perf_counter() - t0:.0f} s")
    # Statistics as autovacuum would leave them (this machine's server runs with it off): without them the
    # planner takes the 10,000 active routes for a handful and claims a timer in 45 ms instead of 0.1.
    with engine.db.write_engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    engine.close()
    return dues


def fire_all(url: str, first_due: datetime, processes: int, interval: float,
             deadline: float) -> tuple[float, float]:
    """The workers' wall time and CPU seconds."""
    shift = first_due - (SystemClock().now() + LEAD)

    def worker() -> None:
        engine = Engine(url, clock=ShiftedClock(shift))

        def finished() -> bool:
            with engine.db.read() as session:
                return session.scalar(select(func.count()).select_from(Timer)) == 0 or time.time() > deadline

        work(engine, interval, echo=lambda _line: None, stop=finished)
        engine.close()

    began, cpu = time.perf_counter(), _children_cpu()
    failed = run_processes(processes, worker)
    if failed:
        raise SystemExit(f"{failed} worker process(es) failed")
    return time.perf_counter() - began, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="a PostgreSQL server URL (a fresh database is made)")
    parser.add_argument("--timers", type=int, default=10_000)
    parser.add_argument("--window", type=float, default=60.0, help="seconds over which the timers fall due")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--interval", type=float, default=1.0, help="the workers' longest idle wait")
    args = parser.parse_args()

    url, drop = fresh_database(args.database, "")
    try:
        dues = start_all(url, args.timers, args.window)
        wall, cpu = fire_all(url, dues[0], args.processes, args.interval, time.time() + 600)
        load = os.getloadavg()[0]
        engine = Engine(url)
        with engine.db.read() as session:
            rows = session.execute(select(AuditEvent.instance_id, AuditEvent.at, AuditEvent.payload)
                                   .where(AuditEvent.kind == "timer_fired")).all()
        engine.close()
    finally:
        drop()
    fired = Counter(row.instance_id for row in rows)
    late = [(row.at - datetime.fromisoformat(row.payload["due_at"])).total_seconds() for row in rows]
    print(f"database: postgresql; timers: {len(dues)} due over {args.window:.0f} s; "
          f"worker processes: {args.processes}; all fired {wall:.1f} s after the workers began "
          f"({LEAD.total_seconds():.0f} s before the first timer)")
    print(f"fired: {len(fired)} instances, {sum(fired.values())} timer events, "
          f"{sum(1 for n in fired.values() if n > 1)} fired more than once (target: each exactly once)")
    moments = sorted(row.at for row in rows)
    span = (moments[-1] - moments[0]).total_seconds() or 1.0
    print(f"throughput: {len(rows) / span:.0f} timer steps a second from the first to the last (the timers fall due "
          f"at {len(dues) / args.window:.0f} a second); worker CPU {cpu / len(rows) * 1000:.1f} ms a timer; load "
          f"average {load:.1f} on {os.cpu_count()} cores at the end")
    print(f"lateness: median {percentile(late, 0.5) * 1000:.0f} ms, p95 {percentile(late, 0.95) * 1000:.0f} ms, "
          f"p99 {percentile(late, 0.99) * 1000:.0f} ms, max {max(late) * 1000:.0f} ms (target p99 <= 1 s; "
          f"baseline, one poll per window: up to {args.window:.0f} s)")


if __name__ == "__main__":
    main()
