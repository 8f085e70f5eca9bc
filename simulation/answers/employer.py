"""The employer stage's operators: the ЦЗН's assistance agreement on a staffing need and the college's
programme work with the employer."""
from __future__ import annotations

from typing import Any

from simulation.answers.context import AnswerContext, add_years


def assistance_agreement(ctx: AnswerContext) -> dict[str, Any]:
    qty = int(ctx.nested("staffing_need", "qty") or 5)
    return {
        "number": f"С-{ctx.rng.randint(1, 999)}/{ctx.today.year}",
        "signed_at": ctx.today.isoformat(),
        "valid_to": add_years(ctx.today, 3).isoformat(),
        "proftour_slots_per_year": ctx.rng.randint(1, 6),
        "practice_slots": ctx.rng.randint(max(1, qty // 2), qty + 5),
        "internship_slots": ctx.rng.randint(0, max(1, qty // 2)),
        "vacancies_for_youth": ctx.rng.randint(1, qty),
        "gia_participation": ctx.chance(0.6),
        "programme_participation": ctx.chance(0.5),
    }


def programme_participation(ctx: AnswerContext) -> dict[str, Any]:
    codes = [code for code in ctx.nested("need", "okso_codes") or () if isinstance(code, str)]
    return {
        "programme_codes": ", ".join(codes) or "15.02.16",
        "participation_format": ctx.rng.choices(("review", "co_design", "teaching"), weights=(50, 30, 20))[0],
        "comment": "",
    }
