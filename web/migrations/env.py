"""Alembic environment of the web room: online migrations with the room's own version table."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from web.models import Base

config = context.config


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    sql_engine = create_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with sql_engine.connect() as connection:
            _run(connection)
    finally:
        sql_engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=config.attributes.get("version_table", "alembic_version_web"),
        include_name=lambda name, type_, _parent: type_ != "table" or name.startswith("web_"),
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()


run_migrations_online()
