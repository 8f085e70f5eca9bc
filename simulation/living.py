"""A living demo region (issue 12): every route of the seeded region started through the route rule — pupils,
students of every course, graduates, employers' needs, the practice library — and driven forward by the
simulation's operators for a few simulated weeks. Each route answers a drawn number of its tasks (0 to
`MAX_ANSWERED`) and then waits, so routes stand at different points with history behind them and the
demo logins find open tasks of their own groups."""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from domain.region import DEFAULT_AS_OF
from engine import ManualClock, TaskInfo
from engine.wiring import Wiring
from simulation.cohort import start_routes
from simulation.config import START_OF_WORKDAY_UTC
from simulation.driver import Driver
from simulation.region_facts import read_region_facts

MAX_ANSWERED = 4
ROUTE_KINDS = {"pupil": "школьники", "student": "студенты", "graduate": "выпускники",
               "staffing_need": "потребности работодателей", "practice_library": "библиотеки практик"}
DRIVEN = timedelta(weeks=4)


@dataclass(frozen=True)
class LifeSummary:
    routes: Counter[str]
    """started routes by kind (pupil, student, graduate, staffing_need, practice_library)"""
    answered: int
    open_tasks: int
    until: datetime

    def describe(self) -> str:
        """One line for the demo's console (Russian, as the rest of `profroute demo`)."""
        kinds = ", ".join(f"{ROUTE_KINDS.get(kind, kind)} — {count}" for kind, count in sorted(self.routes.items()))
        return (f"Запущено маршрутов: {sum(self.routes.values())} ({kinds}); операторы симуляции ответили на задачи: "
                f"{self.answered} (по {self.until:%d.%m.%Y}); открытых задач: {self.open_tasks}")


class HoldingDriver(Driver):
    """The simulation's driver, except that a route stops answering after its drawn number of tasks."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.answered: Counter[str] = Counter()

    def _budget(self, task: TaskInfo) -> int:
        return random.Random(f"{self.seed}:{task.process_key}:{task.business_key}").randint(0, MAX_ANSWERED)

    def _answer(self, task: TaskInfo) -> None:
        if self.answered[task.instance_id] >= self._budget(task):
            self.skipped.add(task.id)
            return
        done = sum(self.stats.tasks_completed.values())
        super()._answer(task)
        if sum(self.stats.tasks_completed.values()) > done:
            self.answered[task.instance_id] += 1


def bring_to_life(database_url: str, wiring: Wiring, seed: int) -> LifeSummary:
    """Start and drive every route of the region already seeded in the database (its routes not started)."""
    start = datetime.combine(DEFAULT_AS_OF, START_OF_WORKDAY_UTC, tzinfo=UTC)
    clock = ManualClock(start)
    reader = create_engine(database_url)
    engine = wiring.open_engine(database_url, clock=clock)
    try:
        with Session(reader) as session:
            facts = read_region_facts(session)
            routes = start_routes(engine, session)
        driver = HoldingDriver(engine, clock, reader, routes, facts, seed, start + DRIVEN)
        stats = driver.run()
        return LifeSummary(routes=Counter(route.kind for route in routes),
                           answered=sum(stats.tasks_completed.values()),
                           open_tasks=engine.count_tasks(status="open"), until=clock.now())
    finally:
        engine.close()
        reader.dispose()
