"""Shared fixtures: a fresh database per test (SQLite file), and the same on PostgreSQL when
PROFROUTE_TEST_DATABASE_URL is set (tests parametrised over `database_url` run on both; without it the
PostgreSQL variants are reported as skipped).

A database whose schema a fixture builds the same way for every test is built once per test process (xdist
worker) as a template, and each test gets a copy: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on
PostgreSQL (see `DatabaseTemplates`)."""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

PG_URL = os.environ.get("PROFROUTE_TEST_DATABASE_URL")
NO_POSTGRES = "PostgreSQL not configured: set PROFROUTE_TEST_DATABASE_URL"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason=NO_POSTGRES))]
RAM_DISK = Path("/dev/shm")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def pytest_configure(config):
    """Temporary folders (and so every SQLite test database) on the RAM file system when there is one: a
    throw-away database needs no fsync, and on a shared disk the fsyncs of migrations cost seconds a test."""
    if config.option.basetemp is None and "TMPDIR" not in os.environ and os.access(RAM_DISK, os.W_OK):
        tempfile.tempdir = str(RAM_DISK)


class Dropper:
    """Drops the tests' PostgreSQL databases in a background thread: a drop waits for the server to forget the
    database's files (seconds when the disk is busy), and nothing in the next test needs it gone."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drop-database")
        self.pending: list[Future] = []

    def drop(self, admin: Engine, name: str) -> None:
        self.pending.append(self.pool.submit(_drop, admin, name))

    def wait(self) -> None:
        """Every drop done; the first failure raised."""
        pending, self.pending = self.pending, []
        for future in pending:
            future.result()


def _drop(admin: Engine, name: str) -> None:
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


DROPPER = Dropper()


def _fresh_postgres_database(template: str | None = None) -> tuple[str, Callable[[], None]]:
    base = make_url(PG_URL)
    name = f"profroute_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    return base.set(database=name).render_as_string(hide_password=False), lambda: DROPPER.drop(admin, name)


def _disconnect_everyone(name: str) -> None:
    """Close what a build left connected (a pool not disposed), since a template must have nobody connected."""
    admin = create_engine(make_url(PG_URL), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                     {"name": name})


@pytest.fixture(scope="session", autouse=True)
def _drop_databases_at_the_end():
    yield
    DROPPER.wait()


class DatabaseTemplates:
    """Templates built on first use, one per (backend, key), kept for the test process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[tuple[str, str], str] = {}
        self.drops: list[Callable[[], None]] = []

    def template(self, backend: str, key: str, build: Callable[[str], object]) -> str:
        """The template's SQLite path or PostgreSQL database name."""
        if (backend, key) not in self.built:
            if backend == "sqlite":
                path = self.folder / f"{key}.sqlite"
                build(f"sqlite:///{path}")
                with closing(sqlite3.connect(path)) as conn:  # what a connection left open wrote to the WAL file
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.built[backend, key] = str(path)
            else:
                url, drop = _fresh_postgres_database()
                build(url)
                self.drops.append(drop)
                name = make_url(url).database
                _disconnect_everyone(name)
                self.built[backend, key] = name
        return self.built[backend, key]

    def copy(self, backend: str, key: str, build: Callable[[str], object],
             sqlite_path: Path) -> tuple[str, Callable[[], None] | None]:
        """(url, drop) of a new database with the template's content."""
        template = self.template(backend, key, build)
        if backend == "sqlite":
            shutil.copyfile(template, sqlite_path)
            return f"sqlite:///{sqlite_path}", None
        return _fresh_postgres_database(template)


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory):
    templates = DatabaseTemplates(tmp_path_factory.mktemp("templates"))
    yield templates
    for drop in templates.drops:
        drop()
    DROPPER.wait()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """"sqlite", and "postgresql" when configured."""
    return request.param


@pytest.fixture
def database_url(backend, tmp_path):
    """A URL to an empty database; SQLite always, PostgreSQL too when configured."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'profroute.sqlite'}"
        return
    url, drop = _fresh_postgres_database()
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def database_from(backend, database_templates, tmp_path):
    """`database_from(key, build)` -> the URL of a database for this test holding what `build(url)` writes into an
    empty one (built once per test process and backend, then copied); dropped after the test."""
    drops = []

    def make(key: str, build: Callable[[str], object]) -> str:
        url, drop = database_templates.copy(backend, key, build, tmp_path / f"{key}-{len(drops)}.sqlite")
        drops.append(drop)
        return url

    yield make
    for drop in drops:
        if drop is not None:
            drop()


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium, started once per test process (Playwright drives it, never downloads one);
    each test opens its own context in it, with cookies and storage of its own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def sqlite_url(tmp_path):
    """SQLite only, for tests whose subject is not the database."""
    return f"sqlite:///{tmp_path / 'profroute.sqlite'}"


@pytest.fixture(scope="session")
def living_demo(tmp_path_factory):
    """The demo `make run` seeds, once per session (tests/living_demo.py); mark its tests `living_demo.GROUP`."""
    from tests.living_demo import seed

    return seed(tmp_path_factory)
