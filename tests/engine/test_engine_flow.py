"""Start, human tasks, service tasks, gateways, milestones and the audit trail through the facade."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from engine import Conflict, InvalidState, NotFound, ValidationError
from engine.chain import GENESIS, event_hash


def start_approval(engine, amount=20, key="youth-1"):
    return engine.start("approval", {"amount": amount, "youth_name": "Иванова Анна"}, business_key=key,
                        org={"czn": "czn-1"})


def test_start_runs_to_the_human_task_and_projects_it(engine, lookups):
    instance_id = start_approval(engine)
    info = engine.instance(instance_id)
    assert info.status == "active"
    assert info.data["score"] == 40 and info.data["lookup_result"] == {"ok": True, "score": 40}
    assert lookups.calls == [(20, 40)]
    [task] = engine.tasks(candidate_group="czn", org_scope="czn-1")
    assert (task.element_id, task.form_key, task.priority, task.name) == ("review", "review", 2, "Рассмотрение")
    assert task.due_at == task.created_at + timedelta(days=2)
    assert task.attributes == {"person": "Иванова Анна", "office": "czn-1"}
    assert engine.tasks(org_scope="czn-2") == []


def test_gateway_default_branch_ends_without_a_task(engine):
    instance_id = start_approval(engine, amount=5)
    assert engine.instance(instance_id).status == "completed"
    assert engine.tasks(instance_id=instance_id, status="any") == []


def test_complete_moves_on_sets_the_stage_and_records_who(engine):
    instance_id = start_approval(engine)
    [task] = engine.tasks(instance_id=instance_id)
    engine.claim(task.id, "ivanova")
    result = engine.complete(task.id, {"decision": "approve"}, actor="ivanova")
    assert result.status == "completed"
    info = engine.instance(instance_id)
    assert info.milestone == "Одобрено"
    assert info.data["decision"] == "approve"
    done = engine.task(task.id)
    assert (done.status, done.completed_by) == ("completed", "ivanova")


def test_task_data_and_instructions_for_the_form(engine):
    start_approval(engine)
    [task] = engine.tasks()
    full = engine.task(task.id)
    assert full.data["amount"] == 20
    assert "youth_name" in full.instructions


def test_completing_twice_is_a_conflict(engine):
    start_approval(engine)
    [task] = engine.tasks()
    engine.complete(task.id, {}, actor="a")
    with pytest.raises(Conflict):
        engine.complete(task.id, {}, actor="b")


def test_claim_rules(engine):
    start_approval(engine)
    [task] = engine.tasks()
    engine.claim(task.id, "alice")
    with pytest.raises(Conflict):
        engine.claim(task.id, "bob")
    with pytest.raises(Conflict):
        engine.complete(task.id, {}, actor="bob")
    assert engine.tasks(assignee="alice")[0].id == task.id
    engine.assign(task.id, "bob", actor="alice")
    assert engine.task(task.id).assignee == "bob"
    engine.unclaim(task.id, "bob")
    assert engine.tasks(unassigned=True)[0].id == task.id


def test_bad_input_is_rejected_without_side_effects(engine):
    with pytest.raises(NotFound):
        engine.start("no_such_process")
    with pytest.raises(NotFound):
        engine.complete("00000000-0000-0000-0000-000000000000", {}, actor="x")
    with pytest.raises(ValidationError):
        engine.start("approval", data=["not", "a", "dict"])
    with pytest.raises(ValidationError):
        engine.tasks(order="sideways")
    with pytest.raises(InvalidState):
        engine.start("ponger")  # message-start process
    assert engine.instances() == []


def test_inbox_filters_order_and_count(engine, clock):
    for index, name in enumerate(["Петров Пётр", "Сидорова Мария", "Петрова Ольга"]):
        engine.start("approval", {"amount": 20, "youth_name": name}, business_key=f"y{index}", org={"czn": "c"})
        clock.advance(timedelta(minutes=1))
    assert engine.count_tasks(org_scope="c") == 3
    assert [t.attributes["person"] for t in engine.tasks(text="петров")] == ["Петров Пётр", "Петрова Ольга"]
    assert [t.attributes["person"] for t in engine.tasks(order="-created")][0] == "Петрова Ольга"
    assert len(engine.tasks(limit=2, offset=2)) == 1
    assert engine.count_tasks(process_key="approval", priority=2) == 3
    assert [engine.count_tasks(org_scope="c", cap=cap) for cap in (0, 1, 2, 3, 10)] == [1, 2, 3, 3, 3]
    assert engine.count_tasks(text="петров", cap=1) == 2  # "more than one"
    with pytest.raises(ValidationError):
        engine.count_tasks(cap=-1)
    filter_sets = [{"org_scope": "c"}, {"text": "петров"}, {"text": "сидорова"}, {"org_scope": "elsewhere"}]
    each = engine.count_tasks_each(1, filter_sets)
    assert each == [engine.count_tasks(cap=1, **filters) for filters in filter_sets] == [2, 2, 1, 0]
    assert engine.count_tasks_each(10, []) == []
    with pytest.raises(ValidationError):
        engine.count_tasks_each(-1, filter_sets)


def test_audit_chain_is_complete_and_verifiable(engine):
    instance_id = start_approval(engine)
    [task] = engine.tasks()
    engine.complete(task.id, {"decision": "approve"}, actor="ivanova")
    events = engine.audit_events(instance_id)
    kinds = [e.kind for e in events]
    assert kinds[0] == "instance_started" and kinds[-1] == "instance_completed"
    assert {"service_called", "task_opened", "task_completed", "step"} <= set(kinds)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    previous = GENESIS
    for event in events:
        fields = {"instance_id": event.instance_id, "seq": event.seq, "kind": event.kind, "at": event.at,
                  "actor": event.actor, "element_id": event.element_id, "task_id": event.task_id,
                  "payload": event.payload}
        assert event.prev_hash == previous
        assert event.hash == event_hash(previous, fields)
        previous = event.hash
    completed = next(e for e in events if e.kind == "task_completed")
    assert completed.actor == "ivanova" and completed.payload["data"] == {"decision": "approve"}


def test_executed_path_counts_elements_and_flows(engine):
    instance_id = start_approval(engine)
    [task] = engine.tasks()
    engine.complete(task.id, {}, actor="a")
    path = engine.executed_path(instance_id)
    assert path.completed["review"] == 1 and path.completed["end_done"] == 1
    assert path.flows["f5"] == 1 and "f_reject" not in path.flows
    assert path.active == set()


def test_identical_redeploy_is_a_no_op_and_changes_make_versions(engine, tmp_path):
    again = engine.deploy([Path(__file__).parent / "fixtures" / "engine"])
    assert again.unchanged
    old_instance = start_approval(engine)
    source = (Path(__file__).parent / "fixtures" / "engine" / "approval.bpmn").read_text(encoding="utf-8")
    changed = tmp_path / "approval.bpmn"
    changed.write_text(source.replace('name="Рассмотрение"', 'name="Рассмотрение заявки"'), encoding="utf-8")
    result = engine.deploy([changed])
    assert [(d.key, d.version) for d in result.created] == [("approval", 2)]
    new_instance = start_approval(engine, key="youth-2")
    assert engine.instance(old_instance).version == 1
    assert engine.instance(new_instance).version == 2
    names = {t.instance_id: t.name for t in engine.tasks()}
    assert names == {old_instance: "Рассмотрение", new_instance: "Рассмотрение заявки"}
    for task in engine.tasks():
        engine.complete(task.id, {}, actor="a")
    assert engine.instance(old_instance).status == engine.instance(new_instance).status == "completed"


def test_call_activity_runs_the_called_process_and_keeps_state_small(engine):
    instance_id = engine.start("caller", {"value": 21})
    info = engine.instance(instance_id)
    assert info.status == "completed"
    assert info.data["total"] == 43


def test_cancel_suspend_resume(engine):
    instance_id = start_approval(engine)
    engine.suspend(instance_id, "admin", "проверка")
    [task] = engine.tasks()
    with pytest.raises(InvalidState):
        engine.complete(task.id, {}, actor="a")
    engine.resume(instance_id, "admin")
    engine.cancel(instance_id, "admin", "ошибочный запуск")
    assert engine.instance(instance_id).status == "cancelled"
    assert engine.tasks() == []
    assert engine.timers(instance_id) == []
    with pytest.raises(InvalidState):
        engine.cancel(instance_id, "admin")


def test_comments_and_task_dates(engine, clock):
    start_approval(engine)
    [task] = engine.tasks()
    engine.add_comment(task.id, "alice", "Позвонить родителям")
    with pytest.raises(ValidationError):
        engine.add_comment(task.id, "alice", "   ")
    assert [c.text for c in engine.comments(task.id)] == ["Позвонить родителям"]
    due = clock.now() + timedelta(days=1)
    changed = engine.set_task_dates(task.id, "alice", due_at=due, priority=1)
    assert (changed.due_at, changed.priority) == (due, 1)
    with pytest.raises(ValidationError):
        engine.set_task_dates(task.id, "alice", priority=9)


def test_scripts_see_the_engine_clock(engine, clock, tmp_path):
    (tmp_path / "clock.bpmn").write_text("""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://t">
  <bpmn:process id="clock_check" isExecutable="true">
    <bpmn:startEvent id="c0"><bpmn:outgoing>c1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="stamp"><bpmn:incoming>c1</bpmn:incoming><bpmn:outgoing>c2</bpmn:outgoing>
      <bpmn:script>stamped = now().isoformat()</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="c9"><bpmn:incoming>c2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="c1" sourceRef="c0" targetRef="stamp"/>
    <bpmn:sequenceFlow id="c2" sourceRef="stamp" targetRef="c9"/>
  </bpmn:process>
</bpmn:definitions>""", encoding="utf-8")
    engine.deploy([tmp_path / "clock.bpmn"])
    clock.advance(timedelta(days=400))
    instance_id = engine.start("clock_check")
    assert engine.instance(instance_id).data["stamped"] == clock.now().isoformat()


def test_executed_path_shows_the_flow_into_a_waiting_task(engine):
    instance_id = start_approval(engine)
    path = engine.executed_path(instance_id)
    assert path.active >= {"review"}
    assert path.flows["f4"] == 1, "the flow that led to the waiting review task is taken"


def test_element_index_names_kinds_lanes_and_declared_milestones(engine):
    [definition] = engine.definitions("approval")
    index = engine.element_index(definition.id)
    assert index.milestones == {"approved_milestone"}
    assert index.name("approved_milestone") == "Одобрено" and index.names["approval"] == "Согласование"
    assert {"czn", "youth"} <= index.lanes
    assert index.kinds["approved_milestone"] == "intermediateThrowEvent"
    assert index.processes["approved_milestone"] == "approval"
    assert engine.element_index(definition.id) is index, "a definition version is read once"
