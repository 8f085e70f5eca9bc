"""Web fixtures: a migrated database (engine, domain and web tables), the real Engine with a small
test process deployed, the app, users per role and organisation, and helpers to sign in and post forms."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine import Engine
from profroute.wiring import SEARCH_ATTRIBUTES, WIRING
from web.app import create_app
from web.db import session_factory
from web.users import NewUser, create_user

PROCESSES = Path(__file__).parent / "processes"
PASSWORD = "correct horse battery"
CSRF_FIELD = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@pytest.fixture
def migrated_url(database_from) -> str:
    """A database with every room's tables (the migrations run once per test process, then copied)."""
    return database_from("wiring", WIRING.upgrade)


@pytest.fixture
def web_handlers() -> dict:
    """Service operations of the test processes; a test module overrides it with `extra_processes`."""
    return {}


@pytest.fixture
def extra_processes() -> list[Path]:
    return []


@pytest.fixture
def engine(migrated_url, web_handlers, extra_processes):
    engine = Engine(migrated_url, handlers=web_handlers, search_attributes=SEARCH_ATTRIBUTES)
    engine.deploy([PROCESSES, *extra_processes], actor="test")
    yield engine
    engine.close()


@pytest.fixture
def app(migrated_url, engine, tmp_path):
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": migrated_url,
        "SECRET_KEY": "test-secret",
        "ENGINE": engine,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "ATTACHMENT_DIR": str(tmp_path / "attachments"),
        "ATTACHMENT_MAX_BYTES": 64 * 1024,
        "MAX_CONTENT_LENGTH": 128 * 1024,
    })
    yield app
    session_factory(app).kw["bind"].dispose()


@pytest.fixture
def make_user(app):
    def make(login: str, role: str = "operator", org_kind: str = "school", org_id: str = "school-001",
             groups: tuple[str, ...] = ()):
        with app.app_context(), session_factory(app)() as session:
            create_user(session, NewUser(login=login, password=PASSWORD, full_name=f"Сотрудник {login}",
                                         role=role, org_kind=org_kind, org_id=org_id,
                                         org_name=f"Организация {org_id}", groups=groups))
            session.commit()
        return login

    return make


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client, path: str = "/login") -> str:
    page = client.get(path).get_data(as_text=True)
    match = CSRF_FIELD.search(page)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def login(client, user_login: str, password: str = PASSWORD):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"login": user_login, "password": password, "csrf_token": token})


def post(client, path: str, data: dict | None = None, **kwargs):
    """A form post with the CSRF token of the signed-in session."""
    token = csrf_token(client, "/inbox/")
    return client.post(path, data={**(data or {}), "csrf_token": token}, **kwargs)


def start_visit(engine, youth_id: str = "youth-1", school: str = "school-001",
                youth_name: str = "Петров Пётр") -> str:
    return engine.start("web_visit", {"youth_id": youth_id, "youth_name": youth_name}, business_key=youth_id,
                        org={"school": school})


def open_task(engine, instance_id: str):
    [task] = engine.tasks(instance_id=instance_id)
    return task
