"""Inbox server time at 100,000 open tasks (SQLite or PostgreSQL).

Fills a fresh database with N open human tasks (and one instance per task) spread over schools,
colleges, ЦЗН offices and employers, then times
  * the inbox query (`engine.tasks` + `engine.count_tasks`, the two calls one inbox page makes), and
  * the whole inbox page (Flask request through login, scope, query, template) with the test client,
for typical operator views and a region-wide analyst view. Prints p50/p95/max per case against the
targets (page p95 <= 50 ms, query p95 <= 20 ms).

    .venv/bin/python bench/inbox_bench.py                       # SQLite file in a temp folder
    .venv/bin/python bench/inbox_bench.py --database postgresql+psycopg://postgres@127.0.0.1/bench
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

from engine import Engine
from engine.search import search_form
from engine.store.models import HumanTask, ProcessInstance
from profroute.wiring import SEARCH_ATTRIBUTES, WIRING
from web.app import create_app
from web.db import session_factory
from web.users import NewUser, create_user

PROCESSES = Path(__file__).resolve().parent.parent / "tests" / "web" / "processes"
LAST_NAMES = ["Иванов", "Петров", "Сидорова", "Кузнецова", "Смирнов", "Орлова", "Ким", "Волков", "Новикова",
              "Фёдоров", "Морозова", "Лебедев", "Соколова", "Попов", "Егорова", "Павлов"]
FIRST_NAMES = ["Анна", "Пётр", "Мария", "Илья", "Алексей", "Дарья", "Олег", "Софья", "Артём", "Ева"]
#: the map's stage processes the tasks are spread over (domain/stages.py)
PROCESS_KEYS = ["proc_school_career_guidance", "proc_admission_target_training", "proc_student_support",
                "proc_graduate_routing", "proc_young_specialist_adaptation", "proc_employer_staffing_need"]
#: (candidate group, organisations of that kind, share of tasks)
GROUPS = [("school", 400, 0.5), ("edu_org", 60, 0.25), ("czn", 30, 0.15), ("employer", 500, 0.1)]
PAGE_TARGET_MS, QUERY_TARGET_MS = 50.0, 20.0
PASSWORD = "bench password 1"


def fresh_database(url: str | None) -> str:
    if url is None:
        return f"sqlite:///{Path(tempfile.mkdtemp()) / 'inbox-bench.sqlite'}"
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
    return url


def fill(engine: Engine, url: str, count: int, seed: int) -> None:
    """Copies one real started instance and its task `count` times with varied scope and attributes."""
    template_instance = engine.start("web_visit", {"youth_id": "t", "youth_name": "Шаблон"}, business_key="t",
                                     org={"school": "school-0"})
    sql = create_engine(url)
    with sql.begin() as conn:
        instance_row = dict(conn.execute(select(ProcessInstance.__table__).where(
            ProcessInstance.id == template_instance)).mappings().one())
        task_row = dict(conn.execute(select(HumanTask.__table__).where(
            HumanTask.instance_id == template_instance)).mappings().one())
    rng = random.Random(seed)
    now = datetime.now(UTC)
    weights = [share for _group, _orgs, share in GROUPS]
    batch_size = 5_000
    for start in range(0, count, batch_size):
        instances, tasks = [], []
        for _ in range(min(batch_size, count - start)):
            group, orgs, _share = rng.choices(GROUPS, weights)[0]
            org_id = f"{group}-{rng.randrange(orgs)}"
            name = f"{rng.choice(LAST_NAMES)} {rng.choice(FIRST_NAMES)}"
            youth_id, instance_id = str(uuid.uuid4()), str(uuid.uuid4())
            created = now - timedelta(minutes=rng.randrange(60 * 24 * 365))
            process_key = rng.choice(PROCESS_KEYS)
            # Slots as profroute/wiring.py declares them: subject name, risk level, school, college, employer.
            slots = {"attr_1": name, "attr_3": org_id if group == "school" else None,
                     "attr_4": org_id if group == "edu_org" else None,
                     "attr_5": org_id if group == "employer" else None, "search_key": search_form(name)}
            instances.append({**instance_row, "id": instance_id, "business_key": youth_id, "process_key": process_key,
                              "org": {group: org_id}, **slots, "created_at": created, "updated_at": created})
            tasks.append({**task_row, "id": str(uuid.uuid4()), "instance_id": instance_id, "process_key": process_key,
                          "business_key": youth_id, "candidate_group": group, "org_scope": org_id,
                          "assignee": f"{org_id}-op" if rng.random() < 0.2 else None,
                          "priority": rng.randint(1, 5), **slots, "created_at": created,
                          "due_at": created + timedelta(days=rng.randint(1, 60))})
        with sql.begin() as conn:
            conn.execute(insert(ProcessInstance.__table__), instances)
            conn.execute(insert(HumanTask.__table__), tasks)
    # Statistics (and, on PostgreSQL, the visibility map for index-only counts) as autovacuum would leave them.
    with sql.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if sql.dialect.name == "postgresql" else "ANALYZE"))
    sql.dispose()


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(action, repeat: int) -> list[float]:
    action()  # warm caches and templates
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def report(label: str, samples: list[float], target: float) -> bool:
    p95 = percentile(samples, 0.95)
    verdict = "ok" if p95 <= target else "OVER TARGET"
    print(f"  {label:<58} p50 {statistics.median(samples):6.1f} ms  p95 {p95:6.1f} ms  "
          f"max {max(samples):6.1f} ms  (target p95 <= {target:.0f} ms: {verdict})")
    return p95 <= target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default=None, help="SQLAlchemy URL; PostgreSQL databases are recreated")
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    url = fresh_database(args.database)
    WIRING.upgrade(url)
    engine = Engine(url, search_attributes=SEARCH_ATTRIBUTES)
    engine.deploy([PROCESSES], actor="bench")
    began = time.perf_counter()
    fill(engine, url, args.tasks, args.seed)
    print(f"{make_url(url).get_backend_name()}: {engine.count_tasks():,} open tasks "
          f"(filled in {time.perf_counter() - began:.0f} s)")

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ENGINE": engine,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "WTF_CSRF_ENABLED": False})
    with app.app_context(), session_factory(app)() as session:
        create_user(session, NewUser("navigator", PASSWORD, "Педагог", "operator", "school", "school-7"))
        create_user(session, NewUser("analyst", PASSWORD, "Аналитик", "analyst", "region", "region"))
        session.commit()

    operator_scope = {"status": "open", "org_scope": "school-7", "candidate_groups": ["school"]}
    queries = {
        "operator, «моих групп» (unassigned), oldest first": {**operator_scope, "unassigned": True},
        "operator, «все доступные», by due date": {**operator_scope, "order": "due"},
        "operator, youth name prefix «Пет»": {**operator_scope, "text": "Пет"},
        "analyst, whole region, by due date": {"status": "open", "order": "due"},
        "analyst, whole region, priority 1, stage «Студент»": {"status": "open", "priority": 1,
                                                              "process_keys": ["proc_student_support"]},
    }
    ok = True
    print("Inbox query (engine.tasks page of 25 + engine.count_tasks up to 1000):")
    for label, filters in queries.items():
        order = filters.pop("order", "created")

        def run(filters=filters, order=order):
            engine.tasks(**filters, limit=25, offset=0, order=order)
            engine.count_tasks(cap=1000, **filters)  # as the web inbox counts (INBOX_COUNT_CAP)

        ok &= report(label, timed(run, args.repeat), QUERY_TARGET_MS)

    print("Inbox page (GET /inbox/ through Flask, rendered HTML):")
    pages = {
        "operator, «моих групп»": ("navigator", "/inbox/?tab=groups"),
        "operator, «все доступные», by due date, page 3": ("navigator", "/inbox/?tab=all&sort=due&page=3"),
        "analyst, whole region, by due date": ("analyst", "/inbox/?tab=all&sort=due"),
    }
    for label, (user, path) in pages.items():
        client = app.test_client()
        client.post("/login", data={"login": user, "password": PASSWORD})

        def load(client=client, path=path):
            response = client.get(path)
            assert response.status_code == 200, response.status_code

        ok &= report(label, timed(load, args.repeat), PAGE_TARGET_MS)
    print("all targets met" if ok else "some targets missed")
    engine.close()


if __name__ == "__main__":
    main()
