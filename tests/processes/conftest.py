"""Fixtures for driving processes/ on the engine. The helper modules beside this file (`process_driver`,
`process_fakes`) are made importable for the test modules here (pytest runs with --import-mode=importlib)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from process_driver import Autopilot, DiagramFacts, bpmn_files, new_engine  # noqa: E402
from process_fakes import FakeHandlers  # noqa: E402


@pytest.fixture(scope="session")
def facts() -> DiagramFacts:
    return DiagramFacts.read(bpmn_files())


@pytest.fixture
def world(sqlite_url):
    """`world(scope, **knobs)` -> (engine, fakes, autopilot) on a fresh database (one per call) with every
    diagram deployed; `knobs` configure the fake handlers."""
    engines = []

    def build(scope: set[str] | None = None, **knobs) -> tuple[object, FakeHandlers, Autopilot]:
        fakes = FakeHandlers(**knobs)
        engine = new_engine(sqlite_url.replace(".sqlite", f"-{len(engines)}.sqlite"), fakes.mapping())
        engines.append(engine)
        return engine, fakes, Autopilot(engine, scope=scope)

    yield build
    for engine in engines:
        engine.close()


@pytest.fixture
def cold_world(database_url):
    """`cold_world(scope, **knobs)` -> (engine, fakes, autopilot) on SQLite and on PostgreSQL, with a cold
    engine: no workflow or parsed spec is kept between steps, as if the process restarted before each one."""
    engines = []

    def build(scope: set[str] | None = None, **knobs) -> tuple[object, FakeHandlers, Autopilot]:
        assert not engines, "one cold world per test (it owns the test's database)"
        fakes = FakeHandlers(**knobs)
        engine = new_engine(database_url, fakes.mapping(), cold=True)
        engines.append(engine)
        return engine, fakes, Autopilot(engine, scope=scope)

    yield build
    for engine in engines:
        engine.close()
