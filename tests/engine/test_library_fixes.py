"""One test per SpiffWorkflow 3.2.0 pitfall the engine works around (shared/spiffworkflow-primer.md §13)."""
from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from engine import Engine, InvalidState
from engine.state import load_state

LIBRARY = Path(__file__).parent / "fixtures" / "library"


@pytest.fixture
def library_engine(sqlite_url, clock):
    def failing(_ctx, amount, score):
        raise ValueError(f"bad amount {amount}")

    engine = Engine(sqlite_url, clock=clock, handlers={"test.lookup": failing})
    engine.create_schema()
    engine.deploy([LIBRARY, Path(__file__).parent / "fixtures" / "engine" / "approval.bpmn"])
    yield engine
    engine.close()


def test_depth_limit_stall_becomes_an_incident_not_a_silent_completion(library_engine):
    """§13.1: past task-tree depth 1000 the library stops and reports completion; we refuse that."""
    short = library_engine.start("gateway_loop", {"i": 0, "limit": 10})
    assert library_engine.instance(short).status == "completed"
    deep = library_engine.start("gateway_loop", {"i": 0, "limit": 600})
    info = library_engine.instance(deep)
    assert info.status == "active" and info.has_incident
    [incident] = library_engine.incidents(deep)
    assert incident.error_type == "DepthLimit" and incident.status == "waiting_admin"


def test_service_errors_keep_their_own_type_and_message(library_engine):
    """§13.12 and §13.15: call_service's error path raised NameError('script') and dropped the cause."""
    instance_id = library_engine.start("approval", {"amount": 3})
    [incident] = library_engine.incidents(instance_id)
    assert incident.error_type == "ValueError"
    assert "bad amount 3" in incident.error and "script" not in incident.error.split("(caused by")[0].lower()


def test_state_with_live_subprocess_round_trips_and_foreign_formats_are_refused(library_engine):
    """§13.13: library migrations crash on workflows with sub-processes; our own format never migrates."""
    instance_id = library_engine.start("call_and_wait", {})
    [task] = library_engine.tasks(instance_id=instance_id)
    assert task.element_id == "k_ask" and task.candidate_group == "czn"
    library_engine.complete(task.id, {"answer": 42}, actor="a")
    assert library_engine.instance(instance_id).status == "completed"
    foreign = zlib.compress(json.dumps({"serializer_version": "1.3", "tasks": {}}).encode())
    with pytest.raises(InvalidState, match="unknown format"):
        load_state(foreign, None, {})


def test_multi_instance_cardinality_with_an_existing_output(library_engine):
    """§13.14: loopCardinality with an existing output collection hit an undefined name `data_ouput`."""
    instance_id = library_engine.start("cardinality", {"squares": []})
    info = library_engine.instance(instance_id)
    assert info.status == "completed", library_engine.incidents(instance_id)
    assert info.data["squares"] == [7, 7, 7]
