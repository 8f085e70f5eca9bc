"""Time for the engine: real in production, moved by tests and simulations.

SpiffWorkflow's timer definitions read `datetime.now(timezone.utc)` from their own module; while an engine
step runs, `clock_scope` makes that module see the engine's clock instead (per thread/context)."""
from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Protocol

from SpiffWorkflow.bpmn.specs.event_definitions import timer as spiff_timer


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to; thread-safe."""

    def __init__(self, start: datetime | None = None):
        start = start or datetime(2026, 9, 1, 6, 0, tzinfo=UTC)
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start")
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            self._now += delta
            return self._now

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("ManualClock.set needs a timezone-aware datetime")
        with self._lock:
            self._now = when


_current: contextvars.ContextVar[Clock | None] = contextvars.ContextVar("profroute_clock", default=None)


class _ClockedDatetime(datetime):
    """Stand-in for `datetime` inside SpiffWorkflow's timer module: `now()` asks the active engine clock."""

    @classmethod
    def now(cls, tz=None):  # noqa: D102 - same contract as datetime.now
        clock = _current.get()
        moment = clock.now() if clock is not None else datetime.now(UTC)
        return moment.astimezone(tz) if tz is not None else moment.astimezone().replace(tzinfo=None)


spiff_timer.datetime = _ClockedDatetime


@contextmanager
def clock_scope(clock: Clock) -> Iterator[None]:
    token = _current.set(clock)
    try:
        yield
    finally:
        _current.reset(token)


def parse_duration(text: str) -> timedelta:
    """An ISO 8601 duration (`P3D`, `PT4H`, `P1W`) as a timedelta; months and years are not accepted here."""
    parsed = spiff_timer.TimerEventDefinition.parse_iso_duration(text)
    if parsed.get("years") or parsed.get("months"):
        raise ValueError(f"duration {text!r}: months and years are not allowed for task dates")
    return timedelta(weeks=parsed.get("weeks", 0), days=parsed.get("days", 0), hours=parsed.get("hours", 0),
                     minutes=parsed.get("minutes", 0), seconds=parsed.get("seconds", 0))


class FixedClock:
    """A clock stopped at one moment (a worker round run 'as of' a given time, a replayed step)."""

    def __init__(self, moment: datetime):
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware moment")
        self.moment = moment

    def now(self) -> datetime:
        return self.moment
