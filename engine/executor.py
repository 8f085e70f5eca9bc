"""Running one command on one instance in one transaction: load the record and its workflow, apply the
command, persist the outcome, retry on a concurrent change."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from engine.chain import GENESIS
from engine.clock import Clock, FixedClock
from engine.db import Database
from engine.errors import Conflict, NotFound
from engine.model import StepResult
from engine.persist import persist_step
from engine.records import InstanceRecord, StaleInstance, insert_instance, load_instance
from engine.search import SearchAttributes
from engine.specs import ParsedProcess, SpecCache
from engine.state import load_state, settle_for_reuse
from engine.step import StepRunner
from engine.store.models import ProcessDefinition
from engine.workflow_cache import WorkflowCache

MAX_STEP_RETRIES = 5

Apply = Callable[[StepRunner, Session], None]


class Skip(Exception):
    """Raised by a command to end its step without writing anything (someone else already did the work)."""


class StepExecutor:
    def __init__(self, db: Database, specs: SpecCache, handlers: Mapping[str, Callable], clock: Clock,
                 workflows: WorkflowCache, search: SearchAttributes):
        self.db = db
        self.search = search
        self.workflows = workflows
        self.specs = specs
        self.handlers = handlers
        self.clock = clock
        self._definitions: dict[str, ProcessDefinition] = {}

    def process(self, session: Session, definition_id: str) -> ParsedProcess:
        """Definitions are immutable, so their rows are cached too."""
        definition = self._definitions.get(definition_id)
        if definition is None:
            definition = session.get(ProcessDefinition, definition_id)
            if definition is None:
                raise NotFound(f"definition {definition_id} does not exist")
            session.expunge(definition)
            self._definitions[definition_id] = definition
        return self.specs.get(session, definition)

    def new_instance(self, session: Session, definition: ProcessDefinition, business_key: str | None,
                     actor: str | None, data: dict[str, Any]) -> tuple[StepRunner, ParsedProcess]:
        process = self.specs.get(session, definition)
        now = self.clock.now()
        record = InstanceRecord(
            id=str(uuid.uuid4()), definition_id=definition.id, process_key=definition.key,
            business_key=business_key, parent_id=None, status="active", has_incident=False, state=b"", version=1,
            org=data.get("org") if isinstance(data.get("org"), dict) else {}, attr_1=None, attr_2=None,
            attr_3=None, attr_4=None, attr_5=None, search_key=None, milestone=None, legal_hold=False, open_tasks=0,
            waiting_timers=0, waiting_messages=0, audit_seq=0, audit_head=GENESIS, created_at=now, updated_at=now,
            ended_at=None)
        insert_instance(session.connection(), record)
        wf = BpmnWorkflow(process.spec, process.subprocess_specs)
        runner = StepRunner(session=session, instance=record, process=process, wf=wf, handlers=self.handlers,
                            clock=FixedClock(now), now=now, actor=actor, command="start")
        runner.audit("instance_started", payload={
            "process_key": definition.key, "definition_id": definition.id, "version": definition.version,
            "content_hash": definition.content_hash, "business_key": business_key, "data": data})
        return runner, process

    def workflow(self, instance_id: str, version: int, process: ParsedProcess,
                 state: Callable[[], bytes]) -> tuple[BpmnWorkflow, bytes]:
        """The instance's workflow at `version` and the stored state it stands for: the one kept in memory,
        else rebuilt from `state()`."""
        kept = self.workflows.take(instance_id, version, state)
        if kept is not None:
            return kept.workflow, kept.state
        stored = state()
        return load_state(stored, process.spec, process.subprocess_specs), stored

    def keep_workflow(self, instance_id: str, version: int, status: str, workflow: BpmnWorkflow,
                      state: bytes) -> None:
        """Keep the workflow of a live instance as it is stored at `version` (its stored `state`)."""
        if status == "active":
            self.workflows.keep(instance_id, version, state, workflow)

    def keep(self, runner: StepRunner) -> None:
        """After the step's transaction committed: its workflow is the instance's state at its new version."""
        settle_for_reuse(runner.wf)
        self.keep_workflow(runner.instance.id, runner.instance.version, runner.instance.status, runner.wf,
                           runner.instance.state)

    def run(self, target: str | Callable[[Session], str | InstanceRecord], command: str, apply: Apply,
            actor: str | None, clock: Clock | None = None, *, background: bool = False
            ) -> tuple[StepResult | None, bool]:
        """One command in one transaction; `target` is an instance id or finds it inside the transaction (its id,
        or its row already locked). Returns the result (None when the command skipped) and whether messages may
        now be deliverable. A `background` step (a timer, an automatic retry, the watchdog's) is due work that
        nobody waits on and that is due again if lost, so its commit does not wait for the disk flush."""
        clock = clock or self.clock
        instance_id = target if isinstance(target, str) else "?"
        for _attempt in range(MAX_STEP_RETRIES):
            try:
                with self.db.write() as session, session.begin():
                    if background:
                        self.db.commit_without_flush_wait(session)
                    found = target if isinstance(target, str) else target(session)
                    instance_id = found.id if isinstance(found, InstanceRecord) else found
                    row = found if isinstance(found, InstanceRecord) else load_instance(session.connection(),
                                                                                         instance_id, lock=True)
                    if row is None:
                        raise NotFound(f"instance {instance_id} does not exist")
                    process = self.process(session, row.definition_id)
                    wf, _ = self.workflow(row.id, row.version, process, lambda stored=row.state: stored)
                    now = clock.now()  # one moment per step, as its replay sees it (timers armed in it)
                    runner = StepRunner(session=session, instance=row, process=process, wf=wf,
                                        handlers=self.handlers, clock=FixedClock(now), now=now, actor=actor,
                                        command=command)
                    apply(runner, session)
                    opened, incident_id = persist_step(session, runner, runner.process, self.search)
                    result = StepResult(instance_id=row.id, status=row.status, opened_tasks=opened,
                                        incident_id=incident_id)
            except Skip:
                return None, False
            except (StaleDataError, StaleInstance):
                continue
            self.keep(runner)
            return result, runner.log.may_deliver
        raise Conflict(f"instance {instance_id} kept changing under {command}; gave up after "
                       f"{MAX_STEP_RETRIES} attempts")
