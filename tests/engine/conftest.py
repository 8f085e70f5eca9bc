from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from engine import Engine, ManualClock
from engine.search import SearchAttribute

FIXTURES = Path(__file__).parent / "fixtures" / "engine"


class NotFoundError(Exception):
    bpmn_error_code = "NOT_FOUND"


class Lookups:
    """A test handler with switchable behaviour, recording its calls."""

    def __init__(self):
        self.calls: list[tuple[int, int]] = []
        self.fail_times = 0
        self.emit = False

    def __call__(self, ctx, amount, score):
        self.calls.append((amount, score))
        if self.emit:
            ctx.emit("ecp", "profile_update", {"amount": amount})
        if amount < 0:
            raise NotFoundError(f"nothing for amount {amount}")
        if self.fail_times > 0:
            self.fail_times -= 1
            raise ConnectionError("registry is down")
        return {"ok": amount > 10, "score": score}


@pytest.fixture
def clock():
    return ManualClock(datetime(2026, 9, 1, 6, 0, tzinfo=UTC))


@pytest.fixture
def lookups():
    return Lookups()


@pytest.fixture(params=["warm", "cold"])
def cold(request) -> bool:
    """Every engine test runs warm (workflows and parsed specs kept in memory between steps, as a long-running
    process does) and cold (nothing kept: a restart between any two steps must change nothing)."""
    return request.param == "cold"


TEST_ATTRIBUTES = (SearchAttribute("person", ("youth_name", "person.name"), search=True),
                   SearchAttribute("office", ("org.czn",)))
"""The fixtures' search attributes: a person's name (searched) and the office of the route."""


@pytest.fixture
def make_engine(database_url, clock, lookups, cold):
    engines = []

    def make(schema: bool = True, deploy: bool = True) -> Engine:
        engine = Engine(database_url, clock=clock, handlers={"test.lookup": lookups}, cold=cold,
                        search_attributes=TEST_ATTRIBUTES)
        if schema:
            engine.create_schema()
        if deploy:
            engine.deploy([FIXTURES])
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()


@pytest.fixture
def engine(make_engine):
    return make_engine()
