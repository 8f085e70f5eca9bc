"""The engine's Alembic migrations build exactly the schema its models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from engine.migrations import MIGRATIONS
from engine.store.models import Base


def test_upgrade_to_head_matches_the_models(database_url):
    MIGRATIONS.upgrade(database_url)
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"version_table": MIGRATIONS.version_table})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []
