"""Shared fixtures: a fresh database per test (SQLite file), and the same on PostgreSQL when
PROFROUTE_TEST_DATABASE_URL is set (tests parametrised over `database_url` run on both; without it the
PostgreSQL variants are reported as skipped)."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("PROFROUTE_TEST_DATABASE_URL")
NO_POSTGRES = "PostgreSQL not configured: set PROFROUTE_TEST_DATABASE_URL"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason=NO_POSTGRES))]


def _fresh_postgres_database() -> tuple[str, callable]:
    base = make_url(PG_URL)
    name = f"profroute_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A URL to an empty database; SQLite always, PostgreSQL too when configured."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'profroute.sqlite'}"
        return
    url, drop = _fresh_postgres_database()
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def sqlite_url(tmp_path):
    """SQLite only, for tests whose subject is not the database."""
    return f"sqlite:///{tmp_path / 'profroute.sqlite'}"


@pytest.fixture(scope="session")
def living_demo(tmp_path_factory):
    """The demo `make run` seeds, once per session (tests/living_demo.py); mark its tests `living_demo.GROUP`."""
    from tests.living_demo import seed

    return seed(tmp_path_factory)
