"""The graduate routing stage's operators: the ЦЗН confirming employment at each checkpoint and following
up, the target-training customer hiring, and «Мой бизнес»."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from simulation.answers.context import AnswerContext
from simulation.outcome_model import Outcome, outcome_at

SUPPORT_COMMENTS = ("Консультации по регистрации бизнеса", "Обучение по программе «Азбука предпринимателя»",
                    "Подготовлен бизнес-план")


def graduate_status(ctx: AnswerContext) -> dict[str, Any]:
    """Employed as the graduate's study record has it (`simulation.outcome_model`): at a practice employer who
    offered a job, else in the specialty when the region has employers for it."""
    persona = ctx.persona
    months = int(ctx.nested("outcome_checkpoint", "months") or 0)
    outcome = _outcome(ctx, months)
    if not outcome.employed:
        change = persona.wants_trajectory_change
        return {"employed": False, "in_specialty": False, "wants_change": change,
                "enrolled_in_retraining": change and ctx.chance(0.5)}
    specialty_employers = ctx.region.employers_for(ctx.nested("route", "enrollment", "okso_code"))
    in_specialty = outcome.in_specialty and bool(outcome.employer_id or specialty_employers)
    employer = outcome.employer_id or ctx.rng.choice(specialty_employers if in_specialty else ctx.region.employer_ids)
    started = ctx.today - timedelta(days=ctx.rng.randint(0, 20 * min(months, 3)))
    change = not in_specialty and persona.wants_trajectory_change
    return {"employed": True, "in_specialty": in_specialty, "employer_id": employer,
            "start_date": started.isoformat(), "wants_change": change, "enrolled_in_retraining": False}


def graduate_followup(ctx: AnswerContext) -> dict[str, Any]:
    """The curator's 1.5-month follow-up: a job is reported as the confirmation at the last checkpoint passed
    would have it (the same rule); the answers of the repeat profiling follow the persona."""
    persona = ctx.persona
    found = _outcome(ctx, float(ctx.nested("outcome_checkpoint", "months") or 0)).employed
    answer = {"found_job": found,
              "job_search_skills": "normal" if ctx.chance(0.25 + 0.5 * persona.readiness) else "low",
              "motivation_level": "normal" if persona.motivated else "low",
              "needs_income_now": ctx.chance(0.45)}
    if not found:
        answer |= {"job_search_active": persona.motivated or ctx.chance(0.5), "plan_adjusted": ctx.chance(0.3)}
    return answer


def _outcome(ctx: AnswerContext, months: float) -> Outcome:
    persona = ctx.persona
    return outcome_at(months, ctx.study_record, persona.employment_draw, persona.specialty_draw, persona.offer_draw,
                      persona.intends_specialty, ctx.rates)


def target_contract_employment(ctx: AnswerContext) -> dict[str, Any]:
    if not ctx.chance(0.85):
        return {"hired": False}
    return {"hired": True, "start_date": ctx.today.isoformat()}


def entrepreneurship_support(ctx: AnswerContext) -> dict[str, Any]:
    measures = [m for m, share in (("consulting", 0.9), ("training", 0.6), ("grant", 0.2), ("microloan", 0.1))
                if ctx.chance(share)]
    return {"measures": measures or ["consulting"], "comment": ctx.rng.choice(SUPPORT_COMMENTS)}


def entrepreneurship_followup(ctx: AnswerContext) -> dict[str, Any]:
    form = ctx.rng.choices(("npd", "ip", "ooo", "none"), weights=(50, 20, 5, 25))[0]
    return {"business_form": form, "comment": "" if form == "none" else "Деятельность зарегистрирована"}
