"""The compact state format: typed task data survives a round trip byte for byte, and values it cannot hold
are refused with their type."""
from __future__ import annotations

import zlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from uuid import UUID, uuid4

import pytest

from engine import Engine, InvalidState
from engine.records import load_instance
from engine.state import dump_state, find_task, load_state

TYPED = {
    "when": datetime(2026, 9, 1, 9, 30, tzinfo=UTC),
    "day": date(2027, 1, 15),
    "grant": Decimal("12500.50"),
    "ref": UUID("12345678-1234-5678-1234-567812345678"),
    "notice": timedelta(days=14, seconds=3600),
    "nested": {"list": [date(2026, 1, 1), {"at": datetime(2026, 2, 2, tzinfo=UTC)}], "plain": "текст"},
    "typename_lookalike": {"typename": "not-a-type", "value": 1},
}


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def library_engine_with_call(sqlite_url, clock, lookups):
    engine = Engine(sqlite_url, clock=clock, handlers={"test.lookup": lookups})
    engine.create_schema()
    engine.deploy([FIXTURES / "library", FIXTURES / "engine" / "approval.bpmn"])
    yield engine, engine.start("call_and_wait", {})
    engine.close()


def _stored(engine, instance_id):
    with engine.db.read() as session:
        row = load_instance(session.connection(), instance_id, lock=False)
        process = engine._steps.process(session, row.definition_id)
    return load_state(row.state, process.spec, process.subprocess_specs), process


def test_typed_data_round_trips_byte_for_byte(engine):
    instance_id = engine.start("approval", {"amount": 50, "score": 7})
    workflow, process = _stored(engine, instance_id)
    [waiting] = [task for task in workflow.get_tasks() if task.task_spec.manual]
    waiting.data["typed"] = TYPED
    workflow.data["typed_too"] = TYPED

    blob = dump_state(workflow)
    restored = load_state(blob, process.spec, process.subprocess_specs)

    assert restored.get_task_from_id(waiting.id).data["typed"] == TYPED
    assert restored.data["typed_too"] == TYPED
    assert zlib.decompress(dump_state(restored)) == zlib.decompress(blob)
    assert b'"typename":"datetime"' in zlib.decompress(blob)


def test_values_json_cannot_hold_are_refused_with_their_type(engine):
    instance_id = engine.start("approval", {"amount": 50, "score": 7})
    workflow, _ = _stored(engine, instance_id)
    workflow.data["odd"] = {1, 2}
    with pytest.raises(TypeError, match="set values cannot be stored"):
        dump_state(workflow)


def test_a_finished_subprocess_whose_starting_task_is_gone_is_dropped(library_engine_with_call):
    """Cancelling a route removed the task that had started a finished sub-process; the state still saves."""
    engine, instance_id = library_engine_with_call
    workflow, process = _stored(engine, instance_id)
    [(starter_id, subprocess)] = workflow.subprocesses.items()
    subprocess.completed = True
    starter = workflow.tasks.pop(starter_id)
    workflow.tasks[starter._parent]._children.remove(starter_id)
    restored = load_state(dump_state(workflow), process.spec, process.subprocess_specs)
    assert restored.subprocesses == {}


def test_find_task_looks_into_sub_processes_and_answers_none_for_a_missing_task(library_engine_with_call):
    engine, instance_id = library_engine_with_call
    workflow, _ = _stored(engine, instance_id)
    [subprocess] = workflow.subprocesses.values()
    [inner] = [task for task in subprocess.tasks.values() if task.task_spec.manual]
    assert find_task(workflow, inner.id) is inner
    assert find_task(workflow, uuid4()) is None


def test_completing_a_task_missing_from_the_workflow_is_a_clear_error(engine, monkeypatch):
    instance_id = engine.start("approval", {"amount": 20}, org={"czn": "czn-1"})
    [task] = engine.tasks(instance_id=instance_id)
    monkeypatch.setattr("engine.step.find_task", lambda _workflow, _task_id: None)
    with pytest.raises(InvalidState, match="is not a human task"):
        engine.complete(task.id, {"decision": "approve"}, actor="a")
    assert engine.tasks(instance_id=instance_id)[0].id == task.id
