"""Which routes an auditor looks at: one set of filters for the workbench's list and for its export,
so an exported log holds exactly the routes the list showed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engine.model import InstanceInfo
from engine.persist import search_form
from engine.queries import instance_info
from engine.store.models import ProcessInstance


@dataclass(frozen=True)
class AuditFilters:
    """`youth_name`: a prefix of the youth's full name (surname first), any case, ё as е; `since`/`until`:
    routes that were going on at some moment of [since, until), and in an export only their events there."""

    youth_name: str | None = None
    process_key: str | None = None
    status: str | None = None
    school_id: str | None = None
    edu_org_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def conditions(self) -> list[Any]:
        found: list[Any] = []
        name = search_form(self.youth_name.strip()) if self.youth_name else None
        if name:
            found.append(ProcessInstance.youth_search.startswith(name, autoescape=True))
        for column, value in ((ProcessInstance.process_key, self.process_key), (ProcessInstance.status, self.status),
                              (ProcessInstance.school_id, self.school_id),
                              (ProcessInstance.edu_org_id, self.edu_org_id)):
            if value is not None:
                found.append(column == value)
        if self.until is not None:
            found.append(ProcessInstance.created_at < self.until)
        if self.since is not None:
            found.append(or_(ProcessInstance.ended_at.is_(None), ProcessInstance.ended_at >= self.since))
        return found


def find_instances(session: Session, filters: AuditFilters, *, offset: int = 0,
                   limit: int = 50) -> list[InstanceInfo]:
    """Matching routes, oldest first."""
    query = (select(ProcessInstance).where(*filters.conditions())
             .order_by(ProcessInstance.created_at, ProcessInstance.id).offset(offset).limit(limit))
    return [instance_info(session, row) for row in session.scalars(query)]
