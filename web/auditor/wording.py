"""Names for what the log records in identifiers: form fields by their labels in the forms' definitions,
organisations by their registry names, processes by their diagrams' names, the workbench's own views."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flask_babel import lazy_gettext as _l

import forms
from web.i18n import GROUP_LABELS

ORG_KINDS = ("school", "edu_org", "czn", "employer")
VIEW_LABELS = {
    "instance_history": _l("история маршрута"),
    "youth_timeline": _l("все маршруты молодого человека"),
    "replay": _l("воспроизведение"),
}


@lru_cache(maxsize=1)
def field_labels() -> dict[str, str]:
    """Data path -> the field's label, over every form definition (the first form to name a path wins)."""
    labels: dict[str, str] = {}
    for form_key in forms.available_keys():
        try:
            definition = forms.load(form_key)
        except forms.FormDefinitionError:
            continue
        for component in definition.inputs():
            if component.label and component.path:
                labels.setdefault(".".join(component.path), component.label)
    return labels


def field_label(path: str) -> str | None:
    """The label of a data path: the field with that path, else the field named like its last part."""
    labels = field_labels()
    return labels.get(path) or labels.get(path.rsplit(".", 1)[-1])


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
