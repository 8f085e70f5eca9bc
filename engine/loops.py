"""Loops stalled by issue 17: a multi-instance or standard loop whose child finished while the child's
completion was not connected to the loop's merge (a workflow restored onto a freshly parsed spec before the
parser connected it, `engine.parsing.bundle.connect_loops`). The child is done, the loop never merged it,
and the route waits for nothing. Running the merge the library skipped moves the loop on."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask
from SpiffWorkflow.util.task import TaskState


def stalled_loops(wf: BpmnWorkflow) -> list:
    """The running loop tasks with a finished child they never merged, in tree order."""
    return [task for task in wf.get_tasks(state=TaskState.STARTED)
            if isinstance(task.task_spec, LoopTask) and _unmerged(task)]


def _unmerged(loop) -> list:
    merged = set(loop.internal_data.get("merged", []))
    return [child for child in loop.children
            if child.task_spec.name == loop.task_spec.task_spec and child.has_state(TaskState.COMPLETED)
            and str(child.id) not in merged]


def merge_stalled(loop) -> int:
    """Run the loop's merge for every finished child it missed, as the child's completion would have; returns
    how many were merged (the last merge starts the next iteration or readies the loop to complete)."""
    children = _unmerged(loop)
    for child in children:
        loop.task_spec.merge_child(loop.workflow, child)
    return len(children)


@contextmanager
def unmerged(wf: BpmnWorkflow, element_ids: Iterable[str]) -> Iterator[None]:
    """Within the block the loops of `element_ids` do not merge finished children, as when a step ran on a
    spec parsed before the fix (replaying the step that stalled a route); connected again afterwards."""
    wanted = set(element_ids)
    events = [(process.task_specs[loop.task_spec].completed_event, loop)
              for process in (wf.spec, *wf.subprocess_specs.values()) for loop in process.task_specs.values()
              if isinstance(loop, LoopTask) and loop.bpmn_id in wanted]
    for event, loop in events:
        event.disconnect(loop.merge_child)
    try:
        yield
    finally:
        for event, loop in events:
            if not event.is_connected(loop.merge_child):
                event.connect(loop.merge_child)

