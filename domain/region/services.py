"""Retraining courses under «Содействие занятости» and the ЦЗН library of adaptation practices."""

from __future__ import annotations

from datetime import timedelta

from domain.models import AdaptationPractice, RetrainingCourse
from domain.reference_data.practices import ADAPTATION_PRACTICES
from domain.reference_data.territory import REGION_CODE
from domain.region.draft import RegionDraft

COURSES: tuple[tuple[str, str | None, str, int], ...] = (
    ("Оператор станков с программным управлением", "15.02.16", "vocational_training", 256),
    ("Сварщик ручной дуговой сварки плавящимся покрытым электродом", "15.01.05", "vocational_training", 240),
    ("Разработка веб-приложений на Python", "09.02.07", "dpo", 144),
    ("1С: Бухгалтерия и кадровый учёт", "38.02.01", "dpo", 72),
    ("Младшая медицинская сестра по уходу за больными", "34.02.01", "vocational_training", 180),
    ("Повар", "43.01.09", "vocational_training", 200),
    ("Электромонтёр по ремонту и обслуживанию электрооборудования", "13.01.10", "vocational_training", 220),
    ("Графический дизайн и вёрстка", "54.02.01", "dpo", 144),
    ("Специалист по закупкам (44-ФЗ, 223-ФЗ)", "38.03.02", "dpo", 144),
    ("Тестирование программного обеспечения", "09.02.07", "dpo", 120),
    ("Оператор беспилотных авиационных систем", None, "vocational_training", 160),
    ("Менеджер маркетплейсов", None, "dpo", 72),
    ("Основы предпринимательской деятельности", None, "dpo", 72),
    ("Водитель погрузчика", "23.01.17", "vocational_training", 160),
    ("Лаборант химического анализа", "18.02.12", "vocational_training", 180),
    ("Социальный работник", "40.02.01", "vocational_training", 144),
)
PROVIDERS = (
    "АНО ДПО «Учебный центр «Профессионал»",
    "ЧУ ДПО «Калужский учебный центр»",
    "Федеральный оператор «Содействие занятости» — Томский государственный университет",
    "Федеральный оператор «Содействие занятости» — РАНХиГС",
)
ELIGIBLE = ("youth_not_employed_4_months", "job_seekers", "at_risk_of_dismissal", "parents_of_children_under_3")


def build_retraining_courses(draft: RegionDraft) -> None:
    colleges = [org.name for org in draft.by_kind["edu_org"] if org.type == "poo"]
    for index in range(max(8, min(len(COURSES) * 4, draft.youths // 150))):
        title, code, kind, hours = COURSES[index % len(COURSES)]
        starts = draft.as_of + timedelta(days=draft.rng.randrange(7, 150))
        online = kind == "dpo" and draft.rng.random() < 0.6
        draft.add(
            "course",
            RetrainingCourse(
                id=draft.uuid(),
                provider=draft.rng.choice(PROVIDERS + tuple(colleges)),
                programme_name=title,
                kind=kind,
                okso_code=code,
                hours=hours,
                format="online" if online else draft.rng.choice(("offline", "mixed")),
                starts_on=starts,
                ends_on=starts + timedelta(days=hours // 4 * 7 // 5 + 14),
                funding=draft.rng.choices(("employment_promotion", "regional", "czn"), weights=(5, 2, 2))[0],
                eligible_categories=list(ELIGIBLE[: draft.rng.randint(1, len(ELIGIBLE))]),
                region_code=REGION_CODE,
                seats=draft.rng.choice((12, 15, 20, 25, 30)),
            ),
        )


def build_practice_library(draft: RegionDraft) -> None:
    author = draft.by_kind["czn"][0].name
    for info in ADAPTATION_PRACTICES:
        draft.add(
            "practice",
            AdaptationPractice(
                id=draft.uuid(),
                title_ru=info.title_ru,
                description_ru=info.description_ru,
                category=info.category,
                industries=list(info.industries),
                company_size=info.company_size,
                evidence="Применяется работодателями региона; удержание молодых специалистов за первый год выше "
                "среднего по отрасли",
                author_org=author,
                status="published",
                published_at=draft.recently(400),
                reviewed_at=draft.recently(90),
            ),
        )
