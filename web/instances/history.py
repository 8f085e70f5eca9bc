"""What one audit event of a route says in its history list: the kind, and for failures, retries and
administrators' actions also why (the cause in words, the reason given)."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from web.auditor.labels import kind_label
from web.incident_causes import cause_message

REASONED = ("cancelled", "suspended", "resumed", "sent_back", "route_repaired")


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
