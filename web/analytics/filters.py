"""The dashboard's filters from the query string, kept inside the person's scope: operators and curators see
their own organisation's figures whatever they ask for; analysts and admins the region or one college."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from domain.analytics.filters import KINDS, RegistryFilter
from web.access import Scope
from web.organisations import organisation_name

PICKABLE_KIND = "edu_org"
"""What analysts narrow the region to: a college (its students, graduates, curators and practices)."""


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    """The last day of the period, included."""
    org_kind: str | None = None
    org_id: str | None = None
    org_name: str | None = None
    locked: bool = False
    """The organisation is the person's own and cannot be changed."""
    errors: tuple[str, ...] = field(default=())

    @property
    def org(self) -> tuple[str, str] | None:
        return (self.org_kind, self.org_id) if self.org_kind and self.org_id else None

    @property
    def since_at(self) -> datetime | None:
        return datetime.combine(self.since, datetime.min.time(), UTC) if self.since else None

    @property
    def until_at(self) -> datetime | None:
        return datetime.combine(self.until + timedelta(days=1), datetime.min.time(), UTC) if self.until else None

    def registry(self) -> RegistryFilter | None:
        """The registry figures' filter; None when the organisation has no rows of those kinds (a school)."""
        if self.org_kind is not None and self.org_kind not in KINDS:
            return None
        return RegistryFilter(self.since, self.until + timedelta(days=1) if self.until else None,
                              self.org_kind, self.org_id)

    def query(self) -> dict[str, str]:
        """The filters as query-string arguments (for the export links)."""
        args = {"since": self.since.isoformat() if self.since else "",
                "until": self.until.isoformat() if self.until else ""}
        if self.org_id and not self.locked:
            args["org"] = self.org_id
        return {key: value for key, value in args.items() if value}


def filters_from(args, scope: Scope, session: Session) -> Filters:
    errors: list[str] = []
    since, until = _date(args.get("since"), errors), _date(args.get("until"), errors)
    if since and until and since > until:
        errors.append(str(_l("Начало периода позже его конца; период не применён.")))
        since = until = None
    if not scope.region_wide:
        return Filters(since, until, scope.org_kind, scope.org_id,
                       organisation_name(session, scope.org_kind, scope.org_id) or scope.org_id, True, tuple(errors))
    org_id = (args.get("org") or "").strip()
    name = organisation_name(session, PICKABLE_KIND, org_id) if org_id else None
    if org_id and name is None:
        errors.append(str(_l("Такой организации нет; показан весь регион.")))
    return Filters(since, until, PICKABLE_KIND if name else None, org_id if name else None, name, False,
                   tuple(errors))


def _date(text: str | None, errors: list[str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors.append(str(_l("Дата «%(text)s» не распознана: укажите её как ГГГГ-ММ-ДД.", text=text[:20])))
        return None
