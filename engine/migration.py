"""Moving one route's workflow onto another version of its process (issue 11, item 6; primer "Migration and
reset"). The live step and the replay both call `move`, so a migrated route replays exactly as it ran.

Elements are aligned by id, plus the analyst's explicit mapping (old element id -> new element id) for what
was removed or renamed; unlike the library's `SpecDiff`, nothing is aligned silently by structure. A route
can move when every element it waits in (or runs) has a counterpart. What happens to each task:

* waiting and ready tasks take their counterpart's spec and are reset onto it (they keep their ids, so open
  human tasks keep their rows; what the old version predicted after them is predicted again);
* finished tasks of elements without a counterpart are history only: they are cut out of the tree (their
  children hang from their parent), because a stored state names every task's spec;
* a waiting event whose definition did not change keeps its internal data, so a timer keeps its due time
  instead of starting over;
* a waiting boundary event the target no longer has is dropped with what it predicted (the task it was
  attached to no longer has that deadline or message).

Routes inside a running call activity, sub-process or loop, and routes with a failed step, are refused
(the library's migration restarts or loses them, primer table rows "e")."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask
from SpiffWorkflow.bpmn.util.diff import migrate_workflow
from SpiffWorkflow.util.task import TaskState

from engine.errors import InvalidState
from engine.specs import ParsedProcess
from engine.state import dump_state, load_state, settle_for_reuse

ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR

REASONS = {
    "unmapped": "element {element} is active and version {version} has no element with its id; map it",
    "failed": "element {element} has a failed step; retry it or send the route back first",
    "subprocess": "element {element} runs a call activity or sub-process; wait until it finishes",
    "loop": "element {element} runs a loop or multi-instance activity; wait until it finishes",
    "status": "the route is {element}; only active routes move",
    "version": "the route is on another version ({element})",
    "trial": "the move failed on a copy of the route: {element}",
    "run": "the move failed: {element}",
}
"""Blocker reason -> English text (CLI and logs); the web has its own Russian labels for the same keys."""


@dataclass(frozen=True)
class Blocker:
    reason: str
    element: str | None = None
    """The element id the reason is about; for "status", "version", "trial" and "run" the detail itself."""

    def text(self, version: int) -> str:
        return REASONS[self.reason].format(element=self.element, version=version)


def blockers(wf: BpmnWorkflow, target: ParsedProcess, mapping: Mapping[str, str]) -> list[Blocker]:
    """Why the workflow cannot move onto `target`, one entry per active element (none: it can)."""
    found: list[Blocker] = []
    for task in wf.get_tasks(state=ACTIVE):
        spec = task.task_spec
        if spec.bpmn_id is None:
            continue
        if task.workflow is not wf or isinstance(spec, SubWorkflowTask) and task.has_state(TaskState.STARTED):
            blocker = Blocker("subprocess", spec.bpmn_id if task.workflow is wf else _caller(wf, task))
        elif task.has_state(TaskState.ERROR):
            blocker = Blocker("failed", spec.bpmn_id)
        elif isinstance(spec, LoopTask) or task.has_state(TaskState.STARTED):
            blocker = Blocker("loop", spec.bpmn_id)
        elif _counterpart(spec, target, mapping) is None and not _dropped_boundary(task):
            blocker = Blocker("unmapped", spec.bpmn_id)
        else:
            continue
        if blocker not in found:
            found.append(blocker)
    return found


def trial(state: bytes, source: ParsedProcess, target: ParsedProcess, mapping: Mapping[str, str]) -> str | None:
    """Move a copy of the stored workflow; the error it raised, if any (the dry run's last check)."""
    wf = load_state(state, source.spec, source.subprocess_specs)
    try:
        move(wf, target, mapping)
        load_state(dump_state(wf), target.spec, target.subprocess_specs)
    except Exception as exc:  # noqa: BLE001 - any failure here means the route must stay where it is
        return f"{type(exc).__name__}: {exc}"
    return None


def move(wf: BpmnWorkflow, target: ParsedProcess, mapping: Mapping[str, str]) -> None:
    """Put the workflow on `target`'s specs (the caller runs it on afterwards, in its clock scope)."""
    problems = blockers(wf, target, mapping)
    if problems:
        raise InvalidState("; ".join(problem.text(0) for problem in problems))
    for task in list(wf.get_tasks(state=TaskState.WAITING, skip_subprocesses=True)):
        if _dropped_boundary(task) and _counterpart(task.task_spec, target, mapping) is None:
            wf._remove_task(task.id)
    waiting = {task.id: (task.task_spec.event_definition, task.internal_data)
               for task in wf.get_tasks(state=TaskState.WAITING) if isinstance(task.task_spec, CatchingEvent)}
    alignment = {task: _counterpart(task.task_spec, target, mapping) for task in wf.tasks.values()}
    migrate_workflow(SimpleNamespace(alignment=alignment), wf, target.spec)
    wf.subprocess_specs = target.subprocess_specs
    kept = set(target.spec.task_specs.values())
    for task in list(wf.tasks.values()):
        if task.task_spec in kept:
            continue
        if not task.has_state(TaskState.FINISHED_MASK):
            raise InvalidState(f"task {task.id} of element {task.task_spec.name} has no counterpart "
                               f"and is {TaskState.get_name(task.state)}")
        _cut_out(wf, task)
    for task_id, (definition, internal_data) in waiting.items():
        task = wf.tasks.get(task_id)
        if (task is not None and task.has_state(TaskState.WAITING)
                and _same_event(definition, task.task_spec.event_definition)):
            task.internal_data = internal_data
    if wf.last_task is not None and wf.last_task.id not in wf.tasks:
        wf.last_task = None
    settle_for_reuse(wf)


def _counterpart(spec, target: ParsedProcess, mapping: Mapping[str, str]):
    return target.spec.task_specs.get(mapping.get(spec.name, spec.name))


def _dropped_boundary(task) -> bool:
    return isinstance(task.task_spec, BoundaryEvent) and task.has_state(TaskState.WAITING)


def _caller(wf: BpmnWorkflow, task) -> str | None:
    """The element of the top-level workflow that started the sub-process `task` runs in."""
    while task.workflow is not wf:
        task = wf.get_task_from_id(task.workflow.parent_task_id)
    return task.task_spec.bpmn_id


def _cut_out(wf: BpmnWorkflow, task) -> None:
    parent = wf.tasks.get(task._parent) if task._parent is not None else None
    if parent is None:
        raise InvalidState(f"the root task of the route has no counterpart ({task.task_spec.name})")
    at = parent._children.index(task.id)
    parent._children[at:at + 1] = task._children
    for child_id in task._children:
        wf.tasks[child_id]._parent = parent.id
    del wf.tasks[task.id]


def _same_event(old, new) -> bool:
    return type(old) is type(new) and vars(old) == vars(new)
