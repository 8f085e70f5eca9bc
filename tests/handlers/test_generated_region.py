"""The generated region (`domain.region.generate`) supplies what the handlers look for in later simulated
years: practice slots in a student's window of the current course, and temporary jobs open to minors."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from domain.algorithms.dates import age_on
from domain.algorithms.minors import minor_limits
from domain.models import PracticeSlot, Programme, StudentEnrollment, TempJob, Vacancy, Youth
from domain.region import generate
from handlers import school, student_practice

SPRING_2029 = datetime(2029, 2, 16, 6, 0, tzinfo=UTC)
"""A support checkpoint two school years after the region's first: practice is requested in February."""


@pytest.fixture
def generated(session):
    generate(session, seed=11, youths=200)
    return session


def _student_with_production_practice_in(session, day: date) -> StudentEnrollment:
    """A student who has not reached the final year on `day` (a region's students began by 2026, so they are in
    course 2 or later) and whose specialty some production slot of that spring accepts."""
    codes = {
        code
        for slot in session.scalars(select(PracticeSlot).where(PracticeSlot.kind == "production"))
        if slot.start_date.year == day.year and not slot.hazardous
        for code in slot.accepted_okso_codes
    }
    for enrollment in session.scalars(select(StudentEnrollment).order_by(StudentEnrollment.id)):
        programme = session.get(Programme, enrollment.programme_id)
        if (
            enrollment.status == "studying"
            and programme.okso_code in codes
            and enrollment.expected_graduation.year > day.year
        ):
            return enrollment
    raise AssertionError("the region has no student for this test")


def test_a_student_is_placed_in_the_spring_of_a_later_school_year(generated, make_ctx):
    enrollment = _student_with_production_practice_in(generated, SPRING_2029.date())
    result = student_practice.match_practice_slots(
        make_ctx({"org": {"edu_org": "college-001"}}, now=SPRING_2029), youth_id=enrollment.youth_id, kind="production"
    )
    slot = generated.get(PracticeSlot, result["slot_id"])
    assert slot is not None and slot.kind == "production"
    assert enrollment.practice_window_start <= slot.start_date and slot.end_date <= enrollment.practice_window_end
    assert enrollment.practice_window_start == date(2029, 4, 1)


@pytest.mark.parametrize("during_school_year", [True, False])
def test_a_pupil_of_14_to_17_gets_a_temporary_job_within_the_limits(generated, make_ctx, during_school_year):
    now = datetime(2027, 10, 4, 6, 0, tzinfo=UTC)
    pupil = next(
        youth
        for youth in generated.scalars(select(Youth).where(Youth.status == "pupil").order_by(Youth.id))
        if 14 <= age_on(youth.birth_date, now.date()) < 18
    )
    age = age_on(pupil.birth_date, now.date())
    limits = minor_limits(age, during_school_year)
    result = school.organize_temp_employment(
        make_ctx(now=now),
        youth_id=pupil.id,
        age=age,
        during_school_year=during_school_year,
        max_hours_day=limits.max_hours_day,
        max_hours_week=limits.max_hours_week,
    )
    job = generated.get(TempJob, result["temp_job_id"])
    assert (job.hours_per_day, job.hours_per_week) == (limits.max_hours_day, limits.max_hours_week)
    offered = generated.scalars(select(Vacancy).where(Vacancy.employer_id == job.employer_id)).all()
    assert any(v.okso_code is None and v.title == job.position for v in offered)
