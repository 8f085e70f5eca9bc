"""Timeline entries for the auditors: who did what, when, with which data, one entry per audit event.
Data changes name form fields by their labels and show values as the forms showed them (options by their
labels, yes or no); values the forms don't label, and the record itself as stored, are kept for the entry's
«Запись журнала» toggle."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from engine import DataChange, DefinitionIndex, data_after, data_changes
from web.auditor.labels import kind_label
from web.auditor.wording import Wording, compact, field_label, field_value
from web.naming import event_actor, person_name
from web.route_map import element_label


@dataclass(frozen=True)
class LabelledChange:
    label: str
    op: str
    before: str
    after: str


@dataclass(frozen=True)
class TimelineEntry:
    instance_id: str
    seq: int
    at: datetime
    actor: str
    kind: str
    label: str
    element: str
    details: list[str]
    changes: list[LabelledChange]
    unlabelled: int
    """how many changed values no form labels (they are in `raw`)"""
    raw: str


def labelled(changes: list[DataChange], context: Mapping[str, Any]) -> tuple[list[LabelledChange], int]:
    """The changes of labelled fields, values in words; `context` is the data the form's options come from."""
    named = []
    for change in changes:
        label = field_label(change.path)
        if label:
            named.append(LabelledChange(label, change.op, field_value(change.path, change.before, context),
                                        field_value(change.path, change.after, context)))
    return named, len(changes) - len(named)


def raw_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str)


def raw_record(event: Any) -> str:
    return raw_json({"seq": event.seq, "kind": event.kind, "at": event.at.isoformat(), "actor": event.actor,
                     "element_id": event.element_id, "payload": event.payload})


def entries(events: Iterable[Any], index: DefinitionIndex, wording: Wording) -> list[TimelineEntry]:
    """Entries in log order; a step's data changes are against the data after the previous step."""
    result = []
    data: dict[str, Any] = {}
    step_data: dict[str, Any] | None = None
    for event in sorted(events, key=lambda e: e.seq):
        payload = event.payload if isinstance(event.payload, dict) else {}
        changes: list[DataChange] = []
        context = data
        if event.kind == "instance_started":
            data = dict(payload.get("data") or {})
            changes = data_changes({}, data)
        elif event.kind == "step":
            step_data = data_after(step_data, payload)
            changes, data = data_changes(data, step_data), dict(step_data)
        elif event.kind == "task_completed":
            changes = data_changes({}, payload.get("data") or {})
        named, unlabelled = labelled(changes, {**context, **data})
        result.append(TimelineEntry(
            instance_id=event.instance_id, seq=event.seq, at=event.at, actor=event_actor(event), kind=event.kind,
            label=kind_label(event.kind), element=element_label(index, event.element_id) if event.element_id else "",
            details=details(event.kind, payload, index, wording), changes=named, unlabelled=unlabelled,
            raw=raw_record(event)))
    return result


def details(kind: str, payload: dict[str, Any], index: DefinitionIndex, wording: Wording) -> list[str]:
    """A line or two in words; parameters, results and message contents stay in the raw record."""
    if kind == "instance_started":
        return [_("Процесс «%(name)s», версия %(version)s", name=wording.process(payload.get("process_key")),
                  version=payload.get("version"))]
    if kind == "task_opened":
        group = payload.get("candidate_group")
        return [_("Исполнители: %(group)s; организация: %(org)s", group=wording.group(group),
                  org=wording.group_organisation(group, payload.get("org_scope")))]
    if kind == "service_failed":
        return [_("Ошибка: %(error)s", error=compact(payload.get("error")))]
    if kind == "migrated":
        names = payload.get("mapped_names") or {}
        mapping = ", ".join(f"{names.get(old) or '—'} → {element_label(index, new)}"
                            for old, new in (payload.get("mapping") or {}).items())
        return [_("С версии %(source)s на версию %(target)s", source=payload.get("from_version"),
                  target=payload.get("to_version")), _("Сопоставление: %(mapping)s", mapping=mapping or "—")]
    if kind == "step":
        done = ", ".join(dict.fromkeys(element_label(index, element) for element in payload.get("completed") or ()))
        waiting = ", ".join(dict.fromkeys(element_label(index, element) for element in payload.get("active") or ()))
        return [_("Выполнено: %(done)s", done=done or "—"), _("Ожидает: %(waiting)s", waiting=waiting or "—")]
    if kind in ("claimed", "unclaimed", "assigned"):
        assignee = payload.get("assignee")
        return [_("Исполнитель: %(assignee)s", assignee=person_name(assignee) if assignee else "—")]
    if kind in ("incident_opened", "incident_resolved", "error_thrown"):
        return [compact(payload.get("error") or payload.get("message") or payload.get("code") or "")]
    if kind in ("cancelled", "suspended", "resumed", "sent_back", "route_repaired", "comment", "legal_hold"):
        return [compact(payload.get("reason") or payload.get("text") or "")]
    if kind == "audit_viewed":
        return [_("Раздел: %(view)s", view=wording.view(payload.get("view")))]
    return []
