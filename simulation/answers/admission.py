"""The admission stage's operators: the applicant's choice of a target-training offer, the admission result
and the target-training contract."""
from __future__ import annotations

from typing import Any

from simulation.answers.context import AnswerContext, add_years


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
