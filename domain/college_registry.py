"""The college's own updates of its registry of record, made outside the map's process steps: the results of an
exam session (academic debts, expulsion) and of the practices whose period is over. Whoever keeps the registry
calls these on the right dates (the simulation does when its clock passes them); they flush, never commit."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.algorithms.exam_session import DebtRecord, SessionResults, settle_debts
from domain.algorithms.practice_result import practice_outcome
from domain.models import PracticePlacement, StudentEnrollment
from domain.queries import active_assignment

RUNNING_PLACEMENT_STATUSES = ("confirmed", "started")


@dataclass(frozen=True)
class ExamSessionSummary:
    session_end: date
    students: int
    debts_cleared: int
    new_debts: int
    expelled_youth_ids: tuple[str, ...]


@dataclass(frozen=True)
class PracticeResultSummary:
    completed: int
    failed: int


def apply_exam_session(
    session: Session, *, session_end: date, results_of: Callable[[StudentEnrollment], SessionResults],
    youth_ids: Collection[str] | None = None,
) -> ExamSessionSummary:
    """Settle the debts of every student studying at the end of a session (`domain.algorithms.exam_session`) with
    what `results_of` says the session brought them (only the students among `youth_ids`, when given). An
    expelled student's enrolment gets status `expelled` and their curator is released (reason `expelled`).
    Students in their final summer sit the state exams instead (their graduation is on or before the session
    end) and are left alone."""
    students = session.scalars(
        select(StudentEnrollment)
        .where(
            StudentEnrollment.status == "studying",
            StudentEnrollment.start_date < session_end,
            StudentEnrollment.expected_graduation > session_end,
            *(() if youth_ids is None else (StudentEnrollment.youth_id.in_(sorted(youth_ids)),)),
        )
        .order_by(StudentEnrollment.youth_id, StudentEnrollment.id)
    ).all()
    cleared = new = 0
    expelled: list[str] = []
    for enrollment in students:
        record = DebtRecord(enrollment.academic_debt_count, enrollment.academic_debt_since)
        settled = settle_debts(record, results_of(enrollment), session_end=session_end)
        enrollment.academic_debt_count, enrollment.academic_debt_since = settled.count, settled.since
        cleared += settled.cleared
        new += settled.new
        if settled.expelled:
            enrollment.status = "expelled"
            expelled.append(enrollment.youth_id)
            assignment = active_assignment(session, enrollment.youth_id)
            if assignment is not None:
                assignment.ended_on, assignment.release_reason = session_end, "expelled"
    session.flush()
    return ExamSessionSummary(session_end, len(students), cleared, new, tuple(expelled))


def record_practice_results(session: Session, *, on: date) -> PracticeResultSummary:
    """Close every confirmed placement whose practice ended on or before `on`: `completed` on its end date, or
    `failed` when the employer graded it unsatisfactory (`domain.algorithms.practice_result`)."""
    placements = session.scalars(
        select(PracticePlacement)
        .where(PracticePlacement.status.in_(RUNNING_PLACEMENT_STATUSES), PracticePlacement.end_date <= on)
        .order_by(PracticePlacement.id)
    ).all()
    counts = {"completed": 0, "failed": 0}
    for placement in placements:
        outcome = practice_outcome(placement.employer_evaluation)
        placement.status = outcome
        placement.completed_on = placement.end_date if outcome == "completed" else None
        counts[outcome] += 1
    session.flush()
    return PracticeResultSummary(**counts)
