"""Workflows of recently stepped instances kept in memory, so the next step on the same instance skips
decompressing and rebuilding its state. An entry is valid for exactly one instance version: a step reads
the version under its row lock, and any other writer (another process, an admin command) bumps it, so a
stale workflow is never used. An entry is taken out while a step works on it, so two threads never share
a workflow, and a step that fails leaves nothing behind."""
from __future__ import annotations

import threading
from collections import OrderedDict

from SpiffWorkflow.bpmn import BpmnWorkflow


class WorkflowCache:
    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[str, tuple[int, BpmnWorkflow]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, instance_id: str, version: int) -> BpmnWorkflow | None:
        """The workflow of this instance version, removed from the cache; None when not cached."""
        if not self.size:
            return None
        with self._lock:
            entry = self._entries.pop(instance_id, None)
        return entry[1] if entry is not None and entry[0] == version else None

    def keep(self, instance_id: str, version: int, workflow: BpmnWorkflow) -> None:
        """Remember the workflow as committed at `version` (never replacing a newer one); it must look as
        `load_state` would rebuild it (`engine.state.settle_for_reuse` after a step)."""
        if not self.size:
            return
        with self._lock:
            current = self._entries.get(instance_id)
            if current is not None and current[0] > version:
                return
            self._entries[instance_id] = (version, workflow)
            self._entries.move_to_end(instance_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
