"""``make_script_engine``: the SpiffWorkflow script engine that runs all code in a SandboxEnvironment.

``SandboxScriptEngine`` turns sandbox failures into ``WorkflowTaskException`` and dispatches service
tasks to the engine's service caller.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.exceptions import SpiffWorkflowException

from engine.errors import SandboxError
from engine.sandbox import limits
from engine.sandbox.environment import SandboxEnvironment

ServiceCaller = Callable[[Any, str, dict[str, Any]], Any]


class SandboxScriptEngine(PythonScriptEngine):
    """PythonScriptEngine that runs all code in a SandboxEnvironment and dispatches service tasks.

    Failures surface as ``WorkflowTaskException`` whose ``__cause__`` is the SandboxError (or the handler's
    exception for service tasks); exceptions carrying ``bpmn_error_code`` propagate unchanged.
    """

    def __init__(self, environment: SandboxEnvironment, service_caller: ServiceCaller) -> None:
        super().__init__(environment=environment)
        self._service_caller = service_caller

    def evaluate(self, task: Any, expression: str, external_context: Mapping[str, Any] | None = None) -> Any:
        try:
            return self.environment.evaluate(expression, task.data, external_context)
        except SpiffWorkflowException as err:
            err.add_note(f"Error evaluating expression '{expression}'")
            raise
        except SandboxError as err:
            raise _task_exception(str(err), task, err) from err

    def execute(self, task: Any, script: str, external_context: Mapping[str, Any] | None = None) -> bool:
        try:
            return self.environment.execute(script, task.data, external_context or {})
        except SpiffWorkflowException:
            raise
        except SandboxError as err:
            lines = script.splitlines()
            error_line = lines[err.line - 1] if err.line and err.line <= len(lines) else None
            raise _task_exception(str(err), task, err, line_number=err.line, error_line=error_line) from err

    def call_service(self, task: Any, operation_name: str, operation_params: Mapping[str, Any],
                     **_: Any) -> str:
        params = {name: spec["value"] for name, spec in operation_params.items()}
        try:
            result = self._service_caller(task, operation_name, params)
        except Exception as err:
            if hasattr(err, "bpmn_error_code"):
                raise
            raise WorkflowTaskException(f"service operation {operation_name!r} failed: "
                                        f"{type(err).__name__}: {err}", task=task, exception=err) from err
        try:
            return json.dumps(result)
        except (TypeError, ValueError) as err:
            raise WorkflowTaskException(f"service operation {operation_name!r} returned a result that is "
                                        f"not JSON-serialisable: {err}", task=task, exception=err) from err


def _task_exception(message: str, task: Any, error: SandboxError, **location: Any) -> WorkflowTaskException:
    wrapped = WorkflowTaskException(message, task=task, exception=error, **location)
    if isinstance(error.__cause__, NameError):
        hint = wrapped.did_you_mean_from_name_error(error.__cause__, list(task.data))
        if hint:
            wrapped.add_note(hint)
    return wrapped


def make_script_engine(globals: Mapping[str, Any], service_caller: ServiceCaller, *,
                       time_budget: float = limits.DEFAULT_TIME_BUDGET) -> SandboxScriptEngine:
    """The script engine the engine core gives every BpmnWorkflow.

    ``globals`` are helpers visible to all code (merged over datetime/date/timedelta/timezone);
    ``service_caller(task, operation_name, params)`` runs a service task's operation and returns a
    JSON-able result.
    """
    return SandboxScriptEngine(SandboxEnvironment(globals, time_budget=time_budget), service_caller)
