"""How pages name who did something and which version ran: people by full name, the engine's own actors
in words («Система: таймер», «ЕЦП «Работа в России»»), process versions with their date. Never a login
where a name is known, never an English technical word."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Flask, g
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from engine import Engine
from engine.model import DefinitionInfo
from web.db import db_session
from web.models import User

#: external systems the outbox delivers to (`Outbox.system`), as people know them
EXTERNAL_SYSTEMS = {
    "ecp": _l("ЕЦП «Работа в России»"),
    "my_business": _l("Центр «Мой бизнес»"),
    "notification": _l("Региональный шлюз уведомлений"),
}
#: actors that are no person: the engine itself, the demo seeding and the simulation's operators
SYSTEM_ACTORS = {
    "system": _l("Система"),
    "demo": _l("Система: демо-регион"),
    "simulation": _l("Симуляция"),
}
SIMULATED_PREFIX = "simulated-"
EXTERNAL_KINDS = ("external_sent", "external_failed")


def person_name(login: str | None) -> str:
    """A login as its owner's full name (the login itself when no user has it); no login is the system.
    Names are looked up once per request."""
    if not login:
        return str(SYSTEM_ACTORS["system"])
    if login in SYSTEM_ACTORS:
        return str(SYSTEM_ACTORS[login])
    if login.startswith(SIMULATED_PREFIX):
        return str(SYSTEM_ACTORS["simulation"])
    names = _known_names()
    if login not in names:
        names[login] = db_session().scalar(select(User.full_name).where(User.login == login)) or login
    return names[login]


def look_up_people(logins: Iterable[str | None]) -> None:
    """Reads the names of the people a page is about to show in one query (a list would otherwise ask once per
    person)."""
    names = _known_names()
    wanted = {login for login in logins if login and login not in names and login not in SYSTEM_ACTORS
              and not login.startswith(SIMULATED_PREFIX)}
    if not wanted:
        return
    found = dict(db_session().execute(select(User.login, User.full_name).where(User.login.in_(sorted(wanted)))).all())
    names.update({login: found.get(login) or login for login in wanted})


def _known_names() -> dict[str, str]:
    return g.setdefault("person_names", {})


def event_actor(event: Any) -> str:
    """Who made an audit event: a timer, an external system's delivery, or a person."""
    if event.kind == "timer_fired":
        return _("Система: таймер")
    if event.kind in EXTERNAL_KINDS:
        system = (event.payload or {}).get("system") if isinstance(event.payload, dict) else None
        if system in EXTERNAL_SYSTEMS:
            return str(EXTERNAL_SYSTEMS[system])
    return person_name(event.actor)


def version_label(engine: Engine, process_key: str, definition_id: str) -> str:
    """«версия 2 от 05.12.2026»: the version number and the day it was deployed."""
    for definition in engine.definitions(process_key):
        if definition.id == definition_id:
            return definition_label(definition)
    return ""


def definition_label(definition: DefinitionInfo) -> str:
    return _("версия %(version)s от %(date)s", version=definition.version,
             date=format_date(definition.deployed_at, "dd.MM.yyyy"))


def init_naming(app: Flask) -> None:
    app.jinja_env.filters["person"] = person_name
    app.jinja_env.filters["version_label"] = definition_label
    app.jinja_env.globals["event_actor"] = event_actor
