"""Domain test fixtures: an engine on the test database with the domain schema migrated, enforcing
foreign keys on SQLite as the engine and web rooms do."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, create_engine, event

from domain.migrations import MIGRATIONS


def connect(database_url: str) -> Engine:
    engine = create_engine(database_url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _foreign_keys_on(dbapi_connection, _record):
            dbapi_connection.execute("PRAGMA foreign_keys=ON")

    return engine


@pytest.fixture
def domain_engine(database_url):
    MIGRATIONS.upgrade(database_url)
    engine = connect(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connect_engine():
    """`connect(url)` for tests that manage their own databases."""
    return connect
