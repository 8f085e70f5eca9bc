"""Russian labels of the codes the registries store (risk reasons from the DMN table «Уровень риска», the
score's indicators from domain.algorithms.risk): people read labels, not codes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

RISK_REASONS = {
    "gia_admission_at_risk": _l("Выпускной курс с долгами: под угрозой допуск к ГИА"),
    "academic_debt": _l("Две и более академических задолженности"),
    "score_high": _l("Сумма баллов риска 5 и выше"),
    "target_contract": _l("Действует договор о целевом обучении"),
    "score_ok": _l("Сумма баллов риска ниже 5"),
    "none": _l("Основание не записано"),
}
RISK_INDICATORS = {
    "academic_debt": _l("Академические задолженности"),
    "attendance_low": _l("Посещаемость ниже 70 %"),
    "attendance_reduced": _l("Посещаемость 70–85 %"),
    "practice_missing": _l("Нет практики, хотя она положена"),
    "no_career_plan": _l("Нет карьерного плана"),
    "not_intending_specialty": _l("Не собирается работать по специальности"),
    "motivation_low": _l("Низкая мотивация"),
    "job_search_skills_low": _l("Слабые навыки поиска работы"),
    "social_factors": _l("Социальные факторы"),
    "no_work_experience": _l("Нет опыта работы"),
}


def label(labels: dict, code: str):
    return labels.get(code, code)
