"""The sandbox inside real SpiffWorkflow runs: script tasks, gateway conditions, DMN cells and service-task
parameters evaluated by the script engine `engine.sandbox.make_script_engine` builds."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState

from engine.errors import SandboxError
from engine.sandbox import (
    make_script_engine,
)

FIXTURES = Path(__file__).parent / "fixtures" / "sandbox"
SHORT_BUDGET = 0.05


def _workflow(bpmn: str, process_id: str, engine, dmn: str | None = None) -> BpmnWorkflow:
    parser = SpiffBpmnParser(validator=VALIDATOR)
    parser.add_bpmn_str(bpmn.encode(), filename=f"{process_id}.bpmn")
    if dmn is not None:
        parser.add_dmn_str(dmn.encode(), filename="score_band.dmn")
    return BpmnWorkflow(parser.get_spec(process_id), parser.get_subprocess_specs(process_id),
                        script_engine=engine)


class Registry:
    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[tuple[str, str, dict]] = []
        self.error = error

    def __call__(self, task, operation_name, params):
        self.calls.append((task.task_spec.bpmn_id, operation_name, params))
        if self.error is not None:
            raise self.error
        return {"known": True, "youth": params["youth"]}


def _sandbox_flow(engine, dmn: str | None = None) -> BpmnWorkflow:
    bpmn = (FIXTURES / "sandbox_flow.bpmn").read_text()
    dmn = dmn if dmn is not None else (FIXTURES / "score_band.dmn").read_text()
    workflow = _workflow(bpmn, "sandbox_flow", engine, dmn)
    workflow.task_tree.data.update(
        youth_id="y-1", youth_name="Мария", scores=[60, 90, 75], subjects=["история", "биология", "право"])
    return workflow


def _completed_ids(workflow: BpmnWorkflow) -> set[str]:
    return {t.task_spec.bpmn_id for t in workflow.get_tasks(state=TaskState.COMPLETED) if t.task_spec.bpmn_id}


def test_workflow_runs_script_service_dmn_and_gateway_in_the_sandbox():
    registry = Registry()
    workflow = _sandbox_flow(make_script_engine({}, registry))
    workflow.do_engine_steps()
    assert workflow.is_completed()
    assert registry.calls == [("lookup", "registry.lookup", {"youth": "y-1", "average": 75.0})]
    assert workflow.data["found"] == {"known": True, "youth": "y-1"}
    assert workflow.data["band"] == "high"
    assert workflow.data["label"] == "Мария: 75.0"
    assert workflow.data["review_at"] == "2026-10-13T09:00:00+03:00"
    assert "end_high" in _completed_ids(workflow)


def test_dmn_cells_are_evaluated_in_the_sandbox():
    dmn = (FIXTURES / "score_band.dmn").read_text()
    dmn = dmn.replace("<text>&gt;= 70</text>", "<text>? &gt;= 9**9**9</text>")
    workflow = _sandbox_flow(make_script_engine({}, Registry()), dmn)
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert isinstance(caught.value.__cause__, SandboxError)
    assert "power" in str(caught.value.__cause__)


def test_service_failure_is_a_task_exception_not_name_error():
    error = ConnectionError("registry is down")
    workflow = _sandbox_flow(make_script_engine({}, Registry(error)))
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert caught.value.__cause__ is error
    assert "registry.lookup" in str(caught.value) and "registry is down" in str(caught.value)
    assert caught.value.error_type == "ConnectionError"


def test_service_business_error_propagates_unchanged():
    class BusinessError(Exception):
        bpmn_error_code = "youth_not_found"

    error = BusinessError("нет такого")
    workflow = _sandbox_flow(make_script_engine({}, Registry(error)))
    with pytest.raises(BusinessError) as caught:
        workflow.do_engine_steps()
    assert caught.value is error


def test_service_result_must_be_json():
    workflow = _sandbox_flow(make_script_engine({}, lambda task, name, params: {"when": object()}))
    with pytest.raises(WorkflowTaskException, match="not JSON-serialisable"):
        workflow.do_engine_steps()


def _script_workflow(script: str, budget: float = SHORT_BUDGET) -> BpmnWorkflow:
    bpmn = (FIXTURES / "script_only.bpmn").read_text().replace("SCRIPT_PLACEHOLDER", escape(script))
    return _workflow(bpmn, "script_only", make_script_engine({}, Registry(), time_budget=budget))


def test_script_task_escape_fails_as_task_exception_with_sandbox_cause():
    workflow = _script_workflow("leak = ().__class__.__base__.__subclasses__()")
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert isinstance(caught.value.__cause__, SandboxError)
    assert "leak" not in workflow.get_tasks(state=TaskState.ERROR)[0].data


def test_script_task_infinite_loop_stops_at_the_time_budget():
    workflow = _script_workflow("n = 0\nwhile True:\n    n += 1")
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert "time budget" in str(caught.value.__cause__)
    assert caught.value.task.task_spec.bpmn_id == "run"


def test_script_task_error_reports_line_and_suggestion():
    workflow = _script_workflow("a = 1\nb = scroes + 1")
    workflow.task_tree.data["scores"] = 1
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert caught.value.line_number == 2
    assert caught.value.error_line == "b = scroes + 1"
    assert any("scores" in note for note in caught.value.notes)


def test_helpers_from_the_engine_are_visible():
    bpmn = (FIXTURES / "script_only.bpmn").read_text().replace(
        "SCRIPT_PLACEHOLDER", escape("greeting = greet(youth_name)"))
    engine = make_script_engine({"greet": lambda name: f"Здравствуйте, {name}!"}, Registry())
    workflow = _workflow(bpmn, "script_only", engine)
    workflow.task_tree.data["youth_name"] = "Олег"
    workflow.do_engine_steps()
    assert workflow.data["greeting"] == "Здравствуйте, Олег!"
    assert "greet" not in workflow.data


def test_timer_expressions_are_evaluated_in_the_sandbox():
    bpmn = (FIXTURES / "timer_flow.bpmn").read_text()
    workflow = _workflow(bpmn, "timer_flow", make_script_engine({}, Registry()))
    workflow.task_tree.data["weeks"] = 6
    before = datetime.now(UTC)
    workflow.do_engine_steps()
    waiting = [t for t in workflow.get_tasks(state=TaskState.WAITING) if t.task_spec.bpmn_id == "wait"]
    assert len(waiting) == 1
    pending = waiting[0].task_spec.event_definition.details(waiting[0])
    due = TimerEventDefinition.get_datetime(pending.value)
    assert timedelta(weeks=6) <= due - before < timedelta(weeks=6, minutes=1)


def test_bad_timer_expression_fails_in_the_sandbox():
    bpmn = (FIXTURES / "timer_flow.bpmn").read_text().replace('"P" + str(weeks) + "W"', "weeks.__class__")
    workflow = _workflow(bpmn, "timer_flow", make_script_engine({}, Registry()))
    workflow.task_tree.data["weeks"] = 6
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert isinstance(caught.value.__cause__, SandboxError)
