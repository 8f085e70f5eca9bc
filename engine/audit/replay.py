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

from engine.audit.chain import to_jsonable
from engine.audit.diff import data_changes
from engine.audit.offline import OfflineRun, OfflineStep
from engine.errors import NotFound
from engine.specs import definition_files
from engine.store.models import AuditEvent, HumanTask, MessageSubscription, ProcessInstance, Timer

COMMAND_EVENTS = {"complete": "task_completed", "message": "message_received", "retry": "retry", "cancel": "cancelled"}


@dataclass(frozen=True)
class Divergence:
    seq: int
    element_id: str | None
    what: str
    expected: Any
    got: Any

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
                self._stop(Divergence(0, ctx.element_id, f"service {operation} called more often than recorded",
                                      "no call", params))
            event, code = queue.popleft()
            recorded_params = to_jsonable(event.payload.get("params"))
            if event.payload.get("operation") != operation or recorded_params != to_jsonable(params):
                self._stop(Divergence(event.seq, ctx.element_id, "service call differs",
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


def replay(session: Session, instance_id: str) -> ReplayReport:
    instance = session.get(ProcessInstance, instance_id)
    if instance is None:
        raise NotFound(f"instance {instance_id} does not exist")
    events = list(session.scalars(select(AuditEvent).where(AuditEvent.instance_id == instance_id)
                                  .order_by(AuditEvent.seq)))
    steps = _steps(events)
    services = _RecordedServices()
    run = OfflineRun(definition_files(session, instance.definition_id), instance.process_key,
                     instance_id=instance.id, business_key=instance.business_key, handlers=services)
    try:
        task_ids: dict[str, str] = {}
        for done, step in enumerate(steps):
            divergence = _replay_step(run, step, services, task_ids)
            if divergence is not None:
                return ReplayReport(instance_id, done, divergence)
            _learn_task_ids(run, step, task_ids)
        divergence = _compare_projections(session, instance, run, events[-1].seq if events else 0)
        return ReplayReport(instance_id, len(steps), divergence)
    finally:
        run.close()


def _steps(events: list[Any]) -> list[_Step]:
    steps, pending = [], []
    for event in events:
        if event.kind == "step":
            steps.append(_Step(pending, event))
            pending = []
        else:
            pending.append(event)
    return steps


def _replay_step(run: OfflineRun, step: _Step, services: _RecordedServices,
                 task_ids: dict[str, str]) -> Divergence | None:
    services.load(step)
    outcome = _command(run, step.step.payload.get("command"), step, task_ids)
    if isinstance(outcome, Divergence):
        return outcome
    if services.mismatch is not None:
        return _located(services.mismatch, step)
    leftover = services.unused()
    if leftover is not None:
        element_id, event = leftover
        return Divergence(event.seq, element_id, "recorded service call was not made", event.payload.get("operation"),
                          "no call")
    return _compare_step(step.step, outcome)


def _located(divergence: Divergence, step: _Step) -> Divergence:
    if divergence.seq:
        return divergence
    return Divergence(step.step.seq, divergence.element_id, divergence.what, divergence.expected, divergence.got)


def _command(run: OfflineRun, command: str, step: _Step, task_ids: dict[str, str]) -> OfflineStep | Divergence:
    at, actor = step.step.at, step.step.actor
    if command == "start":
        started = step.first("instance_started")
        received = step.first("message_received")
        data = (started.payload.get("data") if started is not None else None) or {}
        return run.step("start", at, actor=actor, data=data, message=received.payload if received else None)
    if command == "timer":
        return run.step("timer", at, actor=actor)
    source = step.first(COMMAND_EVENTS.get(command, ""))
    if source is None:
        return Divergence(step.step.seq, None, f"no recorded input for command {command!r}", "an input event",
                          "none")
    if command == "message":
        return run.step("message", at, actor=actor, message=source.payload)
    if command == "cancel":
        return run.step("cancel", at, actor=actor, reason=source.payload.get("reason", ""))
    task_id = task_ids.get(source.task_id or "")
    if task_id is None:
        return Divergence(source.seq, source.element_id, "the task of this event is not open in the replay",
                          source.task_id, sorted(task_ids))
    if command == "complete":
        return run.step("complete", at, actor=source.actor, data=source.payload.get("data") or {}, task_id=task_id,
                        form_key=source.payload.get("form_key"))
    return run.step("retry", at, actor=actor, task_id=task_id)


def _compare_step(recorded: Any, outcome: OfflineStep) -> Divergence | None:
    payload = recorded.payload
    expected_done, got_done = list(payload.get("completed") or []), outcome.completed
    if expected_done != got_done:
        index = next((i for i, (a, b) in enumerate(zip(expected_done, got_done, strict=False)) if a != b),
                     min(len(expected_done), len(got_done)))
        element = (expected_done + got_done)[index] if index < len(expected_done) else got_done[index]
        return Divergence(recorded.seq, element, "completed elements", expected_done, got_done)
    expected_active, got_active = Counter(payload.get("active") or []), Counter(outcome.active)
    if expected_active != got_active:
        element = next(iter((expected_active - got_active) or (got_active - expected_active)))
        return Divergence(recorded.seq, element, "waiting elements", sorted(expected_active.elements()),
                          sorted(got_active.elements()))
    changes = data_changes(payload.get("data_after") or {}, outcome.data)
    if changes:
        change = changes[0]
        return Divergence(recorded.seq, None, f"data {change.path}", change.before, change.after)
    return None


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
    stored_tasks = Counter(session.scalars(select(HumanTask.element_id).where(
        HumanTask.instance_id == instance.id, HumanTask.status == "open")))
    live = instance.status in ("active", "suspended")
    replay_tasks = Counter(element_id for _, element_id in run.open_tasks()) if live else Counter()
    if stored_tasks != replay_tasks:
        element = next(iter((stored_tasks - replay_tasks) or (replay_tasks - stored_tasks)))
        return Divergence(last_seq, element, "open human tasks", sorted(stored_tasks.elements()),
                          sorted(replay_tasks.elements()))
    checks: list[tuple[str, list[Any], list[Any]]] = [
        ("status", [instance.status], [_status(instance, run)]),
        ("timers", sorted(session.execute(select(Timer.element_id, Timer.due_at)
                                          .where(Timer.instance_id == instance.id)).tuples()),
         run.timers() if live else []),
        ("message subscriptions", sorted(session.execute(
            select(MessageSubscription.element_id, MessageSubscription.name)
            .where(MessageSubscription.instance_id == instance.id)).tuples()),
         run.subscriptions() if live else []),
    ]
    stored_data, stored_active = run.stored(instance.state)
    replay_data, replay_active = run.live()
    if Counter(stored_active) != Counter(replay_active):
        element = next(iter((Counter(stored_active) - Counter(replay_active))
                            or (Counter(replay_active) - Counter(stored_active))))
        return Divergence(last_seq, element, "waiting elements in the stored state", sorted(stored_active),
                          sorted(replay_active))
    changes = data_changes(stored_data, replay_data)
    if changes:
        return Divergence(last_seq, None, f"stored state data {changes[0].path}", changes[0].before, changes[0].after)
    for what, stored, replayed in checks:
        if [tuple(item) if isinstance(item, tuple) else item for item in stored] != replayed:
            element = next((item[0] for item in (set(stored) ^ set(replayed)) if isinstance(item, tuple)), None)
            return Divergence(last_seq, element, what, stored, replayed)
    return None


def _status(instance: ProcessInstance, run: OfflineRun) -> str:
    """The workflow knows completed and cancelled; suspension is an administrative flag on the row."""
    if instance.status == "suspended" and run.status == "active":
        return "suspended"
    return run.status
