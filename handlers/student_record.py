"""The student's study record that several student-support handlers read (`proc_student_support`): the
current enrolment, the academic calendar and recorded work experience."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, exists, select

from domain.algorithms.study_calendar import school_year_of
from domain.models import PracticePlacement, StudentEnrollment, TempJob
from handlers.common import current_enrollment
from handlers.context import HandlerContext


def study_enrollment(ctx: HandlerContext, youth_id: str) -> StudentEnrollment:
    """The youth's current study enrolment, or a LookupError naming the youth (the step fails with an incident)."""
    enrollment = current_enrollment(ctx.session, youth_id)
    if enrollment is None:
        raise LookupError(f"youth {youth_id!r} has no study enrolment")
    return enrollment


def course_on(enrollment: StudentEnrollment, day: date) -> int:
    """The course a student is in on a day, counted in academic years from the start of studies."""
    return max(enrollment.course, school_year_of(day) - school_year_of(enrollment.start_date) + 1)


_JOBS = TempJob.__table__.c
_PLACEMENTS = PracticePlacement.__table__.c
_WORK_EXPERIENCE = select(
    exists().where(_JOBS.youth_id == bindparam("youth_id"))
    | exists().where(_PLACEMENTS.youth_id == bindparam("youth_id"), _PLACEMENTS.status == "completed")
)


def recorded_work_experience(ctx: HandlerContext, youth_id: str) -> bool:
    """A temporary job or a completed practice placement in the registries."""
    return bool(ctx.session.scalar(_WORK_EXPERIENCE, {"youth_id": youth_id}))
