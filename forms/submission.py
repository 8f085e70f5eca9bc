"""Validating a submitted HTML form: typed data or field-level messages, never both."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from marshmallow import ValidationError

from forms.messages import message
from forms.model import FormDefinition
from forms.post import flatten_post
from forms.schema import schema_for

Errors = dict[str, list[str]]


def validate(
    definition: FormDefinition,
    raw: Mapping[str, Any],
    *,
    locale: str = "ru",
    context: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> tuple[dict[str, Any], Errors]:
    """`(data, {})` with nested JSON-able data, or `({}, errors)` keyed by input name.

    `now` (by default the wall clock) fixes the day that date rules (`notAfter: today`, no past dates) compare
    with: a simulation on a moved clock passes its own.
    `raw` holds only the form's inputs (the caller removes its CSRF token and buttons);
    any other key is reported as an error under its own name.
    """
    schema = schema_for(definition, locale=locale, context=context, now=now)
    if not isinstance(raw, Mapping):
        return {}, {"_form": [message("invalid_payload", locale)]}
    try:
        data = schema.load(flatten_post(definition, raw))
    except ValidationError as error:
        return {}, _flat_errors(error.messages, locale)
    return data, {}


def _flat_errors(messages: Mapping[str, Any], locale: str) -> Errors:
    flat: Errors = {}
    for name, found in messages.items():
        if isinstance(found, Mapping):
            # A list field reports per-item errors by index; show them once, at the field.
            texts = sorted({text for item in found.values() for text in _as_list(item)})
            flat[str(name)] = texts or [message("invalid_payload", locale)]
        else:
            flat[str(name)] = [str(text) for text in _as_list(found)]
    return flat


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]
