"""Draft data from a partial submission: keep every value that parses, keep the raw text of the rest."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forms.choices import resolve_choices
from forms.messages import check_locale
from forms.model import Choice, Component, FormDefinition
from forms.parsing import ParseError, parse_scalar
from forms.post import flatten_post
from forms.visibility import nest


def coerce_values(
    definition: FormDefinition, flat: Mapping[str, Any], *, locale: str, context: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Flat posted values → typed flat values where they parse, the posted text where they do not.

    Absent checkboxes are false and absent multi-choice inputs empty, as in an HTML post.
    """
    typed: dict[str, Any] = {}
    for component in definition.inputs():
        if not component.accepts_post:
            continue
        name = component.name
        choices = resolve_choices(component, context)
        value = flat.get(name)
        if value is None:
            if component.type == "checkbox":
                typed[name] = False
            elif component.is_multi:
                typed[name] = []
            continue
        if component.is_multi:
            items = value if isinstance(value, list) else [value]
            typed[name] = [_lenient(component, item, locale, choices) for item in items]
        elif isinstance(value, list):
            typed[name] = value
        else:
            typed[name] = _lenient(component, value, locale, choices)
    return typed


def coerce_draft(
    definition: FormDefinition,
    raw: Mapping[str, Any],
    *,
    locale: str = "ru",
    context: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Nested draft data for `render(data=...)`; never raises on bad values, never validates.

    Keys that are not inputs of the form (a CSRF token, the button pressed) are not form data and
    are left out; readonly and disabled inputs keep their task data and are left out too.
    """
    check_locale(locale)
    if not isinstance(raw, Mapping):
        raise TypeError(f"a draft is built from a mapping of posted values, not {type(raw).__name__}")
    return nest(coerce_values(definition, flatten_post(definition, raw), locale=locale, context=context))


def _lenient(component: Component, value: Any, locale: str, choices: tuple[Choice, ...]) -> Any:
    if not isinstance(value, str):
        return value
    if value.strip() == "":
        return "" if component.type in {"textfield", "textarea"} else None
    try:
        return parse_scalar(component, value, locale, choices)
    except ParseError:
        return value
