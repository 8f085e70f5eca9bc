"""Reading a form-js (Camunda Forms) JSON document into a checked FormDefinition.

Every problem is collected and reported together, each naming the component, so an analyst who
edited the file in Camunda Modeler can fix them in one pass.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from forms.conditions import Condition, parse_condition
from forms.errors import ConditionSyntaxError, FormDefinitionError
from forms.model import (
    CHOICE_TYPES,
    MULTI_VALUE_TYPES,
    SUPPORTED_TYPES,
    Choice,
    Component,
    FormDefinition,
    Validation,
    html_value,
)

_IDENTIFIER_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")
_SUBTYPES = {"date", "time", "datetime"}
_TIME_FORMATS = {"utc_offset", "utc_normalized", "no_timezone"}
_VALIDATION_TYPES = {"email", "phone"}
_TEXT_TYPES = {"textfield", "textarea"}
_TRANSLATION = re.compile(r"(label|description|text)_en|option_en\..+")


def build_definition(document: Any, *, form_key: str, source: str) -> FormDefinition:
    """Check `document` (parsed JSON) and build the definition, or raise FormDefinitionError."""
    builder = _Builder(source)
    definition = builder.form(document, form_key)
    if builder.problems:
        raise FormDefinitionError(source, builder.problems)
    assert definition is not None
    return definition


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []
        self.ids: set[str] = set()
        self.paths: dict[tuple[str, ...], str] = {}

    def problem(self, where: str, text: str) -> None:
        self.problems.append(f"{where}: {text}")

    def form(self, document: Any, form_key: str) -> FormDefinition | None:
        if not isinstance(document, dict):
            self.problem("form", "the document must be a JSON object")
            return None
        if document.get("type") != "default":
            self.problem("form", f'"type" must be "default", found {document.get("type")!r}')
        form_id = document.get("id")
        if not isinstance(form_id, str) or not form_id:
            self.problem("form", '"id" must be a non-empty string')
        version = document.get("schemaVersion")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem("form", f'"schemaVersion" must be a positive integer, found {version!r}')
        raw_components = document.get("components")
        if not isinstance(raw_components, list):
            self.problem("form", '"components" must be a list')
            raw_components = []
        components = self.components(raw_components, ())
        self.check_path_prefixes()
        return FormDefinition(
            key=form_key,
            id=form_id if isinstance(form_id, str) else "",
            schema_version=version if isinstance(version, int) else 0,
            components=components,
            source=self.source,
        )

    def components(self, raw: list[Any], prefix: tuple[str, ...]) -> tuple[Component, ...]:
        built = []
        for index, item in enumerate(raw):
            component = self.component(item, prefix, index)
            if component is not None:
                built.append(component)
        return tuple(built)

    def component(self, raw: Any, prefix: tuple[str, ...], index: int) -> Component | None:
        if not isinstance(raw, dict):
            self.problem(f"component #{index + 1}", "must be a JSON object")
            return None
        component_id = raw.get("id")
        where = f"component {component_id!r}" if component_id else f"component #{index + 1}"
        if not isinstance(component_id, str) or not component_id:
            self.problem(where, '"id" must be a non-empty string')
            component_id = ""
        elif component_id in self.ids:
            self.problem(where, "duplicate id")
        self.ids.add(component_id)
        kind = raw.get("type")
        if kind == "button":
            self.problem(where, 'type "button" is not supported: the task page provides its own buttons')
            return None
        if kind not in SUPPORTED_TYPES:
            supported = ", ".join(sorted(SUPPORTED_TYPES))
            self.problem(where, f"unknown type {kind!r} (supported: {supported})")
            return None
        self.refuse_unsupported(raw, where)
        layout_row, layout_columns = self.layout(raw, where)
        common = {
            "type": kind,
            "id": component_id,
            "description": self.text(raw, "description", where),
            "condition": self.condition(raw, where),
            "layout_row": layout_row,
            "layout_columns": layout_columns,
            "translations": self.translations(raw, where),
        }
        if kind == "group":
            return self.group(raw, prefix, where, common)
        if kind == "text":
            text = raw.get("text")
            if not isinstance(text, str):
                self.problem(where, '"text" must be a string')
                text = ""
            return Component(text=text, **common)
        if kind == "separator":
            return Component(**common)
        if kind == "spacer":
            height = raw.get("height", 60)
            if not isinstance(height, int) or height < 0:
                self.problem(where, '"height" must be a non-negative integer')
                height = 60
            return Component(height=height, **common)
        return self.input(raw, prefix, where, common)

    def group(self, raw: dict[str, Any], prefix: tuple[str, ...], where: str, common: dict) -> Component:
        path = raw.get("path")
        own: tuple[str, ...] = ()
        if path not in (None, ""):
            if not isinstance(path, str) or not _IDENTIFIER_PATH.fullmatch(path):
                self.problem(where, f'"path" must be a dotted identifier, found {path!r}')
            else:
                own = tuple(path.split("."))
        children = raw.get("components", [])
        if not isinstance(children, list):
            self.problem(where, '"components" must be a list')
            children = []
        label = raw.get("label", "")
        if not isinstance(label, str):
            self.problem(where, '"label" must be a string')
            label = ""
        return Component(
            label=label,
            path=prefix + own,
            components=self.components(children, prefix + own),
            outline=raw.get("showOutline", True) is not False,
            **common,
        )

    def input(self, raw: dict[str, Any], prefix: tuple[str, ...], where: str, common: dict) -> Component:
        kind = raw["type"]
        key = raw.get("key")
        path: tuple[str, ...] = ()
        if not isinstance(key, str) or not _IDENTIFIER_PATH.fullmatch(key):
            self.problem(where, f'"key" must be an identifier (letters, digits, _), found {key!r}')
        else:
            path = prefix + tuple(key.split("."))
            if path in self.paths:
                self.problem(where, f"duplicate key {'.'.join(path)!r} (also in {self.paths[path]})")
            self.paths[path] = where
        subtype = raw.get("subtype", "date") if kind == "datetime" else "date"
        if subtype not in _SUBTYPES:
            self.problem(where, f'"subtype" must be one of date, time, datetime, found {subtype!r}')
            subtype = "date"
        time_serializing = raw.get("timeSerializingFormat", "utc_offset")
        if time_serializing not in _TIME_FORMATS:
            self.problem(where, f'"timeSerializingFormat" {time_serializing!r} is not supported')
            time_serializing = "utc_offset"
        choices, values_key = self.choices(raw, where)
        self.check_option_translations(common["translations"], choices, where)
        appearance = raw.get("appearance") or {}
        if not isinstance(appearance, dict):
            self.problem(where, '"appearance" must be an object')
            appearance = {}
        return Component(
            key=key if isinstance(key, str) else None,
            path=path,
            label=self.label(raw, where, kind, subtype),
            default=self.default(raw, where, choices),
            readonly=self.flag(raw, "readonly", where),
            disabled=self.flag(raw, "disabled", where),
            validation=self.validation(raw, where),
            choices=choices,
            values_key=values_key,
            searchable=self.flag(raw, "searchable", where),
            prefix=self.text(appearance, "prefixAdorner", where),
            suffix=self.text(appearance, "suffixAdorner", where),
            increment=self.increment(raw, where),
            decimal_digits=self.decimal_digits(raw, where),
            subtype=subtype,
            time_serializing=time_serializing,
            no_past_dates=self.flag(raw, "disallowPassedDates", where) if kind == "datetime" else False,
            **common,
        )

    def refuse_unsupported(self, raw: dict[str, Any], where: str) -> None:
        """form-js features that would silently change meaning here are refused, not ignored."""
        if "valuesExpression" in raw:
            self.problem(where, '"valuesExpression" is not supported: use "values" or "valuesKey"')
        if raw.get("serializeToString"):
            self.problem(where, '"serializeToString" is not supported: numbers are stored as JSON numbers')
        if raw.get("isRepeating"):
            self.problem(where, "repeating groups are not supported")
        for name in ("label", "description", "text", "dateLabel", "timeLabel"):
            value = raw.get(name)
            if isinstance(value, str) and value.startswith("="):
                self.problem(where, f'"{name}" is an expression; only plain text is supported')
            elif isinstance(value, str) and "{{" in value:
                self.problem(where, f'"{name}" uses templating; put task data in the task\'s instructions instead')

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
            if not isinstance(values_key, str) or not _IDENTIFIER_PATH.fullmatch(values_key):
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

    def check_path_prefixes(self) -> None:
        for path, where in self.paths.items():
            for length in range(1, len(path)):
                if path[:length] in self.paths:
                    outer = ".".join(path[:length])
                    self.problem(where, f"key {'.'.join(path)!r} is nested under field {outer!r}")
