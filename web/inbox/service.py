"""Inbox pages and saved filters."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import Engine
from web.access import Scope
from web.inbox.query import TABS, InboxQuery
from web.models import SavedFilter

MAX_SAVED_FILTERS = 30


@dataclass(frozen=True)
class TabCount:
    """The tasks a tab holds, counted up to the inbox's cap: `more` means more than `count`."""

    count: int
    more: bool = False

    @classmethod
    def of(cls, counted: int, cap: int) -> TabCount:
        return cls(min(counted, cap), counted > cap)


@dataclass(frozen=True)
class InboxPage:
    tasks: list[Any]
    total: int
    page: int
    page_size: int
    now: datetime
    more: bool = False
    """More tasks than `total`: counting stopped at the cap (the pages after the last counted one exist)."""

    @property
    def pages(self) -> int:
        """The pages the counted tasks fill."""
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages or (self.more and len(self.tasks) == self.page_size)

    def is_overdue(self, task: Any) -> bool:
        return task.due_at is not None and task.due_at < self.now

    def follow_up_reached(self, task: Any) -> bool:
        return task.follow_up_at is not None and task.follow_up_at <= self.now


def _filters(scope: Scope, query: InboxQuery, now: datetime) -> dict[str, Any]:
    return {**scope.task_filter(), **query.engine_filter(scope.login, now), "status": "open"}


def inbox_page(engine: Engine, scope: Scope, query: InboxQuery, page_size: int, count_cap: int) -> InboxPage:
    """The asked page; the count stops past `count_cap` tasks (or past the asked page, if further), so a
    region-wide inbox of a million routes costs what a small one does."""
    now = datetime.now(UTC)
    filters = _filters(scope, query, now)
    cap = max(count_cap, query.page * page_size)
    total = TabCount.of(engine.count_tasks(cap=cap, **filters), cap)
    page = min(query.page, max(1, -(-total.count // page_size)))
    tasks = engine.tasks(**filters, limit=page_size, offset=(page - 1) * page_size, order=query.sort)
    return InboxPage(tasks=tasks, total=total.count, page=page, page_size=page_size, now=now, more=total.more)


def tab_counts(engine: Engine, scope: Scope, query: InboxQuery, count_cap: int, page: InboxPage) -> dict[str, TabCount]:
    """Each tab's tasks under the same filters, counted up to the cap (the shown tab's from its page)."""
    now = datetime.now(UTC)
    others = [tab for tab in TABS if tab != query.tab]
    found = engine.count_tasks_each(count_cap, [_filters(scope, replace(query, tab=tab), now) for tab in others])
    counts = {tab: TabCount.of(count, count_cap) for tab, count in zip(others, found, strict=True)}
    shown = TabCount(min(page.total, count_cap), page.more or page.total > count_cap)
    return {tab: counts.get(tab, shown) for tab in TABS}


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
