"""Which routes an auditor looks at: one set of filters for the workbench's list and for its export,
so an exported log holds exactly the routes the list showed."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engine.model import InstanceInfo
from engine.queries import instance_info
from engine.search import SearchAttributes, search_form
from engine.store.models import ProcessInstance


@dataclass(frozen=True)
class AuditFilters:
    """`text`: a prefix of the route's search attribute (engine.search), any case, ё as е; `attributes`: search
    attribute name -> value; `since`/`until`: routes that were going on at some moment of [since, until), and in
    an export only their events there."""

    text: str | None = None
    process_key: str | None = None
    status: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    since: datetime | None = None
    until: datetime | None = None

    def conditions(self, search: SearchAttributes) -> list[Any]:
        """The WHERE conditions on the instance table; ValidationError for an attribute not declared."""
        found: list[Any] = []
        prefix = search_form(self.text.strip()) if self.text else None
        if prefix:
            found.append(ProcessInstance.search_key.startswith(prefix, autoescape=True))
        for column, value in ((ProcessInstance.process_key, self.process_key), (ProcessInstance.status, self.status),
                              *((ProcessInstance.__table__.c[search.slot(name)], value)
                                for name, value in self.attributes.items())):
            if value is not None:
                found.append(column == value)
        if self.until is not None:
            found.append(ProcessInstance.created_at < self.until)
        if self.since is not None:
            found.append(or_(ProcessInstance.ended_at.is_(None), ProcessInstance.ended_at >= self.since))
        return found


def find_instances(session: Session, search: SearchAttributes, filters: AuditFilters, *, offset: int = 0,
                   limit: int = 50) -> list[InstanceInfo]:
    """Matching routes, oldest first."""
    query = (select(ProcessInstance).where(*filters.conditions(search))
             .order_by(ProcessInstance.created_at, ProcessInstance.id).offset(offset).limit(limit))
    return [instance_info(session, search, row) for row in session.scalars(query)]
