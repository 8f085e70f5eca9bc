"""Reading one form-js component's properties (texts, flags, conditions, layout, choices, defaults,
validation, numbers) with their checks; every problem is collected, naming the component."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from forms.conditions import Condition, parse_condition
from forms.errors import ConditionSyntaxError
from forms.model import CHOICE_TYPES, MULTI_VALUE_TYPES, Choice, Validation, html_value

IDENTIFIER_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")
"""A data path: dotted identifiers."""
_VALIDATION_TYPES = {"email", "phone"}
_TEXT_TYPES = {"textfield", "textarea"}
_TRANSLATION = re.compile(r"(label|description|text)_en|option_en\..+")


class PropertyReader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, where: str, text: str) -> None:
        self.problems.append(f"{where}: {text}")

    def translations(self, raw: dict[str, Any], where: str) -> dict[str, str]:
        """Texts in other languages, kept in form-js custom `properties` (`label_en`, `option_en.spo`)."""
        properties = raw.get("properties") or {}
        if not isinstance(properties, dict) or not all(
            isinstance(name, str) and isinstance(value, str) for name, value in properties.items()
        ):
            self.problem(where, '"properties" must map names to texts')
            return {}
        return {name: value for name, value in properties.items() if _TRANSLATION.fullmatch(name)}

    def check_option_translations(
        self, translations: dict[str, str], choices: tuple[Choice, ...], where: str
    ) -> None:
        known = {choice.html_value for choice in choices}
        for name in translations:
            option = name.partition(".")[2]
            if name.startswith("option_") and option not in known:
                self.problem(where, f'custom property "{name}" names no option of this component')

    def label(self, raw: dict[str, Any], where: str, kind: str, subtype: str) -> str:
        if kind == "datetime":
            names = ["timeLabel"] if subtype == "time" else ["dateLabel"]
            names.append("label")
        else:
            names = ["label"]
        for name in names:
            value = raw.get(name)
            if isinstance(value, str) and value.strip():
                return value
        self.problem(where, f'"{names[0]}" must be a non-empty string')
        return ""

    def text(self, raw: dict[str, Any], name: str, where: str) -> str:
        value = raw.get(name, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(where, f'"{name}" must be a string')
            return ""
        return value

    def flag(self, raw: dict[str, Any], name: str, where: str) -> bool:
        value = raw.get(name, False)
        if not isinstance(value, bool):
            self.problem(where, f'"{name}" must be true or false (expressions are not supported)')
            return False
        return value

    def condition(self, raw: dict[str, Any], where: str) -> Condition | None:
        conditional = raw.get("conditional")
        if conditional is None:
            return None
        hide = conditional.get("hide") if isinstance(conditional, dict) else None
        if hide in (None, ""):
            return None
        try:
            return parse_condition(hide)
        except ConditionSyntaxError as error:
            self.problem(where, f"conditional.hide: {error}")
            return None

    def layout(self, raw: dict[str, Any], where: str) -> tuple[str | None, int | None]:
        layout = raw.get("layout")
        if layout is None:
            return None, None
        if not isinstance(layout, dict):
            self.problem(where, '"layout" must be an object')
            return None, None
        row, columns = layout.get("row"), layout.get("columns")
        if columns is not None and (not isinstance(columns, int) or not 1 <= columns <= 16):
            self.problem(where, '"layout.columns" must be an integer from 1 to 16')
            columns = None
        return (row if isinstance(row, str) else None), columns

    def choices(self, raw: dict[str, Any], where: str) -> tuple[tuple[Choice, ...], str | None]:
        kind = raw["type"]
        values, values_key = raw.get("values"), raw.get("valuesKey")
        if kind not in CHOICE_TYPES:
            if values is not None or values_key is not None:
                self.problem(where, f'"values" and "valuesKey" do not apply to type {kind!r}')
            return (), None
        if (values is None) == (values_key is None):
            self.problem(where, 'give exactly one of "values" (static options) or "valuesKey" (task data)')
            return (), None
        if values_key is not None:
            if not isinstance(values_key, str) or not IDENTIFIER_PATH.fullmatch(values_key):
                self.problem(where, f'"valuesKey" must be an identifier, found {values_key!r}')
                return (), None
            return (), values_key
        if not isinstance(values, list) or not values:
            self.problem(where, '"values" must be a non-empty list of {label, value}')
            return (), None
        built: list[Choice] = []
        for option in values:
            value = option.get("value") if isinstance(option, dict) else None
            label = option.get("label") if isinstance(option, dict) else None
            if not isinstance(label, str) or not label or not isinstance(value, str | int | float | bool):
                self.problem(where, f"option {option!r} needs a text label and a scalar value")
                continue
            choice = Choice(label=label, value=value)
            if any(existing.html_value == choice.html_value for existing in built):
                self.problem(where, f"duplicate option value {value!r}")
                continue
            built.append(choice)
        return tuple(built), None

    def default(self, raw: dict[str, Any], where: str, choices: tuple[Choice, ...]) -> Any:
        value = raw.get("defaultValue")
        if value is None or not choices:
            return value
        known = {choice.html_value for choice in choices}
        given = value if raw["type"] in MULTI_VALUE_TYPES and isinstance(value, list) else [value]
        unknown = [item for item in given if html_value(item) not in known]
        if unknown:
            self.problem(where, f'"defaultValue" {unknown!r} is not one of the options')
        return value

    def validation(self, raw: dict[str, Any], where: str) -> Validation:
        rules = raw.get("validate") or {}
        if not isinstance(rules, dict):
            self.problem(where, '"validate" must be an object')
            return Validation()
        kind = raw["type"]
        required = rules.get("required", False)
        if not isinstance(required, bool):
            self.problem(where, '"validate.required" must be true or false')
            required = False
        minimum = self.decimal(rules, "min", where) if kind == "number" else None
        maximum = self.decimal(rules, "max", where) if kind == "number" else None
        if minimum is not None and maximum is not None and minimum > maximum:
            self.problem(where, '"validate.min" is greater than "validate.max"')
        min_length = self.length(rules, "minLength", where) if kind in _TEXT_TYPES else None
        max_length = self.length(rules, "maxLength", where) if kind in _TEXT_TYPES else None
        if min_length is not None and max_length is not None and min_length > max_length:
            self.problem(where, '"validate.minLength" is greater than "validate.maxLength"')
        pattern = rules.get("pattern") if kind in _TEXT_TYPES else None
        if pattern in ("", None):
            pattern = None
        elif not isinstance(pattern, str):
            self.problem(where, '"validate.pattern" must be a string')
            pattern = None
        else:
            try:
                re.compile(pattern)
            except re.error as error:
                self.problem(where, f'"validate.pattern" is not a valid regular expression: {error}')
                pattern = None
        validation_type = rules.get("validationType") if kind == "textfield" else None
        if validation_type in ("", None):
            validation_type = None
        elif validation_type not in _VALIDATION_TYPES:
            found = f"found {validation_type!r}"
            self.problem(where, f'"validate.validationType" must be email or phone, {found}')
            validation_type = None
        return Validation(required, minimum, maximum, min_length, max_length, pattern, validation_type)

    def decimal(self, raw: dict[str, Any], name: str, where: str) -> Decimal | None:
        value = raw.get(name)
        if value in (None, ""):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.problem(where, f'"{name}" must be a number')
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.problem(where, f'"{name}" must be a number, found {value!r}')
            return None
        if not number.is_finite():
            self.problem(where, f'"{name}" must be a finite number')
            return None
        return number

    def length(self, raw: dict[str, Any], name: str, where: str) -> int | None:
        value = raw.get(name)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.problem(where, f'"validate.{name}" must be a non-negative integer')
            return None
        return value

    def increment(self, raw: dict[str, Any], where: str) -> Decimal | None:
        if raw["type"] != "number":
            return None
        value = self.decimal(raw, "increment", where)
        if value is not None and value <= 0:
            self.problem(where, '"increment" must be positive')
            return None
        return value

    def decimal_digits(self, raw: dict[str, Any], where: str) -> int | None:
        if raw["type"] != "number" or raw.get("decimalDigits") in (None, ""):
            return None
        value = raw["decimalDigits"]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.problem(where, '"decimalDigits" must be a non-negative integer')
            return None
        return value
