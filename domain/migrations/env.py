"""Alembic environment of the domain tables (online mode only: migrations run against a live URL)."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from domain.models import Base

config = context.config
version_table = config.attributes.get("version_table", "alembic_version_domain")


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=version_table,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=_only_domain_tables,
    )
    with context.begin_transaction():
        context.run_migrations()


def _only_domain_tables(name, type_, parent_names) -> bool:
    """Autogenerate looks at our tables only: other rooms share the database with their own schemas."""
    if type_ == "table":
        return name in Base.metadata.tables
    return True


if context.is_offline_mode():
    raise RuntimeError("domain migrations run online only")
run_migrations_online()
