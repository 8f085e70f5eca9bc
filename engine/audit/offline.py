"""`OfflineRun` (docs/contracts.md, "Replay support"): one definition version's workflow executed in memory
command by command, with the engine's own step runner, so a replay runs exactly the code a live step runs.

The step runner needs a session for handler savepoints and its audit chain; an offline run gives it a
private in-memory SQLite database that is thrown away, never the engine's database."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from engine.chain import GENESIS
from engine.clock import FixedClock
from engine.errors import InvalidState, NotFound
from engine.loops import unmerged
from engine.persist import take_snapshot
from engine.specs import parse_processes
from engine.state import load_state
from engine.step import StepRunner
from engine.store.models import AuditEvent, Base, ProcessInstance


@dataclass
class OfflineStep:
    completed: list[str]
    active: list[str]
    data: dict[str, Any]
    events: list[tuple[str, str | None, Any]] = field(default_factory=list)
    failure: str | None = None


class OfflineRun:
    def __init__(self, files: Mapping[str, bytes], process_key: str, *, instance_id: str,
                 business_key: str | None, handlers: Mapping[str, Callable]) -> None:
        parsed = parse_processes(sorted(files.items()), known_operations=None)
        if process_key not in parsed:
            raise NotFound(f"the definition files do not contain process {process_key!r}")
        self.process = parsed[process_key]
        self.handlers = handlers
        self.wf = BpmnWorkflow(self.process.spec, self.process.subprocess_specs)
        self.database = create_engine("sqlite://", poolclass=StaticPool)
        Base.metadata.create_all(self.database)
        self.instance = ProcessInstance(id=instance_id, process_key=process_key, business_key=business_key,
                                        status="active", audit_seq=0, audit_head=GENESIS, org={})
        self.status = "active"

    def close(self) -> None:
        self.database.dispose()

    def step(self, command: str, at: datetime, *, actor: str | None = None, data: dict[str, Any] | None = None,
             task_id: str | None = None, message: dict[str, Any] | None = None, form_key: str | None = None,
             reason: str = "", repaired: list[dict[str, Any]] | None = None,
             unmerged_loops: frozenset[str] = frozenset(), migrated: tuple[Mapping[str, bytes], dict] | None = None,
             ) -> OfflineStep:
        """`repaired`: the stalled steps a `repair` names; `unmerged_loops`: the loops that did not merge a
        finished child in this step when it ran live (the step stalled them, issue 17); `migrated`: the target
        version's files and the `migrated` event's payload of a `migrate` step."""
        with Session(self.database) as session, session.begin():
            first_seq = self.instance.audit_seq + 1
            runner = StepRunner(session=session, instance=self.instance, process=self.process, wf=self.wf,
                                handlers=self.handlers, clock=FixedClock(at), now=at, actor=actor, command=command)
            with unmerged(self.wf, unmerged_loops):
                if command == "migrate" and migrated is not None:
                    self._migrate(runner, *migrated)
                else:
                    self._apply(runner, command, data, task_id, message, form_key, reason, repaired)
            runner.chain.write()
            events = [(row.kind, row.element_id, row.payload) for row in session.scalars(
                select(AuditEvent).where(AuditEvent.seq >= first_seq).order_by(AuditEvent.seq))]
            snapshot = take_snapshot(self.wf)
            if snapshot.completed and self.status == "active":
                self.status = "completed"
            failure = runner.log.failure.error if runner.log.failure else None
            return OfflineStep(list(runner.log.completed), list(snapshot.active), snapshot.data, events, failure)

    def _migrate(self, runner: StepRunner, files: Mapping[str, bytes], payload: dict[str, Any]) -> None:
        parsed = parse_processes(sorted(files.items()), known_operations=None)
        if self.instance.process_key not in parsed:
            raise NotFound(f"the target version does not contain process {self.instance.process_key!r}")
        runner.migrate(parsed[self.instance.process_key], payload.get("mapping") or {}, payload)
        self.process = runner.process

    def _apply(self, runner: StepRunner, command: str, data: dict[str, Any] | None, task_id: str | None,
               message: dict[str, Any] | None, form_key: str | None, reason: str,
               repaired: list[dict[str, Any]] | None) -> None:
        if command == "start" and message is None:
            runner.start(dict(data or {}))
        elif command in ("start", "message") and message is not None:
            if command == "start":
                runner.start(dict(data or {}))
            if not runner.deliver_message(message.get("name", ""), message.get("correlation_key"),
                                          message.get("payload"), message.get("message_id", "")):
                raise InvalidState(f"nothing waits for message {message.get('name')!r} at this point")
        elif command == "complete" and task_id is not None:
            runner.complete_task(task_id, dict(data or {}), form_key)
        elif command == "timer":
            runner.run()
        elif command == "retry" and task_id is not None:
            runner.retry(task_id)
        elif command == "send_back" and task_id is not None:
            runner.send_back(task_id, reason)
        elif command == "repair" and repaired is not None:
            runner.repair_loops(reason, repaired)
        elif command == "cancel":
            runner.cancel(reason)
            self.status = "cancelled"
        elif command != "watchdog":  # the watchdog's step runs nothing: it records an incident
            raise InvalidState(f"cannot replay command {command!r} with the recorded arguments")

    def live(self) -> tuple[dict[str, Any], list[str]]:
        """(data, waiting element ids) of the workflow now, as a `step` event records them."""
        snapshot = take_snapshot(self.wf)
        return snapshot.data, snapshot.active

    def stored(self, state: bytes) -> tuple[dict[str, Any], list[str]]:
        """(data, waiting element ids) of a stored instance state of the same definition version."""
        snapshot = take_snapshot(load_state(state, self.process.spec, self.process.subprocess_specs))
        return snapshot.data, snapshot.active

    def open_tasks(self) -> list[tuple[str, str]]:
        return [(task_id, task.task_spec.bpmn_id) for task_id, task in take_snapshot(self.wf).ready_human.items()]

    def failed_tasks(self) -> list[tuple[str, str]]:
        return [(str(task.id), task.task_spec.bpmn_id) for task in self.wf.get_tasks(state=TaskState.ERROR)
                if task.task_spec.bpmn_id is not None]

    def timers(self) -> list[tuple[str, datetime]]:
        return sorted(take_snapshot(self.wf).timers.values())

    def subscriptions(self) -> list[tuple[str, str]]:
        return sorted(take_snapshot(self.wf).subscriptions.values())
