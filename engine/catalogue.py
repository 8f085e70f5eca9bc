"""What the analysts' catalogue reads besides the definitions: how many routes run and how many ended on
each definition version."""
from __future__ import annotations

from typing import Protocol

from sqlalchemy import func, select

from engine.db import Database
from engine.store.models import ProcessInstance

OPEN_STATUSES = ("active", "suspended")


class HasDatabase(Protocol):
    db: Database


def route_counts(engine: HasDatabase) -> dict[str, tuple[int, int]]:
    """definition id -> (open routes, finished routes); versions without routes are absent."""
    query = (select(ProcessInstance.definition_id, ProcessInstance.status, func.count())
             .group_by(ProcessInstance.definition_id, ProcessInstance.status))
    counts: dict[str, tuple[int, int]] = {}
    with engine.db.read() as session:
        for definition_id, status, count in session.execute(query):
            open_count, finished = counts.get(definition_id, (0, 0))
            if status in OPEN_STATUSES:
                open_count += count
            else:
                finished += count
            counts[definition_id] = (open_count, finished)
    return counts
