"""Inbox pages and saved filters."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import Engine
from web.access import Scope
from web.inbox.query import InboxQuery
from web.models import SavedFilter

MAX_SAVED_FILTERS = 30


@dataclass(frozen=True)
class InboxPage:
    tasks: list[Any]
    total: int
    page: int
    page_size: int
    now: datetime

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def is_overdue(self, task: Any) -> bool:
        return task.due_at is not None and task.due_at < self.now

    def follow_up_reached(self, task: Any) -> bool:
        return task.follow_up_at is not None and task.follow_up_at <= self.now


def inbox_page(engine: Engine, scope: Scope, query: InboxQuery, page_size: int) -> InboxPage:
    now = datetime.now(UTC)
    filters = {**scope.task_filter(), **query.engine_filter(scope.login, now), "status": "open"}
    total = engine.count_tasks(**filters)
    pages = max(1, -(-total // page_size))
    page = min(query.page, pages)
    tasks = engine.tasks(**filters, limit=page_size, offset=(page - 1) * page_size, order=query.sort)
    return InboxPage(tasks=tasks, total=total, page=page, page_size=page_size, now=now)


class SavedFilterError(ValueError):
    """The filter cannot be saved as asked; the message is shown next to the name field."""


def saved_filters(session: Session, user_id: int) -> list[SavedFilter]:
    query = select(SavedFilter).where(SavedFilter.user_id == user_id).order_by(SavedFilter.name)
    return list(session.scalars(query))


def save_filter(session: Session, user_id: int, name: str, query: InboxQuery) -> SavedFilter:
    """Creates or replaces the user's filter of that name (the caller commits)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise SavedFilterError("name")
    existing = session.scalar(
        select(SavedFilter).where(SavedFilter.user_id == user_id, SavedFilter.name == name)
    )
    if existing is None:
        if len(saved_filters(session, user_id)) >= MAX_SAVED_FILTERS:
            raise SavedFilterError("limit")
        existing = SavedFilter(user_id=user_id, name=name, query="")
        session.add(existing)
    existing.query = query.filter_args()
    return existing


def delete_filter(session: Session, user_id: int, filter_id: int) -> bool:
    saved = session.get(SavedFilter, filter_id)
    if saved is None or saved.user_id != user_id:
        return False
    session.delete(saved)
    return True
