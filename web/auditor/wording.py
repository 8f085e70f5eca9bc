"""Names for what the log records in identifiers: form fields by their labels in the forms' definitions and
their values by the options' labels, organisations by their registry names, processes by their diagrams' names,
the workbench's own views."""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

import forms
from forms import Component
from forms.choices import resolve_choices
from web.i18n import GROUP_LABELS

ORG_KINDS = ("school", "edu_org", "czn", "employer")
VIEW_LABELS = {
    "instance_history": _l("история маршрута"),
    "youth_timeline": _l("все маршруты молодого человека"),
    "replay": _l("воспроизведение"),
}


MAX_VALUE_CHARS = 300


@lru_cache(maxsize=1)
def field_components() -> dict[str, Component]:
    """Data path -> the labelled input, over every form definition (the first form to name a path wins)."""
    fields: dict[str, Component] = {}
    for form_key in forms.available_keys():
        try:
            definition = forms.load(form_key)
        except forms.FormDefinitionError:
            continue
        for component in definition.inputs():
            if component.label and component.path:
                fields.setdefault(".".join(component.path), component)
    return fields


def field_component(path: str) -> Component | None:
    """The input of a data path: the field with that path, else the field named like its last part."""
    fields = field_components()
    return fields.get(path) or fields.get(path.rsplit(".", 1)[-1])


def _locale() -> str:
    return str(get_locale() or "ru")


def field_label(path: str) -> str | None:
    component = field_component(path)
    return component.translated("label", _locale(), component.label) if component else None


def compact(value: Any) -> str:
    """A value as compact JSON, cut to a readable length."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS - 1] + "…"


def field_value(path: str, value: Any, context: Mapping[str, Any] | None = None) -> str:
    """A stored value as the form showed it: an option by its label (options read from `context` when the
    form takes them from the task data), yes or no, a date as a date; anything else compact."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("Да") if value else _("Нет")
    component = field_component(path)
    if component is None:
        return compact(value)
    choices = {choice.value: component.translated(f"option.{choice.html_value}", _locale(), choice.label)
               for choice in resolve_choices(component, context)}
    if choices and isinstance(value, list):
        return ", ".join(choices.get(item, compact(item)) for item in value) or "—"
    if choices and isinstance(value, str | int | float):
        return choices.get(value, compact(value))
    if component.type == "datetime" and isinstance(value, str):
        try:
            return format_date(date.fromisoformat(value[:10]), "dd.MM.yyyy")
        except ValueError:
            return value
    return compact(value)


@dataclass(frozen=True)
class Wording:
    process_names: dict[str, str]
    organisation: Callable[[str, str], str | None]
    """(registry kind, id) -> the organisation's name"""

    def process(self, key: str | None) -> str:
        return self.process_names.get(key or "", key or "—")

    def group(self, group: str | None) -> str:
        return str(GROUP_LABELS.get(group or "", group or "—"))

    def group_organisation(self, group: str | None, org_id: str | None) -> str:
        if not org_id:
            return "—"
        return self.organisation("czn" if group == "curator" else group or "", org_id) or "—"

    def organisations(self, org: dict[str, Any]) -> str:
        """The names of a route's organisations, school first."""
        names = (self.organisation(kind, str(org[kind])) for kind in ORG_KINDS if org.get(kind))
        return ", ".join(name for name in names if name)

    @staticmethod
    def view(view: str | None) -> str:
        return str(VIEW_LABELS.get(view or "", view or "—"))
