"""Stage «Обучение в ПОО / ОО ВО», the student's way around the support (`proc_student_support`): the common profile on
ЕЦП, access to the career-navigation platforms, the support checkpoints from enrolment to graduation, and
career events."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from domain.algorithms.dates import age_on
from domain.algorithms.study_calendar import school_year_of
from domain.models import Programme, StudentEnrollment, Youth
from handlers.common import at_nine, ecp_profile, iso_moscow, org_of, require, today
from handlers.context import HandlerContext
from handlers.events import Audience, Organiser, enrol_in_upcoming
from handlers.idempotency import service_operation
from handlers.service_records import record_service
from handlers.student_record import course_on

CHECKPOINT_STEP = timedelta(weeks=6)
CAREER_NAVIGATION_PLATFORMS = ("ЕЦП «Работа в России»", "«Россия — страна возможностей»", "«Профстажировки.рф»")
CAREER_EVENT_TYPES = (("job_fair", "czn"), ("career_day", "edu_org"), ("master_class", None))


@service_operation("student.create_ecp_profile")
def create_ecp_profile(ctx: HandlerContext, youth_id: str, enrollment_id: str) -> dict:
    """Create the student's common profile on ЕЦП (shown to employers unless consent was revoked)."""
    youth = require(ctx.session, Youth, youth_id)
    enrollment = require(ctx.session, StudentEnrollment, enrollment_id)
    programme = require(ctx.session, Programme, enrollment.programme_id)
    profile = ecp_profile(
        ctx,
        youth,
        {
            "okso_code": programme.okso_code,
            "edu_org_id": programme.edu_org_id,
            "expected_graduation": enrollment.expected_graduation.isoformat(),
        },
    )
    return {"ecp_profile_id": profile.ecp_profile_id, "visible_to_employers": profile.visible_to_employers}


@service_operation("student.provide_career_navigation")
def provide_career_navigation(ctx: HandlerContext, youth_id: str) -> dict:
    """Grant access to the career-navigation platforms through the student's ЕЦП profile and record it
    (ServiceRecord)."""
    youth = require(ctx.session, Youth, youth_id)
    profile = ecp_profile(ctx, youth)
    profile.last_synced_at = ctx.now
    ctx.emit(
        "ecp",
        "career_navigation.grant",
        {
            "youth_id": youth.id,
            "ecp_profile_id": profile.ecp_profile_id,
            "platforms": list(CAREER_NAVIGATION_PLATFORMS),
        },
    )
    record_service(
        ctx,
        youth.id,
        "career_navigation",
        provider_lane="ecp",
        reference=profile.ecp_profile_id,
        details={"platforms": list(CAREER_NAVIGATION_PLATFORMS)},
    )
    return {"platforms": list(CAREER_NAVIGATION_PLATFORMS)}


def semester(day: date) -> str:
    """The semester a day belongs to: `autumn` (September to January) or `spring`."""
    return "autumn" if day.month >= 9 or day.month == 1 else "spring"


@service_operation("student.plan_support_checkpoints")
def plan_support_checkpoints(ctx: HandlerContext, youth_id: str, enrollment: dict) -> dict:
    """Checkpoints every six weeks from the start of studies to graduation (those already past are dropped);
    the first of each semester is a semester start; practice falls on the first checkpoint of the spring
    semester: production from the second course, the internship in the final year. Each carries the
    student's age on its date (a minor's temporary work follows the minors' limits)."""
    row = require(ctx.session, StudentEnrollment, enrollment["enrollment_id"])
    youth = require(ctx.session, Youth, youth_id)
    if row.youth_id != youth_id:
        raise ValueError(f"enrolment {row.id} belongs to another youth")
    first_year = school_year_of(row.start_date)
    final_year = school_year_of(row.expected_graduation - timedelta(days=1))
    checkpoints: list[dict[str, Any]] = []
    seen_semesters: set[tuple[int, str]] = set()
    moment = at_nine(row.start_date)
    index = 0
    while moment.date() < row.expected_graduation:
        year, term = school_year_of(moment.date()), semester(moment.date())
        first_of_semester = (year, term) not in seen_semesters
        seen_semesters.add((year, term))
        if moment >= ctx.now:
            course = year - first_year + 1
            is_final = year == final_year
            practice = None
            if first_of_semester and term == "spring":
                practice = "internship" if is_final else "production" if course >= 2 else None
            checkpoints.append(
                {
                    "index": index,
                    "at": iso_moscow(moment),
                    "course": course,
                    "semester": term,
                    "semester_start": first_of_semester or not checkpoints,
                    "final_year": is_final,
                    "practice": practice,
                    "age": age_on(youth.birth_date, moment.date()),
                }
            )
        index += 1
        moment += CHECKPOINT_STEP
    row.course = course_on(row, today(ctx))
    return {"checkpoints": checkpoints, "graduation_at": iso_moscow(at_nine(row.expected_graduation))}


@service_operation("student.invite_to_career_events")
def invite_to_career_events(ctx: HandlerContext, youth_id: str, course: int) -> dict:
    """Register the student for the next job fair, career day and master class with free places; the ЦЗН
    and the edu org set up their fair or career day when none is planned."""
    youth = require(ctx.session, Youth, youth_id)
    org = org_of(ctx)
    event_ids: list[str] = []
    for type_code, organiser_lane in CAREER_EVENT_TYPES:
        organiser = Organiser(organiser_lane, org.get(organiser_lane)) if organiser_lane else None
        event_ids += enrol_in_upcoming(
            ctx,
            youth,
            type_code,
            count=1,
            audience=Audience(course=int(course)),
            horizon=timedelta(days=90),
            organiser=organiser,
        )
    return {"event_ids": event_ids}
