"""Search attributes: values the deployment declares worth filtering routes and tasks by, each read from a
route's data by dotted paths and kept in one of the generic indexed columns `attr_1`..`attr_5` of the instance
(copied onto its open tasks). At most one attribute is the search attribute: its case-folded value goes to
the `search_key` column, which answers prefix searches. The engine gives the attributes no meaning."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.errors import ValidationError

SLOTS = ("attr_1", "attr_2", "attr_3", "attr_4", "attr_5")
SEARCH_KEY = "search_key"
COPIED = (*SLOTS, SEARCH_KEY)
"""The instance columns an open task carries too."""
MAX_LENGTH = 300


@dataclass(frozen=True)
class SearchAttribute:
    name: str
    paths: tuple[str, ...]
    """Dotted paths into the route's data (`org.office`, `person.name`); the first one holding a value wins."""
    search: bool = False
    """Whether this attribute's value is the route's prefix-search key."""


class SearchAttributes:
    """The declared attributes, each bound to its slot in declaration order."""

    def __init__(self, declared: Sequence[SearchAttribute] = ()):
        names = [attribute.name for attribute in declared]
        if len(declared) > len(SLOTS):
            raise ValueError(f"at most {len(SLOTS)} search attributes, {len(declared)} declared")
        if len(set(names)) != len(names):
            raise ValueError(f"search attribute names repeat: {', '.join(names)}")
        if sum(attribute.search for attribute in declared) > 1:
            raise ValueError("at most one search attribute may be the search key")
        if any(not attribute.paths or "" in attribute.paths for attribute in declared):
            raise ValueError("every search attribute needs non-empty paths")
        self.declared = tuple(declared)
        self.slots = {attribute.name: slot for attribute, slot in zip(declared, SLOTS, strict=False)}
        self._paths = [(slot, [path.split(".") for path in attribute.paths], attribute.search)
                       for attribute, slot in zip(declared, SLOTS, strict=False)]

    def key_of(self, attributes: Mapping[str, str | None]) -> str | None:
        """The search attribute's value among a row's named attributes (what names the route in a list)."""
        return next((attributes.get(a.name) for a in self.declared if a.search), None)

    def slot(self, name: str) -> str:
        """The column of an attribute; ValidationError for one the deployment did not declare."""
        if name not in self.slots:
            known = ", ".join(self.slots) or "none"
            raise ValidationError(f"unknown search attribute {name!r}; declared: {known}")
        return self.slots[name]

    def update(self, record: Any, data: Mapping[str, Any]) -> None:
        """Sets the record's slots from the data; a value the data no longer holds keeps the previous one."""
        for slot, paths, search in self._paths:
            value = next((found for found in (_text(_at(data, path)) for path in paths) if found), None)
            if value is None:
                continue
            setattr(record, slot, value)
            if search:
                record.search_key = search_form(value)

    def named(self, row: Any) -> dict[str, str | None]:
        """name -> value of a row that has the slot columns."""
        return {name: getattr(row, slot) for name, slot in self.slots.items()}


def search_form(text: str | None) -> str | None:
    """Case- and ё-insensitive form of a text for prefix search (SQLite's lower() is ASCII-only)."""
    return text.casefold().replace("ё", "е")[:MAX_LENGTH] if text else None


def _at(data: Mapping[str, Any], path: list[str]) -> Any:
    value: Any = data
    for part in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _text(value: Any) -> str | None:
    if value is None or value == "" or isinstance(value, Mapping | list):
        return None
    return str(value)[:MAX_LENGTH]
