"""Options of choice components: static `values`, or `valuesKey` looked up in task data."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forms.model import Choice, Component


def resolve_choices(component: Component, lookup: Mapping[str, Any] | None) -> tuple[Choice, ...]:
    """The options to offer. `valuesKey` entries are {label, value} objects or bare scalar values."""
    if component.values_key is None:
        return component.choices
    entries = (lookup or {}).get(component.values_key)
    if not isinstance(entries, list | tuple):
        return ()
    options: list[Choice] = []
    for entry in entries:
        if isinstance(entry, Mapping) and _is_scalar(entry.get("value")):
            options.append(Choice(label=str(entry.get("label", entry["value"])), value=entry["value"]))
        elif _is_scalar(entry):
            options.append(Choice(label=str(entry), value=entry))
    return tuple(options)


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | float | bool)
