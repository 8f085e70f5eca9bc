from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from domain.algorithms.exam_session import SessionResults
from domain.algorithms.practice_result import practice_outcome
from domain.college_registry import apply_exam_session, record_practice_results
from domain.models import Curator, CuratorAssignment, PracticePlacement, PracticeSlot, StudentEnrollment

WINTER = date(2027, 1, 31)


def _studying(session):
    return session.scalars(
        select(StudentEnrollment)
        .where(StudentEnrollment.status == "studying", StudentEnrollment.expected_graduation > WINTER)
        .order_by(StudentEnrollment.id)
    ).all()


def test_exam_session_clears_adds_and_expels(region_session):
    session, _ = region_session
    clearing, staying, expelled, untouched = _studying(session)[:4]
    clearing.academic_debt_count, clearing.academic_debt_since = 2, None
    staying.academic_debt_count, staying.academic_debt_since = 1, date(2026, 6, 30)
    expelled.academic_debt_count, expelled.academic_debt_since = 1, date(2026, 1, 31)
    untouched.academic_debt_count = 0
    curator = session.scalars(select(Curator).order_by(Curator.id)).first()
    assignment = CuratorAssignment(curator_id=curator.id, youth_id=expelled.youth_id,
                                   student_enrollment_id=expelled.id, started_on=date(2026, 11, 10))
    session.add(assignment)
    session.flush()
    plan = {clearing.id: SessionResults(2, 0), staying.id: SessionResults(0, 1), expelled.id: SessionResults(0, 0)}

    summary = apply_exam_session(session, session_end=WINTER,
                                 results_of=lambda row: plan.get(row.id, SessionResults(row.academic_debt_count, 0)))

    assert (clearing.academic_debt_count, clearing.academic_debt_since) == (0, None)
    assert (staying.academic_debt_count, staying.academic_debt_since) == (2, date(2026, 6, 30))
    assert expelled.status == "expelled"
    assert (assignment.ended_on, assignment.release_reason) == (WINTER, "expelled")
    assert summary.expelled_youth_ids == (expelled.youth_id,)
    assert summary.new_debts == 1 and summary.debts_cleared >= 2
    assert untouched.academic_debt_count == 0 and untouched.status == "studying"


def test_graduates_of_the_session_and_other_statuses_are_left_alone(region_session):
    session, _ = region_session
    summer = date(2027, 6, 30)
    graduating = session.scalars(select(StudentEnrollment).where(
        StudentEnrollment.status == "studying", StudentEnrollment.expected_graduation == summer)).first()
    graduating.academic_debt_count, graduating.academic_debt_since = 1, date(2026, 6, 30)
    seen: list[str] = []

    def results_of(row):
        seen.append(row.id)
        return SessionResults(0, 0)

    apply_exam_session(session, session_end=summer, results_of=results_of)
    assert graduating.id not in seen and graduating.status == "studying"
    assert all(session.get(StudentEnrollment, row_id).status in ("studying", "expelled") for row_id in seen)


def test_an_exam_session_can_be_settled_for_some_students_only(region_session):
    """One shard of `profroute simulate --workers N` settles only the students whose routes it drives."""
    session, _ = region_session
    some = [row.youth_id for row in _studying(session)[:2]]
    seen: list[str] = []

    def results_of(row):
        seen.append(row.youth_id)
        return SessionResults(0, 0)

    summary = apply_exam_session(session, session_end=WINTER, results_of=results_of, youth_ids=some)
    assert sorted(seen) == sorted(some) and summary.students == 2


def test_practice_results_once_the_period_is_over(region_session):
    session, _ = region_session
    slot = session.scalars(select(PracticeSlot).order_by(PracticeSlot.id)).first()
    students = _studying(session)[:3]
    end = date(2027, 3, 1)
    placements = [
        PracticePlacement(slot_id=slot.id, student_enrollment_id=row.id, youth_id=row.youth_id, status="confirmed",
                          start_date=end - timedelta(weeks=6), end_date=end, employer_evaluation=evaluation)
        for row, evaluation in zip(students, (5, 2, None), strict=True)
    ]
    session.add_all(placements)
    session.flush()

    assert record_practice_results(session, on=end - timedelta(days=1)).completed == 0
    summary = record_practice_results(session, on=end)

    assert [p.status for p in placements] == ["completed", "failed", "completed"]
    assert [p.completed_on for p in placements] == [end, None, end]
    assert summary.completed >= 2 and summary.failed >= 1


def test_practice_outcome_by_the_employers_grade():
    assert practice_outcome(None) == "completed"
    assert practice_outcome(3) == "completed"
    assert practice_outcome(2) == "failed"
