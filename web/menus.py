"""The main menu by role: each role sees the places where it has work, and nothing it cannot use.

Operators and curators work their inbox and their organisation's routes and read its figures; analysts start
in the catalogue of processes (with the modeller and the deploy proposals), move routes between versions, and
read the region's routes and figures; auditors work in their workbench; admins look after users, incidents,
routes, the catalogue and figures, and may open the auditors' workbench. Everyone who may write has API tokens
(auditors are read-only, so the token form would refuse them); everyone has a profile."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from web.models import Role


@dataclass(frozen=True)
class MenuItem:
    endpoint: str
    label: LazyString


INBOX = MenuItem("inbox.index", _l("Входящие"))
ROUTES = MenuItem("instances.index", _l("Маршруты"))
AUDIT = MenuItem("auditor.index", _l("Аудит"))
CATALOGUE = MenuItem("analyst.index", _l("Каталог процессов"))
ANALYTICS = MenuItem("analytics.index", _l("Аналитика"))
USERS = MenuItem("admin.users", _l("Пользователи"))
INCIDENTS = MenuItem("admin.incidents", _l("Инциденты"))
TOKENS = MenuItem("admin.tokens", _l("API-токены"))
VERSIONS = MenuItem("versions.migrate", _l("Версии процессов"))
PROFILE = MenuItem("main.profile", _l("Профиль"))

MENUS: dict[str, tuple[MenuItem, ...]] = {
    Role.OPERATOR: (INBOX, ROUTES, ANALYTICS, TOKENS, PROFILE),
    Role.CURATOR: (INBOX, ROUTES, ANALYTICS, TOKENS, PROFILE),
    Role.ANALYST: (CATALOGUE, VERSIONS, ROUTES, ANALYTICS, TOKENS, PROFILE),
    Role.AUDITOR: (AUDIT, PROFILE),
    Role.ADMIN: (USERS, INCIDENTS, ROUTES, CATALOGUE, VERSIONS, ANALYTICS, AUDIT, TOKENS, PROFILE),
}


def menu_for(role: str) -> tuple[MenuItem, ...]:
    return MENUS.get(role, (PROFILE,))


def home_endpoint(role: str) -> str:
    """Where a person lands after signing in: the first place of their menu."""
    return menu_for(role)[0].endpoint
