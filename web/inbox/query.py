"""The inbox query string, parsed and checked: tab, filters, sort and page."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from domain.route_attributes import EDU_ORG, SCHOOL
from domain.stages import BY_KEY

TABS = {"mine": _l("Мои"), "groups": _l("Моих групп"), "all": _l("Все доступные")}
SORTS = {
    "created": _l("Сначала старые"),
    "-created": _l("Сначала новые"),
    "due": _l("По сроку"),
    "priority": _l("По приоритету"),
}
DUE_CHOICES = {
    "overdue": (_l("Просрочены"), timedelta(0)),
    "day": (_l("Срок в ближайшие сутки"), timedelta(days=1)),
    "week": (_l("Срок в ближайшую неделю"), timedelta(days=7)),
}
PRIORITIES = {1: _l("1 — высокий"), 2: "2", 3: _l("3 — обычный"), 4: "4", 5: _l("5 — низкий")}
TEXT_FILTERS = ("process", "stage", "youth", "school", "edu_org")
MAX_TEXT = 200


@dataclass(frozen=True)
class InboxQuery:
    tab: str = "groups"
    process: str = ""
    stage: str = ""
    youth: str = ""
    school: str = ""
    edu_org: str = ""
    due: str = ""
    priority: int | None = None
    sort: str = "created"
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def parse(cls, args: MultiDict[str, str]) -> InboxQuery:
        """Unknown values are dropped with a message for the field, never a server error."""
        errors: dict[str, str] = {}
        values: dict[str, Any] = {}
        tab = args.get("tab", "groups")
        values["tab"] = tab if tab in TABS else "groups"
        for name in TEXT_FILTERS:
            text = args.get(name, "").strip()
            if len(text) > MAX_TEXT:
                errors[name] = str(_l("Слишком длинное значение."))
                text = ""
            values[name] = text
        due = args.get("due", "")
        if due and due not in DUE_CHOICES:
            errors["due"] = str(_l("Неизвестный срок."))
            due = ""
        values["due"] = due
        priority = args.get("priority", "")
        if priority:
            if priority.isdigit() and int(priority) in PRIORITIES:
                values["priority"] = int(priority)
            else:
                errors["priority"] = str(_l("Приоритет — число от 1 до 5."))
        sort = args.get("sort", "created")
        values["sort"] = sort if sort in SORTS else "created"
        page = args.get("page", "1")
        values["page"] = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
        return cls(errors=errors, **values)

    def engine_filter(self, login: str, now: datetime) -> dict[str, Any]:
        """Keyword arguments for `engine.tasks` / `engine.count_tasks` (scope is added by the caller)."""
        kwargs: dict[str, Any] = {}
        if self.tab == "mine":
            kwargs["assignee"] = login
        elif self.tab == "groups":
            kwargs["unassigned"] = True
        if self.process:
            kwargs["process_key"] = self.process
        if self.stage:
            stage = BY_KEY.get(self.stage)
            kwargs["process_keys"] = stage.processes if stage is not None else ()
        if self.youth:
            kwargs["text"] = self.youth
        attributes = {attribute: getattr(self, name) for name, attribute in (("school", SCHOOL), ("edu_org", EDU_ORG))
                      if getattr(self, name)}
        if attributes:
            kwargs["attributes"] = attributes
        if self.priority is not None:
            kwargs["priority"] = self.priority
        if self.due:
            kwargs["due_before"] = now + DUE_CHOICES[self.due][1]
        return kwargs

    def items(self, **changes: Any) -> list[tuple[str, str]]:
        """(name, value) pairs of this query with some fields changed; defaults are left out."""
        query = replace(self, **changes)
        pairs = {
            "tab": query.tab,
            **{name: getattr(query, name) for name in TEXT_FILTERS},
            "due": query.due,
            "priority": query.priority or "",
            "sort": query.sort if query.sort != "created" else "",
            "page": query.page if query.page != 1 else "",
        }
        return [(key, str(value)) for key, value in pairs.items() if value]

    def to_args(self, **changes: Any) -> str:
        """The query string of this query with some fields changed."""
        return urlencode(self.items(**changes))

    def filter_items(self) -> list[tuple[str, str]]:
        """What a saved filter keeps: everything but the page."""
        return self.items(page=1)

    def filter_args(self) -> str:
        """What a saved filter keeps: everything but the page."""
        return self.to_args(page=1)
