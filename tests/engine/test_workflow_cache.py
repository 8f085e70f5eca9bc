"""Workflows kept in memory between steps: used only for the stored state they were committed with, never
shared by two steps, and giving the same outcome as a workflow rebuilt from the stored state."""
from __future__ import annotations

from datetime import timedelta

import pytest

import engine.executor
from engine import Engine
from engine.state import load_state


@pytest.fixture
def cold() -> bool:
    """The cache's own subject is the warm engine (a cold one keeps nothing)."""
    return False


@pytest.fixture
def loads(monkeypatch):
    """How often a step or a task read rebuilt a workflow from its stored state."""
    counted = {"n": 0}

    def counting(*args, **kwargs):
        counted["n"] += 1
        return load_state(*args, **kwargs)

    monkeypatch.setattr(engine.executor, "load_state", counting)  # task reads rebuild through the executor too
    return counted


def _walk(engine_, clock, key):
    """Start, let the reminder fire, read the task and complete it: four commands on one instance."""
    instance_id = engine_.start("approval", {"amount": 20}, business_key=key, org={"czn": "czn-1"})
    clock.advance(timedelta(minutes=61))
    assert engine_.run_due().fired_timers
    [task] = engine_.tasks(instance_id=instance_id)
    shown = engine_.task(task.id)
    engine_.complete(task.id, {"decision": "approve"}, actor="a")
    return instance_id, shown


def _outcome(engine_, instance_id):
    info = engine_.instance(instance_id)
    kinds = [(event.kind, event.element_id) for event in engine_.audit_events(instance_id)]
    return info.status, info.milestone, info.data, kinds


def test_consecutive_steps_reuse_the_workflow_and_match_a_rebuilt_one(make_engine, database_url, clock, lookups,
                                                                         loads):
    cached = make_engine()
    cached_id, cached_task = _walk(cached, clock, "y-cached")
    assert loads["n"] == 0

    rebuilding = Engine(database_url, clock=clock, handlers={"test.lookup": lookups}, workflow_cache=0)
    try:
        rebuilt_id, rebuilt_task = _walk(rebuilding, clock, "y-rebuilt")
        assert loads["n"] == 3  # the timer, the task read and the completion each rebuilt the workflow
        assert cached_task.data == rebuilt_task.data
        assert _outcome(cached, cached_id) == _outcome(rebuilding, rebuilt_id)
        assert _outcome(cached, cached_id)[0] == "completed"
    finally:
        rebuilding.close()


def test_a_step_elsewhere_makes_the_kept_workflow_stale(make_engine, database_url, clock, lookups, loads):
    first = make_engine()
    instance_id = first.start("approval", {"amount": 20}, org={"czn": "czn-1"})
    other = Engine(database_url, clock=clock, handlers={"test.lookup": lookups})
    try:
        clock.advance(timedelta(minutes=61))
        other.run_due()  # another process moves the instance on: the first engine's copy is now stale
        assert loads["n"] == 1
        [task] = first.tasks(instance_id=instance_id)
        first.complete(task.id, {"decision": "approve"}, actor="a")
        assert loads["n"] == 2
        kinds = [event.kind for event in first.audit_events(instance_id)]
        assert kinds.count("timer_fired") <= 1 and first.instance(instance_id).status == "completed"
    finally:
        other.close()


def test_a_failed_step_leaves_nothing_behind(make_engine, clock, loads, monkeypatch):
    engine_ = make_engine()
    instance_id = engine_.start("approval", {"amount": 20}, org={"czn": "czn-1"})
    [task] = engine_.tasks(instance_id=instance_id)

    def crash(_workflow):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr("engine.persist.dump_state", crash)
        with pytest.raises(OSError, match="disk full"):
            engine_.complete(task.id, {"decision": "approve"}, actor="a")
    assert loads["n"] == 0  # the failed step had worked on the kept workflow: it must not come back
    engine_.complete(task.id, {"decision": "approve"}, actor="a")
    assert loads["n"] == 1
    assert engine_.instance(instance_id).status == "completed"


def test_an_audit_write_outside_a_step_keeps_the_workflow(make_engine, clock, loads):
    """An audit event written outside a step (here an auditor's view; the outbox's sends likewise) bumps the
    instance's version but not its state: the kept workflow is still the stored one."""
    engine_ = make_engine()
    instance_id = engine_.start("approval", {"amount": 20}, org={"czn": "czn-1"})
    engine_.log_audit_view(instance_id, "auditor", "route")
    [task] = engine_.tasks(instance_id=instance_id)
    engine_.task(task.id)
    engine_.complete(task.id, {"decision": "approve"}, actor="a")
    assert loads["n"] == 0
    assert engine_.instance(instance_id).status == "completed"
    assert engine_.verify(instance_id).ok
