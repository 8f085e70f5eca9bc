"""A restart between two steps changes nothing: a route inside a loop advances when its next step runs in a
process that parsed the diagrams afresh (issue 17)."""
from __future__ import annotations

from pathlib import Path

from engine import Engine
from engine.parsing.schema import _dmn_validator
from engine.sandbox.policy import compile_code

LOOPS = Path(__file__).parent / "fixtures" / "loops"


def _fresh_process(database_url, clock) -> Engine:
    """An engine as a newly started process has it: no parsed spec, no kept workflow, no compiled code."""
    compile_code.cache_clear()
    _dmn_validator.cache_clear()
    return Engine(database_url, clock=clock)


def test_a_sequential_loop_started_in_one_process_runs_to_its_end_from_fresh_ones(database_url, clock):
    first = Engine(database_url, clock=clock)
    first.create_schema()
    first.deploy([LOOPS])
    instance_id = first.start("checkpoints", {"years": [2026, 2027, 2028]}, business_key="y-1")
    first.close()

    completed = []
    for _ in range(4):
        fresh = _fresh_process(database_url, clock)
        try:
            [listed] = fresh.tasks(instance_id=instance_id, status="open")
            task = fresh.task(listed.id)
            if task.element_id == "summary":
                break
            fresh.complete(task.id, {"result": f"year {task.data['year']}"}, actor="curator")
            completed.append(task.id)
        finally:
            fresh.close()

    assert len(completed) == 3 and task.element_id == "summary"
    last = _fresh_process(database_url, clock)
    try:
        assert last.instance(instance_id).data["results"] == ["year 2026", "year 2027", "year 2028"]
        last.complete(task.id, {}, actor="curator")
        assert last.instance(instance_id).status == "completed"
    finally:
        last.close()
