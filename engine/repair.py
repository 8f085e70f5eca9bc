"""`Engine.repair`: routes stalled inside a loop by issue 17 are found and moved on.

A route qualifies when its workflow, loaded onto today's specs (whose loops are connected), has a running loop
with a finished child it never merged (`engine.loops`). The step that stalled it is found by replay: replayed
on today's specs the loop merges in that step, so the log diverges there; replayed with that step's loops left
unmerged it must match to the end, or the route is reported and left alone. The repair is one step per route
(command `repair`): the missed merges run, an audit event `route_repaired` records the actor, the reason, the
loops and the steps that stalled them, and the route's Stalled incident is resolved. Replay reads the stalled
steps back from that event, so the repaired route replays and verifies like any other."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import commands
from engine.db import Database
from engine.errors import ValidationError
from engine.executor import StepExecutor
from engine.loops import stalled_loops
from engine.model import RepairReport, RouteRepair
from engine.store.models import AuditEvent, ProcessInstance

Replay = Callable[[Session, str, Mapping[int, set[str]]], Any]
"""`engine.audit.replay.replay`, handed in by the facade (the auditors' tools sit above the engine's core)."""
RunStep = Callable[..., Any]
MAX_STALLS = 20
_ROUTES = (select(ProcessInstance.id, ProcessInstance.version, ProcessInstance.definition_id,
                  ProcessInstance.process_key, ProcessInstance.business_key)
           .where(ProcessInstance.status == "active").order_by(ProcessInstance.created_at, ProcessInstance.id))


def repair(db: Database, steps: StepExecutor, run_step: RunStep, replay: Replay, *, actor: str, reason: str,
           dry_run: bool) -> RepairReport:
    if not reason or not reason.strip():
        raise ValidationError("a repair needs a reason")
    routes = []
    for route in find_stalled(db, steps):
        with db.read() as session:
            stalled, error = stalled_steps(session, route.instance_id, route.loops, replay)
        route = replace(route, stalled_steps=stalled, error=error)
        if not dry_run and error is None:
            payload = [{"seq": seq, "loops": list(loops)} for seq, loops in stalled]
            done = run_step(route.instance_id, "repair", commands.repair(reason.strip(), payload), actor)
            route = replace(route, repaired=done is not None)
        routes.append(route)
    return RepairReport(dry_run=dry_run, routes=tuple(routes))


def find_stalled(db: Database, steps: StepExecutor) -> list[RouteRepair]:
    """Active routes with a loop that never merged a finished child, oldest first."""
    found = []
    with db.read() as session:
        for row in session.execute(_ROUTES).all():
            process = steps.process(session, row.definition_id)
            state = select(ProcessInstance.state).where(ProcessInstance.id == row.id)
            workflow, stored = steps.workflow(row.id, row.version, process,
                                              lambda query=state: session.scalar(query))
            loops = tuple(sorted({task.task_spec.bpmn_id for task in stalled_loops(workflow)}))
            steps.keep_workflow(row.id, row.version, "active", workflow, stored)
            if loops:
                found.append(RouteRepair(instance_id=row.id, process_key=row.process_key,
                                         business_key=row.business_key, loops=loops, stalled_steps=()))
    return found


def stalled_steps(session: Session, instance_id: str, loops: tuple[str, ...], replay: Replay,
                  ) -> tuple[tuple[tuple[int, tuple[str, ...]], ...], str | None]:
    """The steps that left `loops` unmerged, found by replaying until the log matches; or the reason why not."""
    step_seqs = list(session.scalars(select(AuditEvent.seq).where(
        AuditEvent.instance_id == instance_id, AuditEvent.kind == "step").order_by(AuditEvent.seq)))
    stalls: dict[int, set[str]] = {}
    for _ in range(MAX_STALLS):
        report = replay(session, instance_id, stalls)
        if report.ok:
            return tuple((seq, tuple(sorted(stalls[seq]))) for seq in sorted(stalls)), None
        seq = next((seq for seq in step_seqs if seq >= report.divergence.seq), None)
        if seq is None or seq in stalls:
            return (), f"the log does not replay with the stalled loops reproduced: {report.summary()}"
        stalls[seq] = set(loops)
    return (), f"more than {MAX_STALLS} stalled steps; left alone"
