"""Career-guidance events of schools, ЦЗН offices, colleges and employers in the current school year."""

from __future__ import annotations

from datetime import date, timedelta

from domain.algorithms.study_calendar import school_year_of
from domain.models import CareerEvent
from domain.region.draft import RegionDraft

SCHOOL_EVENTS = (
    ("emp_lesson", "Урок «Россия — мои горизонты»: {topic}", 1.0, list(range(6, 12))),
    ("prof_lesson", "Профурок «{topic}»", 1.0, list(range(6, 12))),
    ("prof_trial", "Профессиональная проба «{topic}»", 2.0, list(range(6, 12))),
)
TOPICS = (
    "Россия промышленная",
    "Россия здоровая",
    "Россия цифровая",
    "Россия аграрная",
    "Россия безопасная",
    "Россия комфортная",
    "Россия креативная",
    "Россия образованная",
)


def _school_year_dates(draft: RegionDraft) -> tuple[date, date]:
    start = date(school_year_of(draft.as_of), 9, 1)
    return start, date(start.year + 1, 5, 25)


def _day_in(draft: RegionDraft, start: date, end: date) -> date:
    if end <= start:
        return start
    day = start + timedelta(days=draft.rng.randrange((end - start).days))
    return day + timedelta(days=(3 - day.weekday()) % 7)  # Thursdays, the ЕМП day


def build_events(draft: RegionDraft) -> None:
    year_start, year_end = _school_year_dates(draft)
    for school in draft.by_kind["school"]:
        for number in range(6):
            type_code, title, hours, grades = SCHOOL_EVENTS[number % len(SCHOOL_EVENTS)]
            past = number < 3
            day = _day_in(draft, year_start, draft.as_of) if past else _day_in(draft, draft.as_of, year_end)
            draft.add(
                "event",
                CareerEvent(
                    id=draft.uuid(),
                    type_code=type_code,
                    title=title.format(topic=draft.rng.choice(TOPICS)),
                    organizer_lane="school",
                    organizer_id=school.id,
                    starts_at=draft.moment(day, 12),
                    ends_at=draft.moment(day, 13 + int(hours)),
                    location=school.name,
                    municipality_oktmo=school.municipality_oktmo,
                    capacity=60,
                    target_grades=grades,
                    emp_hours_credit=hours * 2,
                ),
            )
    hosts = [e for e in draft.by_kind["employer"] if e.size in ("medium", "large")] or draft.by_kind["employer"]
    for number in range(max(4, draft.youths // 60)):
        employer = hosts[number % len(hosts)]
        type_code = draft.rng.choice(("proftour", "proftour", "group_session", "master_class", "open_day"))
        office = next(
            (o for o in draft.by_kind["czn"] if o.municipality_oktmo == employer.municipality_oktmo),
            draft.by_kind["czn"][0],
        )
        day = _day_in(draft, year_start, year_end)
        title = {
            "proftour": f"Профтур на предприятие {employer.name}",
            "group_session": "Групповое занятие по профориентации",
            "master_class": f"Мастер-класс специалистов {employer.name}",
            "open_day": f"Неделя без турникетов: {employer.name}",
        }[type_code]
        draft.add(
            "event",
            CareerEvent(
                id=draft.uuid(),
                type_code=type_code,
                title=title,
                organizer_lane="czn",
                organizer_id=office.id,
                employer_id=employer.id,
                starts_at=draft.moment(day, 11),
                ends_at=draft.moment(day, 14),
                location=employer.name,
                municipality_oktmo=employer.municipality_oktmo,
                capacity=draft.rng.choice((15, 20, 25, 30)),
                target_grades=[8, 9, 10, 11],
                target_courses=[1, 2],
                emp_hours_credit=3.0,
            ),
        )
    for org in draft.by_kind["edu_org"]:
        for type_code, title in (("job_fair", "Ярмарка вакансий"), ("career_day", "День карьеры")):
            day = _day_in(draft, draft.as_of, year_end)
            draft.add(
                "event",
                CareerEvent(
                    id=draft.uuid(),
                    type_code=type_code,
                    title=f"{title} в {org.name}",
                    organizer_lane="edu_org",
                    organizer_id=org.id,
                    starts_at=draft.moment(day, 11),
                    ends_at=draft.moment(day, 15),
                    location=org.name,
                    municipality_oktmo=org.municipality_oktmo,
                    capacity=300,
                    target_courses=[1, 2, 3, 4, 5, 6],
                ),
            )
