"""The domain migrations create exactly the schema the models declare, on every backend."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from domain.migrations import MIGRATIONS
from domain.models import Base


def _domain_names_only(name, type_, parent_names) -> bool:
    return type_ != "table" or name in Base.metadata.tables


def test_upgrade_to_head_matches_models(database_url):
    MIGRATIONS.upgrade(database_url)
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_name": _domain_names_only, "compare_type": True}
            )
            differences = compare_metadata(context, Base.metadata)
            tables = set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert differences == []
    assert set(Base.metadata.tables) <= tables
    assert MIGRATIONS.version_table in tables
    assert "alembic_version" not in tables


def test_upgrade_is_idempotent_and_downgrade_empties(database_url):
    MIGRATIONS.upgrade(database_url)
    MIGRATIONS.upgrade(database_url)
    MIGRATIONS.downgrade(database_url, "base")
    engine = create_engine(database_url)
    try:
        remaining = set(inspect(engine).get_table_names()) & set(Base.metadata.tables)
    finally:
        engine.dispose()
    assert remaining == set()


def test_the_deployment_runs_the_domain_migrations_after_the_engine_ones():
    from profroute.wiring import WIRING

    assert [migration_set.name for migration_set in WIRING.migrations][:2] == ["engine", "domain"]
    assert MIGRATIONS in WIRING.migrations
    assert MIGRATIONS.name == "domain"
    assert (MIGRATIONS.script_location / "env.py").is_file()


def test_revision_ids_fit_the_version_column():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(MIGRATIONS.config("sqlite://"))
    revisions = list(script.walk_revisions())
    assert len(script.get_heads()) == 1
    assert all(len(revision.revision) <= 32 for revision in revisions)
