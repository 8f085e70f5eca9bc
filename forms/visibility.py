"""Which inputs are hidden by their `conditional.hide` (or a group's) for the data at hand."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forms.model import FormDefinition


def hidden_names(definition: FormDefinition, scope: Mapping[str, Any]) -> set[str]:
    """Names of the inputs that a condition of theirs, or of an enclosing group, hides."""
    return {
        name
        for name, conditions in definition.conditions_above().items()
        if any(condition.hides(scope) for condition in conditions)
    }


def conditional_names(definition: FormDefinition) -> set[str]:
    return {name for name, conditions in definition.conditions_above().items() if conditions}


def merged_scope(context: Mapping[str, Any] | None, values: Mapping[str, Any]) -> dict[str, Any]:
    """Task data overlaid with the form's own values (nested dictionaries merged, not replaced)."""
    merged: dict[str, Any] = dict(context or {})
    for key, value in values.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merged_scope(merged[key], value)
        else:
            merged[key] = value
    return merged


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """`{"a.b": 1}` becomes `{"a": {"b": 1}}`."""
    nested: dict[str, Any] = {}
    for name, value in flat.items():
        target = nested
        *parents, last = name.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    return nested
