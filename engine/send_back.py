"""Sending a route back to an earlier user task (a token move): the library's reset rewinds the branch from
that task (`BpmnWorkflow.reset_from_task_id`), and what the reset leaves behind is cleaned up so the
workflow looks as a stored state would load it.

The task keeps its id and becomes ready again with the data it had when the person submitted it, so the
form opens with the earlier answers for correction. Everything after it on its branch is removed: failed
tasks, waiting events, later user tasks."""
from __future__ import annotations

from copy import deepcopy

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.specs.Join import Join
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.state import settle_for_reuse

UNFINISHED = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR


def earlier_user_tasks(wf: BpmnWorkflow) -> list[Task]:
    """Completed user tasks the route passed on its way to a task still unfinished, the latest pass of
    each element first (a loop passes one element several times; only its latest pass is offered).

    Nothing before a join of parallel (or inclusive) branches is offered: resetting one branch leaves the
    join fired by the others, so the route would run on beside the reopened task."""
    found: dict[str, Task] = {}
    for task in wf.get_tasks(state=UNFINISHED):
        for ancestor in _ancestors(wf, task):
            spec = ancestor.task_spec
            if isinstance(spec, Join) and len(spec.inputs) > 1:
                break
            if not (spec.manual and ancestor.has_state(TaskState.COMPLETED)) or spec.bpmn_id is None:
                continue
            known = found.get(spec.bpmn_id)
            if known is None or ancestor.last_state_change > known.last_state_change:
                found[spec.bpmn_id] = ancestor
    return sorted(found.values(), key=lambda t: t.last_state_change, reverse=True)


def _ancestors(wf: BpmnWorkflow, task: Task):
    """Parents up the tree, leaving a sub-process through the task that started it."""
    current = task.parent
    workflow = task.workflow
    while True:
        while current is not None:
            yield current
            current = current.parent
        parent_id = getattr(workflow, "parent_task_id", None)
        if parent_id is None:
            return
        outer = wf.get_task_from_id(parent_id)
        workflow, current = outer.workflow, outer


def reset_to(wf: BpmnWorkflow, task: Task) -> None:
    """Make `task` ready again with the data it was completed with; drop what followed it."""
    submitted = deepcopy(task.data)
    wf.reset_from_task_id(task.id)
    task.data = submitted
    wf.completed = False
    # Waiting catch events of removed branches stay registered with the event manager (and would swallow
    # timers and messages); register again exactly what a stored state would.
    settle_for_reuse(wf)
