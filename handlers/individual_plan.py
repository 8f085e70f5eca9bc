"""The reusable individual plan (ИП): opening it, delivering the services the decision table chose,
closing it by results or by its review date (process `sub_individual_plan`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, insert, select

from domain.algorithms.dates import add_months
from domain.algorithms.plans import ServiceSpec, compose_plan
from domain.models import IndividualPlan, PlanItem, ProfilingResult, ServiceCatalogItem, Youth, new_id
from domain.models.codes import PLAN_CONTEXTS
from domain.queries import active_assignment, latest_profiling
from handlers.common import (
    MOSCOW,
    current_enrollment,
    iso_moscow,
    org_of,
    require,
    today,
    youth_age,
)
from handlers.context import HandlerContext
from handlers.idempotency import service_operation

STUDENT_REVIEW = timedelta(weeks=6)
GRADUATE_REVIEW_MONTHS = 3
PLAN_GOAL = "employment_in_specialty"
OUTBOX_SYSTEM_BY_LANE = {"ecp": "ecp", "my_business": "my_business"}
EXPIRED_COMMENT = "План закрыт по истечении срока без подведения итогов"


@service_operation("individual_plan.open_plan")
def open_plan(ctx: HandlerContext, youth_id: str, context: str) -> dict:
    """Open a draft plan with the youth's age and academic standing; review after six weeks for a student,
    three months for a graduate."""
    if context not in PLAN_CONTEXTS:
        raise ValueError(f"unknown individual-plan context {context!r}")
    youth = require(ctx.session, Youth, youth_id)
    enrollment = current_enrollment(ctx.session, youth_id)
    review_at = ctx.now + STUDENT_REVIEW if context == "student" else _months_later(ctx, GRADUATE_REVIEW_MONTHS)
    assignment = active_assignment(ctx.session, youth.id)
    profiling = latest_profiling(ctx.session, youth.id)
    plan = IndividualPlan(
        id=new_id(),
        youth_id=youth.id,
        context=context,
        profiling_result_id=profiling.id if profiling else None,
        curator_id=assignment.curator_id if assignment else None,
        goal=PLAN_GOAL,
        valid_from=today(ctx),
        valid_to=review_at.astimezone(MOSCOW).date(),
        review_at=review_at,
        status="draft",
        source_instance_id=ctx.instance_id,
    )
    ctx.session.add(plan)
    in_study = enrollment is not None and enrollment.status == "studying"
    final_year = in_study and (enrollment.expected_graduation - today(ctx)).days <= 365
    return {
        "plan_id": plan.id,
        "age": youth_age(youth, ctx),
        "final_year": bool(final_year),
        "academic_debt_count": enrollment.academic_debt_count if in_study else 0,
        "review_at": iso_moscow(review_at),
    }


def _months_later(ctx: HandlerContext, months: int) -> datetime:
    local = ctx.now.astimezone(MOSCOW)
    day = add_months(local.date(), months)
    return local.replace(year=day.year, month=day.month, day=day.day)


@service_operation("individual_plan.record_profiling")
def record_profiling(ctx: HandlerContext, plan_id: str, profile: dict) -> dict:
    """Store the plan's profiling as a ProfilingResult (`student_ip` / `graduate_ip`) and make it the plan's
    profiling; what the form does not ask (work experience, social factors) carries over from the last one."""
    plan = require(ctx.session, IndividualPlan, plan_id)
    previous = latest_profiling(ctx.session, plan.youth_id)
    enrollment = current_enrollment(ctx.session, plan.youth_id)
    studying = plan.context == "student" and enrollment is not None
    plan_facts = ctx.data.get("individual_plan") or {}
    result = ProfilingResult(
        id=new_id(),
        youth_id=plan.youth_id,
        student_enrollment_id=enrollment.id if studying else None,
        context=f"{plan.context}_ip",
        taken_at=ctx.now,
        answers=dict(profile),
        final_year=bool(plan_facts.get("final_year")),
        academic_debt_count=int(plan_facts.get("academic_debt_count") or 0),
        practice_status=profile.get("practice_status") or "none",
        career_plan_present=bool(profile.get("career_plan_present")),
        job_search_skills=profile.get("job_search_skills") or "normal",
        motivation_level=profile.get("motivation_level") or "normal",
        needs_income_now=bool(profile.get("needs_income_now")),
        has_disability=bool(profile.get("has_disability")),
        wants_entrepreneurship=bool(profile.get("wants_entrepreneurship")),
        wants_trajectory_change=bool(profile.get("wants_trajectory_change")),
        job_offer_received=bool(profile.get("job_offer_received")),
        any_work_experience=bool(previous and previous.any_work_experience),
        social_flags=list(previous.social_flags or []) if previous else [],
        social_flags_count=previous.social_flags_count if previous else 0,
    )
    ctx.session.add(result)
    ctx.session.flush()
    plan.profiling_result_id = result.id
    ctx.session.flush()
    return {"profiling_result_id": result.id}


_CATALOGUE = ServiceCatalogItem.__table__.c
_SPECS = select(
    _CATALOGUE.code, _CATALOGUE.name_ru, _CATALOGUE.provider_lane, _CATALOGUE.due_in_days, _CATALOGUE.sort_order
).where(_CATALOGUE.code.in_(bindparam("codes", expanding=True)))
_ITEMS = PlanItem.__table__
_PLANNED = select(_ITEMS.c.service_code, _ITEMS.c.id).where(_ITEMS.c.plan_id == bindparam("plan_id"))
_ADD_ITEMS = insert(_ITEMS)


@service_operation("individual_plan.deliver_services")
def deliver_services(ctx: HandlerContext, plan_id: str, service_codes: list[str], providers: list[str]) -> dict:
    """Turn the decision table's services into plan items (one per service, due by the catalogue) and book
    each with its provider through the outbox. The items go in with one multi-row INSERT."""
    plan = require(ctx.session, IndividualPlan, plan_id)
    if len(service_codes) != len(providers):
        raise ValueError("ip_service_codes and ip_service_providers differ in length")
    rows = [{"service_code": code, "provider_lane": lane} for code, lane in zip(service_codes, providers, strict=True)]
    specs = ctx.session.execute(_SPECS, {"codes": sorted(set(service_codes))})
    catalogue = {row.code: ServiceSpec(*row) for row in specs}
    drafts = compose_plan(rows, catalogue, today(ctx))
    planned = {code: item_id for code, item_id in ctx.session.execute(_PLANNED, {"plan_id": plan.id})}
    org = org_of(ctx)
    new_items = []
    item_ids = []
    for draft in drafts:
        item_id = planned.get(draft.service_code)
        if item_id is None:
            item_id = planned[draft.service_code] = new_id()
            item = {
                "id": item_id,
                "plan_id": plan.id,
                "position": len(planned),
                "service_code": draft.service_code,
                "provider_lane": draft.provider_lane,
                "provider_id": org.get(draft.provider_lane),
                "due_date": draft.due_date,
                "status": "planned",
            }
            new_items.append(item)
            ctx.emit(
                OUTBOX_SYSTEM_BY_LANE.get(draft.provider_lane, "notification"),
                "plan_item.book",
                {
                    "plan_id": plan.id,
                    "item_id": item_id,
                    "youth_id": plan.youth_id,
                    "service_code": draft.service_code,
                    "service_name_ru": draft.name_ru,
                    "provider_lane": draft.provider_lane,
                    "provider_id": item["provider_id"],
                    "due_date": draft.due_date.isoformat(),
                },
            )
        item_ids.append(item_id)
    if new_items:
        ctx.session.execute(_ADD_ITEMS, new_items)
    plan.status = "in_progress"
    plan.agreed_by_youth_at = plan.agreed_by_youth_at or ctx.now
    return {"item_ids": item_ids, "delivered_count": len(item_ids)}


def _open_items(ctx: HandlerContext, plan: IndividualPlan) -> list[PlanItem]:
    return list(
        ctx.session.scalars(
            select(PlanItem).where(PlanItem.plan_id == plan.id, PlanItem.status.in_(("planned", "in_progress")))
        )
    )


@service_operation("individual_plan.close_plan")
def close_plan(ctx: HandlerContext, plan_id: str, ip_result: dict) -> dict:
    """A fulfilled plan is completed with its items done; otherwise it stays in progress. Employment found
    under the plan is the youth's new status."""
    plan = require(ctx.session, IndividualPlan, plan_id)
    youth = require(ctx.session, Youth, plan.youth_id)
    if ip_result.get("plan_completed"):
        plan.status = "completed"
        plan.valid_to = today(ctx)
        for item in _open_items(ctx, plan):
            item.status = "done"
    else:
        plan.status = "in_progress"
    if ip_result.get("employed"):
        youth.status = "employed"
    ctx.session.flush()
    return {"status": plan.status}


@service_operation("individual_plan.close_expired_plan")
def close_expired_plan(ctx: HandlerContext, plan_id: str) -> dict:
    """The review date passed without results: the plan expires and its open items are declined."""
    plan = require(ctx.session, IndividualPlan, plan_id)
    plan.status = "expired"
    plan.valid_to = today(ctx)
    for item in _open_items(ctx, plan):
        item.status = "declined"
        item.result = EXPIRED_COMMENT
    ctx.session.flush()
    return {
        "plan_completed": False,
        "employed": False,
        "entrepreneurship_request": False,
        "prefers_online_support": False,
        "comment": EXPIRED_COMMENT,
    }
