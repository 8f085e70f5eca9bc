"""What one audit event of a route says in its history list: the kind, and for failures, retries and
administrators' actions also why (the cause in words, the reason given); and which elements of the map it
concerns, by their labels."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _

from engine import DefinitionIndex
from web.auditor.labels import kind_label
from web.i18n import short_datetime
from web.incident_causes import cause_message
from web.naming import event_actor
from web.route_map import element_label

REASONED = ("cancelled", "suspended", "resumed", "sent_back", "route_repaired")
#: a step names at most this many of the elements it passed
STEP_ELEMENTS_SHOWN = 4


def event_text(event: Any) -> str:
    payload = event.payload if isinstance(event.payload, dict) else {}
    label = kind_label(event.kind)
    if event.kind == "incident_opened":
        return _("%(label)s: %(cause)s", label=label,
                 cause=cause_message(payload.get("error_type"), payload.get("error")))
    if event.kind == "retry":
        return _("Повтор шага (автоматически)") if event.actor is None else _("Повтор шага по решению администратора")
    if event.kind == "migrated":
        return _("%(label)s: с версии %(source)s на версию %(target)s", label=label,
                 source=payload.get("from_version"), target=payload.get("to_version"))
    if event.kind in REASONED and payload.get("reason"):
        return _("%(label)s: %(reason)s", label=label, reason=payload["reason"])
    return label


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


def events_by_element(events: Iterable[Any], index: DefinitionIndex, upto: int | None = None) -> dict[str, Any]:
    """The route's events grouped by the element they happened at (up to event `upto`), for the viewer's
    click: {"elements": {id: {"label", "events": [{"seq", "at", "text", "actor"}]}}}."""
    grouped: dict[str, dict[str, Any]] = {}
    for event in events:
        if event.element_id is None or (upto is not None and event.seq > upto):
            continue
        entry = grouped.setdefault(event.element_id, {"label": element_label(index, event.element_id), "events": []})
        entry["events"].append({"seq": event.seq, "at": short_datetime(event.at), "text": event_text(event),
                                "actor": event_actor(event)})
    return {"elements": grouped}
