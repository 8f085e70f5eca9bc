"""Domain test fixtures: engines on test databases with the domain schema migrated, enforcing foreign
keys on SQLite as the engine and web rooms do, and one generated region shared by a test module."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from domain.migrations import MIGRATIONS
from domain.region import generate
from tests.conftest import BACKENDS

PG_URL = os.environ.get("PROFROUTE_TEST_DATABASE_URL")
REGION_SEED, REGION_YOUTHS = 7, 300


def connect(database_url: str) -> Engine:
    engine = create_engine(database_url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _foreign_keys_on(dbapi_connection, _record):
            dbapi_connection.execute("PRAGMA foreign_keys=ON")

    return engine


@pytest.fixture
def domain_engine(database_from):
    engine = connect(database_from("domain", MIGRATIONS.upgrade))
    yield engine
    engine.dispose()


@pytest.fixture
def connect_engine():
    """`connect(url)` for tests that manage their own databases."""
    return connect


@pytest.fixture(scope="module", params=BACKENDS)
def region_engine(request, tmp_path_factory):
    """A region generated once per test module and backend; tests must not commit (see `region_session`)."""
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('region') / 'region.sqlite'}", None
    else:
        admin = create_engine(make_url(PG_URL), isolation_level="AUTOCOMMIT")
        name = f"profroute_r_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)

        def drop() -> None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

    MIGRATIONS.upgrade(url)
    engine = connect(url)
    with Session(engine) as session:
        summary = generate(session, seed=REGION_SEED, youths=REGION_YOUTHS)
        session.commit()
    yield engine, summary
    engine.dispose()
    if drop is not None:
        drop()


@pytest.fixture
def region_session(region_engine):
    """(session, summary) on the shared region; everything the test writes is rolled back."""
    engine, summary = region_engine
    with Session(engine) as session:
        yield session, summary
        session.rollback()
