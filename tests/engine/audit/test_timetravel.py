"""Time travel: the state of an instance as of any event, rebuilt from its log."""
from __future__ import annotations

import pytest

from engine.audit.diff import data_changes
from engine.audit.timetravel import state_at, states

from .conftest import run_approvals


def flows_of(engine, instance_id):
    return engine.element_index(engine.instance(instance_id).definition_id).flows


def test_state_after_every_event_matches_the_log(engine, clock):
    ids = run_approvals(engine, clock)
    events = engine.audit_events(ids["approved"])
    flows = flows_of(engine, ids["approved"])
    history = list(states(events, flows))
    assert [s.seq for s in history] == [e.seq for e in events]
    started = history[0]
    assert (started.kind, started.status, started.data["amount"]) == ("instance_started", "active", 20)

    first_step = next(s for s in history if s.kind == "step")
    assert first_step.data["score"] == 40
    assert "review" in first_step.active
    assert first_step.flows.get("f4") == 1, "the flow into the waiting task shows as taken"
    [task] = first_step.open_tasks
    assert (task.element_id, task.name, task.assignee) == ("review", "Рассмотрение", None)

    claimed = next(s for s in history if s.kind == "claimed")
    assert claimed.open_tasks[0].assignee == "ivanova"
    completed = next(s for s in history if s.kind == "task_completed")
    assert completed.open_tasks == (), "the completed form closes the task"

    final = history[-1]
    assert final.status == "completed" and final.active == () and final.open_tasks == ()
    assert final.data["decision"] == "approve"
    path = engine.executed_path(ids["approved"])
    assert final.completed == path.completed
    assert final.flows == path.flows


def test_state_at_a_given_event_and_unknown_event(engine, clock):
    ids = run_approvals(engine, clock)
    events = engine.audit_events(ids["waiting"])
    flows = flows_of(engine, ids["waiting"])
    last = events[-1].seq
    state = state_at(events, last, flows)
    assert state.status == "active"
    assert [t.element_id for t in state.open_tasks] == [t.element_id for t in engine.tasks(instance_id=ids["waiting"])]
    assert state_at(events, 1, flows).completed == {}
    with pytest.raises(ValueError, match="no event 999"):
        state_at(events, 999, flows)


def test_cancelled_and_timed_out_instances_have_no_open_tasks(engine, clock):
    ids = run_approvals(engine, clock)
    events = engine.audit_events(ids["timed_out"])
    final = state_at(events, events[-1].seq, flows_of(engine, ids["timed_out"]))
    assert final.status == "completed" and final.open_tasks == ()
    assert final.completed.get("timeout") == 1


def test_data_changes_are_leaf_level():
    before = {"amount": 20, "youth": {"name": "Анна", "school": "s1"}, "tags": [1]}
    after = {"amount": 25, "youth": {"name": "Анна"}, "tags": [1, 2], "decision": "approve"}
    changes = {(c.path, c.op, repr(c.before), repr(c.after)) for c in data_changes(before, after)}
    assert changes == {("amount", "changed", "20", "25"), ("youth.school", "removed", "'s1'", "None"),
                       ("tags", "changed", "[1]", "[1, 2]"), ("decision", "added", "None", "'approve'")}
    assert data_changes({"a": 1}, {"a": 1}) == []
    assert data_changes({"a": 1}, {"a": 1.0})[0].op == "changed", "a type change is a change"
