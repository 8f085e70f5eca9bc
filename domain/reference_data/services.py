"""The service catalogue behind individual plans (domain.md §4.2) and the kinds of career events."""

from __future__ import annotations

from dataclasses import dataclass

from domain.algorithms.plans import ServiceSpec


@dataclass(frozen=True)
class ServiceInfo:
    code: str
    name_ru: str
    name_en: str
    provider_lane: str
    due_in_days: int
    legal_basis: str | None = None
    channel: str = "offline"
    min_age: int | None = None
    max_age: int | None = None
    for_risk_level: str = "any"


SERVICES: tuple[ServiceInfo, ...] = (
    ServiceInfo(
        "curator_meeting_monthly",
        "Ежемесячная встреча с куратором",
        "Monthly curator meeting",
        "czn",
        14,
        for_risk_level="high",
    ),
    ServiceInfo("career_consultation", "Профессиональная консультация", "Career consultation", "czn", 14, "565-ФЗ"),
    ServiceInfo(
        "notify_edu_org_academic_support",
        "Уведомление образовательной организации об академической задолженности",
        "Notify the edu org about academic debt",
        "edu_org",
        7,
    ),
    ServiceInfo(
        "group_career_sessions",
        "Групповые занятия по профориентации",
        "Group career-guidance sessions",
        "czn",
        30,
        "565-ФЗ",
    ),
    ServiceInfo(
        "digital_career_navigation",
        "Цифровые платформы карьерной навигации",
        "Digital career navigation",
        "ecp",
        14,
        channel="online",
    ),
    ServiceInfo("proftour", "Профтур на предприятие", "Career tour to an employer", "czn", 45, "565-ФЗ"),
    ServiceInfo(
        "practice_matching", "Подбор места практики или стажировки", "Practice placement matching", "edu_org", 30
    ),
    ServiceInfo("cv_service", "Помощь в составлении резюме", "CV writing", "czn", 21, "565-ФЗ"),
    ServiceInfo(
        "interview_training", "Тренинг по прохождению собеседований", "Interview training", "czn", 30, "565-ФЗ"
    ),
    ServiceInfo("vacancy_offers", "Подбор и предложение вакансий", "Vacancy offers", "czn", 14, "565-ФЗ"),
    ServiceInfo("job_fair_invite", "Приглашение на ярмарку вакансий", "Job fair invitation", "czn", 45),
    ServiceInfo(
        "vacancy_search_platform",
        "Поиск вакансий на ЕЦП «Работа в России»",
        "Vacancy search on ЕЦП",
        "ecp",
        7,
        channel="online",
    ),
    ServiceInfo("psychological_support", "Психологическая поддержка", "Psychological support", "czn", 21, "565-ФЗ"),
    ServiceInfo(
        "social_adaptation_training",
        "Социальная адаптация на рынке труда",
        "Social adaptation training",
        "czn",
        45,
        "565-ФЗ",
    ),
    ServiceInfo(
        "temp_employment_minor",
        "Временное трудоустройство несовершеннолетних",
        "Temporary employment of minors",
        "czn",
        30,
        "565-ФЗ",
        min_age=14,
        max_age=17,
    ),
    ServiceInfo(
        "part_time_vacancies", "Подбор вакансий с неполной занятостью", "Part-time vacancies", "czn", 21, min_age=18
    ),
    ServiceInfo(
        "disability_employment_support",
        "Сопровождение при содействии занятости инвалидов",
        "Employment support for people with disabilities",
        "czn",
        30,
        "565-ФЗ",
    ),
    ServiceInfo(
        "refer_my_business",
        "Направление в центр «Мой бизнес»",
        "Referral to the «Мой бизнес» centre",
        "my_business",
        30,
    ),
    ServiceInfo(
        "entrepreneurship_platforms",
        "Цифровые платформы для предпринимательских проектов",
        "Entrepreneurship platforms",
        "my_business",
        30,
        channel="online",
    ),
    ServiceInfo(
        "vocational_training",
        "Профессиональное обучение и дополнительное профессиональное образование",
        "Vocational training and further education",
        "czn",
        60,
        "565-ФЗ; «Содействие занятости»",
        max_age=35,
    ),
)

SERVICE_CATALOGUE: dict[str, ServiceSpec] = {
    info.code: ServiceSpec(info.code, info.name_ru, info.provider_lane, info.due_in_days, position * 10)
    for position, info in enumerate(SERVICES, start=1)
}
"""Service code → what `domain.algorithms.plans.compose_plan` needs."""


@dataclass(frozen=True)
class EventTypeInfo:
    code: str
    name_ru: str
    description_ru: str
    min_grade: int | None = None
    max_grade: int | None = None
    for_students: bool = False


EVENT_TYPES: tuple[EventTypeInfo, ...] = (
    EventTypeInfo("emp_lesson", "Урок «Россия — мои горизонты»", "Еженедельное профориентационное занятие ЕМП", 6, 11),
    EventTypeInfo("proftour", "Профтур", "Экскурсия на предприятие с пробой профессии", 8, 11, True),
    EventTypeInfo(
        "group_session", "Групповое занятие по профориентации", "Тестирование, тренинг и консультация", 8, 11, True
    ),
    EventTypeInfo("job_fair", "Ярмарка вакансий", "Встреча с работодателями региона", None, None, True),
    EventTypeInfo(
        "career_day", "День карьеры", "Презентации работодателей в образовательной организации", None, None, True
    ),
    EventTypeInfo("master_class", "Мастер-класс", "Практическое занятие специалиста работодателя", 8, 11, True),
    EventTypeInfo("open_day", "Неделя без турникетов", "День открытых дверей на предприятии", 8, 11, True),
    EventTypeInfo("prof_trial", "Профессиональная проба", "Проба профессии в рамках «Билета в будущее»", 6, 11),
    EventTypeInfo("career_marathon", "Карьерный марафон", "Серия встреч и заданий по выбору профессии", 8, 11, True),
    EventTypeInfo("prof_lesson", "Профурок", "Урок о профессии с участием работодателя", 6, 11),
    EventTypeInfo("consultation", "Профконсультация", "Индивидуальная консультация специалиста ЦЗН", 8, 11, True),
)
