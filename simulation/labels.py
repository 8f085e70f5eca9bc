"""The report's words for the codes the registries store: the map's labels where the map names the thing
(graduate outcomes, risk levels), the domain's wording elsewhere, so no raw key reaches a reader."""
from __future__ import annotations

OUTCOME_LABELS = {"employed": "Трудоустройство", "trajectory_change": "Смена карьерной траектории",
                  "not_employed": "Отсутствие занятости"}
"""The branches of the map's decision «Итог выпускника?»."""
RISK_LEVEL_LABELS = {"high": "Высокий уровень риска", "acceptable": "Приемлемый уровень риска"}
"""The branches of the map's decision «Уровень риска?»."""
RISK_REASON_LABELS = {
    "gia_admission_at_risk": "Выпускной курс с академической задолженностью",
    "academic_debt": "Две и более академические задолженности",
    "score_high": "Балл риска 5 и выше",
    "target_contract": "Действует договор о целевом обучении",
    "score_ok": "Балл риска ниже 5",
    "none": "Уровень не определён",
}
"""The rules of student_risk_level.dmn (domain.md §4.1)."""
RISK_CONTRIBUTION_LABELS = {
    "academic_debt": "Академическая задолженность",
    "attendance_low": "Посещаемость ниже 70 %",
    "attendance_reduced": "Посещаемость 70–85 %",
    "practice_missing": "Практика не назначена или не пройдена",
    "no_career_plan": "Нет карьерного плана",
    "not_intending_specialty": "Не готов работать по специальности",
    "motivation_low": "Низкая мотивация",
    "job_search_skills_low": "Низкие навыки поиска работы",
    "social_factors": "Социальные факторы",
    "no_work_experience": "Нет опыта работы",
    "target_contract": "Договор о целевом обучении",
    "job_offer": "Есть предложение о работе",
}
"""The indicators of the risk score (domain.md §4.1, step 1)."""
PLACEMENT_STATUS_LABELS = {"proposed": "Предложена", "confirmed": "Подтверждена", "started": "Идёт",
                           "completed": "Пройдена", "failed": "Не пройдена", "rejected": "Отклонена"}
ROUTE_KIND_LABELS = {"pupil": "Школьники", "student": "Студенты", "graduate": "Выпускники",
                     "staffing_need": "Кадровые потребности работодателей", "practice_library": "Библиотека практик"}
REGISTRY_UPDATE_LABELS = {
    "admission_plans_approved": "Утверждено планов приёма (КЦП и квоты ЦО)",
    "debts_cleared": "Ликвидировано академических задолженностей",
    "exam_sessions": "Экзаменационных сессий",
    "new_debts": "Новых академических задолженностей",
    "placements_completed": "Практик пройдено",
    "placements_failed": "Практик не пройдено",
    "routes_cancelled": "Маршрутов прекращено (отчисление)",
    "students_expelled": "Отчислено студентов",
}
SERVICE_LABELS = {"career_navigation": "Доступ к цифровым платформам карьерной навигации",
                  "vacancy_search": "Сохранённый поиск вакансий на ЕЦП «Работа в России»",
                  "employer_in_attestation": "Работодатель в комиссии итоговой аттестации"}
PARAMETER_LABELS = {"youths": "Молодых людей", "years": "Лет моделирования", "seed": "Зерно случайности",
                    "start": "Начало", "horizon": "Горизонт", "ended_at": "Модельное время остановки",
                    "reached_horizon": "Горизонт достигнут", "out_of_time": "Остановлено по лимиту времени",
                    "cold": "Без памяти между шагами", "scenario": "Сценарий «что если»",
                    "curators": "Кураторов", "curator_cap": "Предел нагрузки куратора",
                    "practice_places": "Мест практики, открытых для всех колледжей, в учебный год",
                    "practice_by_programme": "Мест практики по программам колледжей в учебный год, всего",
                    "programmes_left_out": "Изменений мест практики не перенесено (в модели нет такой специальности)",
                    "event_places": "Мест на мероприятиях",
                    "staffing_need": "Потребность работодателей, чел.",
                    "employed_24_months": "Доля трудоустроенных за 24 месяца (поведение выпускников)",
                    "retention": "Доля удержавшихся в каждой контрольной точке"}
PERFORMANCE_LABELS = {"drive_seconds": "Секунд работы", "simulated_years": "Смоделировано лет",
                      "youth_years_per_second": "Человеко-лет в секунду",
                      "youths_per_second": "Молодых людей в секунду",
                      "steps_per_second": "Шагов движка в секунду", "tasks_per_second": "Задач в секунду"}


def label(labels: dict[str, str], code: str) -> str:
    """The label of a code; a code without one is shown as «прочее: code» so a reader still learns of it."""
    return labels.get(code, f"прочее: {code}")
