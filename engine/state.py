"""Compact instance state: SpiffWorkflow's serialization without the spec and without finished
sub-processes, zlib-compressed. Specs come from the in-process cache keyed by content hash."""
from __future__ import annotations

import json
import zlib
from datetime import date
from decimal import Decimal
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.spiff.serializer import DEFAULT_CONFIG as SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

from engine.errors import InvalidState

FORMAT = "profroute-state-1"
"""Our own format tag. Library migrations are never applied to it (3.2.0's migrations after 1.2 do not
chain and crash on workflows with sub-processes), so a state written by another format is refused."""


class SpeclessWorkflowConverter(BpmnWorkflowConverter):
    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        live = {key: sp for key, sp in workflow.subprocesses.items() if not _finished(workflow, key, sp)}
        dct["subprocesses"] = self.mapping_to_dict(live)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct, spec=None, subprocess_specs=None):
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


def _finished(workflow: BpmnWorkflow, parent_task_id, subprocess) -> bool:
    if not subprocess.completed:
        return False
    parent = workflow.get_task_from_id(parent_task_id)
    return parent is None or parent.has_state(TaskState.FINISHED_MASK)


def _registry():
    config = dict(SPIFF_CONFIG)
    config[BpmnWorkflow] = SpeclessWorkflowConverter
    registry = BpmnWorkflowSerializer.configure(config)
    registry.register(Decimal, lambda v: {"value": str(v)}, lambda v: Decimal(v["value"]))
    registry.register(date, lambda v: {"value": v.isoformat()}, lambda v: date.fromisoformat(v["value"]))
    return registry


_REGISTRY = _registry()


def dump_state(workflow: BpmnWorkflow) -> bytes:
    dct = _REGISTRY.convert(workflow)
    dct["format"] = FORMAT
    text = json.dumps(dct, separators=(",", ":"), ensure_ascii=False)
    return zlib.compress(text.encode("utf-8"), 6)


def load_state(blob: bytes, spec, subprocess_specs) -> BpmnWorkflow:
    dct = json.loads(zlib.decompress(blob))
    if dct.pop("format", None) != FORMAT:
        raise InvalidState("instance state was written in an unknown format; refusing to guess a migration")
    return _REGISTRY.restore(dct, spec=spec, subprocess_specs=subprocess_specs)
