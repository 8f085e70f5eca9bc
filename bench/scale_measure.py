"""What the scale benchmark measures on the loaded database, all through the Engine facade: the inbox as the web
asks for it (the same scope and filter arguments, `web.access.Scope` and `web.inbox.query.InboxQuery`), opening a
task, completing one with the simulated operator's validated answer, one idle worker round; and the plans of the
inbox queries (the SQL the engine sent, captured and run again under EXPLAIN (ANALYZE, BUFFERS))."""
from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from domain.stages import STAGES
from engine import Engine
from simulation.answers import ANSWERS, AnswerContext
from simulation.personas import draw_persona
from simulation.posting import submit
from simulation.region_facts import read_region_facts
from web.access import Scope
from web.inbox.query import DUE_CHOICES, InboxQuery

PAGE = 25
COUNT_CAP = 1000
INBOX_TARGET_MS, OPEN_TARGET_MS, COMPLETE_TARGET_MS = 20.0, 20.0, 30.0
SCOPES = (("school", "operator"), ("edu_org", "operator"), ("czn", "curator"), ("employer", "operator"),
          ("region", "analyst"))
"""Whose inbox: operators of one organisation of each kind (their own group), and a region-wide analyst."""


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


@dataclass
class Region:
    """What the random inbox queries draw from: organisations by kind, processes, name prefixes, schools and
    colleges by the slots the inbox filters on."""

    orgs: dict[str, list[str]]
    processes: list[str]
    prefixes: list[str]
    schools: list[str]
    colleges: list[str]


def read_region(engine: Engine) -> Region:
    with engine.db.read() as session:
        def values(sql: str) -> list[str]:
            return [value for (value,) in session.execute(text(sql)) if value]

        orgs = {group: values(f"SELECT DISTINCT org_scope FROM human_task WHERE status = 'open' "
                              f"AND candidate_group = '{group}'") for group, _role in SCOPES[:-1]}
        return Region(orgs=orgs, processes=values("SELECT DISTINCT process_key FROM human_task WHERE status = 'open'"),
                      prefixes=values("SELECT DISTINCT left(search_key, 3) FROM process_instance "
                                      "WHERE search_key IS NOT NULL"),
                      schools=values("SELECT DISTINCT attr_3 FROM process_instance"),
                      colleges=values("SELECT DISTINCT attr_4 FROM process_instance"))


def _scope(kind: str, role: str, rng: random.Random, region: Region) -> Scope:
    if kind == "region":
        return Scope("bench-analyst", role, "region", "region", ())
    org = rng.choice(region.orgs[kind])
    return Scope(f"op-{org}", role, kind, org, (kind,))


FILTERS: dict[str, Callable[[random.Random, Region], dict[str, str]]] = {
    "first page («Моих групп»)": lambda rng, region: {},
    "tab «Мои»": lambda rng, region: {"tab": "mine"},
    "tab «Все доступные»": lambda rng, region: {"tab": "all"},
    "newest first": lambda rng, region: {"tab": "all", "sort": "-created"},
    "by due date": lambda rng, region: {"tab": "all", "sort": "due"},
    "by priority": lambda rng, region: {"tab": "all", "sort": "priority"},
    "process": lambda rng, region: {"tab": "all", "process": rng.choice(region.processes)},
    "stage": lambda rng, region: {"tab": "all", "stage": rng.choice(STAGES).key},
    "name prefix": lambda rng, region: {"tab": "all", "youth": rng.choice(region.prefixes)},
    "school": lambda rng, region: {"tab": "all", "school": rng.choice(region.schools)},
    "college": lambda rng, region: {"tab": "all", "edu_org": rng.choice(region.colleges)},
    "due": lambda rng, region: {"tab": "all", "due": rng.choice(list(DUE_CHOICES))},
    "priority": lambda rng, region: {"tab": "all", "priority": str(rng.randint(1, 5))},
    "overdue, priority 1, by due date": lambda rng, region: {"tab": "all", "due": "overdue", "priority": "1",
                                                              "sort": "due"},
}


@dataclass
class Capture:
    """The statements the engine sends while `on`."""

    on: bool = False
    statements: list[tuple[str, dict]] = field(default_factory=list)

    def attach(self, engine: Engine) -> None:
        @event.listens_for(engine.db.read_engine, "before_cursor_execute")
        def _seen(_conn, _cursor, statement, parameters, _context, _many):
            if self.on:
                self.statements.append((statement, dict(parameters or {})))


def inbox(engine: Engine, region: Region, now: datetime, repeat: int, seed: int) -> tuple[bool, list[str]]:
    """Every scope x filter case, `repeat` times with fresh random organisations and values; returns whether
    all met the target, and the EXPLAIN plans of each case's first run."""
    capture = Capture()
    capture.attach(engine)
    rng = random.Random(seed)
    ok, plans = True, []
    print(f"Inbox: a page of {PAGE} (Engine.tasks) + its count up to {COUNT_CAP} (Engine.count_tasks(cap=)), "
          f"{repeat} runs a case, each with a random organisation and value; ms. 'server' and 'buffers': the "
          f"execution time and the 8 KB pages both statements of one run took, from their EXPLAIN (ANALYZE, BUFFERS). "
          f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  {'scope':<18} {'case':<34} {'page p50':>9} {'page p95':>9} {'count p95':>10} {'both p95':>9} "
          f"{'server':>7} {'buffers':>8}  found")
    for kind, role in SCOPES:
        if kind != "region" and not region.orgs[kind]:
            print(f"  {kind + ' ' + role:<18} (no open task of this group)")
            continue
        for label, draw in FILTERS.items():
            pages, counts, both, found, cost = [], [], [], [], (0, 0.0)
            for run in range(repeat + 1):
                scope = _scope(kind, role, rng, region)
                query = InboxQuery.parse(draw(rng, region))
                filters = {**scope.task_filter(), **query.engine_filter(scope.login, now), "status": "open"}
                capture.on, capture.statements = run == 1, []
                began = time.perf_counter()
                engine.tasks(**filters, limit=PAGE, offset=0, order=query.sort)
                middle = time.perf_counter()
                counted = engine.count_tasks(cap=COUNT_CAP, **filters)
                ended = time.perf_counter()
                capture.on = False
                if run == 0:
                    continue  # the first run of a case warms the statement caches
                if run == 1:
                    plan, *cost = _plans(engine, f"{kind} {role}, {label}", capture.statements)
                    plans.append(plan)
                pages.append((middle - began) * 1000)
                counts.append((ended - middle) * 1000)
                both.append((ended - began) * 1000)
                found.append(counted)
            p95 = percentile(both, 0.95)
            ok &= p95 <= INBOX_TARGET_MS
            shown = f"{min(found)}-{max(found)}".replace(f"{COUNT_CAP + 1}", f">{COUNT_CAP}")
            print(f"  {kind + ' ' + role:<18} {label:<34} {statistics.median(pages):9.1f} "
                  f"{percentile(pages, 0.95):9.1f} {percentile(counts, 0.95):10.1f} {p95:9.1f} {cost[1]:7.2f} "
                  f"{cost[0]:8d}  {shown}"
                  f"{'' if p95 <= INBOX_TARGET_MS else '  OVER'}")
    return ok, plans


def _plans(engine: Engine, label: str, statements: list[tuple[str, dict]]) -> tuple[str, int, float]:
    """The statements' plans as run again, the buffers they touched and their server-side execution time: both
    independent of how busy the machine's other processes keep its two cores."""
    lines, pages, server_ms = [f"-- {label}"], 0, 0.0
    with engine.db.read_engine.connect() as connection:
        for statement, parameters in statements:
            lines.append(" ".join(statement.split()) + f"  -- {parameters}")
            plan = [row[0] for row in connection.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement,
                                                                   parameters)]
            lines += [f"    {line}" for line in plan]
            buffers = next((line for line in plan if line.strip().startswith("Buffers: shared")), "")
            pages += sum(int(part.split("=")[1]) for part in buffers.split() if "=" in part)
            server_ms += float(plan[-1].split()[2]) if plan[-1].startswith("Execution Time") else 0.0
    return "\n".join(lines), pages, server_ms


def _sample_open_tasks(engine: Engine, count: int, seed: int) -> list[str]:
    with engine.db.read() as session:
        session.execute(text("SELECT setseed(:seed)"), {"seed": (seed % 1000) / 1000})
        return [task_id for (task_id,) in session.execute(text(
            "SELECT id FROM human_task TABLESAMPLE SYSTEM (5) WHERE status = 'open' ORDER BY random() LIMIT :n"),
            {"n": count})]


def open_tasks(engine: Engine, count: int, seed: int) -> bool:
    samples = []
    for task_id in _sample_open_tasks(engine, count, seed):
        began = time.perf_counter()
        engine.task(task_id)
        samples.append((time.perf_counter() - began) * 1000)
    return _report("Opening a task (Engine.task: the row, the instance's state loaded, its data)", samples,
                   OPEN_TARGET_MS)


def complete_tasks(engine: Engine, count: int, seed: int, now: datetime) -> bool:
    """Each sampled task answered by its simulated operator, the answer validated by its form; only
    `Engine.complete` is timed. A task the simulation has no answer for, or whose answer its form refuses,
    is left out."""
    with Session(engine.db.read_engine) as session:
        facts = read_region_facts(session)
    samples, skipped = [], 0
    for task_id in _sample_open_tasks(engine, count * 2, seed + 1):
        task = engine.task(task_id)
        operator = ANSWERS.get(task.element_id)
        data = task.data or {}
        youth = facts.youths.get(str(data.get("youth_id")))
        if operator is None or task.form_key is None:
            skipped += 1
            continue
        rng = random.Random(f"{seed}:{task_id}")
        context = AnswerContext(element_id=task.element_id, process_key=task.process_key, data=data, now=now,
                                rng=rng, case_persona=draw_persona(rng) if youth else None, youth=youth,
                                region=facts, round=0)
        try:
            validated, errors = submit(task.form_key, operator(context), data, now)
        except LookupError:
            errors = {"_": ["no persona"]}
        if errors:
            skipped += 1
            continue
        began = time.perf_counter()
        engine.complete(task_id, validated, actor=f"op-{task.org_scope}")
        samples.append((time.perf_counter() - began) * 1000)
        if len(samples) == count:
            break
    return _report(f"Completing a task (Engine.complete: one step, handlers and projections; {skipped} sampled "
                   f"tasks had no valid simulated answer)", samples, COMPLETE_TARGET_MS)


def idle_worker_round(engine: Engine) -> None:
    """A worker round that finds nothing due: the polls every worker makes between timers."""
    samples = []
    for _ in range(20):
        began = time.perf_counter()
        engine.run_due(now=engine.clock.now() - timedelta(days=3650), limit=100)
        samples.append((time.perf_counter() - began) * 1000)
    print(f"An idle worker round (Engine.run_due with nothing due): p50 {statistics.median(samples):.1f} ms, "
          f"max {max(samples):.1f} ms")


def _report(label: str, samples: list[float], target: float) -> bool:
    p95 = percentile(samples, 0.95)
    print(f"{label}: {len(samples)} tasks, p50 {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms, max "
          f"{max(samples):.1f} ms (target p95 <= {target:.0f} ms: {'ok' if p95 <= target else 'OVER TARGET'}; "
          f"load average {os.getloadavg()[0]:.1f})")
    return p95 <= target
