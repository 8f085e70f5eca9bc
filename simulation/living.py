"""A living demo region (issue 12): the region is generated as of the start of its last summer, every route of it
started through the route rule — pupils, students of every course, graduates, young specialists, employers'
needs, the practice library — and driven forward by the simulation's operators until four weeks after the
region's "today". Summer is when the map moves most (final exams, graduation, the admission campaign, new jobs,
a new school year), so routes reach every stage and every lane.

Each route answers a drawn number of its tasks (0 to `MAX_ANSWERED`) and then waits, so routes stand at
different points with history behind them. The demo logins' desks (candidate group and organisation) keep
the latest `KEEP_OPEN` tasks of routes that already have answered tasks: the simulated operators leave those
to the people trying the demo (a task kept earlier goes back to them when a newer one comes). A graduate who
finds a job is hired by the demo employer, so that its staff have young specialists to adapt and keep."""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from domain.region import DEFAULT_AS_OF
from engine import ManualClock, TaskInfo
from engine.wiring import Wiring
from simulation.cohort import start_routes
from simulation.config import START_OF_WORKDAY_UTC
from simulation.driver import Driver
from simulation.region_facts import RegionFacts, read_region_facts

MAX_ANSWERED = 4
KEEP_OPEN = 6
LIFE_STARTS: date = DEFAULT_AS_OF - timedelta(weeks=22)
"""The day the demo region is generated as of: 1 June, before the final exams and the admission campaign."""
LIFE_ENDS: date = DEFAULT_AS_OF + timedelta(weeks=4)
ROUTE_KINDS = {"pupil": "школьники", "student": "студенты", "graduate": "выпускники",
               "young_specialist": "молодые специалисты", "staffing_need": "потребности работодателей",
               "practice_library": "библиотеки практик"}

Desk = tuple[str, str]
"""(candidate group, organisation id): where a demo login finds its tasks."""


@dataclass(frozen=True)
class LifeSummary:
    routes: Counter[str]
    """started routes by kind (pupil, student, graduate, young_specialist, staffing_need, practice_library)"""
    answered: int
    open_tasks: int
    since: datetime
    until: datetime

    def describe(self) -> str:
        """One line for the demo's console (Russian, as the rest of `profroute demo`)."""
        kinds = ", ".join(f"{ROUTE_KINDS.get(kind, kind)} — {count}" for kind, count in sorted(self.routes.items()))
        return (f"Запущено маршрутов: {sum(self.routes.values())} ({kinds}); операторы симуляции ответили на задачи: "
                f"{self.answered} (с {self.since:%d.%m.%Y} по {self.until:%d.%m.%Y}); "
                f"открытых задач: {self.open_tasks}")


class HoldingDriver(Driver):
    """The simulation's driver, except that a route stops answering after its drawn number of tasks, and the
    demo desks keep their latest `KEEP_OPEN` tasks of routes with history for the people trying the demo."""

    def __init__(self, *args, desks: Iterable[Desk] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.answered: Counter[str] = Counter()
        self.kept: dict[Desk, list[str]] = {desk: [] for desk in desks}
        self.released: set[str] = set()

    def _budget(self, task: TaskInfo) -> int:
        return random.Random(f"{self.seed}:{task.process_key}:{task.business_key}").randint(0, MAX_ANSWERED)

    def _keeps(self, task: TaskInfo) -> bool:
        kept = self.kept.get((task.candidate_group or "", task.org_scope or ""))
        if kept is None or task.id in self.released or not self.answered[task.instance_id]:
            return False
        if len(kept) == KEEP_OPEN:
            oldest = kept.pop(0)
            self.released.add(oldest)
            self.skipped.discard(oldest)
        kept.append(task.id)
        return True

    def _answer(self, task: TaskInfo) -> None:
        if self._keeps(task) or self.answered[task.instance_id] >= self._budget(task):
            self.skipped.add(task.id)
            return
        done = sum(self.stats.tasks_completed.values())
        super()._answer(task)
        if sum(self.stats.tasks_completed.values()) > done:
            self.answered[task.instance_id] += 1


def hiring_at(facts: RegionFacts, employer_id: str) -> RegionFacts:
    """The region's facts with `employer_id` as the one employer that hires, in every specialty."""
    by_specialty = {code: (employer_id,) for code in facts.employers_by_specialty}
    return replace(facts, employer_ids=(employer_id,), employers_by_specialty=by_specialty)


def bring_to_life(database_url: str, wiring: Wiring, seed: int, desks: Iterable[Desk] = ()) -> LifeSummary:
    """Start and drive every route of the region already seeded in the database as of `LIFE_STARTS` (its routes
    not started); `desks` are the demo logins' (candidate group, organisation id)."""
    start = datetime.combine(LIFE_STARTS, START_OF_WORKDAY_UTC, tzinfo=UTC)
    clock = ManualClock(start)
    reader = create_engine(database_url)
    engine = wiring.open_engine(database_url, clock=clock)
    desks = list(desks)
    try:
        with Session(reader) as session:
            facts = read_region_facts(session)
            for group, employer_id in desks:
                if group == "employer":
                    facts = hiring_at(facts, employer_id)
            routes = start_routes(engine, session, young_specialists=True)
        horizon = datetime.combine(LIFE_ENDS, START_OF_WORKDAY_UTC, tzinfo=UTC)
        driver = HoldingDriver(engine, clock, reader, routes, facts, seed, horizon, desks=desks)
        stats = driver.run()
        return LifeSummary(routes=Counter(route.kind for route in routes),
                           answered=sum(stats.tasks_completed.values()),
                           open_tasks=engine.count_tasks(status="open"), since=start, until=clock.now())
    finally:
        engine.close()
        reader.dispose()
