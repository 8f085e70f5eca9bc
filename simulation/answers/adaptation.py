"""The adaptation stage's operators: the employer adapting and keeping the young specialist, and the ЦЗН's
library of adaptation practices (domain/stages.py puts the library in this stage)."""
from __future__ import annotations

from typing import Any

from domain.region.names import random_person
from simulation.answers.context import AnswerContext
from simulation.personas import RETENTION_PER_CHECKPOINT

LEFT_REASONS = ("Переезд в другой регион", "Низкая заработная плата", "Смена профессии",
                "Призыв на военную службу", "Конфликт в коллективе")
GROWTH_PROGRAMMES = ("Бережливое производство", "Наставничество и развитие команды", "Цифровые навыки",
                     "Охрана труда и промышленная безопасность", "Программа кадрового резерва")
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


def adaptation_measures(ctx: AnswerContext) -> dict[str, Any]:
    measures = [m for m, share in (("onboarding", 0.9), ("mentoring", 0.75), ("training", 0.5), ("housing", 0.08),
                                   ("financial", 0.15)) if ctx.chance(share)]
    return {"mentor_name": random_person(ctx.rng, adult=True).full_name, "measures": measures or ["onboarding"],
            "completed": ctx.chance(0.9)}


def retention_checkpoint(ctx: AnswerContext) -> dict[str, Any]:
    if ctx.chance(ctx.case_persona.retention if ctx.case_persona else RETENTION_PER_CHECKPOINT):
        return {"still_employed": True, "risk_of_leaving": ctx.chance(0.12)}
    return {"still_employed": False, "risk_of_leaving": False, "left_reason": ctx.rng.choice(LEFT_REASONS)}


def competence_development(ctx: AnswerContext) -> dict[str, Any]:
    return {"programmes": ctx.rng.choice(GROWTH_PROGRAMMES), "completed": ctx.chance(0.85)}


def practice_library_entry(ctx: AnswerContext) -> dict[str, Any]:
    title, category = ctx.rng.choice(PRACTICES)
    return {"title": title, "category": category, "description": PRACTICE_DESCRIPTION,
            "industries": "Машиностроение, IT, здравоохранение", "publish": ctx.chance(0.85)}


def practice_review(ctx: AnswerContext) -> dict[str, Any]:
    return {"still_relevant": ctx.chance(0.8), "comment": ""}
