"""The state of an instance as of any event of its log: data, status, active elements, open human tasks
and the executed path so far. Built from the log alone (the `step` events' data, rebuilt from snapshots and
patches by `engine.history`, their `active`, the task events), so it works for ended and purged-from-state
instances alike."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from engine.history import data_after

STATUS_AFTER = {"instance_started": "active", "suspended": "suspended", "resumed": "active",
                "cancelled": "cancelled", "instance_completed": "completed"}
TASK_CLOSING = {"task_completed": "completed", "task_cancelled": "cancelled"}


class EventLike(Protocol):
    seq: int
    kind: str
    at: datetime
    actor: str | None
    element_id: str | None
    task_id: str | None
    payload: Any


@dataclass(frozen=True)
class OpenTask:
    task_id: str
    element_id: str | None
    name: str | None
    form_key: str | None
    candidate_group: str | None
    assignee: str | None
    opened_at: datetime


@dataclass(frozen=True)
class HistoricState:
    seq: int
    at: datetime
    kind: str
    status: str
    data: dict[str, Any]
    active: tuple[str, ...]
    open_tasks: tuple[OpenTask, ...]
    completed: dict[str, int]
    flows: dict[str, int]


class _Tracker:
    def __init__(self, flows: Mapping[tuple[str, str], str]):
        self.flow_ids = flows
        self.status = "active"
        self.data: dict[str, Any] = {}
        self.step_data: dict[str, Any] | None = None
        self.active: tuple[str, ...] = ()
        self.tasks: dict[str, OpenTask] = {}
        self.completed: Counter[str] = Counter()
        self.flows: Counter[str] = Counter()
        self.last_completed: str | None = None

    def apply(self, event: EventLike) -> None:
        payload = event.payload if isinstance(event.payload, dict) else {}
        self.status = STATUS_AFTER.get(event.kind, self.status)
        if event.kind == "instance_started":
            self.data = dict(payload.get("data") or {})
        elif event.kind == "step":
            self._step(payload)
        elif event.kind == "task_opened" and event.task_id:
            self.tasks[event.task_id] = OpenTask(
                task_id=event.task_id, element_id=event.element_id, name=payload.get("name"),
                form_key=payload.get("form_key"), candidate_group=payload.get("candidate_group"), assignee=None,
                opened_at=event.at)
        elif event.kind in TASK_CLOSING and event.task_id:
            self.tasks.pop(event.task_id, None)
        elif event.kind in ("claimed", "unclaimed", "assigned"):
            task_id = payload.get("task_id") or event.task_id
            task = self.tasks.get(task_id or "")
            if task is not None:
                self.tasks[task.task_id] = _with_assignee(task, payload.get("assignee"))

    def _step(self, payload: dict[str, Any]) -> None:
        self.step_data = data_after(self.step_data, payload)
        self.data = dict(self.step_data)
        self.active = tuple(payload.get("active") or ())
        for element_id in payload.get("completed") or ():
            self.completed[element_id] += 1
            flow = self.flow_ids.get((self.last_completed, element_id)) if self.last_completed else None
            if flow:
                self.flows[flow] += 1
            self.last_completed = element_id

    def snapshot(self, event: EventLike) -> HistoricState:
        live = self.status in ("active", "suspended")
        active = self.active if live else ()
        return HistoricState(seq=event.seq, at=event.at, kind=event.kind, status=self.status, data=dict(self.data),
                             active=active, open_tasks=tuple(self.tasks.values()) if live else (),
                             completed=dict(self.completed), flows=self._flows_into(active))

    def _flows_into(self, active: tuple[str, ...]) -> dict[str, int]:
        """Taken flows; a flow from a completed element into a waiting one counts as taken once, since the
        token has travelled it even though its target has not completed yet."""
        flows = dict(self.flows)
        for (source, target), flow_id in self.flow_ids.items():
            if target in active and self.completed.get(source) and flow_id not in flows:
                flows[flow_id] = 1
        return flows


def _with_assignee(task: OpenTask, assignee: str | None) -> OpenTask:
    return OpenTask(task.task_id, task.element_id, task.name, task.form_key, task.candidate_group, assignee,
                    task.opened_at)


def states(events: Iterable[EventLike], flows: Mapping[tuple[str, str], str]) -> Iterator[HistoricState]:
    """The state after each event, in log order."""
    tracker = _Tracker(flows)
    for event in sorted(events, key=lambda e: e.seq):
        tracker.apply(event)
        yield tracker.snapshot(event)


def state_at(events: Iterable[EventLike], seq: int, flows: Mapping[tuple[str, str], str]) -> HistoricState:
    """The state right after event `seq`."""
    tracker = _Tracker(flows)
    for event in sorted(events, key=lambda e: e.seq):
        if event.seq > seq:
            break
        tracker.apply(event)
        if event.seq == seq:
            return tracker.snapshot(event)
    raise ValueError(f"the log has no event {seq}")
