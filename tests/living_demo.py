"""One living demo per test session (`profroute demo`, exactly what `make run` seeds), shared by the tests that
look at it: they are grouped on one xdist worker (`xdist_group("living_demo")`, `--dist loadgroup`), and what
they assert about the seeded state is measured once, right after seeding, before any test works in it."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from engine import Engine
from profroute.cli import main
from profroute.wiring import SEARCH_ATTRIBUTES
from web.models import User

GROUP = pytest.mark.xdist_group("living_demo")


@dataclass(frozen=True)
class DeskCount:
    login: str
    role: str
    open: int
    with_history: int
    """open tasks of routes that have answered tasks"""


@dataclass(frozen=True)
class LivingDemo:
    url: str
    first_run: str
    second_run: str
    passwords: dict[str, str]
    """the logins' passwords printed by the second run (each run gives every login a new one)"""
    desks: dict[str, DeskCount]
    """every demo login that works on tasks (its groups in its organisation) as the demo left it"""
    routes: RouteCount
    routes_after_second_run: RouteCount


@dataclass(frozen=True)
class RouteCount:
    instances: int
    process_keys: frozenset[str]
    milestones: frozenset[str]
    answered_elements: frozenset[str]
    answered_by: frozenset[str]


def every(read, **filters) -> list:
    """Every row an engine listing (tasks, instances) gives, page by page."""
    found: list = []
    while page := read(limit=1000, offset=len(found), **filters):
        found.extend(page)
    return found


def count_routes(url: str) -> RouteCount:
    engine = Engine(url)
    try:
        instances = every(engine.instances)
        answered = every(engine.tasks, status="completed")
        return RouteCount(len(instances), frozenset(i.process_key for i in instances),
                          frozenset(i.milestone for i in instances if i.milestone),
                          frozenset(task.element_id for task in answered),
                          frozenset(task.completed_by for task in answered))
    finally:
        engine.close()


def passwords_of(output: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\w+)\s+(\S+)\s+\w+\s", output, flags=re.MULTILINE))


def count_desks(url: str) -> dict[str, DeskCount]:
    sql = create_engine(url)
    with Session(sql) as session:
        desks = {user.login: (user.role, user.group_names, user.org_id)
                 for user in session.scalars(select(User).order_by(User.login)) if user.works_tasks}
    sql.dispose()
    engine = Engine(url, search_attributes=SEARCH_ATTRIBUTES)
    try:
        answered = {task.instance_id for task in every(engine.tasks, status="completed")}
        counted = {}
        for login, (role, groups, org_id) in desks.items():
            found = every(engine.tasks, candidate_groups=groups, org_scope=org_id)
            counted[login] = DeskCount(login, role, len(found), sum(task.instance_id in answered for task in found))
        return counted
    finally:
        engine.close()


def seed(tmp_path_factory) -> LivingDemo:
    folder = tmp_path_factory.mktemp("living-demo")
    url = f"sqlite:///{folder / 'demo.sqlite'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROFROUTE_SECRET_KEY", "living-demo-test")
        patch.setenv("PROFROUTE_INSTANCE_PATH", str(folder / "instance"))
        first = CliRunner().invoke(main, ["demo", "--database", url])
        assert first.exit_code == 0, first.output
        desks, routes = count_desks(url), count_routes(url)
        second = CliRunner().invoke(main, ["demo", "--database", url])
        assert second.exit_code == 0, second.output
    return LivingDemo(url, first.output, second.output, passwords_of(second.output), desks, routes,
                      count_routes(url))
