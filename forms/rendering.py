"""Server-side HTML for a form definition (Bootstrap 5 markup, Jinja with autoescaping).

Every input gets a `<label for>`, help and error texts tied by `aria-describedby`, the native
constraints the browser can check, and its value prefilled from `data`. Conditions that read only
task data are settled here (such inputs are left out); conditions that read the form's own inputs
are marked with `data-condition` for an optional script, and the server validates them anyway.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from forms.choices import resolve_choices
from forms.messages import check_locale, message
from forms.model import Component, FormDefinition, html_value
from forms.parsing import DEFAULT_TIMEZONE, json_number, today
from forms.visibility import conditional_names, merged_scope, nest

_ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEXT_LIKE = frozenset({"textfield", "textarea", "number", "datetime"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{2}:\d{2}")
_ISO_LOCAL = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass
class OptionView:
    id: str
    label: str
    value: str
    selected: bool


@dataclass
class ComponentView:
    type: str
    id: str
    name: str = ""
    label: str = ""
    help: str = ""
    errors: list[str] = field(default_factory=list)
    required: bool = False
    input_type: str = "text"
    value: str = ""
    checked: bool = False
    attributes: dict[str, str] = field(default_factory=dict)
    options: list[OptionView] = field(default_factory=list)
    placeholder_option: bool = False
    prefix: str = ""
    suffix: str = ""
    condition: str = ""
    condition_hides_now: bool = False
    paragraphs: list[str] = field(default_factory=list)
    height: int = 0
    outline: bool = True
    children: list[list[ComponentView]] = field(default_factory=list)
    column_class: str = ""

    @property
    def help_id(self) -> str:
        return f"{self.id}-help"

    @property
    def error_id(self) -> str:
        return f"{self.id}-error"

    @property
    def described_by(self) -> str:
        ids = ([self.help_id] if self.help else []) + ([self.error_id] if self.errors else [])
        return " ".join(ids)


def render(
    definition: FormDefinition,
    *,
    data: Mapping[str, Any] | None = None,
    errors: Mapping[str, list[str]] | None = None,
    locale: str = "ru",
    readonly: bool = False,
    context: Mapping[str, Any] | None = None,
) -> Markup:
    """The form's fields as HTML (no `<form>` element, no buttons, no CSRF token: the page adds them).

    `data` prefills the inputs (task data merged with a draft); `context` (task data) supplies
    `valuesKey` options and values that conditions read, and defaults to `data`.
    """
    check_locale(locale)
    builder = _ViewBuilder(definition, data or {}, errors or {}, locale, readonly, context)
    rows = builder.rows(definition.components)
    template = _ENVIRONMENT.get_template("form.html")
    return Markup(template.render(  # noqa: S704 - the template autoescapes every value
        form_rows=rows,
        choose_text=message("choose", locale),
        form_errors=builder.unplaced_errors(),
        required_text=message("required_marker", locale),
        form_id=definition.id,
    ).strip())


class _ViewBuilder:
    def __init__(
        self,
        definition: FormDefinition,
        data: Mapping[str, Any],
        errors: Mapping[str, list[str]],
        locale: str,
        readonly: bool,
        context: Mapping[str, Any] | None,
    ) -> None:
        self.data = data
        self.errors = errors
        self.locale = locale
        self.readonly = readonly
        self.input_names = {component.name for component in definition.inputs()}
        # Conditions read what the inputs show: the data, else an input's default.
        defaults = nest({component.name: component.default for component in definition.inputs()
                         if component.default is not None and not _has_path(data, component.path)})
        self.lookup = merged_scope(merged_scope(context, defaults) if context is not None else defaults, data)
        # The browser must not demand a value the condition may hide; the server checks those.
        self.conditional = conditional_names(definition)
        self.placed: set[str] = set()

    def unplaced_errors(self) -> list[str]:
        """Messages that belong to no rendered input (the whole form, an unknown key), shown on top."""
        return [
            text if name == "_form" else f"{name}: {text}"
            for name, texts in self.errors.items()
            if name not in self.placed
            for text in texts
        ]

    def rows(self, components: tuple[Component, ...]) -> list[list[ComponentView]]:
        rows: list[list[ComponentView]] = []
        previous_row: str | None = None
        for component in components:
            if component.condition is not None and self._settled_hidden(component):
                continue
            view = self.view(component)
            if component.layout_row is not None and component.layout_row == previous_row and rows:
                rows[-1].append(view)
            else:
                rows.append([view])
            previous_row = component.layout_row
        return rows

    def _settled_hidden(self, component: Component) -> bool:
        """Hidden by a condition on task data alone, which filling in the form cannot change."""
        assert component.condition is not None
        reads_form = any(
            name == input_name or name.startswith(input_name + ".") or input_name.startswith(name + ".")
            for name in component.condition.names()
            for input_name in self.input_names
        )
        return not reads_form and component.condition.hides(self.lookup)

    def view(self, component: Component) -> ComponentView:
        view = ComponentView(
            type=component.type,
            id="field-" + (component.name.replace(".", "--") if component.is_input else component.id),
            label=component.translated("label", self.locale, component.label),
            help=component.translated("description", self.locale, component.description),
            condition=component.condition.source if component.condition else "",
            condition_hides_now=component.condition is not None and component.condition.hides(self.lookup),
            column_class=_column_class(component.layout_columns),
        )
        if component.type == "group":
            view.outline = component.outline
            view.children = self.rows(component.components)
        elif component.type == "text":
            text = component.translated("text", self.locale, component.text)
            view.paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
        elif component.type == "spacer":
            view.height = component.height
        elif component.is_input:
            self._fill_input(view, component)
        return view

    def _fill_input(self, view: ComponentView, component: Component) -> None:
        self._fill_value(view, component)
        if component.name in self.conditional:
            view.attributes.pop("required", None)

    def _fill_value(self, view: ComponentView, component: Component) -> None:
        view.name = component.name
        self.placed.add(component.name)
        view.errors = list(self.errors.get(component.name, []))
        view.required = component.validation.required
        view.prefix, view.suffix = component.prefix, component.suffix
        value = self._value(component)
        attributes: dict[str, str] = {}
        if self.readonly or component.disabled:
            attributes["disabled"] = "disabled"
        elif component.readonly:
            # `readonly` has no effect on choices and checkboxes, so those are disabled instead.
            key = "readonly" if component.type in _TEXT_LIKE else "disabled"
            attributes[key] = key
        if component.type in {"radio", "select", "checklist", "taglist"}:
            chosen = {html_value(item) for item in value} if isinstance(value, list) else (
                set() if value is None else {html_value(value)}
            )
            view.options = [
                OptionView(
                    f"{view.id}-{index}",
                    component.translated(f"option.{choice.html_value}", self.locale, choice.label),
                    choice.html_value,
                    choice.html_value in chosen,
                )
                for index, choice in enumerate(resolve_choices(component, self.lookup))
            ]
            view.placeholder_option = component.type == "select"
            view.attributes = {**attributes, **({"data-searchable": "true"} if component.searchable else {})}
            if component.validation.required and component.type in {"select", "taglist", "radio"}:
                view.attributes["required"] = "required"
            return
        if component.type == "checkbox":
            view.checked = value is True
            if component.validation.required:
                attributes["required"] = "required"
            view.attributes = attributes
            return
        view.value = _display(component, value)
        view.input_type, native = _native(component, view.value)
        view.attributes = {**attributes, **native}

    def _value(self, component: Component) -> Any:
        current: Any = self.data
        for part in component.path:
            if not isinstance(current, Mapping) or part not in current:
                return component.default
            current = current[part]
        return current


def _has_path(data: Mapping[str, Any], path: tuple[str, ...]) -> bool:
    current: Any = data
    for part in path:
        if not isinstance(current, Mapping) or part not in current:
            return False
        current = current[part]
    return True


def _display(component: Component, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(json_number(value))
    if component.type == "datetime" and component.subtype == "datetime" and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        if moment.tzinfo is not None:
            moment = moment.astimezone(DEFAULT_TIMEZONE)
        return moment.strftime("%Y-%m-%dT%H:%M")
    return str(value)


def _native(component: Component, value: str) -> tuple[str, dict[str, str]]:
    """The input type and the constraint attributes the browser checks by itself."""
    rules = component.validation
    found: dict[str, str] = {}
    if rules.required:
        found["required"] = "required"
    if component.type in {"textfield", "textarea"}:
        if rules.min_length is not None:
            found["minlength"] = str(rules.min_length)
        if rules.max_length is not None:
            found["maxlength"] = str(rules.max_length)
        if rules.pattern is not None and component.type == "textfield":
            found["pattern"] = rules.pattern
        input_type = {"email": "email", "phone": "tel"}.get(rules.validation_type or "", "text")
        return input_type, found
    if component.type == "number":
        if value and not re.fullmatch(r"-?\d+(\.\d+)?", value):
            return "text", {**found, "inputmode": "decimal"}
        if rules.min is not None:
            found["min"] = str(json_number(rules.min))
        if rules.max is not None:
            found["max"] = str(json_number(rules.max))
        found["step"] = _step(component)
        return "number", found
    native_type, shape = {
        "time": ("time", _ISO_TIME),
        "datetime": ("datetime-local", _ISO_LOCAL),
    }.get(component.subtype, ("date", _ISO_DATE))
    if value and not shape.fullmatch(value):
        return "text", found
    if component.no_past_dates and component.subtype != "time":
        found["min"] = today() if component.subtype == "date" else f"{today()}T00:00"
    return native_type, found


def _step(component: Component) -> str:
    if component.increment is not None:
        return str(json_number(component.increment))
    if component.decimal_digits is not None:
        return "1" if component.decimal_digits == 0 else "0." + "0" * (component.decimal_digits - 1) + "1"
    return "any"


def _column_class(columns: int | None) -> str:
    if columns is None:
        return "col-md"
    return f"col-md-{max(1, round(columns * 12 / 16))}"
