"""Operators of the study period: the ЦЗН's periodic profiling (with a minor's wish for temporary work),
the college's practice placement and final exams, and the individual plan (profiling and results) for
students and graduates alike."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from simulation.answers.context import AnswerContext
from simulation.answers.school import GUARDIAN_CONSENT_SHARE

PRACTICE_WEEKS = 6
ADULT_AGE = 18
FULL_CONSENT_AGE = 15
"""From 15 a minor may work without the guardianship authority's permission (ТК РФ ст. 63)."""
CV_COMMENTS = ("Сервисы оказаны", "Проведены консультации и тренинг", "План выполнен частично", "Студент на связи")


def periodic_profiling(ctx: AnswerContext) -> dict[str, Any]:
    persona = ctx.persona
    final_year = bool(ctx.nested("current_checkpoint", "final_year"))
    growth = min(ctx.round, 8) * 0.03
    flags = list(ctx.youth.social_flags) if ctx.youth else []
    return {
        "career_plan_present": ctx.chance(0.2 + 0.55 * persona.readiness + growth),
        "intends_work_in_specialty": persona.intends_specialty,
        "motivation_level": "normal" if persona.motivated != ctx.chance(0.1) else "low",
        "job_search_skills": "normal" if ctx.chance(0.35 + 0.5 * persona.readiness + growth) else "low",
        "job_offer_received": ctx.chance(0.1 + 0.35 * persona.readiness if final_year else 0.03),
        "any_work_experience": persona.work_experience or ctx.chance(growth),
        "social_flags": flags,
    } | _temp_job_wish(ctx)


def _temp_job_wish(ctx: AnswerContext) -> dict[str, Any]:
    """A student under 18 who wants temporary work says so at the profiling (the fields an adult does not
    see are left out); holidays mostly, a 14-year-old's parent and guardianship authority mostly agree."""
    age = ctx.nested("current_checkpoint", "age")
    if age is None or age >= ADULT_AGE:
        return {}
    if not ctx.persona.wants_temp_job:
        return {"wants_temp_job": False}
    wish = {"wants_temp_job": True, "temp_job_during_school_year": ctx.chance(0.3)}
    if age < FULL_CONSENT_AGE:
        wish["guardian_consent"] = ctx.chance(GUARDIAN_CONSENT_SHARE)
    return wish


def practice_placement(ctx: AnswerContext) -> dict[str, Any]:
    """The college confirms a proposed place (most are taken up); without a proposal nothing is confirmed."""
    if not ctx.nested("practice_offer", "placement_id"):
        return {"confirmed": False}
    start = ctx.today + timedelta(days=ctx.rng.randint(3, 20))
    evaluation = ctx.rng.choices((2, 3, 4, 5), weights=(5, 20, 45, 30))[0]
    confirmed = ctx.chance(0.92)
    answer: dict[str, Any] = {"confirmed": confirmed, "start_date": start.isoformat(),
                              "end_date": (start + timedelta(weeks=PRACTICE_WEEKS)).isoformat()}
    if confirmed:
        answer["employer_evaluation"] = evaluation
        answer["offer_made"] = evaluation >= 4 and ctx.chance(0.35)
    return answer


def final_exams(ctx: AnswerContext) -> dict[str, Any]:
    passed = ctx.chance(0.88 + 0.1 * ctx.persona.readiness)
    score = round(min(100, max(0, ctx.rng.gauss(58 + 30 * ctx.persona.readiness, 10))))
    return {"passed": passed, "diploma_date": ctx.today.isoformat(), "demo_exam_score": score}


def ip_profiling(ctx: AnswerContext) -> dict[str, Any]:
    persona = ctx.persona
    graduate = ctx.nested("ip_context") == "graduate"
    practice = ctx.rng.choices(("none", "failed", "in_progress", "done"), weights=(35, 10, 20, 35))[0]
    return {
        "career_plan_present": ctx.chance(0.15 + 0.5 * persona.readiness),
        "practice_status": "done" if graduate else practice,
        "job_search_skills": "normal" if ctx.chance(0.25 + 0.5 * persona.readiness) else "low",
        "motivation_level": "normal" if persona.motivated else "low",
        "needs_income_now": ctx.chance(0.45 if graduate else 0.2),
        "has_disability": bool(ctx.youth and ctx.youth.has_disability),
        "wants_entrepreneurship": persona.wants_entrepreneurship,
        "wants_trajectory_change": graduate and persona.wants_trajectory_change,
        "job_offer_received": ctx.chance(0.1),
    }


def ip_results(ctx: AnswerContext) -> dict[str, Any]:
    persona = ctx.persona
    graduate = ctx.nested("ip_context") == "graduate"
    return {
        "plan_completed": ctx.chance(0.55 + 0.35 * persona.readiness),
        "employed": graduate and ctx.chance(0.25),
        "entrepreneurship_request": graduate and persona.wants_entrepreneurship,
        "prefers_online_support": ctx.chance(0.3),
        "comment": ctx.rng.choice(CV_COMMENTS),
    }


def curator_shortage(ctx: AnswerContext) -> dict[str, Any]:
    """The ЦЗН head rather assigns a curator above the cap than leaves a high-risk student alone; now and then
    the shortage is referred to the region."""
    return {"decision": "escalate" if ctx.chance(0.1) else "over_cap", "comment": ""}
