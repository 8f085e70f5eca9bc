"""The main menu by role and the home page each role lands on; how pages name people, system actors and
process versions."""
from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from unittest.mock import patch
from zoneinfo import ZoneInfo

import pytest

from tests.web.conftest import login, start_visit
from web.menus import home_endpoint, menu_for
from web.naming import event_actor, look_up_people, person_name, version_label

MENU_LINKS = {
    "operator": ["Входящие", "Маршруты", "Аналитика", "API-токены", "Профиль"],
    "curator": ["Входящие", "Маршруты", "Аналитика", "API-токены", "Профиль"],
    "analyst": ["Каталог процессов", "Версии процессов", "Маршруты", "Аналитика", "API-токены", "Профиль"],
    "auditor": ["Аудит", "Профиль"],
    "admin": ["Пользователи", "Инциденты", "Маршруты", "Каталог процессов", "Версии процессов", "Аналитика", "Аудит",
              "API-токены", "Профиль"],
}
HOMES = {"operator": "/inbox/", "curator": "/inbox/", "analyst": "/analyst/", "auditor": "/audit/",
         "admin": "/admin/users"}


@pytest.mark.parametrize("role", sorted(MENU_LINKS))
def test_each_role_sees_its_own_menu_and_lands_on_its_first_place(app, client, make_user, role):
    org = {"org_kind": "region", "org_id": "region"} if role in ("analyst", "auditor", "admin") else {}
    make_user("person", role=role, **org)
    signed_in = login(client, "person")
    assert signed_in.headers["Location"] == HOMES[role]
    page = client.get("/profile").get_data(as_text=True)
    menu = page[page.index('<ul class="navbar-nav'):page.index("</ul>")]
    shown = [str(item.label) for item in menu_for(role)]
    assert shown == MENU_LINKS[role]
    assert all(f">{label}</a>" in menu for label in shown)
    assert menu.count('class="nav-link') == len(shown)
    assert client.get("/").headers["Location"] == HOMES[role]
    with app.test_request_context():
        assert home_endpoint(role) == menu_for(role)[0].endpoint


def event(kind, actor=None, payload=None):
    return SimpleNamespace(kind=kind, actor=actor, payload=payload or {})


def test_people_by_full_name_and_system_actors_in_words(app, make_user):
    make_user("ivanova")
    with app.test_request_context():
        assert person_name("ivanova") == "Сотрудник ivanova"
        assert person_name("nobody-known") == "nobody-known"
        assert [person_name(login) for login in (None, "system", "demo", "simulation", "simulated-school")] == [
            "Система", "Система", "Система: демо-регион", "Симуляция", "Симуляция"]
        assert event_actor(event("timer_fired", "system")) == "Система: таймер"
        assert event_actor(event("external_sent", "system", {"system": "ecp"})) == "ЕЦП «Работа в России»"
        assert event_actor(event("external_failed", "system", {"system": "my_business"})) == "Центр «Мой бизнес»"
        assert event_actor(event("task_completed", "ivanova")) == "Сотрудник ivanova"


def test_a_page_looks_up_its_people_in_one_query(app, make_user):
    make_user("ivanova")
    make_user("petrov")
    with app.test_request_context():
        look_up_people(["ivanova", "petrov", "nobody-known", None, "simulated-school"])
        with patch("web.naming.db_session", side_effect=AssertionError("asked again")):
            assert [person_name(login) for login in ("ivanova", "petrov", "nobody-known", "simulated-school")] == [
                "Сотрудник ivanova", "Сотрудник petrov", "nobody-known", "Симуляция"]


def test_versions_read_with_their_date(app, engine, make_user):
    instance = engine.instance(start_visit(engine))
    deployed = engine.definitions(instance.process_key)[-1].deployed_at
    shown_day = deployed.astimezone(ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"]))  # the day people see
    with app.test_request_context():
        assert version_label(engine, instance.process_key, instance.definition_id) == (
            f"версия 1 от {shown_day:%d.%m.%Y}")
    assert deployed <= datetime.now(UTC)
