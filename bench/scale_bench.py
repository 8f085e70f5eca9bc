"""A million open routes on PostgreSQL: the inbox, opening and completing tasks, and the database per route.

Loading (a dedicated database, made here and dropped at the end unless --keep):
  1. template routes, made by the engine itself (bench/scale_templates.py): a generated region of
     --template-youths young people, every route started through the route rule and driven --weeks by the
     simulation's operators, each route stopping after a drawn number of answered tasks;
  2. copies of the active templates up to --routes open routes (bench/scale_clone.py): keys and indexes dropped,
     instance rows by COPY (each copy's compact state rewritten with its own task ids, so copies run like their
     templates), the other rows by INSERT ... SELECT from the templates' rows, with new ids, organisations (copies
     of the region's organisations, five times its routes each), subjects' names and keys, and dates shifted up to
     90 days back; then the very same keys and indexes restored and VACUUM ANALYZE.
Measuring, through the Engine facade, on the drive's clock (bench/scale_measure.py): the inbox's page and bounded
count per scope and filter (p95 <= 20 ms), opening a task (<= 20 ms), completing one (p95 <= 30 ms), an idle
worker round; the database size per route; the EXPLAIN (ANALYZE, BUFFERS) plans of the inbox queries.

    .venv/bin/python bench/scale_bench.py --database postgresql+psycopg://postgres@127.0.0.1/postgres
    .venv/bin/python bench/scale_bench.py --database URL --routes 200000 --keep     # then --reuse to measure again
"""
from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from scale_clone import clone
from scale_measure import complete_tasks, idle_worker_round, inbox, open_tasks, read_region
from scale_templates import grow_templates
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from engine import ManualClock
from profroute.wiring import WIRING

BYTES_PER_ROUTE = 30_000
"""About what a route of the 13-week templates takes with its history and indexes (checked before loading)."""


def _admin(server: str):
    return create_engine(make_url(server).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _create(server: str, name: str, routes: int) -> str:
    free = shutil.disk_usage("/").free
    if free < routes * BYTES_PER_ROUTE * 1.3:
        raise SystemExit(f"about {routes * BYTES_PER_ROUTE / 1e9:.0f} GB are needed and {free / 1e9:.0f} GB are free")
    admin = _admin(server)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def _drop(server: str, name: str) -> None:
    admin = _admin(server)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _sizes(url: str) -> None:
    engine = create_engine(url)
    with engine.connect() as connection:
        routes = connection.execute(text("SELECT count(*) FROM process_instance WHERE status = 'active'")).scalar()
        tasks = connection.execute(text("SELECT count(*) FROM human_task WHERE status = 'open'")).scalar()
        events = connection.execute(text("SELECT count(*) FROM audit_event")).scalar()
        whole = connection.execute(text("SELECT pg_database_size(current_database())")).scalar()
        tables = connection.execute(text(
            "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = current_schema()::regnamespace ORDER BY 2 DESC LIMIT 8")).all()
    engine.dispose()
    print(f"database: {routes:,} open routes, {tasks:,} open tasks, {events:,} audit events; "
          f"{whole / 1e9:.1f} GB, {whole / routes / 1000:.1f} KB per route")
    print("  per route, with indexes: " + ", ".join(f"{name} {size / routes / 1000:.1f} KB" for name, size in tables))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="a PostgreSQL server URL (a database --name is made)")
    parser.add_argument("--name", default="profroute_scale", help="the database made for the benchmark")
    parser.add_argument("--routes", type=int, default=1_000_000)
    parser.add_argument("--template-youths", type=int, default=300)
    parser.add_argument("--weeks", type=int, default=13, help="how long the templates are driven")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=40, help="runs of each inbox case")
    parser.add_argument("--tasks", type=int, default=200, help="tasks opened, and tasks completed")
    parser.add_argument("--plans", type=Path, default=Path("reports/scale_plans.txt"))
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure the database --name as a --keep run left it")
    args = parser.parse_args()

    url = (make_url(args.database).set(database=args.name).render_as_string(hide_password=False) if args.reuse
           else _create(args.database, args.name, args.routes))
    try:
        if not args.reuse:
            grow_templates(url, args.template_youths, args.weeks, args.seed)
            clone(url, args.routes, args.seed)
        _sizes(url)
        with create_engine(url).connect() as connection:
            now = connection.execute(text("SELECT max(at) FROM audit_event")).scalar()
        engine = WIRING.open_engine(url, clock=ManualClock(now))
        began = time.perf_counter()
        ok, plans = inbox(engine, read_region(engine), now, args.repeat, args.seed)
        args.plans.parent.mkdir(parents=True, exist_ok=True)
        args.plans.write_text("\n\n".join(plans) + "\n", encoding="utf-8")
        print(f"(inbox measured in {time.perf_counter() - began:.0f} s; every plan in {args.plans})")
        print("\n\n".join(plan for plan in plans if plan.startswith("-- region")))
        ok &= open_tasks(engine, args.tasks, args.seed)
        ok &= complete_tasks(engine, args.tasks, args.seed, now)
        idle_worker_round(engine)
        engine.close()
        print("all targets met" if ok else "some targets missed")
    finally:
        if not args.keep:
            _drop(args.database, args.name)


if __name__ == "__main__":
    main()
