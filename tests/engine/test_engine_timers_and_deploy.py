"""Date and cycle timers on the moved clock; a rejected bundle stores nothing."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from engine import DeployError

FIXTURES = Path(__file__).parent / "fixtures"


def test_date_timer_then_weekly_cycle_reminders(engine, clock):
    engine.deploy([FIXTURES / "cycles"])
    clock.set(datetime(2026, 8, 20, 6, 0, tzinfo=UTC))
    instance_id = engine.start("reminders", {}, org={"school": "school-001"})
    [(_, element, due)] = engine.timers(instance_id)
    assert (element, due) == ("r_wait_date", datetime(2026, 9, 1, 6, 0, tzinfo=UTC))
    clock.set(datetime(2026, 9, 1, 6, 1, tzinfo=UTC))
    engine.run_due()
    [task] = engine.tasks(instance_id=instance_id)
    assert (task.candidate_group, task.org_scope) == ("school", "school-001")
    for _week in range(4):
        clock.advance(timedelta(weeks=1, minutes=1))
        engine.run_due()
    assert engine.executed_path(instance_id).completed["r_note"] == 3, "R3: exactly three reminders"
    assert engine.timers(instance_id) == []
    engine.complete(task.id, {}, actor="navigator")
    assert engine.instance(instance_id).status == "completed"


def test_a_rejected_bundle_stores_nothing(engine):
    before = engine.definitions()
    with pytest.raises(DeployError, match="xxe.bpmn"):
        engine.deploy([FIXTURES / "cycles", FIXTURES / "bad" / "xxe.bpmn"])
    assert engine.definitions() == before


def test_unregistered_operation_is_named(engine, database_url, clock):
    from engine import Engine

    bare = Engine(database_url, clock=clock, handlers={})
    try:
        with pytest.raises(DeployError, match="test.lookup"):
            bare.deploy([FIXTURES / "engine" / "approval.bpmn"])
    finally:
        bare.close()
