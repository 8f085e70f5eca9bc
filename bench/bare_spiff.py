"""The same workload on bare, in-memory SpiffWorkflow (no database, no sandbox, no audit), for benchmarks
to measure the engine against in the same run."""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.spiff.parser import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState


class _ServiceEnvironment(TaskDataEnvironment):
    def __init__(self, handlers: Mapping[str, Callable]):
        super().__init__({})
        self.handlers = handlers

    def call_service(self, context, operation_name, operation_params):
        params = {name: value["value"] for name, value in operation_params.items()}
        return json.dumps(self.handlers[operation_name](None, **params))


def run_bare(files: list[Path], process_key: str, count: int, start_data: Callable[[int], dict],
             handlers: Mapping[str, Callable], form_data: dict) -> float:
    """Run `count` instances start -> human task -> end; returns instances per second."""
    parser = SpiffBpmnParser()
    parser.add_bpmn_files([str(path) for path in files])
    spec = parser.get_spec(process_key)
    subprocesses = parser.get_subprocess_specs(process_key)
    script_engine = PythonScriptEngine(environment=_ServiceEnvironment(handlers))
    began = time.perf_counter()
    for index in range(count):
        workflow = BpmnWorkflow(spec, subprocesses, script_engine=script_engine)
        workflow.task_tree.data.update(start_data(index))
        workflow.do_engine_steps()
        for task in workflow.get_tasks(state=TaskState.READY, manual=True):
            task.set_data(**form_data)
            task.run()
        workflow.do_engine_steps()
        if not workflow.is_completed():
            raise RuntimeError("bare baseline did not complete an instance")
    return count / (time.perf_counter() - began)
