"""The web room's own database access: one SQLAlchemy engine per app, one session per request."""
from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine as SqlEngine
from sqlalchemy.orm import Session, sessionmaker

EXTENSION_KEY = "profroute.web_db"


def _enable_sqlite_foreign_keys(sql_engine: SqlEngine) -> None:
    if sql_engine.dialect.name != "sqlite":
        return

    @event.listens_for(sql_engine, "connect")
    def _pragma(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def init_db(app: Flask) -> None:
    sql_engine = create_engine(app.config["DATABASE_URL"], pool_pre_ping=True)
    _enable_sqlite_foreign_keys(sql_engine)
    app.extensions[EXTENSION_KEY] = sessionmaker(bind=sql_engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def session_factory(app: Flask | None = None) -> sessionmaker[Session]:
    return (app or current_app).extensions[EXTENSION_KEY]


def db_session() -> Session:
    """The session of the current request (or app context); closed when the context ends."""
    if "web_db_session" not in g:
        g.web_db_session = session_factory()()
    return g.web_db_session


def _close_session(_exc: BaseException | None) -> None:
    session: Session | None = g.pop("web_db_session", None)
    if session is not None:
        session.close()
