"""Alembic environment for the engine tables; the version table comes from the MigrationSet."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from engine.store.models import Base

config = context.config
VERSION_TABLE = config.attributes.get("version_table", "alembic_version_engine")
SQLITE_PAGE_SIZE = 8192
"""A route's row (its compressed state) is over a kilobyte: 4 KB pages held two of them and left a quarter of
the page empty. The engine's migrations run first on a new file, so they set its page size; an existing file
keeps its own (the pragma changes nothing once a table is written)."""


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=Base.metadata,
                      version_table=VERSION_TABLE, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with connectable.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA page_size = {SQLITE_PAGE_SIZE}")
            connection.commit()
        context.configure(connection=connection, target_metadata=Base.metadata, version_table=VERSION_TABLE,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
