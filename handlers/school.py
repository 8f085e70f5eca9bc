"""Stage «Обучение в школе»: school years of a pupil, the guidance platform, ЕМП events, proftours, group sessions
and temporary jobs of minors (process `proc_school_career_guidance`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from domain.algorithms.dates import add_months, age_on
from domain.algorithms.minors import check_minor_job, minor_limits
from domain.algorithms.study_calendar import school_year_of
from domain.models import (
    CareerEvent,
    CareerEventType,
    School,
    SchoolEnrollment,
    TempJob,
    Vacancy,
    Youth,
)
from domain.models.codes import EMP_LEVEL_HOURS, SCHOOL_ROUTE_GRADES
from domain.route_starts import current_school_enrollment
from handlers.common import (
    MOSCOW,
    as_date,
    at_nine,
    external_id,
    iso_moscow,
    org_of,
    require,
    today,
    utc,
    youth_age,
)
from handlers.context import HandlerContext
from handlers.errors import BusinessError
from handlers.events import Audience, Organiser, enrol_in_upcoming, register
from handlers.idempotency import service_operation

LAST_GRADE = SCHOOL_ROUTE_GRADES[-1]
SCHOOL_YEAR_END = time(18, 0)
GUIDANCE_PLATFORM = "Билет в будущее"
EMP_EVENT_CAPACITY = 500
PROFTOURS_PER_YEAR = 2
GROUP_SESSIONS_PER_YEAR = 1
MINOR_FRIENDLY_SCHEDULES = ("гибкий график", "неполный день", "сменный график", "temporary", "part_time", "seasonal")
ROTATIONAL_SCHEDULES = ("вахтовый метод", "rotational")
"""Rotational (вахта) work is closed to anyone under 18 (ТК РФ ст. 298)."""
ADULT_PART_TIME = (4.0, 20.0)

EMP_PROGRAMME: dict[str, tuple[tuple[str, float, int], ...]] = {
    "basic": (("emp_lesson", 34, 0), ("prof_lesson", 6, 44)),
    "main": (("emp_lesson", 34, 0), ("prof_lesson", 6, 44), ("prof_trial", 10, 75), ("open_day", 10, 195)),
    "advanced": (
        ("emp_lesson", 34, 0),
        ("prof_lesson", 6, 44),
        ("prof_trial", 10, 75),
        ("career_marathon", 20, 150),
        ("open_day", 10, 195),
    ),
}
"""ЕМП events of a school year by the school's level: (event type, hours credited, days after 1 September);
the hours add up to the level's 40 / 60 / 80."""


def year_label(start_year: int) -> str:
    return f"{start_year}/{start_year + 1}"


@service_operation("school.plan_school_years")
def plan_school_years(ctx: HandlerContext, youth_id: str, grade: int, birth_date: str, school_id: str) -> dict:
    """List the school years of a pupil from the current grade to grade 11.

    The pupil and their school come from the registries: start data that disagrees with them fails the step
    (an incident naming the difference) and never changes them."""
    grade = int(grade)
    if grade not in SCHOOL_ROUTE_GRADES:
        raise ValueError(f"the school route runs in grades {SCHOOL_ROUTE_GRADES[0]}..{LAST_GRADE}, got grade {grade}")
    youth = require(ctx.session, Youth, youth_id)
    _require_pupil_of(ctx, youth, school_id)
    born = youth.birth_date
    if as_date(birth_date) != born:
        raise ValueError(f"the route's birth date {birth_date} of pupil {youth_id} differs from the registry's "
                         f"{born.isoformat()}")
    first_year = school_year_of(today(ctx))
    years = []
    for offset, year_grade in enumerate(range(grade, LAST_GRADE + 1)):
        start_year = first_year + offset
        starts = at_nine(date(start_year, 9, 1))
        ends = datetime.combine(date(start_year + 1, 5, 31), SCHOOL_YEAR_END, tzinfo=MOSCOW)
        years.append(
            {
                "grade": year_grade,
                "school_year": year_label(start_year),
                "starts_at": iso_moscow(starts),
                "ends_at": iso_moscow(ends),
                "age_at_start": age_on(born, starts.date()),
            }
        )
    ctx.session.flush()
    return {"years": years}


@service_operation("school.register_digital_platform")
def register_digital_platform(ctx: HandlerContext, youth_id: str, grade: int) -> dict:
    """Open the pupil's account on the career-guidance platform (once per pupil)."""
    youth = require(ctx.session, Youth, youth_id)
    if youth.guidance_platform_account is None:
        youth.guidance_platform_account = external_id("bvb", youth.id)
        ctx.emit(
            "ecp",
            "guidance_platform.register",
            {
                "youth_id": youth.id,
                "account_id": youth.guidance_platform_account,
                "platform": GUIDANCE_PLATFORM,
                "grade": int(grade),
                "birth_date": youth.birth_date.isoformat(),
            },
        )
    return {"account_id": youth.guidance_platform_account, "platform": GUIDANCE_PLATFORM}


@service_operation("school.organize_emp_events")
def organize_emp_events(ctx: HandlerContext, youth_id: str, grade: int, school_year: str, school_id: str) -> dict:
    """Enrol the pupil in the school year and register them for the ЕМП events of the school's level."""
    grade = int(grade)
    youth = require(ctx.session, Youth, youth_id)
    school = require(ctx.session, School, school_id)
    start_year = int(school_year.split("/")[0])
    enrollment = ctx.session.scalar(
        select(SchoolEnrollment).where(
            SchoolEnrollment.youth_id == youth.id, SchoolEnrollment.school_year == school_year
        )
    )
    hours = EMP_LEVEL_HOURS[school.emp_level]
    if enrollment is None:
        _require_pupil_of(ctx, youth, school.id)
        enrollment = SchoolEnrollment(youth_id=youth.id, school_id=school.id, school_year=school_year, grade=grade)
        ctx.session.add(enrollment)
    elif enrollment.school_id != school.id:
        raise ValueError(f"pupil {youth_id} is enrolled at school {enrollment.school_id} in {school_year}, "
                         f"not at the route's school {school.id}")
    enrollment.emp_hours_planned = hours
    event_ids = [
        register(ctx.session, _emp_event(ctx, school, grade, start_year, type_code, credit, day).id, youth.id).event_id
        for type_code, credit, day in EMP_PROGRAMME[school.emp_level]
    ]
    ctx.session.flush()
    return {
        "enrollment_id": enrollment.id,
        "emp_level": school.emp_level,
        "hours_planned": hours,
        "event_ids": event_ids,
    }


def _require_pupil_of(ctx: HandlerContext, youth: Youth, school_id: str) -> None:
    """The registries enrol the youth as a pupil of the route's school (a later school year continues there)."""
    current = current_school_enrollment(ctx.session, youth)
    if current is None or current.school_id != school_id:
        where = f"school {current.school_id}" if current is not None else "no school"
        raise ValueError(f"the registries enrol youth {youth.id} at {where}, not at the route's school {school_id}")


def _emp_event(
    ctx: HandlerContext, school: School, grade: int, start_year: int, type_code: str, credit: float, day: int
) -> CareerEvent:
    """The school's event of this type for a grade and school year, set up on first use."""
    starts_at = utc(at_nine(date(start_year, 9, 1) + timedelta(days=day)))
    for event in ctx.session.scalars(
        select(CareerEvent).where(
            CareerEvent.organizer_lane == "school",
            CareerEvent.organizer_id == school.id,
            CareerEvent.type_code == type_code,
            CareerEvent.starts_at == starts_at,
        )
    ):
        if event.target_grades == [grade]:
            return event
    kind = require(ctx.session, CareerEventType, type_code)
    series_end = utc(datetime.combine(date(start_year + 1, 5, 31), SCHOOL_YEAR_END, tzinfo=MOSCOW))
    event = CareerEvent(
        type_code=type_code,
        title=f"{kind.name_ru} — {grade} класс, {school.name}",
        organizer_lane="school",
        organizer_id=school.id,
        starts_at=starts_at,
        ends_at=series_end if type_code == "emp_lesson" else starts_at + timedelta(hours=3),
        municipality_oktmo=school.municipality_oktmo,
        capacity=EMP_EVENT_CAPACITY,
        target_grades=[grade],
        emp_hours_credit=credit,
    )
    ctx.session.add(event)
    ctx.session.flush()
    return event


@service_operation("school.provide_proftours")
def provide_proftours(ctx: HandlerContext, youth_id: str, grade: int) -> dict:
    """Register a pupil of grades 8–11 for proftours to employers that still have free places."""
    grade = int(grade)
    youth = require(ctx.session, Youth, youth_id)
    if grade < 8:
        return {"event_ids": [], "count": 0}
    event_ids = enrol_in_upcoming(
        ctx, youth, "proftour", count=PROFTOURS_PER_YEAR, audience=Audience(grade=grade), horizon=timedelta(days=365)
    )
    return {"event_ids": event_ids, "count": len(event_ids)}


@service_operation("school.provide_group_sessions")
def provide_group_sessions(ctx: HandlerContext, youth_id: str, grade: int) -> dict:
    """Register the pupil for a ЦЗН group career-guidance session (the ЦЗН sets one up when all are full)."""
    grade = int(grade)
    youth = require(ctx.session, Youth, youth_id)
    organiser = Organiser("czn", org_of(ctx).get("czn"), hours=2)
    event_ids = enrol_in_upcoming(
        ctx,
        youth,
        "group_session",
        count=GROUP_SESSIONS_PER_YEAR,
        audience=Audience(grade=grade),
        horizon=timedelta(days=120),
        organiser=organiser,
    )
    return {"event_ids": event_ids, "count": len(event_ids)}


@service_operation("school.organize_temp_employment")
def organize_temp_employment(
    ctx: HandlerContext,
    youth_id: str,
    age: int,
    during_school_year: bool,
    max_hours_day: float | None,
    max_hours_week: float | None,
) -> dict:
    """Propose a temporary job within the working-time limits for minors; `no_temp_job` when none fits."""
    youth = require(ctx.session, Youth, youth_id)
    during = bool(during_school_year)
    period_from, period_to = _temp_job_period(today(ctx), during)
    existing = ctx.session.scalar(
        select(TempJob).where(
            TempJob.youth_id == youth.id,
            TempJob.during_school_year == during,
            TempJob.status.in_(("proposed", "active")),
            TempJob.period_to >= period_from,
        )
    )
    if existing is not None:
        return _temp_job_result(existing)
    current_age = max(int(age), youth_age(youth, ctx))
    per_day, per_week = _allowed_hours(current_age, during, max_hours_day, max_hours_week)
    vacancy = _temp_vacancy(ctx, youth)
    if vacancy is None or check_minor_job(
        age=current_age, during_school_year=during, hours_per_day=per_day, hours_per_week=per_week, hazardous=False
    ):
        raise BusinessError(
            "no_temp_job",
            "Подходящей временной работы для несовершеннолетнего не найдено",
            {"youth_id": youth.id, "during_school_year": during},
        )
    job = TempJob(
        youth_id=youth.id,
        employer_id=vacancy.employer_id,
        position=vacancy.title,
        period_from=period_from,
        period_to=period_to,
        hours_per_day=per_day,
        hours_per_week=per_week,
        during_school_year=during,
        hazardous=False,
        status="proposed",
    )
    ctx.session.add(job)
    ctx.session.flush()
    return _temp_job_result(job)


def _temp_job_result(job: TempJob) -> dict:
    return {"temp_job_id": job.id, "employer_id": job.employer_id, "hours_per_week": job.hours_per_week}


def _allowed_hours(
    age: int, during: bool, max_hours_day: float | None, max_hours_week: float | None
) -> tuple[float, float]:
    """The decision table's limits, never above the law's (the stricter one wins)."""
    law = minor_limits(age, during)
    if law is None:
        law_day, law_week = ADULT_PART_TIME
    else:
        law_day, law_week = law.max_hours_day, law.max_hours_week
    day = min(float(max_hours_day), law_day) if max_hours_day is not None else law_day
    week = min(float(max_hours_week), law_week) if max_hours_week is not None else law_week
    return day, week


def _temp_job_period(day: date, during_school_year: bool) -> tuple[date, date]:
    """In the school year: from the next Monday for three months, not past 31 May; in the holidays: the
    coming summer (from today when it has begun)."""
    if during_school_year:
        start = day + timedelta(days=7 - day.weekday())
        year_end = date(school_year_of(start) + 1, 5, 31)
        return start, min(add_months(start, 3), year_end)
    summer_start = date(day.year, 6, 1)
    if day > date(day.year, 8, 31):
        summer_start = date(day.year + 1, 6, 1)
    start = max(summer_start, day)
    return start, date(start.year, 8, 31)


def _temp_vacancy(ctx: HandlerContext, youth: Youth) -> Vacancy | None:
    """An open job in the youth's region that needs no professional qualification, experience or rotational
    work and has no hazards; schedules that fit around study and the youth's own municipality first."""
    candidates = ctx.session.scalars(
        select(Vacancy).where(
            Vacancy.status == "open",
            Vacancy.region_code == youth.region_code,
            Vacancy.okso_code.is_(None),
            Vacancy.hazardous.is_(False),
            Vacancy.requires_experience.is_(False),
            Vacancy.for_young_specialists.is_(False),
        )
    ).all()
    suitable = [vacancy for vacancy in candidates if vacancy.schedule not in ROTATIONAL_SCHEDULES]
    if not suitable:
        return None

    def rank(vacancy: Vacancy) -> tuple[Any, ...]:
        return (
            vacancy.schedule not in MINOR_FRIENDLY_SCHEDULES,
            vacancy.municipality_oktmo != youth.municipality_oktmo,
            vacancy.id,
        )

    return min(suitable, key=rank)
