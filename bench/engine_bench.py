"""Engine benchmark: a ~20-node process (script, exclusive gateway, service task, a user task for group
`operators`, a parallel split of three scripts, a call activity of four scripts).

Starts N instances to the user task, lists the first inbox page, completes every task, runs to the end.
Prints throughput, step latency, inbox latency with N waiting, bytes per instance, and the same workload on
bare in-memory SpiffWorkflow measured in the same run, with the ratio. The ratio is measured in interleaved
rounds (bare, engine, bare, engine ...) so a busy machine slows both alike; it is given for wall-clock time
and for this process's CPU time (steadier on a shared machine; with SQLite all the engine's work is in-process).

    .venv/bin/python bench/engine_bench.py --n 10000            # SQLite file in a temp folder
    .venv/bin/python bench/engine_bench.py --n 2000 --database postgresql+psycopg://postgres@127.0.0.1/test
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from bare_spiff import run_bare
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from engine import Engine
from engine.store.models import AuditEvent, ProcessInstance

HERE = Path(__file__).parent
FILES = [HERE / "fixtures" / "bench_main.bpmn"]


def lookup(_ctx, p_x):
    return {"score": p_x * 3}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def state_bytes(engine: Engine) -> tuple[float, float]:
    """What a route costs in storage: the stored state's size is the engine's own business, no facade read
    gives it, so the bench measures the table."""
    with engine.db.read() as session:
        state = session.scalar(select(func.avg(func.length(ProcessInstance.state))))
        audit = session.scalar(select(func.count()).select_from(AuditEvent))
        count = session.scalar(select(func.count()).select_from(ProcessInstance))
    return float(state or 0), (audit or 0) / max(count or 1, 1)


def open_task_ids(engine: Engine) -> list[str]:
    ids: list[str] = []
    while page := engine.tasks(status="open", limit=1000, offset=len(ids)):
        ids += [task.id for task in page]
    return ids


def database_bytes(url: str) -> int | None:
    """The SQLite file's size once its write-ahead log is folded in (the log's pages would count twice)."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        with closing(sqlite3.connect(path)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return None


def run_engine_round(engine: Engine, count: int, start_data, prefix: str) -> None:
    for index in range(count):
        engine.start("bench_main", start_data(index), business_key=f"{prefix}{index}", org={"operators": "org-2"})
    for task in engine.tasks(candidate_group="operators", org_scope="org-2", limit=1000):
        engine.complete(task.id, {"ok": True}, actor="bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="instances (default 10000)")
    parser.add_argument("--database", default=None,
                        help="a PostgreSQL server URL to benchmark on a fresh database there (default: SQLite file)")
    parser.add_argument("--rounds", type=int, default=10, help="interleaved rounds for the ratio")
    parser.add_argument("--round-size", type=int, default=200, help="instances per round and side")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="profroute-bench-")
    url, drop = fresh_database(args.database, folder)
    engine = Engine(url, handlers={"bench.lookup": lookup})
    engine.create_schema()
    engine.deploy(FILES)
    start_data = lambda i: {"n": i % 7, "youth_name": f"Участник {i}"}  # noqa: E731

    bare_wall = bare_cpu = engine_wall = engine_cpu = 0.0
    for round_number in range(args.rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        run_bare(FILES, "bench_main", args.round_size, start_data, {"bench.lookup": lookup}, {"ok": True})
        w1, c1 = time.perf_counter(), time.process_time()
        run_engine_round(engine, args.round_size, start_data, f"r{round_number}-")
        w2, c2 = time.perf_counter(), time.process_time()
        bare_wall, bare_cpu = bare_wall + (w1 - w0), bare_cpu + (c1 - c0)
        engine_wall, engine_cpu = engine_wall + (w2 - w1), engine_cpu + (c2 - c1)
    measured = args.rounds * args.round_size
    bare_rate = measured / bare_wall

    steps: list[float] = []
    began = time.perf_counter()
    for index in range(args.n):
        t0 = time.perf_counter()
        engine.start("bench_main", start_data(index), business_key=f"b{index}", org={"operators": "org-1"})
        steps.append(time.perf_counter() - t0)
    started = time.perf_counter() - began
    size_before = database_bytes(url)
    waiting_state, waiting_audit = state_bytes(engine)

    inbox = []
    for _ in range(50):
        t0 = time.perf_counter()
        page = engine.tasks(candidate_group="operators", org_scope="org-1", limit=50)
        inbox.append(time.perf_counter() - t0)
    assert len(page) == 50
    ids = open_task_ids(engine)

    began = time.perf_counter()
    for task_id in ids:
        t0 = time.perf_counter()
        engine.complete(task_id, {"ok": True}, actor="bench")
        steps.append(time.perf_counter() - t0)
    completed = time.perf_counter() - began
    done_state, done_audit = state_bytes(engine)
    size_after = database_bytes(url)
    finished = engine.analytics.route_counts()["bench_main"].get("completed", 0)
    assert finished == args.n + measured, f"only {finished} of {args.n + measured} instances completed"

    rate = args.n / (started + completed)
    print(f"database: {engine.db.write_engine.dialect.name}; instances: {args.n}")
    print(f"engine throughput: {rate:.1f} instances/s (start {args.n / started:.1f}/s, "
          f"complete {args.n / completed:.1f}/s)")
    print(f"interleaved rounds ({args.rounds} x {args.round_size} per side): engine {measured / engine_wall:.1f}/s, "
          f"bare SpiffWorkflow in memory {bare_rate:.1f}/s")
    print(f"ratio engine/bare: {bare_wall / engine_wall:.2f} wall-clock, {bare_cpu / engine_cpu:.2f} CPU time "
          f"(target >= 0.40)")
    print(f"step latency: median {statistics.median(steps) * 1000:.2f} ms, "
          f"p95 {percentile(steps, 0.95) * 1000:.2f} ms (target p95 <= 15 ms)")
    print(f"first inbox page with {args.n} waiting: median {statistics.median(inbox) * 1000:.2f} ms, "
          f"p95 {percentile(inbox, 0.95) * 1000:.2f} ms (target <= 5 ms)")
    print(f"state per waiting instance: {waiting_state:.0f} B compressed; per completed: {done_state:.0f} B "
          f"(target <= 6 KB waiting)")
    print(f"audit events per instance: waiting {waiting_audit:.1f}, completed {done_audit:.1f}")
    if size_before is not None:
        print(f"database file per waiting instance (all tables, audit included): {size_before / args.n:.0f} B; "
              f"per completed: {size_after / args.n:.0f} B")
    engine.close()
    drop()


def fresh_database(server_url: str | None, folder: str) -> tuple[str, Callable[[], None]]:
    """A new SQLite file, or a new database on the given PostgreSQL server (dropped afterwards)."""
    if not server_url:
        return f"sqlite:///{os.path.join(folder, 'bench.sqlite')}", lambda: None
    base = make_url(server_url)
    name = f"profroute_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


if __name__ == "__main__":
    main()
