"""The colleges' registry updates between the map's steps, applied whenever the driver moves the clock past
them: after each exam session the retakes clear most academic debts, some students get new ones and a student
with a debt a year old is expelled; a confirmed practice whose period is over gets its result; each spring the
region approves next year's admission figures and target-training quotas. The rules are
the domain's (`domain.college_registry`); this module draws each student's session from their persona.

A student whose curator has more students than the cap clears fewer debts at the retakes
(`RETAKE_PASS_RATE_WITHOUT_CURATOR`), so an overloaded curator means more expulsions.

The map has no expulsion branch, so the college ends an expelled student's routes as an operator would: it
cancels them with the reason."""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import Engine as SqlEngine
from sqlalchemy.orm import Session

from domain.admission_registry import approve_admission_plans
from domain.algorithms.exam_session import SessionResults, session_ends
from domain.college_registry import apply_exam_session, record_practice_results
from domain.models import StudentEnrollment
from engine import Engine
from simulation.answers.context import MOSCOW_OFFSET
from simulation.personas import MEAN_READINESS, Persona
from simulation.study_record import shortfall_by_student

RETAKE_PASS_RATE = 0.75
"""Chance that one open debt is cleared at the retakes of the following semester; two failed rounds expel."""
RETAKE_PASS_RATE_WITHOUT_CURATOR = 0.5
"""The same for a student at high risk whose curator has no time for them: the monthly meetings (domain.md §4.2)
are where an open debt is noticed and the retake prepared; a curator above the cap loses a share
1 − cap / caseload of them, and the chance falls towards this one in proportion (an assumption)."""
NEW_DEBT_CHANCE = (0.03, 0.25)
"""Chance of new debts at a session: 3 % plus 25 % × (1 − readiness), ≈ 12 % at the mean readiness."""
NEW_DEBT_COUNTS = {1: 15, 2: 7, 3: 3}
"""How many new debts a student who gets some has (the region generator's proportions)."""
MOSCOW = timezone(MOSCOW_OFFSET)
COLLEGE_ACTOR = "simulated-edu_org"
EXPULSION_REASON = "Отчислен: академическая задолженность не ликвидирована в течение года (273-ФЗ ст. 58)"


def new_debt_chance(readiness: float) -> float:
    base, by_unreadiness = NEW_DEBT_CHANCE
    return base + by_unreadiness * (1.0 - readiness)


def retake_pass_rate(shortfall: float) -> float:
    return RETAKE_PASS_RATE - (RETAKE_PASS_RATE - RETAKE_PASS_RATE_WITHOUT_CURATOR) * shortfall


def draw_session(rng: random.Random, open_debts: int, readiness: float, shortfall: float = 0.0) -> SessionResults:
    passed = sum(1 for _ in range(open_debts) if rng.random() < retake_pass_rate(shortfall))
    new = 0
    if rng.random() < new_debt_chance(readiness):
        new = rng.choices(list(NEW_DEBT_COUNTS), weights=list(NEW_DEBT_COUNTS.values()))[0]
    return SessionResults(retakes_passed=passed, new_debts=new)


class College:
    def __init__(self, engine: Engine, reader: SqlEngine, seed: int, persona_of: Callable[[str], Persona | None],
                 start: datetime, students: frozenset[str] | None = None):
        """`students`: settle the exam sessions of these youths only (one shard's); None: every student."""
        self.engine = engine
        self.reader = reader
        self.seed = seed
        self.persona_of = persona_of
        self.settled_through = _local_day(start)
        self.students = students

    def catch_up(self, now: datetime, counts: Counter[str]) -> None:
        """Apply every session that ended before today, then the results of the practices over by today."""
        today = _local_day(now)
        expelled: list[str] = []
        with Session(self.reader) as session:
            for end in session_ends(self.settled_through, today - timedelta(days=1)):
                shortfalls = shortfall_by_student(session.connection(), end)
                summary = apply_exam_session(session, session_end=end, results_of=self._results_on(end, shortfalls),
                                             youth_ids=self.students)
                counts["exam_sessions"] += 1
                counts["debts_cleared"] += summary.debts_cleared
                counts["new_debts"] += summary.new_debts
                counts["students_expelled"] += len(summary.expelled_youth_ids)
                expelled.extend(summary.expelled_youth_ids)
            counts["admission_plans_approved"] += approve_admission_plans(session, on=today)
            practices = record_practice_results(session, on=today)
            counts["placements_completed"] += practices.completed
            counts["placements_failed"] += practices.failed
            session.commit()
        self.settled_through = max(self.settled_through, today - timedelta(days=1))
        for youth_id in expelled:
            for instance in self.engine.instances(business_key=youth_id, status="active"):
                self.engine.cancel(instance.id, COLLEGE_ACTOR, EXPULSION_REASON)
                counts["routes_cancelled"] += 1

    def _results_on(self, session_end: date, shortfalls: dict[str, float]
                    ) -> Callable[[StudentEnrollment], SessionResults]:
        def results_of(enrollment: StudentEnrollment) -> SessionResults:
            persona = self.persona_of(enrollment.youth_id)
            rng = random.Random(f"{self.seed}:{enrollment.youth_id}:exam-session:{session_end.isoformat()}")
            return draw_session(rng, enrollment.academic_debt_count, persona.readiness if persona else MEAN_READINESS,
                                shortfalls.get(enrollment.youth_id, 0.0))
        return results_of


def _local_day(moment: datetime) -> date:
    return moment.astimezone(MOSCOW).date()
