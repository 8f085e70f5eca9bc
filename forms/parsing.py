"""Turning the text of an HTML form post into typed, JSON-able values, one component type at a time.

Shared by the marshmallow fields (strict validation) and by draft coercion (lenient keeping).
"""
from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from forms.model import Choice, Component

DEFAULT_TIMEZONE = ZoneInfo("Europe/Moscow")

_TRUE = {"true", "on", "1", "yes"}
_FALSE = {"false", "off", "0", "no", ""}
_SPACES = re.compile(r"[\s\u00a0\u202f]")


class ParseError(ValueError):
    """The text cannot become a value of the component's type; names a catalogue message."""

    def __init__(self, message_name: str) -> None:
        super().__init__(message_name)
        self.message_name = message_name


def today(now: datetime | None = None) -> str:
    """The date of `now` (by default the wall clock) in the deployment's zone, ISO.

    A caller on a moved clock (the simulation) passes its own `now`, so "today" in a form is its day."""
    return (now or datetime.now(UTC)).astimezone(DEFAULT_TIMEZONE).date().isoformat()


def parse_number(text: str, locale: str) -> Decimal:
    """Digits with an optional decimal point; Russian input may use a decimal comma and digit spaces."""
    cleaned = _SPACES.sub("", text)
    if locale == "ru":
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise ParseError("invalid_number")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ParseError("invalid_number") from error


def json_number(value: Decimal) -> int | float:
    """Whole numbers become int, others float, so gateways compare them naturally."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ParseError("invalid_boolean")


def parse_date(text: str) -> str:
    """ISO `YYYY-MM-DD` (what browsers send) or Russian `ДД.ММ.ГГГГ`; returns ISO."""
    value = text.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    raise ParseError("invalid_date")


def parse_time(text: str) -> str:
    value = text.strip()
    for pattern in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.strptime(value, pattern).time().isoformat(timespec="minutes")
        except ValueError:
            continue
    raise ParseError("invalid_time")


def parse_datetime(text: str, serializing: str, zone: ZoneInfo = DEFAULT_TIMEZONE) -> str:
    """A moment; text without an offset is local time in `zone`. Output follows form-js
    `timeSerializingFormat`: `utc_offset` (default), `utc_normalized` or `no_timezone`."""
    value = text.strip()
    moment = _read_datetime(value)
    if serializing == "no_timezone":
        return moment.replace(tzinfo=None).isoformat(timespec="minutes")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    if serializing == "utc_normalized":
        return moment.astimezone(UTC).isoformat(timespec="minutes").replace("+00:00", "Z")
    return moment.isoformat(timespec="minutes")


def _read_datetime(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    for pattern in ("%d.%m.%Y %H:%M", "%d.%m.%Y, %H:%M"):
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    raise ParseError("invalid_datetime")


def find_choice(text: str, choices: tuple[Choice, ...]) -> Any:
    """The typed value of the option whose HTML value is `text`."""
    for choice in choices:
        if choice.html_value == text:
            return choice.value
    raise ParseError("invalid_choice")


def parse_scalar(component: Component, text: str, locale: str, choices: tuple[Choice, ...]) -> Any:
    """One posted text as a value of `component`'s type, without checking limits."""
    kind = component.type
    if kind in {"textfield", "textarea"}:
        return text.strip()
    if kind == "number":
        return json_number(parse_number(text, locale))
    if kind == "checkbox":
        return parse_bool(text)
    if kind in {"radio", "select", "checklist", "taglist"}:
        return find_choice(text, choices)
    if kind == "datetime":
        if component.subtype == "time":
            return parse_time(text)
        if component.subtype == "datetime":
            return parse_datetime(text, component.time_serializing)
        return parse_date(text)
    raise ParseError("invalid_payload")

