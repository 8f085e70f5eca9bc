"""Compact instance state: the live workflow without its spec and without finished sub-processes,
zlib-compressed JSON. Specs come from the in-process cache.

Tasks are positional rows whose parent and children are indexes into the row list, so every task id is
written and parsed once (the library's own converter turns each UUID to and from text three times, which
made (de)serialisation a third of a step). Task data stays delta-encoded against the parent, as in the
library.

Task data goes straight to the C JSON codec: values JSON cannot hold (dates, UUIDs, decimals, durations)
become the library's `{"typename": ..., ...}` dicts through the encoder's `default` hook and come back
through the decoder's `object_hook`, instead of the library's converter walking every value in Python
(which was most of the cost of a step on long-running instances). The bytes are the same as the
library's converter would give."""
from __future__ import annotations

import json
import zlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask
from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.spiff.serializer import DEFAULT_CONFIG as SPIFF_CONFIG
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.deep_merge import DeepMerge
from SpiffWorkflow.util.task import TaskState

from engine.errors import InvalidState

FORMAT = "profroute-state-1"
"""Our own format tag. Library migrations are never applied to it (3.2.0's migrations after 1.2 do not
chain and crash on workflows with sub-processes), so a state written in another format is refused."""


def _registry():
    registry = BpmnWorkflowSerializer.configure(SPIFF_CONFIG)
    registry.register(Decimal, lambda v: {"value": str(v)}, lambda v: Decimal(v["value"]))
    registry.register(date, lambda v: {"value": v.isoformat()}, lambda v: date.fromisoformat(v["value"]))
    return registry


_REGISTRY = _registry()
_TYPENAMES = _REGISTRY.typenames
_TO_DICT = _REGISTRY.convert_to_dict
_LEAF_TYPES = (UUID, datetime, timedelta, Decimal, date)
"""Types held in task data whose stored form has no nested typed values, so the decoder can restore them
bottom-up; the library's own objects (events, in internal data) are restored by its converter as before."""
_FROM_LEAF = {_TYPENAMES[cls]: _REGISTRY.convert_from_dict[_TYPENAMES[cls]] for cls in _LEAF_TYPES}


def _encode(value):
    typename = _TYPENAMES.get(value.__class__)
    if typename is None:
        raise TypeError(f"{type(value).__name__} values cannot be stored in task data")
    return _TO_DICT[typename](value)


def _decode(dct: dict):
    typename = dct.get("typename")
    if typename is None or typename not in _FROM_LEAF:
        return dct
    fields = dict(dct)
    del fields["typename"]
    return _FROM_LEAF[typename](fields)


def dump_state(workflow: BpmnWorkflow) -> bytes:
    live = _live_subprocesses(workflow)
    dct = {
        "format": FORMAT,
        "workflow": _workflow_to_dict(workflow),
        "subprocesses": {str(key): {**_workflow_to_dict(sp), "spec": sp.spec.name} for key, sp in live.items()},
        "bpmn_events": _REGISTRY.convert(workflow.bpmn_events),
    }
    text = json.dumps(dct, separators=(",", ":"), ensure_ascii=False, default=_encode)
    return zlib.compress(text.encode("utf-8"), 6)


def load_state(blob: bytes, spec, subprocess_specs) -> BpmnWorkflow:
    dct = json.loads(zlib.decompress(blob), object_hook=_decode)
    if dct.get("format") != FORMAT:
        raise InvalidState("instance state was written in an unknown format; refusing to guess a migration")
    workflow = BpmnWorkflow(spec, subprocess_specs, deserializing=True)
    _workflow_from_dict(workflow, dct["workflow"], workflow)
    pending = dict(dct["subprocesses"])
    _restore_subprocesses(workflow, workflow, pending)
    workflow.bpmn_events = _REGISTRY.restore(dct["bpmn_events"])
    return workflow


def settle_for_reuse(workflow: BpmnWorkflow) -> None:
    """Make a workflow kept in memory after its step look exactly as `load_state` would rebuild it from the
    stored state: finished sub-processes dropped, sub-processes in restore order, and only waiting catching
    events registered with the event manager."""
    live = _live_subprocesses(workflow)
    workflow.subprocesses = {}
    waiting = _waiting_catchers(workflow)
    for key, subprocess in _in_restore_order(workflow, live):
        workflow.subprocesses[key] = subprocess
        waiting.extend(_waiting_catchers(subprocess))
    workflow.event_manager.tasks = {task.id: task for task in waiting}


def _waiting_catchers(workflow) -> list[Task]:
    return [task for task in workflow.tasks.values()
            if isinstance(task.task_spec, CatchingEvent) and task.has_state(TaskState.WAITING)]


def _in_restore_order(parent_workflow, live: dict):
    for task in list(parent_workflow.tasks.values()):
        if isinstance(task.task_spec, SubWorkflowTask) and task.id in live:
            subprocess = live.pop(task.id)
            yield task.id, subprocess
            yield from _in_restore_order(subprocess, live)


def _live_subprocesses(workflow: BpmnWorkflow) -> dict:
    return {key: sp for key, sp in workflow.subprocesses.items() if not _finished(workflow, key, sp)}


def _finished(workflow: BpmnWorkflow, parent_task_id, subprocess) -> bool:
    if not subprocess.completed:
        return False
    parent = find_task(workflow, parent_task_id)
    return parent is None or parent.has_state(TaskState.FINISHED_MASK)


def find_task(workflow: BpmnWorkflow, task_id) -> Task | None:
    """The task with this id in the workflow or any of its sub-processes, or None: the library's
    `get_task_from_id` raises for a task that is not in the tree (e.g. a cancelled route dropped it)."""
    task = workflow.tasks.get(task_id)
    if task is None:
        task = next((sp.tasks[task_id] for sp in workflow.subprocesses.values() if task_id in sp.tasks), None)
    return task


def _workflow_to_dict(workflow) -> dict:
    tasks = list(workflow.tasks.values())
    position = {task.id: index for index, task in enumerate(tasks)}
    rows = []
    for task in tasks:
        parent = workflow.tasks.get(task._parent) if task._parent is not None else None
        if parent is None:
            data = [_REGISTRY.clean(task.data)]
        else:
            data = [DeepMerge.get_updated_keys(parent.data, task.data),
                    list(DeepMerge.get_deleted_keys(parent.data, task.data))]
        rows.append([
            task.id.hex, position[parent.id] if parent is not None else -1, [position[c] for c in task._children],
            task._state, task.task_spec.name, task.triggered, task.last_state_change,
            _REGISTRY.convert(task.internal_data) if task.internal_data else None, data])
    return {
        "tasks": rows,
        "root": position[workflow.task_tree.id],
        "last_task": position.get(workflow.last_task.id) if workflow.last_task is not None else None,
        "data": _REGISTRY.clean(workflow.data),
        "correlations": workflow.correlations,
        "success": workflow.success,
        "completed": workflow.completed,
    }


def _workflow_from_dict(workflow, dct: dict, top: BpmnWorkflow) -> None:
    rows = dct["tasks"]
    ids = [UUID(hex=row[0]) for row in rows]
    specs = workflow.spec.task_specs
    tasks = []
    workflow.tasks = {}
    for task_id, (_, parent, children, state, spec_name, triggered, changed, internal, data) in zip(
            ids, rows, strict=True):
        task = Task(workflow, specs[spec_name], state=state, id=task_id)
        task._parent = ids[parent] if parent >= 0 else None
        task._children = [ids[child] for child in children]
        task.triggered = triggered
        task.last_state_change = changed
        task.internal_data = _REGISTRY.restore(internal) if internal is not None else {}
        if parent < 0:
            task.data = data[0]
        else:
            merged = DeepMerge.merge({}, tasks[parent].data)
            merged.update(data[0])
            for key in data[1]:
                merged.pop(key, None)
            task.data = merged
        if isinstance(task.task_spec, CatchingEvent) and task.has_state(TaskState.WAITING):
            top.event_manager.add_task(task)
        tasks.append(task)
    workflow.task_tree = tasks[dct["root"]]
    workflow.last_task = tasks[dct["last_task"]] if dct["last_task"] is not None else None
    workflow.data = dct["data"]
    workflow.correlations = dct["correlations"]
    workflow.success = dct["success"]
    workflow.completed = dct["completed"]


def _restore_subprocesses(top: BpmnWorkflow, parent_workflow, pending: dict) -> None:
    """Parents before children: a sub-process is rebuilt from the task that started it."""
    for task in list(parent_workflow.tasks.values()):
        key = str(task.id)
        if isinstance(task.task_spec, SubWorkflowTask) and key in pending:
            dct = pending.pop(key)
            subprocess = BpmnSubWorkflow(top.subprocess_specs[dct["spec"]], task.id, top, deserializing=True)
            _workflow_from_dict(subprocess, dct, top)
            top.subprocesses[task.id] = subprocess
            subprocess.completed_event.connect(task.task_spec._on_subworkflow_completed, task)
            _restore_subprocesses(top, subprocess, pending)
