"""Replay: re-execute an instance from its log on its definition version and compare with what was stored.

Recorded inputs are fed back instead of the outside world: the start data, each submitted form, each
handler's result (or failure) in the order the element called it, each message and timer firing at its
recorded time. After every step the replay's completed elements, waiting elements and data must equal the
recorded `step` event; at the end, the instance's stored state (data and waiting elements) and its
projections (open human tasks, timers, message subscriptions) must equal the replay's. The first
difference is reported with its event number and element."""
from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.audit.diff import data_changes
from engine.audit.offline import OfflineRun, OfflineStep
from engine.chain import to_jsonable
from engine.errors import NotFound
from engine.history import data_after
from engine.specs import definition_files
from engine.store.models import AuditEvent, HumanTask, MessageSubscription, ProcessInstance, Timer

COMMAND_EVENTS = {"complete": "task_completed", "message": "message_received", "retry": "retry", "cancel": "cancelled",
                  "send_back": "sent_back", "repair": "route_repaired", "migrate": "migrated"}


WHAT = {
    "service_extra": "service {operation} called more often than recorded",
    "service_differs": "service call differs",
    "service_unused": "recorded service call was not made",
    "no_input": "no recorded input for command {command!r}",
    "task_not_open": "the task of this event is not open in the replay",
    "completed": "completed elements",
    "waiting": "waiting elements",
    "data": "data {path}",
    "open_tasks": "open human tasks",
    "status": "status",
    "timers": "timers",
    "subscriptions": "message subscriptions",
    "stored_waiting": "waiting elements in the stored state",
    "stored_data": "stored state data {path}",
    "failed": "the step failed in the replay",
    "decision": "decision table outputs",
}


@dataclass(frozen=True)
class Divergence:
    """`reason` keys WHAT (English, for logs and the CLI); the web names it in the reader's language."""

    seq: int
    element_id: str | None
    reason: str
    params: dict[str, Any]
    expected: Any
    got: Any

    @property
    def what(self) -> str:
        return WHAT[self.reason].format(**self.params)

    def __str__(self) -> str:
        where = f"event {self.seq}" + (f", element {self.element_id}" if self.element_id else "")
        return f"{where}: {self.what}: expected {self.expected!r}, got {self.got!r}"


@dataclass(frozen=True)
class ReplayReport:
    instance_id: str
    steps: int
    divergence: Divergence | None

    @property
    def ok(self) -> bool:
        return self.divergence is None

    def summary(self) -> str:
        if self.ok:
            return f"instance {self.instance_id}: {self.steps} step(s) replayed, the result matches the stored state"
        return f"instance {self.instance_id}: replay diverges at {self.divergence}"


class ReplayMismatch(Exception):
    """Raised inside a replayed handler to stop a call that no longer follows the log. The step runner
    takes it as a handler failure; the divergence itself is kept on `_RecordedServices.mismatch`."""


class ReplayedFailure(Exception):
    """A handler failure as recorded; carries the BPMN error code when the diagram caught it."""

    def __init__(self, message: str, code: str | None) -> None:
        super().__init__(message)
        if code:
            self.bpmn_error_code = code


@dataclass
class _Step:
    events: list[Any]
    step: Any
    data: dict[str, Any]
    """The task data after the step, as the log records it."""

    def first(self, kind: str) -> Any | None:
        return next((event for event in self.events if event.kind == kind), None)


class _RecordedServices(Mapping[str, Callable]):
    """Every operation name maps to a handler that answers from the log, per element, in call order."""

    def __init__(self) -> None:
        self.outcomes: dict[str, deque[tuple[Any, Any]]] = {}
        self.mismatch: Divergence | None = None

    def load(self, step: _Step) -> None:
        self.outcomes = {}
        self.mismatch = None
        thrown = {event.element_id: event.payload.get("code") for event in step.events if event.kind == "error_thrown"}
        for event in step.events:
            if event.kind in ("service_called", "service_failed"):
                code = thrown.get(event.element_id) if event.kind == "service_failed" else None
                self.outcomes.setdefault(event.element_id, deque()).append((event, code))

    def __getitem__(self, operation: str) -> Callable:
        def recorded(ctx: Any, **params: Any) -> Any:
            queue = self.outcomes.get(ctx.element_id)
            if not queue:
                self._stop(Divergence(0, ctx.element_id, "service_extra", {"operation": operation}, "no call",
                                      params))
            event, code = queue.popleft()
            recorded_params = to_jsonable(event.payload.get("params"))
            if event.payload.get("operation") != operation or recorded_params != to_jsonable(params):
                self._stop(Divergence(event.seq, ctx.element_id, "service_differs", {},
                                      {"operation": event.payload.get("operation"),
                                       "params": event.payload.get("params")},
                                      {"operation": operation, "params": params}))
            if event.kind == "service_failed":
                raise ReplayedFailure(str(event.payload.get("error")), code)
            return event.payload.get("result")
        return recorded

    def _stop(self, divergence: Divergence) -> NoReturn:
        self.mismatch = self.mismatch or divergence
        raise ReplayMismatch(str(divergence))

    def unused(self) -> tuple[str, Any] | None:
        for element_id, queue in self.outcomes.items():
            if queue:
                return element_id, queue[0][0]
        return None

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __contains__(self, operation: object) -> bool:
        return isinstance(operation, str)


def replay(session: Session, instance_id: str, stalls: Mapping[int, set[str]] | None = None) -> ReplayReport:
    """`stalls`: step seq -> the loops that step left unmerged when it ran live (issue 17); by default what
    the log's `route_repaired` events name."""
    instance = session.get(ProcessInstance, instance_id)
    if instance is None:
        raise NotFound(f"instance {instance_id} does not exist")
    events = list(session.scalars(select(AuditEvent).where(AuditEvent.instance_id == instance_id)
                                  .order_by(AuditEvent.seq)))
    steps = _steps(events)
    stalls = _stalls(events) if stalls is None else stalls
    services = _RecordedServices()
    versions = {event.payload["to_definition_id"]: definition_files(session, event.payload["to_definition_id"])
                for event in events if event.kind == "migrated"}
    first = next((event.payload["from_definition_id"] for event in events if event.kind == "migrated"),
                 instance.definition_id)
    run = OfflineRun(definition_files(session, first), instance.process_key,
                     instance_id=instance.id, business_key=instance.business_key, handlers=services)
    try:
        task_ids: dict[str, str] = {}
        for done, step in enumerate(steps):
            divergence = _replay_step(run, step, services, task_ids, frozenset(stalls.get(step.step.seq, ())),
                                      versions)
            if divergence is not None:
                return ReplayReport(instance_id, done, divergence)
            _learn_task_ids(run, step, task_ids)
        divergence = _compare_projections(session, instance, run, events[-1].seq if events else 0)
        return ReplayReport(instance_id, len(steps), divergence)
    finally:
        run.close()


def _steps(events: list[Any]) -> list[_Step]:
    steps, pending, data = [], [], None
    for event in events:
        if event.kind == "step":
            data = data_after(data, event.payload)
            steps.append(_Step(pending, event, data))
            pending = []
        else:
            pending.append(event)
    return steps


def _stalls(events: list[Any]) -> dict[int, set[str]]:
    """Step seq -> loops it stalled, as the route's repairs recorded them."""
    stalls: dict[int, set[str]] = {}
    for event in events:
        if event.kind == "route_repaired":
            for stalled in event.payload.get("stalled_steps") or ():
                stalls.setdefault(stalled["seq"], set()).update(stalled["loops"])
    return stalls


def _replay_step(run: OfflineRun, step: _Step, services: _RecordedServices, task_ids: dict[str, str],
                 unmerged_loops: frozenset[str], versions: Mapping[str, Mapping[str, bytes]]) -> Divergence | None:
    services.load(step)
    outcome = _command(run, step.step.payload.get("command"), step, task_ids, unmerged_loops, versions)
    if isinstance(outcome, Divergence):
        return outcome
    if services.mismatch is not None:
        return _located(services.mismatch, step)
    leftover = services.unused()
    if leftover is not None:
        element_id, event = leftover
        return Divergence(event.seq, element_id, "service_unused", {}, event.payload.get("operation"), "no call")
    return _compare_failure(step, outcome) or _compare_decisions(step, outcome) or _compare_step(step, outcome)


def _compare_failure(step: _Step, outcome: OfflineStep) -> Divergence | None:
    """A step the replay could not finish, while the live step opened no incident."""
    if outcome.failure is None or step.first("incident_opened") is not None:
        return None
    return Divergence(step.step.seq, None, "failed", {}, "no failure", outcome.failure)


def _compare_decisions(step: _Step, outcome: OfflineStep) -> Divergence | None:
    """Decision tables are evaluated again (they are part of the definition, not an outside input)."""
    recorded = [event for event in step.events if event.kind == "decision_evaluated"]
    replayed = [(element_id, payload) for kind, element_id, payload in outcome.events if kind == "decision_evaluated"]
    for index, event in enumerate(recorded):
        got = replayed[index] if index < len(replayed) else (None, {})
        if got[0] != event.element_id or got[1].get("outputs") != event.payload.get("outputs"):
            return Divergence(event.seq, event.element_id, "decision", {}, event.payload.get("outputs"),
                              got[1].get("outputs"))
    return None


def _located(divergence: Divergence, step: _Step) -> Divergence:
    if divergence.seq:
        return divergence
    return Divergence(step.step.seq, divergence.element_id, divergence.reason, divergence.params,
                      divergence.expected, divergence.got)


def _command(run: OfflineRun, command: str, step: _Step, task_ids: dict[str, str],
             unmerged_loops: frozenset[str], versions: Mapping[str, Mapping[str, bytes]]) -> OfflineStep | Divergence:
    at, actor = step.step.at, step.step.actor
    if command == "start":
        started = step.first("instance_started")
        received = step.first("message_received")
        data = (started.payload.get("data") if started is not None else None) or {}
        return run.step("start", at, actor=actor, data=data, message=received.payload if received else None,
                        unmerged_loops=unmerged_loops)
    if command in ("timer", "watchdog"):
        return run.step(command, at, actor=actor, unmerged_loops=unmerged_loops)
    source = step.first(COMMAND_EVENTS.get(command, ""))
    if source is None:
        return Divergence(step.step.seq, None, "no_input", {"command": command}, "an input event", "none")
    if command == "message":
        return run.step("message", at, actor=actor, message=source.payload, unmerged_loops=unmerged_loops)
    if command == "cancel":
        return run.step("cancel", at, actor=actor, reason=source.payload.get("reason", ""))
    if command == "migrate":
        return run.step("migrate", at, actor=actor, unmerged_loops=unmerged_loops,
                        migrated=(versions[source.payload["to_definition_id"]], source.payload))
    if command == "repair":
        return run.step("repair", at, actor=actor, reason=source.payload.get("reason", ""),
                        repaired=source.payload.get("stalled_steps") or [])
    task_id = task_ids.get(source.task_id or "")
    if task_id is None:
        return Divergence(source.seq, source.element_id, "task_not_open", {}, source.task_id, sorted(task_ids))
    if command == "complete":
        return run.step("complete", at, actor=source.actor, data=source.payload.get("data") or {}, task_id=task_id,
                        form_key=source.payload.get("form_key"), unmerged_loops=unmerged_loops)
    if command == "send_back":
        return run.step("send_back", at, actor=actor, task_id=task_id, reason=source.payload.get("reason", ""),
                        unmerged_loops=unmerged_loops)
    return run.step("retry", at, actor=actor, task_id=task_id, unmerged_loops=unmerged_loops)


def _compare_step(step: _Step, outcome: OfflineStep) -> Divergence | None:
    recorded = step.step
    payload = recorded.payload
    expected_done, got_done = list(payload.get("completed") or []), outcome.completed
    if expected_done != got_done:
        index = next((i for i, (a, b) in enumerate(zip(expected_done, got_done, strict=False)) if a != b),
                     min(len(expected_done), len(got_done)))
        element = expected_done[index] if index < len(expected_done) else got_done[index]
        return Divergence(recorded.seq, element, "completed", {}, expected_done, got_done)
    waiting = _multiset(recorded.seq, "waiting", payload.get("active") or [], outcome.active)
    return waiting or _data(recorded.seq, "data", step.data, outcome.data)


def _multiset(seq: int, reason: str, expected: list[str], got: list[str]) -> Divergence | None:
    """Element ids compared as a multiset; the divergence names one element found on one side only."""
    expected_count, got_count = Counter(expected), Counter(got)
    if expected_count == got_count:
        return None
    element = next(iter((expected_count - got_count) or (got_count - expected_count)))
    return Divergence(seq, element, reason, {}, sorted(expected), sorted(got))


def _data(seq: int, reason: str, expected: dict[str, Any], got: dict[str, Any]) -> Divergence | None:
    changes = data_changes(expected, got)
    if not changes:
        return None
    return Divergence(seq, None, reason, {"path": changes[0].path}, changes[0].before, changes[0].after)


def _learn_task_ids(run: OfflineRun, step: _Step, task_ids: dict[str, str]) -> None:
    """Recorded task ids -> replay task ids, by element in the order tasks opened (or failed)."""
    for kind, candidates in (("task_opened", run.open_tasks()), ("incident_opened", run.failed_tasks())):
        taken = set(task_ids.values())
        for event in step.events + [step.step]:
            if event.kind != kind or not event.task_id or event.task_id in task_ids:
                continue
            match = next((task_id for task_id, element_id in candidates
                          if element_id == event.element_id and task_id not in taken), None)
            if match is not None:
                task_ids[event.task_id] = match
                taken.add(match)


def _compare_projections(session: Session, instance: ProcessInstance, run: OfflineRun,
                         last_seq: int) -> Divergence | None:
    live = instance.status in ("active", "suspended")
    stored_tasks = list(session.scalars(select(HumanTask.element_id).where(
        HumanTask.instance_id == instance.id, HumanTask.status == "open")))
    divergence = _multiset(last_seq, "open_tasks", stored_tasks,
                           [element_id for _, element_id in run.open_tasks()] if live else [])
    if divergence is not None:
        return divergence
    if instance.status != _status(instance, run):
        return Divergence(last_seq, None, "status", {}, instance.status, _status(instance, run))
    stored_timers = sorted(tuple(row) for row in session.execute(
        select(Timer.element_id, Timer.due_at).where(Timer.instance_id == instance.id)))
    stored_subscriptions = sorted(tuple(row) for row in session.execute(
        select(MessageSubscription.element_id, MessageSubscription.name)
        .where(MessageSubscription.instance_id == instance.id)))
    for reason, stored, replayed in (("timers", stored_timers, run.timers() if live else []),
                                     ("subscriptions", stored_subscriptions, run.subscriptions() if live else [])):
        if stored != replayed:
            element = next((item[0] for item in sorted(set(stored) ^ set(replayed))), None)
            return Divergence(last_seq, element, reason, {}, stored, replayed)
    stored_data, stored_active = run.stored(instance.state)
    replay_data, replay_active = run.live()
    return (_multiset(last_seq, "stored_waiting", stored_active, replay_active)
            or _data(last_seq, "stored_data", stored_data, replay_data))


def _status(instance: ProcessInstance, run: OfflineRun) -> str:
    """The workflow knows completed and cancelled; suspension is an administrative flag on the row."""
    if instance.status == "suspended" and run.status == "active":
        return "suspended"
    return run.status
