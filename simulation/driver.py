"""The simulation loop: every open human task is answered by its simulated operator, due timers fire, and
when nothing is left to do now the clock jumps to the next due timer (the colleges then update their registries
for the time passed), until every route has ended or the horizon is reached."""
from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine as SqlEngine

from engine import Engine, ManualClock, TaskInfo
from simulation.answers import ANSWERS, NEEDS_STUDY_RECORD, AnswerContext
from simulation.answers.context import MOSCOW_OFFSET
from simulation.cohort import Route
from simulation.college import College
from simulation.outcome_model import StudyRecord
from simulation.personas import DEFAULT_RATES, Persona, Rates, draw_persona
from simulation.posting import FormRejection, submit
from simulation.region_facts import RegionFacts
from simulation.study_record import read_study_record

PAGE = 1000
TIMER_MARGIN = timedelta(seconds=1)
"""SpiffWorkflow fires a timer once the clock is strictly past its due moment."""


@dataclass
class DriveStats:
    tasks_completed: Counter[str] = field(default_factory=Counter)
    timer_rounds: int = 0
    clock_jumps: int = 0
    rejections: list[FormRejection] = field(default_factory=list)
    registry_updates: Counter[str] = field(default_factory=Counter)
    """The colleges' registry updates between steps (`college.py`): debts cleared and new, expulsions, practices."""
    ended_at: datetime | None = None
    reached_horizon: bool = False
    out_of_time: bool = False
    """Stopped by the wall-clock budget (benchmarks) before the routes ended or the horizon came."""


ProgressCallback = Callable[[datetime, DriveStats], None]


class Driver:
    def __init__(self, engine: Engine, clock: ManualClock, reader: SqlEngine, routes: list[Route],
                 region: RegionFacts, seed: int, horizon: datetime, progress: ProgressCallback | None = None,
                 time_budget: float | None = None, rates: Rates = DEFAULT_RATES, whole_region: bool = True):
        """`whole_region`: the routes are all of the region's (False: one shard's, whose colleges then settle
        only the exam sessions of the students it drives)."""
        self.engine = engine
        self.rates = rates
        self.reader = reader
        self.clock = clock
        self.region = region
        self.seed = seed
        self.horizon = horizon
        self.progress = progress
        self.deadline = time.monotonic() + time_budget if time_budget is not None else None
        self.youth_keys = {route.business_key for route in routes if route.is_youth}
        self.personas: dict[str, Persona] = {}
        self.rounds: Counter[tuple[str, str]] = Counter()
        self.skipped: set[str] = set()
        self.stats = DriveStats()
        self.college = College(engine, reader, seed, self._persona, clock.now(),
                               students=None if whole_region else frozenset(self.youth_keys))
        self.started_on = (clock.now() + MOSCOW_OFFSET).date()

    def run(self) -> DriveStats:
        while not self._out_of_time():
            worked = self._answer_open_tasks()
            worked = self._fire_due() or worked
            if self.progress:
                self.progress(self.clock.now(), self.stats)
            if worked:
                continue
            upcoming = self._next_timer()
            if upcoming is None:
                break
            if upcoming >= self.horizon:
                self.stats.reached_horizon = True
                break
            self.clock.set(max(self.clock.now(), upcoming + TIMER_MARGIN))
            self.stats.clock_jumps += 1
            self.college.catch_up(self.clock.now(), self.stats.registry_updates)
        self.stats.ended_at = self.clock.now()
        return self.stats

    def _out_of_time(self) -> bool:
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.stats.out_of_time = True
        return self.stats.out_of_time

    # -- human tasks ----------------------------------------------------------------------------------
    def _answer_open_tasks(self) -> bool:
        tasks = self._open_tasks()
        for task in tasks:
            if self._out_of_time():
                break
            self._answer(task)
        return bool(tasks)

    def _open_tasks(self) -> list[TaskInfo]:
        found: list[TaskInfo] = []
        while True:
            page = self.engine.tasks(status="open", limit=PAGE, offset=len(found), order="created")
            found.extend(page)
            if len(page) < PAGE:
                break
        fresh = [task for task in found if task.id not in self.skipped]
        return sorted(fresh, key=lambda t: (t.business_key or "", t.element_id, t.created_at))

    def _answer(self, task: TaskInfo) -> None:
        shown = self.engine.task(task.id)
        data = shown.data or {}
        key = task.business_key or task.instance_id
        operator = ANSWERS.get(task.element_id)
        if operator is None or task.form_key is None:
            self._reject(task, {"_form": ["no simulated operator answers this task"]}, {})
            return
        round_key = (task.instance_id, task.element_id)
        now = self.clock.now()
        context = AnswerContext(
            element_id=task.element_id, process_key=task.process_key, data=data, now=now,
            rng=random.Random(f"{self.seed}:{key}:{task.element_id}:{self.rounds[round_key]}"),
            case_persona=self._persona(key), youth=self.region.youths.get(key), region=self.region,
            round=self.rounds[round_key], rates=self.rates,
            study_record=self._study_record(key, now) if task.element_id in NEEDS_STUDY_RECORD else None)
        answer = operator(context)
        validated, errors = submit(task.form_key, answer, data, context.now)
        if errors:
            self._reject(task, errors, answer)
            return
        self.engine.complete(task.id, validated, actor=f"simulated-{task.candidate_group or 'operator'}")
        self.rounds[round_key] += 1
        self.stats.tasks_completed[task.element_id] += 1

    def _persona(self, key: str) -> Persona | None:
        if key not in self.youth_keys:
            return None
        if key not in self.personas:
            self.personas[key] = draw_persona(random.Random(f"{self.seed}:{key}"), self.rates)
        return self.personas[key]

    def _study_record(self, key: str, now: datetime) -> StudyRecord | None:
        with self.reader.connect() as connection:
            return read_study_record(connection, key, since=self.started_on, on=(now + MOSCOW_OFFSET).date())

    def _reject(self, task: TaskInfo, errors: dict[str, list[str]], answer: dict) -> None:
        self.skipped.add(task.id)
        self.stats.rejections.append(FormRejection(form_key=task.form_key or "", element_id=task.element_id,
                                                   business_key=task.business_key, errors=errors, answer=answer))

    # -- time -----------------------------------------------------------------------------------------
    def _fire_due(self) -> bool:
        worked = False
        while True:
            if not self.engine.run_due(limit=PAGE).stepped:
                return worked
            worked = True
            self.stats.timer_rounds += 1

    def _next_timer(self) -> datetime | None:
        """The earliest timer still ahead of the clock on a running instance."""
        return self.engine.next_timer(self.clock.now())
