"""What one audit event of a route says in its history list: the kind, and for failures, retries and
administrators' actions also why (the cause in words, the reason given); and which elements of the map it
concerns, by their labels."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engine import DefinitionIndex
from web.auditor.labels import kind_label
from web.incident_causes import cause_message

REASONED = ("cancelled", "suspended", "resumed", "sent_back")
#: a step names at most this many of the elements it passed
STEP_ELEMENTS_SHOWN = 4
UNNAMED = {"Gateway": _l("развилка без названия"), "Event": _l("событие без названия")}


def event_text(event: Any) -> str:
    payload = event.payload if isinstance(event.payload, dict) else {}
    label = kind_label(event.kind)
    if event.kind == "incident_opened":
        return _("%(label)s: %(cause)s", label=label,
                 cause=cause_message(payload.get("error_type"), payload.get("error")))
    if event.kind == "retry":
        return _("Повтор шага (автоматически)") if event.actor is None else _("Повтор шага по решению администратора")
    if event.kind in REASONED and payload.get("reason"):
        return _("%(label)s: %(reason)s", label=label, reason=payload["reason"])
    return label


def element_label(index: DefinitionIndex, element_id: str) -> str:
    """The element's map label; an element the analyst left unnamed is called by its kind, never its id."""
    label = index.name(element_id)
    if label != element_id:
        return label
    kind = index.kinds.get(element_id, "")
    return next((str(text) for suffix, text in UNNAMED.items() if kind.endswith(suffix)), _("шаг без названия"))


def event_elements(events: Iterable[Any], index: DefinitionIndex) -> dict[int, str]:
    """Event seq -> the elements it concerns: its own element; for a step the named elements it passed;
    for a delivery to an external system the element whose task handed it over."""
    events = list(events)
    task_elements = {event.task_id: event.element_id for event in events if event.task_id and event.element_id}
    named: dict[int, str] = {}
    for event in events:
        payload = event.payload if isinstance(event.payload, dict) else {}
        element_id = event.element_id or task_elements.get(event.task_id)
        if element_id:
            named[event.seq] = element_label(index, element_id)
        elif event.kind == "step":
            passed = [index.name(e) for e in payload.get("completed") or () if index.name(e) != e]
            shown = passed[:STEP_ELEMENTS_SHOWN] + (["…"] if len(passed) > STEP_ELEMENTS_SHOWN else [])
            named[event.seq] = " → ".join(shown)
    return named
