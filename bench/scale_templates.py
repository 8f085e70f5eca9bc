"""The engine-made routes the scale benchmark copies: a generated region's every route started through the route
rule, then driven by the simulation's operators for some weeks, each route answering a drawn number of its tasks
(half of them 0 to 3, the others up to `MAX_ANSWERED`) before it stops and waits, so the routes stand at every
stage of the map with their history behind them: open tasks of every group, timers, incidents, audit chains,
compact states."""
from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from domain.region import DEFAULT_AS_OF, generate
from engine import ManualClock, TaskInfo
from profroute.wiring import WIRING
from simulation.cohort import start_routes
from simulation.config import START_OF_WORKDAY_UTC
from simulation.living import HoldingDriver
from simulation.region_facts import read_region_facts

PROCESSES = Path(__file__).resolve().parents[1] / "processes"
MAX_ANSWERED = 24
"""The most tasks a template route answers before it waits: about a quarter of a youth's whole route."""


class TemplateDriver(HoldingDriver):
    """The living demo's driver with a longer leash for half the routes: those go deep into their stage, the
    others wait at one of their first tasks (an inbox holds both)."""

    def _budget(self, task: TaskInfo) -> int:
        rng = random.Random(f"{self.seed}:{task.process_key}:{task.business_key}")
        return rng.randint(0, 3) if rng.random() < 0.5 else rng.randint(4, MAX_ANSWERED)


def grow_templates(url: str, youths: int, weeks: int, seed: int) -> datetime:
    """Seed the region, deploy processes/, start and drive every route; returns the simulated moment the
    drive ended (the benchmark's "now": the copies live in the same time frame as their templates)."""
    began = time.perf_counter()
    WIRING.upgrade(url)
    reader = create_engine(url)
    start = datetime.combine(DEFAULT_AS_OF, START_OF_WORKDAY_UTC, tzinfo=UTC)
    clock = ManualClock(start)
    engine = WIRING.open_engine(url, clock=clock)
    try:
        with Session(reader) as session:
            generate(session, seed=seed, youths=youths)
            session.commit()
            engine.deploy(sorted(path for path in PROCESSES.rglob("*") if path.suffix in (".bpmn", ".dmn")),
                          actor="scale-bench")
            facts = read_region_facts(session)
            routes = start_routes(engine, session)
        stats = TemplateDriver(engine, clock, reader, routes, facts, seed, start + timedelta(weeks=weeks)).run()
    finally:
        engine.close()
        reader.dispose()
    print(f"templates: {len(routes)} routes of a {youths}-youth region started and driven {weeks} weeks by the "
          f"simulation's operators ({sum(stats.tasks_completed.values())} tasks answered, up to {MAX_ANSWERED} a "
          f"route) in {time.perf_counter() - began:.0f} s")
    return clock.now()
