"""The workbench's search form: a youth's name, an organisation, a process, a status and a period, read from
the query string into the engine's `AuditFilters` (the same for the list and the export). Bad values are
dropped with a message, never a 500."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from flask_babel import get_timezone
from flask_babel import gettext as _

from domain.route_attributes import ORG_SCOPES
from engine import AuditFilters

STATUSES = ("active", "suspended", "completed", "cancelled")
ORG_KINDS = ("school", "edu_org")
MAX_NAME = 200
ARGS = ("name", "org", "process", "status", "since", "until")


@dataclass(frozen=True)
class WorkbenchSearch:
    """What the auditor typed (`args`, for the form, the pager and the export links) and what it means."""

    args: dict[str, str]
    filters: AuditFilters
    errors: list[str] = field(default_factory=list)

    def link_args(self) -> dict[str, str]:
        return {key: value for key, value in self.args.items() if value}


def read_search(args: Mapping[str, str], processes: Mapping[str, str]) -> WorkbenchSearch:
    given = {key: (args.get(key) or "").strip() for key in ARGS}
    errors: list[str] = []
    name = given["name"][:MAX_NAME] or None
    process_key = given["process"] if given["process"] in processes else None
    status = given["status"] if given["status"] in STATUSES else None
    kind, _sep, org_id = given["org"].partition(":")
    attributes = {ORG_SCOPES[kind]: org_id} if kind in ORG_KINDS and org_id else {}
    since, until = _day(given["since"], errors), _day(given["until"], errors)
    if since and until and until < since:
        errors.append(_("Конец периода раньше его начала."))
        since = until = None
    filters = AuditFilters(text=name, process_key=process_key, status=status, attributes=attributes,
                           since=_start_of(since),
                           until=_start_of(until + timedelta(days=1)) if until else None)
    return WorkbenchSearch(args=given, filters=filters, errors=errors)


def _day(text: str, errors: list[str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(_("Дата «%(text)s» не распознана; нужна дата вида 2026-12-05.", text=text[:20]))
        return None


def _start_of(day: date | None) -> datetime | None:
    """Midnight of the day in the reader's time zone."""
    return datetime.combine(day, time(), tzinfo=get_timezone()) if day else None
