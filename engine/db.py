"""Database connections: SQLite in WAL mode with serialized writers, or PostgreSQL, from one URL."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial

from sqlalchemy import Engine as SAEngine
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session, sessionmaker

_ASYNC_COMMIT = "SET LOCAL synchronous_commit = off"

# JSON columns as compact UTF-8 text: the default escapes every Cyrillic letter to six bytes.
JSON_SERIALIZER = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Database:
    """`write` sessions take the write lock up front on SQLite (BEGIN IMMEDIATE) so a step never fails
    half-way on lock upgrade; `read` sessions never block writers."""

    url: str
    write_engine: SAEngine
    read_engine: SAEngine
    write: sessionmaker[Session]
    read: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.write_engine.dialect.name == "sqlite"

    @property
    def is_postgresql(self) -> bool:
        return self.write_engine.dialect.name == "postgresql"

    def commit_without_flush_wait(self, session: Session) -> None:
        """Let this transaction's commit return before its WAL record is flushed to disk (PostgreSQL's
        `synchronous_commit = off`, for this transaction only). A crash may then lose the last fraction of a
        second of such commits, whole and never half, and the database stays consistent: for background work
        that is simply done again, as it is due again. Anything that leaves the database (an outbox send) is
        leased first in an ordinary commit, whose flush makes every earlier commit durable too. SQLite runs
        with `synchronous=NORMAL` in WAL mode, which already behaves so, so nothing is needed there."""
        if self.is_postgresql:
            session.connection().exec_driver_sql(_ASYNC_COMMIT)

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()


def _sqlite_engine(url: str, begin: str) -> SAEngine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                           json_serializer=JSON_SERIALIZER)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (savepoints need it)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql(begin)

    return engine


def connect(url: str, *, wait_for_flush: bool = True) -> Database:
    """`wait_for_flush=False`: every commit on PostgreSQL returns before its WAL flush (see
    `Database.commit_without_flush_wait`), for databases whose last second of work is worth nothing after a
    crash: a simulated region, a benchmark's."""
    if url.startswith("sqlite"):
        write = _sqlite_engine(url, "BEGIN IMMEDIATE")
        read = _sqlite_engine(url, "BEGIN")
    else:
        options = {} if wait_for_flush else {"connect_args": {"options": "-c synchronous_commit=off"}}
        write = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20,
                              json_serializer=JSON_SERIALIZER, **options)
        read = write
    return Database(url=url, write_engine=write, read_engine=read,
                    write=sessionmaker(write, expire_on_commit=False),
                    read=sessionmaker(read, expire_on_commit=False))
