"""Stage «Адаптация молодого специалиста»: the adaptation plan with retention checkpoints, library practices for the
employer, retention measures and departures (process `proc_young_specialist_adaptation`)."""

from __future__ import annotations

from sqlalchemy import bindparam, select

from domain.algorithms.dates import add_months
from domain.models import (
    AdaptationPlan,
    AdaptationPractice,
    Employer,
    EmploymentOutcome,
    RetentionCheckpoint,
    Youth,
    new_id,
)
from domain.models.codes import PRACTICE_CATEGORIES
from handlers.common import at_nine, iso_moscow, optional_date, org_of, require, today
from handlers.context import HandlerContext
from handlers.idempotency import service_operation

ADAPTATION_MONTHS = 3
RETENTION_MONTHS = (3, 6, 12, 24)
ADVICE_LIMIT = 5
RISK_SUPPORT_MEASURE = "czn_consultation"


_LATEST_PLAN = (
    select(AdaptationPlan, EmploymentOutcome)
    .join(EmploymentOutcome, EmploymentOutcome.id == AdaptationPlan.employment_outcome_id)
    .where(EmploymentOutcome.youth_id == bindparam("youth_id"))
    .order_by(AdaptationPlan.starts_on.desc(), AdaptationPlan.id)
    .limit(1)
)
_CHECKPOINT = select(RetentionCheckpoint).where(
    RetentionCheckpoint.employment_outcome_id == bindparam("outcome_id"),
    RetentionCheckpoint.months_after_hire == bindparam("months"),
)
_EMPLOYED_AT = (
    select(EmploymentOutcome)
    .where(
        EmploymentOutcome.youth_id == bindparam("youth_id"),
        EmploymentOutcome.employer_id == bindparam("employer_id"),
        EmploymentOutcome.outcome == "employed",
    )
    .order_by(EmploymentOutcome.as_of_date.desc(), EmploymentOutcome.id)
    .limit(1)
)
_PLAN_OF_OUTCOME = select(AdaptationPlan).where(AdaptationPlan.employment_outcome_id == bindparam("outcome_id"))
_PUBLISHED_PRACTICES = select(AdaptationPractice).where(AdaptationPractice.status == "published")


def _latest_plan(ctx: HandlerContext, youth_id: str) -> tuple[AdaptationPlan, EmploymentOutcome]:
    row = ctx.session.execute(_LATEST_PLAN, {"youth_id": youth_id}).first()
    if row is None:
        raise LookupError(f"youth {youth_id!r} has no adaptation plan")
    return row[0], row[1]


def _checkpoint(
    ctx: HandlerContext, youth_id: str, checkpoint: dict
) -> tuple[RetentionCheckpoint, AdaptationPlan, EmploymentOutcome]:
    """The retention checkpoint of the youth's latest adaptation plan, with that plan and its outcome."""
    plan, outcome = _latest_plan(ctx, youth_id)
    params = {"outcome_id": plan.employment_outcome_id, "months": int(checkpoint["months"])}
    row = ctx.session.scalar(_CHECKPOINT, params)
    if row is None:
        raise LookupError(f"no retention checkpoint at {checkpoint['months']} months for youth {youth_id!r}")
    return row, plan, outcome


@service_operation("adaptation.open_plan")
def open_plan(ctx: HandlerContext, youth_id: str, employment: dict) -> dict:
    """A three-month adaptation plan from the first working day and retention checkpoints at 3, 6, 12 and
    24 months after hire."""
    youth = require(ctx.session, Youth, youth_id)
    employer = require(ctx.session, Employer, employment["employer_id"])
    start = optional_date(employment.get("start_date")) or today(ctx)
    outcome = ctx.session.scalar(_EMPLOYED_AT, {"youth_id": youth.id, "employer_id": employer.id})
    plan = None
    if outcome is None:
        outcome = EmploymentOutcome(
            id=new_id(),
            youth_id=youth.id,
            graduation_date=start,
            as_of_date=today(ctx),
            outcome="employed",
            in_specialty=employment.get("in_specialty"),
            employer_id=employer.id,
            start_date=start,
            data_source="employer",
        )
        ctx.session.add(outcome)
    else:
        plan = ctx.session.scalar(_PLAN_OF_OUTCOME, {"outcome_id": outcome.id})
    if plan is None:
        plan = AdaptationPlan(
            id=new_id(),
            employment_outcome_id=outcome.id,
            employer_id=employer.id,
            starts_on=start,
            ends_on=add_months(start, ADAPTATION_MONTHS),
            status="active",
        )
        ctx.session.add(plan)
        for months in RETENTION_MONTHS:
            ctx.session.add(
                RetentionCheckpoint(
                    employment_outcome_id=outcome.id, months_after_hire=months, due_at=add_months(start, months)
                )
            )
    youth.status = "employed"
    return {
        "plan_id": plan.id,
        "ends_at": iso_moscow(at_nine(plan.ends_on)),
        "checkpoints": [
            {"months": months, "due_at": iso_moscow(at_nine(add_months(start, months)))} for months in RETENTION_MONTHS
        ],
    }


def suggest_practices(ctx: HandlerContext, employer: Employer) -> list[AdaptationPractice]:
    """Published practices for the employer's industry and size (general ones too), specific ones first."""
    chosen = []
    for practice in ctx.session.scalars(_PUBLISHED_PRACTICES):
        industries = practice.industries or []
        if industries and employer.industry_ru not in industries:
            continue
        if practice.company_size and practice.company_size != employer.size:
            continue
        chosen.append(practice)
    chosen.sort(
        key=lambda p: (
            not p.industries,
            p.company_size is None,
            PRACTICE_CATEGORIES.index(p.category),
            p.title_ru,
            p.id,
        )
    )
    return chosen[:ADVICE_LIMIT]


@service_operation("adaptation.advise_employer")
def advise_employer(ctx: HandlerContext, youth_id: str, employer_id: str) -> dict:
    """Send the employer the library practices that fit it and attach them to the adaptation plan."""
    employer = require(ctx.session, Employer, employer_id)
    plan, _ = _latest_plan(ctx, youth_id)
    practices = suggest_practices(ctx, employer)
    plan.practice_ids = [p.id for p in practices]
    if practices:
        ctx.emit(
            "notification",
            "adaptation.practices",
            {
                "employer_id": employer.id,
                "youth_id": youth_id,
                "plan_id": plan.id,
                "subject_ru": "Практики адаптации молодого специалиста",
                "practices": [{"id": p.id, "title_ru": p.title_ru, "category": p.category} for p in practices],
            },
        )
    ctx.session.flush()
    return {"practice_ids": plan.practice_ids}


@service_operation("adaptation.record_retention_measures")
def record_retention_measures(ctx: HandlerContext, youth_id: str, checkpoint: dict, retention_result: dict) -> dict:
    """Close the checkpoint as still employed with the employer's measures; a risk of leaving adds a ЦЗН
    consultation for the employer."""
    row, plan, _ = _checkpoint(ctx, youth_id, checkpoint)
    adaptation = dict(ctx.data.get("adaptation") or {})
    if adaptation.get("mentor_name"):
        plan.mentor_name = adaptation["mentor_name"]
    plan.measures = list(adaptation.get("measures") or plan.measures or [])
    measures = list(plan.measures)
    if adaptation.get("completed") and plan.status == "active":
        plan.status = "completed"
    row.status = "still_employed"
    row.risk_of_leaving = bool(retention_result.get("risk_of_leaving"))
    if row.risk_of_leaving:
        measures.append(RISK_SUPPORT_MEASURE)
        ctx.emit(
            "notification",
            "retention.risk",
            {
                "youth_id": youth_id,
                "employer_id": plan.employer_id,
                "czn_office_id": org_of(ctx).get("czn"),
                "months_after_hire": row.months_after_hire,
                "subject_ru": "Риск увольнения молодого специалиста",
            },
        )
    row.measures = measures
    row.checked_at = ctx.now
    ctx.session.flush()
    return {"measures": measures}


@service_operation("adaptation.record_departure")
def record_departure(ctx: HandlerContext, youth_id: str, checkpoint: dict, retention_result: dict) -> dict:
    """The specialist left: close the checkpoint and the plan, and record that the youth is without work."""
    row, plan, outcome = _checkpoint(ctx, youth_id, checkpoint)
    row.status = "left"
    row.left_on = today(ctx)
    row.left_reason = retention_result.get("left_reason") or None
    row.checked_at = ctx.now
    if plan.status in ("planned", "active"):
        plan.status = "interrupted"
    ctx.session.add(
        EmploymentOutcome(
            youth_id=youth_id,
            student_enrollment_id=outcome.student_enrollment_id,
            graduation_date=outcome.graduation_date,
            as_of_date=today(ctx),
            outcome="not_employed",
            data_source="employer",
        )
    )
    require(ctx.session, Youth, youth_id).status = "not_employed"
    return {"left_at": row.left_on.isoformat()}
