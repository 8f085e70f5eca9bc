"""Shared event helpers."""
from __future__ import annotations

from datetime import UTC, date, datetime

from handlers.events import event_start


def test_event_start_is_eleven_in_moscow_on_a_weekday():
    assert event_start(date(2026, 10, 7)) == datetime(2026, 10, 7, 8, 0, tzinfo=UTC)
    assert event_start(date(2026, 10, 10)) == datetime(2026, 10, 12, 8, 0, tzinfo=UTC), "Saturday → Monday"
    assert event_start(date(2026, 10, 11)) == datetime(2026, 10, 12, 8, 0, tzinfo=UTC), "Sunday → Monday"
