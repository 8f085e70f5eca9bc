"""The parsed, checked form definition: immutable objects the schema builder and the renderer share."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from forms.conditions import Condition

INPUT_TYPES = frozenset(
    {"textfield", "textarea", "number", "checkbox", "checklist", "radio", "select", "datetime", "taglist"}
)
CHOICE_TYPES = frozenset({"checklist", "radio", "select", "taglist"})
MULTI_VALUE_TYPES = frozenset({"checklist", "taglist"})
LAYOUT_TYPES = frozenset({"text", "group", "separator", "spacer"})
SUPPORTED_TYPES = INPUT_TYPES | LAYOUT_TYPES


@dataclass(frozen=True)
class Choice:
    label: str
    value: str | int | float | bool

    @property
    def html_value(self) -> str:
        """How the value travels in an HTML form post."""
        return html_value(self.value)


def html_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class Validation:
    required: bool = False
    min: Decimal | None = None
    max: Decimal | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    validation_type: str | None = None  # "email" | "phone"


@dataclass(frozen=True)
class Component:
    """One form-js component. `path` is the full data path of an input (group paths + key)."""

    type: str
    id: str
    label: str = ""
    key: str | None = None
    path: tuple[str, ...] = ()
    description: str = ""
    default: Any = None
    readonly: bool = False
    disabled: bool = False
    validation: Validation = field(default_factory=Validation)
    choices: tuple[Choice, ...] = ()
    values_key: str | None = None
    searchable: bool = False
    condition: Condition | None = None
    prefix: str = ""
    suffix: str = ""
    increment: Decimal | None = None
    decimal_digits: int | None = None
    subtype: str = "date"
    time_serializing: str = "utc_offset"
    no_past_dates: bool = False
    text: str = ""
    height: int = 60
    layout_row: str | None = None
    layout_columns: int | None = None
    components: tuple[Component, ...] = ()
    outline: bool = True
    translations: Mapping[str, str] = field(default_factory=dict)

    def translated(self, name: str, locale: str, default: str) -> str:
        """`label`, `description`, `text` or `option.<value>` in `locale`; Russian is the definition's own.

        Other languages come from form-js custom properties such as `label_en` or `option_en.<value>`.
        """
        if locale == "ru":
            return default
        head, _, tail = name.partition(".")
        return self.translations.get(f"{head}_{locale}" + (f".{tail}" if tail else ""), default)

    @property
    def name(self) -> str:
        """The HTML input name and the error key: the data path joined with dots."""
        return ".".join(self.path)

    @property
    def is_input(self) -> bool:
        return self.type in INPUT_TYPES

    @property
    def accepts_post(self) -> bool:
        """Readonly and disabled inputs only display task data; their values never come from a post."""
        return self.is_input and not (self.readonly or self.disabled)

    @property
    def is_multi(self) -> bool:
        return self.type in MULTI_VALUE_TYPES


@dataclass(frozen=True)
class Rule:
    """A rule across fields (`forms.rules`): `field` compared by `operator` with `other`, an input name or
    `today`."""

    field: str
    operator: str
    other: str


@dataclass(frozen=True)
class FormDefinition:
    key: str
    id: str
    schema_version: int
    components: tuple[Component, ...]
    source: str
    rules: tuple[Rule, ...] = ()
    """rules across fields (`forms.rules`)"""

    def inputs(self) -> list[Component]:
        """Every input component in document order, groups flattened."""
        return [c for c in walk(self.components) if c.is_input]

    def conditions_above(self) -> dict[str, tuple[Condition, ...]]:
        """For each input name, the conditions of the input itself and of the groups around it."""
        found: dict[str, tuple[Condition, ...]] = {}

        def visit(components: tuple[Component, ...], inherited: tuple[Condition, ...]) -> None:
            for component in components:
                own = (*inherited, component.condition) if component.condition else inherited
                if component.type == "group":
                    visit(component.components, own)
                elif component.is_input:
                    found[component.name] = own

        visit(self.components, ())
        return found


def walk(components: tuple[Component, ...]):
    for component in components:
        yield component
        if component.components:
            yield from walk(component.components)
