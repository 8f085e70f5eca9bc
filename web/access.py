"""Who sees and works what. Every view asks here; the rule lives in one place.

Operators and curators see the tasks of their candidate groups inside their own organisation, and the
routes (instances) whose `org` names their organisation. Analysts, auditors and admins see the whole
region; only operators and curators do task work, only admins reassign other people's tasks.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort

from domain.route_starts import Starter
from web.models import Role, User


@dataclass(frozen=True)
class Scope:
    login: str
    role: str
    org_kind: str
    org_id: str
    groups: tuple[str, ...]

    @classmethod
    def of(cls, user: User) -> Scope:
        return cls(user.login, user.role, user.org_kind, user.org_id, tuple(user.group_names))

    @property
    def region_wide(self) -> bool:
        return self.role in (Role.ANALYST, Role.AUDITOR, Role.ADMIN)

    def task_filter(self) -> dict[str, Any]:
        """Keyword arguments for `engine.tasks` / `engine.count_tasks` that keep a query in scope."""
        if self.region_wide:
            return {}
        return {"org_scope": self.org_id, "candidate_groups": list(self.groups)}

    def sees_task(self, task: Any) -> bool:
        if self.region_wide:
            return True
        return task.candidate_group in self.groups and str(task.org_scope) == self.org_id

    def works_task(self, task: Any) -> bool:
        """May claim it, complete it, hand it on: an operator or curator of its group and organisation."""
        return self.role in (Role.OPERATOR, Role.CURATOR) and not self.region_wide and self.sees_task(task)

    def manages_task(self, task: Any) -> bool:
        """May assign it to someone else or unclaim someone else's claim."""
        return self.role == Role.ADMIN or self.works_task(task)

    def sees_instance(self, instance: Any) -> bool:
        if self.region_wide:
            return True
        org = instance.org or {}
        return str(org.get(self.org_kind)) == self.org_id

    def starts_routes(self) -> bool:
        return self.role in (Role.OPERATOR, Role.CURATOR, Role.ADMIN)

    def starter(self) -> Starter:
        """The person as the route rule sees them: their organisation, or the region for region-wide roles."""
        return Starter(self.login) if self.region_wide else Starter(self.login, self.org_kind, self.org_id)


def require(allowed: bool) -> None:
    """403 unless allowed (a direct URL to someone else's task or youth is refused, not just hidden)."""
    if not allowed:
        abort(403)
