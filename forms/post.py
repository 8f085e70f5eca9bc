"""Reading an HTML form post (a Werkzeug MultiDict or a plain mapping) into one entry per key."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forms.model import FormDefinition


def flatten_post(definition: FormDefinition, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Multi-value inputs as lists, everything else as one string (a list only if several were posted)."""
    multi = {component.name for component in definition.inputs() if component.is_multi}
    flat: dict[str, Any] = {}
    for key in raw:
        values = _all_values(raw, key)
        if key in multi:
            flat[key] = [value for value in values if value != ""]
        elif len(values) == 1:
            flat[key] = values[0]
        else:
            flat[key] = values
    return flat


def _all_values(raw: Mapping[str, Any], key: str) -> list[Any]:
    getlist = getattr(raw, "getlist", None)
    if callable(getlist):
        return list(getlist(key))
    value = raw[key]
    return list(value) if isinstance(value, list | tuple) else [value]
