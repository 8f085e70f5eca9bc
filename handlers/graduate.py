"""Stage «Маршрутизация выпускника»: the job-seeker application on ЕЦП, employment checkpoints, the target contract,
outcomes and retraining (process `proc_graduate_routing`)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import bindparam, func, select

from domain.algorithms.dates import add_months
from domain.algorithms.eligibility import retraining_eligibility
from domain.models import (
    Employer,
    EmploymentOutcome,
    IndividualPlan,
    ProfilingResult,
    Programme,
    RetrainingCourse,
    RetrainingEnrollment,
    TargetTrainingContract,
    Youth,
    new_id,
)
from domain.queries import latest_profiling
from handlers.common import (
    at_nine,
    current_enrollment,
    ecp_profile,
    external_id,
    iso_moscow,
    optional_date,
    org_of,
    require,
    today,
)
from handlers.context import HandlerContext
from handlers.idempotency import service_operation

CHECKPOINT_MONTHS = (0, 6, 12, 24)
FOLLOWUP_MONTHS = 1.5
"""Repeat profiling of a graduate without work every 1.5 months (565-ФЗ ст. 26 ч. 4, domain.md §4.5)."""
HALF_MONTH = timedelta(days=15)
FOLLOWUP_INTERVAL = timedelta(days=45)
OPEN_PLAN_STATUSES = ("draft", "agreed", "in_progress")
TARGET_EMPLOYMENT_MONTHS = 3
ACTIVE_RETRAINING = ("applied", "enrolled")
MAX_INTAKE_YEARS = 20


@service_operation("graduate.provide_online_employment_services")
def provide_online_employment_services(ctx: HandlerContext, youth_id: str) -> dict:
    """Register the graduate's job-seeker application on ЕЦП «Работа в России»."""
    youth = require(ctx.session, Youth, youth_id)
    profile = ecp_profile(ctx, youth)
    enrollment = current_enrollment(ctx.session, youth.id)
    okso_code = require(ctx.session, Programme, enrollment.programme_id).okso_code if enrollment else None
    application_id = external_id("ecp-app", youth.id, ctx.instance_id)
    ctx.emit(
        "ecp",
        "job_seeker_application.register",
        {
            "ecp_application_id": application_id,
            "youth_id": youth.id,
            "ecp_profile_id": profile.ecp_profile_id,
            "snils": youth.snils,
            "okso_code": okso_code,
            "region_code": youth.region_code,
            "reason": (ctx.data.get("route") or {}).get("reason", "graduation"),
        },
    )
    profile.last_synced_at = ctx.now
    if youth.status == "student":
        youth.status = "graduate"
    ctx.session.flush()
    return {"ecp_application_id": application_id}


@service_operation("graduate.plan_outcome_checkpoints")
def plan_outcome_checkpoints(ctx: HandlerContext, youth_id: str, route: dict) -> dict:
    """Checkpoints at 0, 6, 12 and 24 months from the diploma (or from leaving a job) and, between them, a
    follow-up every 1.5 months (repeat profiling while the graduate has no job); the active target
    contract, with its employment deadline (three months after the diploma unless the contract says), whose
    customer joins the organisation scope."""
    youth = require(ctx.session, Youth, youth_id)
    enrollment = current_enrollment(ctx.session, youth.id)
    if route.get("reason") == "left_job":
        base = today(ctx)
    else:
        exams = dict(route.get("graduation") or {})
        base = optional_date(exams.get("diploma_date")) or (
            enrollment.expected_graduation if enrollment else today(ctx)
        )
        if enrollment is not None:
            enrollment.status = "graduated"
            enrollment.graduated_at = base
            enrollment.gia_passed = exams.get("passed")
            enrollment.demo_exam_score = exams.get("demo_exam_score")
        youth.status = "graduate"
    checkpoints = [
        {"index": index, "months": months, "at": iso_moscow(at_nine(_months_after(base, months))),
         "followup": months not in CHECKPOINT_MONTHS}
        for index, months in enumerate(_checkpoint_months())
    ]
    contract = ctx.session.scalar(
        select(TargetTrainingContract)
        .where(TargetTrainingContract.youth_id == youth.id, TargetTrainingContract.status == "active")
        .order_by(TargetTrainingContract.signed_at.desc(), TargetTrainingContract.id)
        .limit(1)
    )
    target = None
    if contract is not None:
        if contract.employment_deadline is None:
            contract.employment_deadline = add_months(base, TARGET_EMPLOYMENT_MONTHS)
        target = {
            "contract_id": contract.id,
            "employer_id": contract.customer_employer_id,
            "employment_deadline": iso_moscow(at_nine(contract.employment_deadline)),
        }
    ctx.session.flush()
    org = org_of(ctx)
    if target is not None:
        org["employer"] = target["employer_id"]
    return {"checkpoints": checkpoints, "target_contract": target, "org": org}


def _checkpoint_months() -> list[float]:
    """0, 1.5, 3, … 24: whole numbers as int, so the outcome checkpoints read 0, 6, 12, 24."""
    steps = int(CHECKPOINT_MONTHS[-1] / FOLLOWUP_MONTHS)
    return [int(m) if m == int(m) else m for m in (step * FOLLOWUP_MONTHS for step in range(steps + 1))]


def _months_after(base: date, months: float) -> date:
    whole = int(months)
    day = add_months(base, whole)
    return day + HALF_MONTH if months != whole else day


@service_operation("graduate.record_followup")
def record_followup(ctx: HandlerContext, youth_id: str, followup: dict, checkpoint: dict) -> dict:
    """The curator's follow-up of a graduate without work: the repeat profiling is stored as a ProfilingResult
    (`graduate_followup`, next one due in 1.5 months; what the form does not ask carries over from the last
    profiling). The outcome stays «Отсутствие занятости» until a job the graduate reports is confirmed
    (`confirm_graduate_status`); `plan_id` is the graduate's open individual plan, if any."""
    youth = require(ctx.session, Youth, youth_id)
    previous = latest_profiling(ctx.session, youth.id)
    result = ProfilingResult(
        id=new_id(),
        youth_id=youth.id,
        context="graduate_followup",
        taken_at=ctx.now,
        answers={**followup, "checkpoint_months": checkpoint.get("months")},
        career_plan_present=bool(previous and previous.career_plan_present),
        job_search_skills=followup.get("job_search_skills") or "normal",
        motivation_level=followup.get("motivation_level") or "normal",
        needs_income_now=bool(followup.get("needs_income_now")),
        has_disability=bool(previous and previous.has_disability),
        wants_entrepreneurship=bool(previous and previous.wants_entrepreneurship),
        wants_trajectory_change=bool(previous and previous.wants_trajectory_change),
        job_offer_received=bool(followup.get("found_job")),
        any_work_experience=bool(previous and previous.any_work_experience),
        social_flags=list(previous.social_flags or []) if previous else [],
        social_flags_count=previous.social_flags_count if previous else 0,
        next_due_at=ctx.now + FOLLOWUP_INTERVAL,
    )
    ctx.session.add(result)
    ctx.session.flush()
    plan = ctx.session.scalar(
        select(IndividualPlan)
        .where(
            IndividualPlan.youth_id == youth.id,
            IndividualPlan.context == "graduate",
            IndividualPlan.status.in_(OPEN_PLAN_STATUSES),
        )
        .order_by(IndividualPlan.valid_from.desc(), IndividualPlan.id)
        .limit(1)
    )
    return {
        "outcome": "not_employed",
        "profiling_result_id": result.id,
        "plan_id": plan.id if plan else None,
        "found_job": bool(followup.get("found_job")),
    }


@service_operation("graduate.record_target_contract_breach")
def record_target_contract_breach(ctx: HandlerContext, youth_id: str, contract_id: str) -> dict:
    """The graduate was not employed by the customer in time: the contract is breached; the ЦЗН settles
    who is liable."""
    contract = require(ctx.session, TargetTrainingContract, contract_id)
    if contract.youth_id != youth_id:
        raise ValueError(f"contract {contract_id} belongs to another youth")
    contract.status = "breached"
    ctx.emit(
        "notification",
        "target_contract.breach",
        {
            "contract_id": contract.id,
            "youth_id": youth_id,
            "customer_employer_id": contract.customer_employer_id,
            "czn_office_id": org_of(ctx).get("czn"),
            "subject_ru": "Договор о целевом обучении не исполнен в срок",
        },
    )
    ctx.session.flush()
    return {"status": "breached"}


_ACTIVE_CONTRACTS_WITH = select(TargetTrainingContract).where(
    TargetTrainingContract.youth_id == bindparam("youth_id"),
    TargetTrainingContract.status == "active",
    TargetTrainingContract.customer_employer_id == bindparam("employer_id"),
)


@service_operation("graduate.record_outcome")
def record_outcome(ctx: HandlerContext, youth_id: str, outcome: str, status: dict, checkpoint: dict) -> dict:
    """Record the graduate's outcome at the checkpoint; employment at the target customer fulfils the
    contract. The youth's status follows the outcome."""
    youth = require(ctx.session, Youth, youth_id)
    employed = bool(status.get("employed"))
    employer_id = (status.get("employer_id") or None) if employed else None
    if employer_id is not None:
        require(ctx.session, Employer, employer_id)
    start_date = optional_date(status.get("start_date")) if employed else None
    enrollment = current_enrollment(ctx.session, youth.id)
    graduation = (enrollment.graduated_at or enrollment.expected_graduation) if enrollment else today(ctx)
    row = EmploymentOutcome(
        id=new_id(),
        youth_id=youth.id,
        student_enrollment_id=enrollment.id if enrollment else None,
        graduation_date=graduation,
        as_of_date=today(ctx),
        checkpoint_months=_whole_months(checkpoint.get("months")),
        outcome=outcome,
        in_specialty=bool(status.get("in_specialty")) if employed else None,
        employer_id=employer_id,
        start_date=start_date,
        data_source="survey",
    )
    ctx.session.add(row)
    if employer_id is not None:
        for contract in ctx.session.scalars(_ACTIVE_CONTRACTS_WITH, {"youth_id": youth.id, "employer_id": employer_id}):
            contract.status = "fulfilled"
    if employed:
        youth.status = "employed"
    elif status.get("enrolled_in_retraining"):
        youth.status = "in_retraining"
    else:
        youth.status = "not_employed"
    return {
        "outcome": outcome,
        "employment_outcome_id": row.id,
        "org": {**org_of(ctx), "employer": employer_id},
        "employment": {
            "employer_id": employer_id,
            "start_date": start_date.isoformat() if start_date else None,
            "in_specialty": row.in_specialty,
        },
    }


def _whole_months(months: float | None) -> int | None:
    """Whole months since the diploma: a job confirmed at the 7.5-month follow-up counts as +7."""
    return None if months is None else int(months)


@service_operation("graduate.provide_vocational_training")
def provide_vocational_training(ctx: HandlerContext, youth_id: str) -> dict:
    """Enrol the youth in the earliest retraining course with seats: «Содействие занятости» courses when
    eligible (35 or under, four months without work after the diploma), regional and ЦЗН courses otherwise.
    When every known intake has started or is full, the ЦЗН opens the next yearly intake of the best one."""
    youth = require(ctx.session, Youth, youth_id)
    current = ctx.session.scalar(
        select(RetrainingEnrollment).where(
            RetrainingEnrollment.youth_id == youth.id, RetrainingEnrollment.status.in_(ACTIVE_RETRAINING)
        )
    )
    if current is not None:
        course = require(ctx.session, RetrainingCourse, current.course_id)
        return {"enrollment_id": current.id, "course": course.programme_name}
    enrollment = current_enrollment(ctx.session, youth.id)
    diploma = (enrollment.graduated_at or enrollment.expected_graduation) if enrollment else today(ctx)
    eligible = retraining_eligibility(
        birth_date=youth.birth_date, diploma_date=min(diploma, today(ctx)), on=today(ctx), employed=False
    ).eligible
    courses = [
        course
        for course in ctx.session.scalars(
            select(RetrainingCourse).where(
                (RetrainingCourse.region_code == youth.region_code) | RetrainingCourse.region_code.is_(None)
            )
        )
        if eligible or course.funding != "employment_promotion"
    ]
    courses.sort(key=lambda course: (course.funding != "employment_promotion", course.starts_on, course.id))
    taken = dict(
        ctx.session.execute(
            select(RetrainingEnrollment.course_id, func.count())
            .where(RetrainingEnrollment.status != "dropped")
            .group_by(RetrainingEnrollment.course_id)
        ).all()
    )
    course = next(
        (
            c
            for c in courses
            if c.starts_on >= today(ctx) and (c.seats is None or taken.get(c.id, 0) < c.seats) and _has_seat(ctx, c)
        ),
        None,
    )
    if course is None and courses:
        course = _next_intake(ctx, courses[0])
    if course is None:
        ctx.emit(
            "notification",
            "retraining.no_course",
            {"youth_id": youth.id, "czn_office_id": org_of(ctx).get("czn"), "eligible_employment_promotion": eligible},
        )
        return {"enrollment_id": None, "course": None}
    row = RetrainingEnrollment(youth_id=youth.id, course_id=course.id, status="enrolled")
    ctx.session.add(row)
    youth.status = "in_retraining"
    ctx.session.flush()
    return {"enrollment_id": row.id, "course": course.programme_name}


def _has_seat(ctx: HandlerContext, course: RetrainingCourse) -> bool:
    """Recount the seats under a row lock, so concurrent steps on PostgreSQL never overfill a course."""
    if course.seats is None:
        return True
    ctx.session.execute(select(RetrainingCourse.id).where(RetrainingCourse.id == course.id).with_for_update())
    enrolled = ctx.session.scalar(
        select(func.count())
        .select_from(RetrainingEnrollment)
        .where(RetrainingEnrollment.course_id == course.id, RetrainingEnrollment.status != "dropped")
    )
    return int(enrolled or 0) < course.seats


def _next_intake(ctx: HandlerContext, course: RetrainingCourse) -> RetrainingCourse:
    """The same programme in its first yearly intake that has not started and has seats (opened if new)."""
    for years in range(MAX_INTAKE_YEARS):
        starts_on = add_months(course.starts_on, 12 * years)
        if starts_on < today(ctx):
            continue
        intake = ctx.session.scalar(
            select(RetrainingCourse).where(
                RetrainingCourse.programme_name == course.programme_name,
                RetrainingCourse.provider == course.provider,
                RetrainingCourse.starts_on == starts_on,
            )
        )
        if intake is None:
            intake = RetrainingCourse(
                provider=course.provider,
                programme_name=course.programme_name,
                kind=course.kind,
                okso_code=course.okso_code,
                occupation_code=course.occupation_code,
                hours=course.hours,
                format=course.format,
                starts_on=starts_on,
                ends_on=add_months(course.ends_on, 12 * years),
                funding=course.funding,
                eligible_categories=list(course.eligible_categories or []),
                region_code=course.region_code,
                seats=course.seats,
            )
            ctx.session.add(intake)
            ctx.session.flush()
            return intake
        if _has_seat(ctx, intake):
            return intake
    raise LookupError(f"no intake of {course.programme_name!r} with seats in {MAX_INTAKE_YEARS} years")
