"""One command applied to one workflow: run it until only people, timers and messages remain, and
record what happened (audit events, service calls, decisions, messages out, a failure to open an incident).

Persistence of the result lives in `engine.persist`; this module touches the database only through the
handlers' savepoints and the audit chain writer."""
from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.dmn.specs.business_rule_task_mixin import BusinessRuleTaskMixin
from SpiffWorkflow.spiff.specs.event_definitions import ErrorEventDefinition
from SpiffWorkflow.util.task import TaskState
from sqlalchemy.orm import Session

from engine.chain import ChainWriter, to_jsonable
from engine.clock import clock_scope
from engine.context import HandlerContext
from engine.errors import Conflict, InvalidState, SandboxError
from engine.loops import merge_stalled, stalled_loops
from engine.migration import move
from engine.records import InstanceRecord
from engine.sandbox import make_script_engine
from engine.send_back import earlier_user_tasks, reset_to
from engine.specs import ParsedProcess
from engine.state import find_task


@dataclass
class OutgoingMessage:
    name: str
    correlation_key: str | None
    payload: Any


@dataclass
class Failure:
    task_id: str
    element_id: str | None
    operation: str | None
    error_type: str
    error: str
    retryable: bool


@dataclass
class StepLog:
    """What one step did, for projections and the audit trail."""

    command: str
    completed: list[str] = field(default_factory=list)
    messages_out: list[OutgoingMessage] = field(default_factory=list)
    failure: Failure | None = None
    completed_task_id: str | None = None
    subscribed: bool = False
    reopened: set[str] = field(default_factory=set)
    """Human tasks made ready again under their old id (a send-back): their closed rows are reopened."""

    @property
    def may_deliver(self) -> bool:
        """Whether messages may now be deliverable (sent ones, or buffered ones with a new receiver)."""
        return bool(self.messages_out) or self.subscribed


class UnknownOperation(LookupError):
    pass


class StepRunner:
    """Runs commands against one loaded workflow inside the caller's transaction."""

    def __init__(self, *, session: Session, instance: InstanceRecord, process: ParsedProcess, wf: BpmnWorkflow,
                 handlers: Mapping[str, Callable], clock, now: datetime, actor: str | None, command: str):
        self.session = session
        self.instance = instance
        self.process = process
        self.wf = wf
        self.handlers = handlers
        self.clock = clock
        self.now = now
        self.actor = actor
        self.chain = ChainWriter(session, instance)
        self.log = StepLog(command=command)
        self.timer_rows: dict[str, datetime] | None = None
        """The instance's timer rows (task id -> due), when the command read them already in this step."""
        self._current = None
        self._decision_inputs: dict[UUID, dict[str, Any]] = {}
        wf.script_engine = make_script_engine({"now": self._now}, self._call_service)

    def _now(self) -> datetime:
        """`now()` in scripts and expressions: the engine clock, so simulations and replays agree."""
        return self.now

    def audit(self, kind: str, *, element_id: str | None = None, task_id: str | None = None,
              payload: Any = None, actor: str | None = None) -> None:
        self.chain.append(kind, self.now, actor=actor if actor is not None else self.actor,
                          element_id=element_id, task_id=task_id, payload=payload)

    # -- commands ---------------------------------------------------------------------------------
    def start(self, data: dict[str, Any]) -> None:
        self.wf.task_tree.data.update(data)
        self.run()

    def complete_task(self, task_id: str, data: dict[str, Any], form_key: str | None) -> None:
        task = find_task(self.wf, UUID(task_id))
        if task is None or not task.task_spec.manual:
            raise InvalidState(f"task {task_id} is not a human task of instance {self.instance.id}")
        if not task.has_state(TaskState.READY):
            raise Conflict(f"task {task_id} is no longer open (state {TaskState.get_name(task.state)})")
        if hasattr(task.task_spec, "add_data_from_form"):
            task.task_spec.add_data_from_form(task, data)
        else:
            task.set_data(**data)
        self.audit("task_completed", element_id=task.task_spec.bpmn_id, task_id=task_id,
                   payload={"form_key": form_key, "data": data})
        self.log.completed_task_id = task_id
        self._run_guarded(task.run, task)
        if task.has_state(TaskState.COMPLETED):
            self.log.completed.append(task.task_spec.bpmn_id)
        self.run()

    def deliver_message(self, name: str, correlation_key: str | None, payload: Any, message_id: str) -> bool:
        """Hand a message to the waiting catch event of that name; False when nothing here waits for it."""
        for task in list(self.wf.event_manager.tasks.values()):
            definition = task.task_spec.event_definition
            if isinstance(definition, MessageEventDefinition) and definition.name == name:
                self.audit("message_received", element_id=task.task_spec.bpmn_id, task_id=str(task.id),
                           payload={"name": name, "correlation_key": correlation_key, "payload": payload,
                                    "message_id": message_id})
                self.wf.catch(BpmnEvent(definition, payload=payload))
                self.run()
                return True
        return False

    def retry(self, task_id: str) -> None:
        task = find_task(self.wf, UUID(task_id))
        if task is None or not task.has_state(TaskState.ERROR):
            raise InvalidState(f"task {task_id} is not failed; nothing to retry")
        task._set_state(TaskState.READY)
        self.audit("retry", element_id=task.task_spec.bpmn_id, task_id=task_id)
        self.run()

    def send_back(self, task_id: str, reason: str) -> None:
        """Reset the route to an earlier, completed user task (see `engine.send_back`)."""
        task = find_task(self.wf, UUID(task_id))
        if task is None or task not in earlier_user_tasks(self.wf):
            raise InvalidState(f"task {task_id} is not an earlier user task of instance {self.instance.id}")
        self.audit("sent_back", element_id=task.task_spec.bpmn_id, task_id=task_id, payload={"reason": reason})
        with clock_scope(self.clock):  # the reset arms the task's boundary timers again
            reset_to(self.wf, task)
        self.log.reopened.add(task_id)
        self.run()

    def repair_loops(self, reason: str, stalled_steps: list[dict[str, Any]]) -> None:
        """Run the merges the route's stalled loops missed (issue 17, `engine.loops`), audited with the reason
        and the steps that left them so (`stalled_steps`: what replay needs to reproduce those steps)."""
        loops = stalled_loops(self.wf)
        if not loops:
            raise InvalidState(f"instance {self.instance.id} has no stalled loop to repair")
        with clock_scope(self.clock):  # the next iteration may arm its boundary timers
            merged = [(loop, merge_stalled(loop)) for loop in loops]
        self.audit("route_repaired", payload={
            "reason": reason, "action": "loop merge re-run", "stalled_steps": stalled_steps,
            "loops": [{"element_id": loop.task_spec.bpmn_id, "task_id": str(loop.id), "merged": count}
                      for loop, count in merged]})
        self.run()

    def migrate(self, target: ParsedProcess, mapping: dict[str, str], payload: dict[str, Any]) -> None:
        """Move the route onto another version of its process (`engine.migration`), audited as `migrated`
        with `payload` (the versions, the mapping); the route then runs on in the new version."""
        self.audit("migrated", payload=payload)
        with clock_scope(self.clock):  # waiting events re-armed on the new specs read the engine clock
            move(self.wf, target, mapping)
        self.process = target
        self.run()

    def cancel(self, reason: str) -> None:
        self.wf.cancel()
        self.audit("cancelled", payload={"reason": reason})

    # -- running ------------------------------------------------------------------------------------
    def run(self) -> None:
        if self.log.failure is not None:
            return
        with clock_scope(self.clock):
            while True:
                try:
                    self.wf.refresh_timers()
                    self.wf.do_engine_steps(will_complete_task=self._will_run, did_complete_task=self._did_run)
                except Exception as exc:  # noqa: BLE001 - every failure becomes an error event or an incident
                    task = getattr(exc, "task", None) or self._current
                    if task is not None and self._throw_bpmn_error(task, exc):
                        continue
                    self._record_failure(task, exc)
                    return
                # do_engine_steps refreshes timers only at its very end: a timer it found due is READY, not run.
                if not any(t.has_state(TaskState.READY) for t in self.wf.event_manager.tasks.values()):
                    break
        self._collect_messages()

    def _run_guarded(self, fn: Callable[[], Any], task) -> None:
        with clock_scope(self.clock):
            try:
                self._current = task
                fn()
            except Exception as exc:  # noqa: BLE001
                if not self._throw_bpmn_error(task, exc):
                    self._record_failure(task, exc)

    def _will_run(self, task) -> None:
        self._current = task
        if isinstance(task.task_spec, BusinessRuleTaskMixin):
            self._decision_inputs[task.id] = self._decision_input_values(task)

    def _did_run(self, task) -> None:
        spec = task.task_spec
        if spec.bpmn_id is None or not task.has_state(TaskState.COMPLETED):
            return
        self.log.completed.append(spec.bpmn_id)
        definition = getattr(spec, "event_definition", None)
        if isinstance(definition, TimerEventDefinition):
            self.audit("timer_fired", element_id=spec.bpmn_id, task_id=str(task.id),
                       payload={"due_at": definition.details(task).value}, actor="system")
        if isinstance(spec, BusinessRuleTaskMixin):
            table = spec.dmnEngine.decision_table
            outputs = {o.name or o.label: task.data.get(o.name or o.label) for o in table.outputs}
            self.audit("decision_evaluated", element_id=spec.bpmn_id, task_id=str(task.id),
                       payload={"decision_id": table.id, "inputs": self._decision_inputs.pop(task.id, {}),
                                "outputs": outputs})

    def _decision_input_values(self, task) -> dict[str, Any]:
        values = {}
        for column in task.task_spec.dmnEngine.decision_table.inputs:
            label = column.name or column.label or column.expression
            try:
                values[label] = self.wf.script_engine.evaluate(task, column.expression)
            except Exception as exc:  # noqa: BLE001 - the table itself will report the error
                values[label] = f"<error: {exc}>"
        return values

    # -- service tasks ------------------------------------------------------------------------------
    def _call_service(self, task, operation: str, params: dict[str, Any]) -> Any:
        handler = self.handlers.get(operation)
        if handler is None:
            raise UnknownOperation(f"no handler is registered for service operation {operation!r}")
        context = HandlerContext(
            instance_id=self.instance.id, task_id=str(task.id), element_id=task.task_spec.bpmn_id,
            process_key=self.instance.process_key, business_key=self.instance.business_key, actor=self.actor,
            now=self.now, session=self.session, data=MappingProxyType(dict(task.data)))
        savepoint = self.session.begin_nested()
        try:
            result = handler(context, **params)
            self.session.flush()
        except Exception as exc:
            savepoint.rollback()
            self.audit("service_failed", element_id=task.task_spec.bpmn_id, task_id=str(task.id),
                       payload={"operation": operation, "params": params, "error": f"{type(exc).__name__}: {exc}"})
            raise
        savepoint.commit()
        result = to_jsonable(result)
        self.audit("service_called", element_id=task.task_spec.bpmn_id, task_id=str(task.id),
                   payload={"operation": operation, "params": to_jsonable(params), "result": result})
        return result

    def _throw_bpmn_error(self, task, exc: BaseException) -> bool:
        code = _bpmn_error_code(exc)
        if code is None:
            return False
        event = BpmnEvent(ErrorEventDefinition(code, code=code),
                          payload={"code": code, "message": str(exc), **(getattr(_root(exc), "payload", None) or {})},
                          target=task.workflow)
        catchers = [t for t in self.wf.event_manager.tasks.values()
                    if isinstance(t.task_spec.event_definition, ErrorEventDefinition)
                    and t.task_spec.event_definition.catches(t, event)]
        if not catchers:
            return False
        self.audit("error_thrown", element_id=task.task_spec.bpmn_id, task_id=str(task.id),
                   payload={"code": code, "message": str(exc)})
        if not task.has_state(TaskState.ERROR):
            task._set_state(TaskState.ERROR)
        self.wf.event_manager.catch(event)
        return True

    def _record_failure(self, task, exc: BaseException) -> None:
        root = _root(exc)
        spec = getattr(task, "task_spec", None)
        operation = getattr(spec, "operation_name", None)
        retryable = not isinstance(root, UnknownOperation | SandboxError)
        self.log.failure = Failure(
            task_id=str(task.id) if task is not None else "", element_id=getattr(spec, "bpmn_id", None),
            operation=operation, error_type=type(root).__name__, error=_describe(exc), retryable=retryable)

    # -- messages -----------------------------------------------------------------------------------
    def _collect_messages(self) -> None:
        for event in self.wf.get_events():
            definition = event.event_definition
            if not isinstance(definition, MessageEventDefinition):
                continue
            payload = to_jsonable(event.payload)
            key = _correlation_key(event, payload, self.process.correlation_key_field, self.instance.business_key)
            self.log.messages_out.append(OutgoingMessage(definition.name, key, payload))


def _correlation_key(event, payload: Any, key_field: str | None, business_key: str | None) -> str | None:
    for values in (event.correlations or {}).values():
        if isinstance(values, dict) and values:
            return "|".join(str(values[k]) for k in sorted(values))
    if key_field and isinstance(payload, dict) and payload.get(key_field):
        return str(payload[key_field])
    return business_key


def _root(exc: BaseException) -> BaseException:
    seen = exc
    while seen.__cause__ is not None:
        seen = seen.__cause__
    return seen


def _bpmn_error_code(exc: BaseException) -> str | None:
    current: BaseException | None = exc
    while current is not None:
        code = getattr(current, "bpmn_error_code", None)
        if code:
            return str(code)
        current = current.__cause__
    return None


def _describe(exc: BaseException) -> str:
    root = _root(exc)
    text = f"{type(root).__name__}: {root}"
    if root is not exc:
        text = f"{exc} (caused by {text})"
    notes = getattr(exc, "__notes__", None)
    if notes:
        text += " — " + "; ".join(notes)
    frames = traceback.extract_tb(root.__traceback__)[-3:] if root.__traceback__ else []
    if frames:
        text += " at " + " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in reversed(frames))
    return text[:4000]
