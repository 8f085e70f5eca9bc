"""Workflows of recently stepped instances kept in memory, so the next step on the same instance skips
decompressing and rebuilding its state. An entry is the workflow of one stored state: it is valid for the
instance version it was kept at, and for a later version whose stored state is still the same bytes (writes
outside steps, such as the outbox's audit events or a claim, bump the version without touching the state).
A step reads the version under its row lock, and any other writer (another process, an admin command) bumps
it, so a stale workflow is never used. An entry is taken out while a step works on it, so two threads never
share a workflow, and a step that fails leaves nothing behind."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import NamedTuple

from SpiffWorkflow.bpmn import BpmnWorkflow


class Kept(NamedTuple):
    version: int
    state: bytes
    workflow: BpmnWorkflow


class WorkflowCache:
    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[str, Kept] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, instance_id: str, version: int, state: Callable[[], bytes]) -> Kept | None:
        """The workflow of this instance as stored at `version`, removed from the cache; None when not cached.
        `state()` (the stored state) is asked for only when the version moved on since the entry was kept."""
        if not self.size:
            return None
        with self._lock:
            entry = self._entries.pop(instance_id, None)
        if entry is None:
            return None
        if entry.version == version:
            return entry
        stored = state()
        return Kept(version, stored, entry.workflow) if stored == entry.state else None

    def keep(self, instance_id: str, version: int, state: bytes, workflow: BpmnWorkflow) -> None:
        """Remember the workflow as committed at `version` with the stored `state` (never replacing a newer one);
        it must look as `load_state` would rebuild it (`engine.state.settle_for_reuse` after a step)."""
        if not self.size:
            return
        with self._lock:
            current = self._entries.get(instance_id)
            if current is not None and current.version > version:
                return
            self._entries[instance_id] = Kept(version, state, workflow)
            self._entries.move_to_end(instance_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
