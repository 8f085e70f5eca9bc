"""Timeline entries for the auditors: who did what, when, with which data, one entry per audit event."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from engine import DataChange, DefinitionIndex, data_after, data_changes
from web.auditor.labels import kind_label
from web.naming import event_actor

MAX_VALUE_CHARS = 300


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
    changes: list[DataChange]


def show(value: Any) -> str:
    """A value as compact JSON, cut to a readable length."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS - 1] + "…"


def entries(events: Iterable[Any], index: DefinitionIndex) -> list[TimelineEntry]:
    """Entries in log order; a step's data changes are against the data after the previous step."""
    result = []
    data: dict[str, Any] = {}
    step_data: dict[str, Any] | None = None
    for event in sorted(events, key=lambda e: e.seq):
        payload = event.payload if isinstance(event.payload, dict) else {}
        changes: list[DataChange] = []
        if event.kind == "instance_started":
            data = dict(payload.get("data") or {})
            changes = data_changes({}, data)
        elif event.kind == "step":
            step_data = data_after(step_data, payload)
            changes, data = data_changes(data, step_data), dict(step_data)
        elif event.kind == "task_completed":
            changes = data_changes({}, payload.get("data") or {})
        result.append(TimelineEntry(
            instance_id=event.instance_id, seq=event.seq, at=event.at, actor=event_actor(event), kind=event.kind,
            label=kind_label(event.kind), element=index.name(event.element_id) if event.element_id else "",
            details=details(event.kind, payload, index), changes=changes))
    return result


def details(kind: str, payload: dict[str, Any], index: DefinitionIndex) -> list[str]:
    if kind == "instance_started":
        return [_("Процесс %(key)s, версия %(version)s", key=payload.get("process_key"),
                  version=payload.get("version"))]
    if kind == "task_opened":
        return [_("Группа: %(group)s; организация: %(org)s", group=payload.get("candidate_group") or "—",
                  org=payload.get("org_scope") or "—")]
    if kind == "task_completed":
        return [_("Форма: %(form)s", form=payload.get("form_key") or "—")]
    if kind in ("service_called", "service_failed"):
        outcome = payload.get("result") if kind == "service_called" else payload.get("error")
        return [_("Операция: %(operation)s", operation=payload.get("operation")),
                _("Параметры: %(params)s", params=show(payload.get("params"))),
                _("Результат: %(result)s", result=show(outcome))]
    if kind == "decision_evaluated":
        return [_("Таблица: %(table)s", table=payload.get("decision_id")),
                _("Входы: %(inputs)s", inputs=show(payload.get("inputs"))),
                _("Выходы: %(outputs)s", outputs=show(payload.get("outputs")))]
    if kind == "timer_fired":
        return [_("Срок: %(due)s", due=show(payload.get("due_at")))]
    if kind == "migrated":
        names = payload.get("mapped_names") or {}
        mapping = ", ".join(f"{names.get(old) or '—'} → {index.name(new)}"
                            for old, new in (payload.get("mapping") or {}).items())
        return [_("С версии %(source)s на версию %(target)s", source=payload.get("from_version"),
                  target=payload.get("to_version")), _("Сопоставление: %(mapping)s", mapping=mapping or "—")]
    if kind in ("message_sent", "message_received"):
        return [_("Сообщение %(name)s, ключ %(key)s", name=payload.get("name"), key=payload.get("correlation_key")),
                _("Содержимое: %(payload)s", payload=show(payload.get("payload")))]
    if kind == "step":
        done = ", ".join(index.name(element_id) for element_id in payload.get("completed") or ())
        waiting = ", ".join(index.name(element_id) for element_id in payload.get("active") or ())
        return [_("Выполнено: %(done)s", done=done or "—"), _("Ожидает: %(waiting)s", waiting=waiting or "—")]
    if kind in ("claimed", "unclaimed", "assigned"):
        return [_("Исполнитель: %(assignee)s", assignee=payload.get("assignee") or "—")]
    if kind in ("incident_opened", "incident_resolved", "error_thrown"):
        return [show(payload.get("error") or payload.get("message") or payload.get("code") or "")]
    if kind in ("cancelled", "suspended", "resumed", "sent_back", "route_repaired", "comment", "legal_hold"):
        return [show(payload.get("reason") or payload.get("text") or "")]
    if kind == "instance_completed":
        return []
    if kind == "audit_viewed":
        return [_("Раздел: %(view)s; о ком: %(subject)s", view=payload.get("view"), subject=payload.get("subject"))]
    return [show(payload)] if payload else []
