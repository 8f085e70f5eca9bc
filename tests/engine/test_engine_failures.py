"""Handler failures, retries, BPMN errors, sandbox violations, crashes mid-step and the depth guard."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engine import InvalidState
from engine.store.models import AuditEvent, HumanTask, Outbox


def test_bpmn_error_from_a_handler_takes_the_error_boundary(engine, lookups):
    instance_id = engine.start("approval", {"amount": -1}, business_key="y")
    info = engine.instance(instance_id)
    assert info.status == "completed"
    assert engine.executed_path(instance_id).completed.get("end_not_found") == 1
    assert not info.has_incident
    assert "error_thrown" in [e.kind for e in engine.audit_events(instance_id)]


def test_handler_exception_rolls_back_its_writes_and_opens_an_incident(engine, lookups, clock):
    lookups.fail_times, lookups.emit = 1, True
    instance_id = engine.start("approval", {"amount": 20}, business_key="y")
    info = engine.instance(instance_id)
    assert info.has_incident and info.status == "active"
    [incident] = engine.incidents(instance_id)
    assert incident.operation == "test.lookup" and incident.attempts == 1
    assert "ConnectionError" in incident.error and incident.next_retry_at == clock.now() + timedelta(seconds=30)
    with engine.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Outbox)) == 0, "handler writes rolled back"
    assert engine.tasks() == []
    clock.advance(timedelta(seconds=31))
    assert engine.run_due().retried_incidents
    info = engine.instance(instance_id)
    assert not info.has_incident
    assert engine.incidents(instance_id)[0].status == "resolved"
    assert len(engine.tasks(instance_id=instance_id)) == 1
    with engine.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Outbox)) == 1


def test_retries_back_off_then_wait_for_an_admin(engine, lookups, clock):
    lookups.fail_times = 100
    instance_id = engine.start("approval", {"amount": 20}, business_key="y")
    waits = []
    for _ in range(6):
        [incident] = engine.incidents(instance_id)
        if incident.next_retry_at is None:
            break
        waits.append(incident.next_retry_at - clock.now())
        clock.set(incident.next_retry_at + timedelta(seconds=1))
        engine.run_due()
    assert waits == [timedelta(seconds=30 * 2 ** k) for k in range(4)]
    [incident] = engine.incidents(instance_id)
    assert (incident.status, incident.attempts) == ("waiting_admin", 5)
    lookups.fail_times = 0
    engine.retry(incident.id, actor="admin")
    assert engine.incidents(instance_id)[0].status == "resolved"
    with pytest.raises(InvalidState):
        engine.retry(incident.id, actor="admin")


def test_runaway_script_is_stopped_by_the_sandbox_and_waits_for_an_admin(engine):
    instance_id = engine.start("escape", {})
    [incident] = engine.incidents(instance_id)
    assert incident.status == "waiting_admin"
    assert "time budget" in incident.error
    assert engine.instance(instance_id).status == "active"


def test_crash_in_the_middle_of_a_step_leaves_the_previous_state(engine, monkeypatch):
    instance_id = engine.start("approval", {"amount": 20}, business_key="y")
    [task] = engine.tasks()
    before = len(engine.audit_events(instance_id))

    def crash(_wf):
        raise RuntimeError("power cut")

    monkeypatch.setattr("engine.persist.dump_state", crash)
    with pytest.raises(RuntimeError):
        engine.complete(task.id, {"decision": "x"}, actor="a")
    monkeypatch.undo()
    assert len(engine.audit_events(instance_id)) == before
    with engine.db.read() as session:
        assert session.get(HumanTask, task.id).status == "open"
        assert session.scalar(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.kind == "task_completed")) == 0
    engine.complete(task.id, {"decision": "x"}, actor="a")
    assert engine.instance(instance_id).status == "completed"

