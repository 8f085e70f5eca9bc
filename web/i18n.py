"""Locale (Russian by default, English available) and the user's time zone for dates."""
from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import DateTimePattern, parse_pattern
from flask import Flask, g, request, session
from flask_babel import format_date, get_locale, get_timezone
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from web.extensions import babel

LOCALES = ("ru", "en")


def select_locale() -> str:
    """The person's choice; for the token-authenticated API the request's Accept-Language, else the token
    owner's choice."""
    if request.path.startswith("/api/"):
        owner_locale = getattr(getattr(g, "api_user", None), "locale", None)
        return request.accept_languages.best_match(LOCALES) or (owner_locale if owner_locale in LOCALES else "ru")
    if current_user and current_user.is_authenticated and current_user.locale in LOCALES:
        return current_user.locale
    chosen = session.get("locale")
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES) or "ru"


def select_timezone() -> str | None:
    if current_user and current_user.is_authenticated:
        return current_user.timezone
    return None


@lru_cache(maxsize=16)
def _datetime_format(locale: str) -> tuple[DateTimePattern, Locale]:
    """The locale's short date-and-time pattern, parsed once (`dd.MM.y, HH:mm` in Russian)."""
    babel_locale = Locale.parse(locale)
    joined = babel_locale.datetime_formats["short"].format(
        babel_locale.time_formats["short"].pattern, babel_locale.date_formats["short"].pattern
    )
    return parse_pattern(joined), babel_locale


def short_datetime(value: datetime | None) -> str:
    """`26.11.2026, 09:30` in Russian, in the user's time zone; empty for no value.

    The inbox formats dozens of dates per page, so the pattern and zone are looked up once."""
    if not value:
        return ""
    pattern, locale = _datetime_format(str(get_locale() or "ru"))
    return pattern.apply(value.astimezone(get_timezone()), locale)


def short_date(value: date | datetime | None) -> str:
    return format_date(value, "short") if value else ""


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.filters["datetime"] = short_datetime
    app.jinja_env.filters["date"] = short_date
    app.context_processor(template_helpers)


def parse_local_datetime(text: str, timezone: str) -> datetime | None:
    """A `datetime-local` input (`2026-12-01T09:30`) read in the user's zone; empty gives None.

    Raises ValueError for anything else."""
    text = text.strip()
    if not text:
        return None
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(timezone))
    return value


def local_input_value(value: datetime | None, timezone: str) -> str:
    """The value of a `datetime-local` input for an aware datetime, in the user's zone."""
    return value.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M") if value else ""


ROLE_LABELS = {
    "operator": _l("оператор"),
    "curator": _l("куратор"),
    "analyst": _l("аналитик"),
    "auditor": _l("аудитор"),
    "admin": _l("администратор"),
}
GROUP_LABELS = {
    "school": _l("Школа"),
    "edu_org": _l("ПОО / ОО ВО"),
    "czn": _l("ЦЗН"),
    "employer": _l("Работодатель"),
    "my_business": _l("Центр «Мой бизнес»"),
    "curator": _l("Куратор"),
}
YOUTH_STATUS_LABELS = {
    "pupil": _l("школьник"),
    "applicant": _l("абитуриент"),
    "student": _l("студент"),
    "graduate": _l("выпускник"),
    "employed": _l("трудоустроен"),
    "not_employed": _l("не трудоустроен"),
    "in_retraining": _l("на переобучении"),
    "entrepreneur": _l("предприниматель"),
    "left_region": _l("выбыл из региона"),
}
SERVICE_LABELS = {
    "career_navigation": _l("Доступ к цифровым платформам карьерной навигации"),
    "vacancy_search": _l("Сохранённый поиск вакансий на ЕЦП «Работа в России»"),
    "employer_in_attestation": _l("Работодатель в комиссии итоговой аттестации"),
}
VACANCY_OFFER_STATUS_LABELS = {
    "offered": _l("предложена"),
    "accepted": _l("принята"),
    "declined": _l("отклонена"),
    "closed": _l("закрыта"),
}
STATUS_LABELS = {
    "open": _l("открыта"),
    "active": _l("идёт"),
    "completed": _l("завершено"),
    "cancelled": _l("отменено"),
    "suspended": _l("приостановлено"),
}


def template_helpers() -> dict[str, object]:
    return {
        "ui_locale": str(get_locale() or "ru"),
        "now_utc": datetime.now(UTC),
        "role_label": lambda role: str(ROLE_LABELS.get(role, role)),
        "status_label": lambda status: str(STATUS_LABELS.get(status, status)),
        "youth_status_label": lambda status: str(YOUTH_STATUS_LABELS.get(status, status)),
        "group_label": lambda group: str(GROUP_LABELS.get(group, group or "")),
        "service_label": lambda code: str(SERVICE_LABELS.get(code, code)),
        "vacancy_offer_status_label": lambda status: str(VACANCY_OFFER_STATUS_LABELS.get(status, status)),
    }
