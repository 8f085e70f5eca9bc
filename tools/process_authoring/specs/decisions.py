"""The five decision tables of domain.md §4 (Python cells; FIRST = the first matching rule wins)."""
from __future__ import annotations

from tools.process_authoring.dmn_writer import Column, Decision, Rule

ANY = "-"

STUDENT_RISK_LEVEL = Decision(
    id="student_risk_level",
    name="Определение уровня риска",
    file="student_risk_level.dmn",
    hit_policy="FIRST",
    documentation="Risk that the student will not find work (domain.md §4.1). The weighted score comes from "
                  "the handler student.compute_risk_score; the thresholds live here. First match wins.",
    inputs=[
        Column("Выпускной курс", 'risk["final_year"]', "boolean"),
        Column("Академические задолженности", 'risk["academic_debt_count"]', "integer"),
        Column("Балл риска", 'risk["risk_score"]', "integer"),
        Column("Действует договор о целевом обучении", 'risk["target_contract_active"]', "boolean"),
    ],
    outputs=[
        Column("Уровень риска", "risk_level", "string"),
        Column("Основание", "risk_reason", "string"),
    ],
    rules=[
        Rule(["True", ">= 1", ANY, ANY], ['"high"', '"gia_admission_at_risk"'],
             "Задолженность на выпускном курсе: под угрозой допуск к итоговой аттестации"),
        Rule([ANY, ">= 2", ANY, ANY], ['"high"', '"academic_debt"'], "Две и более задолженности"),
        Rule([ANY, ANY, ">= 5", ANY], ['"high"', '"score_high"'], "Балл риска 5 и выше"),
        Rule([ANY, ANY, ANY, "True"], ['"acceptable"', '"target_contract"'],
             "Заказчик целевого обучения обязан трудоустроить"),
        Rule([ANY, ANY, "< 5", ANY], ['"acceptable"', '"score_ok"'], "Балл риска ниже 5"),
    ],
)

def _ip_rule(note: str, service: str, provider: str, **cells: str) -> Rule:
    order = ["context", "career_plan", "practice", "skills", "final_year", "offer", "motivation", "income",
             "age", "disability", "business", "change", "debt"]
    unknown = set(cells) - set(order)
    if unknown:
        raise ValueError(f"unknown columns {unknown}")
    return Rule([cells.get(name, ANY) for name in order], [f'"{service}"', f'"{provider}"'], note)


IP_RULES = [
    _ip_rule("Нет карьерного плана: консультация", "career_consultation", "czn", career_plan="False"),
    _ip_rule("Нет карьерного плана: групповые занятия", "group_career_sessions", "czn", career_plan="False"),
    _ip_rule("Нет карьерного плана: цифровая навигация", "digital_career_navigation", "ecp",
             career_plan="False"),
    _ip_rule("Практика не назначена или не пройдена", "practice_matching", "edu_org", context='"student"',
             practice='? in ("none", "failed")'),
    _ip_rule("Выпускной курс, слабые навыки поиска работы: резюме", "cv_service", "czn", context='"student"',
             skills='"low"', final_year="True"),
    _ip_rule("Выпускной курс, слабые навыки поиска работы: собеседования", "interview_training", "czn",
             context='"student"', skills='"low"', final_year="True"),
    _ip_rule("Выпускник, слабые навыки поиска работы: резюме", "cv_service", "czn", context='"graduate"',
             skills='"low"'),
    _ip_rule("Выпускник, слабые навыки поиска работы: собеседования", "interview_training", "czn",
             context='"graduate"', skills='"low"'),
    _ip_rule("Выпускной курс без предложения о работе: вакансии", "vacancy_offers", "czn",
             context='"student"', final_year="True", offer="False"),
    _ip_rule("Выпускной курс без предложения о работе: ярмарка", "job_fair_invite", "czn",
             context='"student"', final_year="True", offer="False"),
    _ip_rule("Выпускной курс без предложения о работе: поиск на ЕЦП", "vacancy_search_platform", "ecp",
             context='"student"', final_year="True", offer="False"),
    _ip_rule("Выпускник без предложения о работе: вакансии", "vacancy_offers", "czn", context='"graduate"',
             offer="False"),
    _ip_rule("Выпускник без предложения о работе: поиск на ЕЦП", "vacancy_search_platform", "ecp",
             context='"graduate"', offer="False"),
    _ip_rule("Низкая мотивация", "psychological_support", "czn", motivation='"low"'),
    _ip_rule("Нужен доход, младше 18 лет", "temp_employment_minor", "czn", income="True", age="< 18"),
    _ip_rule("Нужен доход, 18 лет и старше", "part_time_vacancies", "czn", income="True", age=">= 18"),
    _ip_rule("ОВЗ / инвалидность", "disability_employment_support", "czn", disability="True"),
    _ip_rule("Запрос на предпринимательство: направление", "refer_my_business", "czn", business="True"),
    _ip_rule("Запрос на предпринимательство: платформы", "entrepreneurship_platforms", "ecp", business="True"),
    _ip_rule("Выпускник хочет сменить профессию", "vocational_training", "czn", context='"graduate"',
             change="True"),
    _ip_rule("Академическая задолженность: сообщить в образовательную организацию",
             "notify_edu_org_academic_support", "edu_org", context='"student"', debt=">= 1"),
    _ip_rule("Высокий риск у студента: ежемесячная встреча с куратором", "curator_meeting_monthly", "czn",
             context='"student"'),
]


IP_SERVICE_SET = Decision(
    id="ip_service_set",
    name="Подбор сервисов индивидуального плана",
    file="ip_service_set.dmn",
    hit_policy="COLLECT",
    documentation="Barriers found by profiling -> services of the individual plan (domain.md §4.2). "
                  "COLLECT: every matching row adds one service and its provider lane.",
    inputs=[
        Column("Контекст плана", "ip_context", "string"),
        Column("Есть карьерный план", 'ip_profile["career_plan_present"]', "boolean"),
        Column("Практика", 'ip_profile["practice_status"]', "string"),
        Column("Навыки поиска работы", 'ip_profile["job_search_skills"]', "string"),
        Column("Выпускной курс", 'individual_plan["final_year"]', "boolean"),
        Column("Есть предложение о работе", 'ip_profile["job_offer_received"]', "boolean"),
        Column("Мотивация", 'ip_profile["motivation_level"]', "string"),
        Column("Нужен доход сейчас", 'ip_profile["needs_income_now"]', "boolean"),
        Column("Возраст", 'individual_plan["age"]', "integer"),
        Column("ОВЗ / инвалидность", 'ip_profile["has_disability"]', "boolean"),
        Column("Хочет открыть своё дело", 'ip_profile["wants_entrepreneurship"]', "boolean"),
        Column("Хочет сменить профессию", 'ip_profile["wants_trajectory_change"]', "boolean"),
        Column("Академические задолженности", 'individual_plan["academic_debt_count"]', "integer"),
    ],
    outputs=[
        Column("Сервис", "ip_service_codes", "string"),
        Column("Исполнитель", "ip_service_providers", "string"),
    ],
    rules=IP_RULES,
)


GRADUATE_OUTCOME = Decision(
    id="graduate_outcome",
    name="Определение итога выпускника",
    file="graduate_outcome.dmn",
    hit_policy="FIRST",
    documentation="Graduate status -> the map's three outcomes (domain.md §4.6). First match wins.",
    inputs=[
        Column("Трудоустроен", 'graduate_status["employed"]', "boolean"),
        Column("По специальности", 'graduate_status["in_specialty"]', "boolean"),
        Column("Хочет сменить траекторию или записан на переобучение",
               'graduate_status["wants_change"] or graduate_status["enrolled_in_retraining"]', "boolean"),
    ],
    outputs=[Column("Итог выпускника", "graduate_outcome", "string")],
    rules=[
        Rule(["True", "True", ANY], ['"employed"'], "Работает по специальности"),
        Rule(["True", "False", "True"], ['"trajectory_change"'], "Работает не по специальности и меняет траекторию"),
        Rule(["True", "False", "False"], ['"employed"'], "Работает не по специальности (для KPI: вне специальности)"),
        Rule(["False", ANY, "True"], ['"trajectory_change"'], "Не работает, выбрал переобучение"),
        Rule(["False", ANY, ANY], ['"not_employed"'], "Не работает"),
    ],
)

NEED_SEGMENT = Decision(
    id="need_segment",
    name="Определение сегмента кадровой потребности",
    file="need_segment.dmn",
    hit_policy="FIRST",
    documentation="Where the employer's staffing need is met (domain.md §4.7), as first match.",
    inputs=[
        Column("Месяцев до срока потребности", 'staffing_need["months_until_needed"]', "integer"),
        Column("Требуемый уровень образования", 'staffing_need["required_level"]', "string"),
        Column("Есть квота целевого обучения", 'staffing_need["target_quota_available"]', "boolean"),
        Column("Выпускников в регионе достаточно",
               'staffing_need["graduates_available"] >= staffing_need["qty"]', "boolean"),
    ],
    outputs=[
        Column("Сегмент", "need_segment", "string"),
        Column("Предложить целевое обучение", "offer_target_training", "boolean"),
    ],
    rules=[
        Rule([">= 36", ANY, "True", ANY], ['"schoolchildren"', "True"], "Долгий горизонт, есть квота ЦО"),
        Rule([">= 36", ANY, ANY, ANY], ['"schoolchildren"', "False"], "Долгий горизонт"),
        Rule([ANY, '"vo"', "True", ANY], ['"schoolchildren"', "True"], "Высшее образование через квоту ЦО"),
        Rule(["< 36", ANY, ANY, "True"], ['"graduates"', "False"], "Выпускников хватает"),
        Rule(["< 36", ANY, ANY, "False"], ['"graduates"', "True"], "Выпускников мало: также целевое обучение"),
    ],
)

MINOR_WORKING_HOURS = Decision(
    id="minor_working_hours",
    name="Допустимая продолжительность работы несовершеннолетнего",
    file="minor_working_hours.dmn",
    hit_policy="FIRST",
    documentation="Working-time limits for minors (ТК РФ ст. 92, 94; domain.md §4.9). First match wins.",
    inputs=[
        Column("Возраст", 'school_year_plan["age_at_start"]', "integer"),
        Column("Работа в учебное время", 'year_result["temp_job_during_school_year"]', "boolean"),
    ],
    outputs=[
        Column("Часов в день, не более", "max_hours_day", "double"),
        Column("Часов в неделю, не более", "max_hours_week", "double"),
    ],
    rules=[
        Rule(["< 14", ANY], ["0", "0"], "До 14 лет временная занятость не организуется"),
        Rule(["14 <= ? < 16", "True"], ["2.5", "12"], "14–16 лет, учебный год"),
        Rule(["14 <= ? < 16", "False"], ["5", "24"], "14–16 лет, каникулы"),
        Rule(["16 <= ? < 18", "True"], ["4", "17.5"], "16–18 лет, учебный год"),
        Rule(["16 <= ? < 18", "False"], ["7", "35"], "16–18 лет, каникулы"),
        Rule([">= 18", ANY], ["8", "40"], "Совершеннолетний"),
    ],
)

DECISIONS = [STUDENT_RISK_LEVEL, IP_SERVICE_SET, GRADUATE_OUTCOME, NEED_SEGMENT, MINOR_WORKING_HOURS]
