"""The school stage's operators: the school's yearly career-guidance results."""
from __future__ import annotations

from typing import Any

from simulation.answers.context import AnswerContext

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
