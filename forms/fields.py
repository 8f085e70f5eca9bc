"""Marshmallow fields and validators for form-js components, with messages from our catalogue."""
from __future__ import annotations

import math
import re
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from marshmallow import ValidationError, fields, validate

from forms.messages import counted, format_number, message
from forms.model import Choice, Component
from forms.parsing import DEFAULT_TIMEZONE, ParseError, find_choice, json_number, parse_scalar

_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]{5,18}[0-9]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class TypedText(fields.Field):
    """A posted text read as the component's type (number, date, time, moment) by `parsing`."""

    def __init__(self, component: Component, locale: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.component = component
        self.locale = locale

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if self.component.type == "number" and isinstance(value, int | float) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise ValidationError(message("invalid_number", self.locale))
            return value
        if not isinstance(value, str):
            raise ValidationError(message("single_value" if isinstance(value, list) else "invalid_payload",
                                          self.locale))
        try:
            return parse_scalar(self.component, value, self.locale, ())
        except ParseError as error:
            raise ValidationError(message(error.message_name, self.locale)) from error


class ChoiceValue(fields.Field):
    """One option, posted as its HTML text or given as the typed value itself."""

    def __init__(self, choices: tuple[Choice, ...], locale: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = choices
        self.locale = locale

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, list):
            raise ValidationError(message("single_value", self.locale))
        for choice in self.choices:
            if type(choice.value) is type(value) and choice.value == value:
                return value
        try:
            return find_choice(str(value), self.choices)
        except ParseError as error:
            raise ValidationError(message("invalid_choice", self.locale)) from error


class FullMatch(validate.Validator):
    """The whole value matches the pattern, as the HTML `pattern` attribute requires."""

    def __init__(self, pattern: str, error: str) -> None:
        self.regex = re.compile(pattern)
        self.error = error

    def __call__(self, value: str) -> str:
        if not self.regex.fullmatch(value):
            raise ValidationError(self.error)
        return value


class DecimalDigits(validate.Validator):
    def __init__(self, digits: int, locale: str) -> None:
        self.digits = digits
        self.locale = locale

    def __call__(self, value: int | float) -> int | float:
        exponent = Decimal(str(value)).normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.digits:
            key = "integer_only" if self.digits == 0 else "decimal_digits"
            raise ValidationError(message(key, self.locale, **counted("digits", self.digits, self.locale)))
        return value


class Increment(validate.Validator):
    """The value is a whole number of steps (from zero, as form-js counts them)."""

    def __init__(self, step: Decimal, locale: str) -> None:
        self.step = step
        self.locale = locale

    def __call__(self, value: int | float) -> int | float:
        number = Decimal(str(value))
        lower = (number / self.step).to_integral_value(rounding=ROUND_FLOOR) * self.step
        if lower != number:
            raise ValidationError(message(
                "increment",
                self.locale,
                step=format_number(self.step, self.locale),
                lower=format_number(json_number(lower), self.locale),
                upper=format_number(json_number(lower + self.step), self.locale),
            ))
        return value


class NotPast(validate.Validator):
    """form-js `disallowPassedDates`: no date before `current_day` (ISO, Europe/Moscow)."""

    def __init__(self, error: str, current_day: str) -> None:
        self.error = error
        self.current_day = current_day

    def __call__(self, value: str) -> str:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone(DEFAULT_TIMEZONE)
        if moment.date().isoformat() < self.current_day:
            raise ValidationError(self.error)
        return value


class MustBeTrue(validate.Validator):
    def __init__(self, error: str) -> None:
        self.error = error

    def __call__(self, value: bool) -> bool:
        if value is not True:
            raise ValidationError(self.error)
        return value


def required_message(component: Component, locale: str) -> str:
    if component.type == "checkbox":
        return message("required_checkbox", locale)
    if component.type in {"radio", "select"}:
        return message("required_choice", locale)
    if component.is_multi:
        return message("required_many", locale)
    return message("required", locale)


def field_for(
    component: Component, locale: str, choices: tuple[Choice, ...], *, required: bool, current_day: str
) -> fields.Field:
    """The marshmallow field that validates `component`'s posted value; `current_day` (ISO) is "today"."""
    errors = {
        "required": required_message(component, locale),
        "null": required_message(component, locale),
        "invalid": message("invalid_payload", locale),
    }
    kind = component.type
    if kind in {"textfield", "textarea"}:
        rules = _text_rules(component, locale)
        return fields.String(required=required, validate=rules, error_messages=errors)
    if kind == "number":
        return TypedText(component, locale, required=required, validate=_number_rules(component, locale),
                         error_messages=errors)
    if kind == "checkbox":
        rules = [MustBeTrue(errors["required"])] if component.validation.required else []
        return fields.Boolean(
            required=required,
            truthy={"true", "on", "1", "yes", True},
            falsy={"false", "off", "0", "no", "", False},
            validate=rules,
            error_messages={**errors, "invalid": message("invalid_boolean", locale)},
        )
    if kind in {"radio", "select"}:
        one_of = validate.OneOf([c.value for c in choices], error=message("invalid_choice", locale))
        return ChoiceValue(choices, locale, required=required, error_messages=errors, validate=one_of)
    if component.is_multi:
        rules = [validate.Length(min=1, error=errors["required"])] if component.validation.required else []
        item = ChoiceValue(choices, locale)
        return fields.List(item, required=required, validate=rules, error_messages=errors)
    no_past = component.no_past_dates and component.subtype != "time"
    rules = [NotPast(message("past_date", locale), current_day)] if no_past else []
    return TypedText(component, locale, required=required, validate=rules, error_messages=errors)


def _text_rules(component: Component, locale: str) -> list[validate.Validator]:
    rules = component.validation
    found: list[validate.Validator] = []
    if rules.min_length is not None:
        text = message("min_length", locale, **counted("chars", rules.min_length, locale))
        found.append(validate.Length(min=rules.min_length, error=text))
    if rules.max_length is not None:
        text = message("max_length", locale, **counted("chars", rules.max_length, locale))
        found.append(validate.Length(max=rules.max_length, error=text))
    if rules.pattern is not None:
        found.append(FullMatch(rules.pattern, message("pattern", locale)))
    if rules.validation_type == "email":
        found.append(FullMatch(_EMAIL.pattern, message("email", locale)))
    if rules.validation_type == "phone":
        found.append(FullMatch(_PHONE.pattern, message("phone", locale)))
    return found


def _number_rules(component: Component, locale: str) -> list[validate.Validator]:
    rules = component.validation
    found: list[validate.Validator] = []
    if rules.min is not None:
        found.append(validate.Range(
            min=rules.min, error=message("min", locale, min=format_number(json_number(rules.min), locale))
        ))
    if rules.max is not None:
        found.append(validate.Range(
            max=rules.max, error=message("max", locale, max=format_number(json_number(rules.max), locale))
        ))
    if component.decimal_digits is not None:
        found.append(DecimalDigits(component.decimal_digits, locale))
    if component.increment is not None:
        found.append(Increment(component.increment, locale))
    return found
