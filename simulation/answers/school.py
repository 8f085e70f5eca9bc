"""The school's and the admission stage's operators: the yearly career-guidance results, the applicant's
choice of a target-training offer, the admission result and the target-training contract."""
from __future__ import annotations

from typing import Any

from simulation.answers.context import AnswerContext, add_years

EMP_HOURS_BY_GRADE_BAND = {6: 40, 8: 60, 10: 80}
"""Typical ЕМП hours a school delivers a year (domain.md §2.1): more in the senior grades."""
LAST_GRADE = 11
GUARDIAN_CONSENT_SHARE = 0.8
"""Share of 14-year-olds wanting work whose parent and guardianship authority agree (ТК РФ ст. 63); assumed."""


def school_year_results(ctx: AnswerContext) -> dict[str, Any]:
    plan = ctx.nested("school_year_plan") or {}
    grade = int(plan.get("grade") or LAST_GRADE)
    age = int(plan.get("age_at_start") or grade + 6)
    persona = ctx.persona
    planned = max(hours for band, hours in EMP_HOURS_BY_GRADE_BAND.items() if grade >= band)
    hours = round(planned * ctx.rng.uniform(0.6, 1.25) * (0.8 + 0.4 * persona.readiness))
    leaves = grade >= LAST_GRADE or (grade == 9 and persona.leaves_after_grade_9)
    wants_job = age >= 14 and persona.wants_temp_job
    return {
        "hours_done": min(hours, 300),
        "diagnostics_done": ctx.chance(0.5 + 0.3 * persona.readiness),
        "career_intent": persona.career_intent if grade >= 8 else ctx.rng.choice(("undecided", persona.career_intent)),
        "wants_temp_job": wants_job,
        "temp_job_during_school_year": wants_job and ctx.chance(0.3),
        "guardian_consent": wants_job and age < 15 and ctx.chance(GUARDIAN_CONSENT_SHARE),
        "leaves_school": leaves,
    }


def target_offer_choice(ctx: AnswerContext) -> dict[str, Any]:
    """An applicant whose persona studies on target funding applies for one of the open offers listed."""
    choices = [choice["value"] for choice in ctx.nested("target_offer_choices") or []]
    if ctx.persona.funding != "target" or not choices:
        return {"apply_target": False}
    return {"apply_target": True, "offer_id": ctx.rng.choice(choices)}


def admission_result(ctx: AnswerContext) -> dict[str, Any]:
    """The college enrols the applicant to the programme applied for; a target-training offer chosen in the
    application means target funding."""
    application = ctx.nested("application") or {}
    if not ctx.persona.enrols or not application.get("edu_org_id") or not application.get("programme_code"):
        return {"enrolled": False}
    if application.get("target_offer_id"):
        funding = "target"
    else:
        funding = "budget" if ctx.persona.funding == "target" else ctx.persona.funding
    return {
        "enrolled": True,
        "edu_org_id": application["edu_org_id"],
        "okso_code": application["programme_code"],
        "funding": funding,
    }


def target_contract(ctx: AnswerContext) -> dict[str, Any]:
    """Most target-training contracts are signed; the deadline to employ is a few months after the
    expected graduation (four years of study)."""
    return {
        "signed": ctx.chance(0.9),
        "work_obligation_years": ctx.rng.choice((3, 3, 3, 4, 5)),
        "employment_deadline": add_years(ctx.today, 4).replace(month=10, day=1).isoformat(),
    }
