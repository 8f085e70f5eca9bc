"""One fresh database per shard of `profroute simulate --workers N`, named after the one given: on PostgreSQL
the database `<name>_shard<k>` on the same server (the given database is only connected to, to create them),
on SQLite the file `<stem>_shard<k><suffix>` beside the given file. Each is replaced (dropped, created empty)
before the run and kept afterwards, like the single run's own SQLite file."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool


def fresh_shard_databases(database_url: str, count: int) -> list[str]:
    """The shards' database URLs, every database empty; ValueError for a database that cannot be sharded."""
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ValueError("--workers needs a database on disk: give a SQLite file or a PostgreSQL URL")
        path = Path(url.database)
        paths = [path.with_name(f"{path.stem}_shard{k}{path.suffix}") for k in range(count)]
        for shard_path in paths:
            shard_path.unlink(missing_ok=True)
        return [_render(url.set(database=str(shard_path))) for shard_path in paths]
    if backend == "postgresql":
        names = [f"{url.database}_shard{k}" for k in range(count)]
        _recreate_postgres_databases(url, names)
        return [_render(url.set(database=name)) for name in names]
    raise ValueError(f"--workers runs on PostgreSQL or SQLite, not on {backend}")


def _recreate_postgres_databases(server: URL, names: list[str]) -> None:
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as connection:
            for name in names:
                quoted = connection.dialect.identifier_preparer.quote(name)
                connection.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
                connection.execute(text(f"CREATE DATABASE {quoted}"))
    finally:
        admin.dispose()


def _render(url: URL) -> str:
    return url.render_as_string(hide_password=False)
