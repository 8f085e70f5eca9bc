"""Reading an HTML form post (a Werkzeug MultiDict or a plain mapping) into one entry per key, and writing
JSON answers (the API, the command line, the simulation) as the post a browser would send."""
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


def as_post(answer: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """JSON form data as the browser would post it: input name (`group.key` inside groups) → text, or a list
    of texts; unticked checkboxes and empty values are simply not sent."""
    post: dict[str, Any] = {}
    for key, value in answer.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            post.update(as_post(value, prefix=f"{name}."))
        elif isinstance(value, bool):
            if value:
                post[name] = "true"
        elif isinstance(value, list | tuple):
            post[name] = [str(item) for item in value]
        elif value is not None and value != "":
            post[name] = str(value)
    return post
