"""Operators of the employer's staffing need (the ЦЗН's assistance agreement, the college's programme
work) and of the ЦЗН's library of adaptation practices."""
from __future__ import annotations

from typing import Any

from simulation.answers.context import AnswerContext, add_years

PRACTICES = (
    ("Наставничество первого года", "mentoring"),
    ("Вводный курс для молодых специалистов", "onboarding"),
    ("Компенсация аренды жилья", "housing"),
    ("Надбавка молодому специалисту", "financial"),
    ("Индивидуальный карьерный трек", "career_track"),
    ("Обучение на рабочем месте", "training"),
    ("Клуб молодых специалистов", "culture"),
)
PRACTICE_DESCRIPTION = ("Практика применяется работодателями региона: закрепление наставника, план первых "
                        "трёх месяцев и регулярная обратная связь с молодым специалистом.")


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


def practice_library_entry(ctx: AnswerContext) -> dict[str, Any]:
    title, category = ctx.rng.choice(PRACTICES)
    return {"title": title, "category": category, "description": PRACTICE_DESCRIPTION,
            "industries": "Машиностроение, IT, здравоохранение", "publish": ctx.chance(0.85)}


def practice_review(ctx: AnswerContext) -> dict[str, Any]:
    return {"still_relevant": ctx.chance(0.8), "comment": ""}
