"""What the engine and the simulated operators did: steps, instances, incidents and refused answers."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from engine import Engine
from engine.store.models import AuditEvent, ProcessInstance
from simulation.driver import DriveStats

SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class WorkSummary:
    steps: int
    tasks_completed: int
    tasks_by_element: dict[str, int]
    timer_rounds: int
    clock_jumps: int
    instances_by_process: dict[str, dict[str, int]]
    open_incidents: int
    incidents: list[dict[str, Any]] = field(default_factory=list)
    rejected_answers: int = 0
    rejections: list[dict[str, Any]] = field(default_factory=list)


def work_summary(connection: Connection, engine: Engine, stats: DriveStats) -> WorkSummary:
    steps = connection.execute(select(func.count()).select_from(AuditEvent).where(AuditEvent.kind == "step")
                               ).scalar() or 0
    by_process: dict[str, Counter[str]] = {}
    for process_key, status, count in connection.execute(
            select(ProcessInstance.process_key, ProcessInstance.status, func.count())
            .group_by(ProcessInstance.process_key, ProcessInstance.status)):
        by_process.setdefault(process_key, Counter())[status] += count
    incidents = engine.incidents(status="open")
    return WorkSummary(
        steps=steps, tasks_completed=sum(stats.tasks_completed.values()),
        tasks_by_element=dict(stats.tasks_completed.most_common()), timer_rounds=stats.timer_rounds,
        clock_jumps=stats.clock_jumps,
        instances_by_process={key: dict(counts) for key, counts in sorted(by_process.items())},
        open_incidents=len(incidents),
        incidents=[{"element_id": i.element_id, "operation": i.operation, "error": i.error.splitlines()[0][:300]}
                   for i in incidents[:SHOWN_PROBLEMS]],
        rejected_answers=len(stats.rejections),
        rejections=[{"form_key": r.form_key, "element_id": r.element_id, "business_key": r.business_key,
                     "errors": r.errors, "answer": r.answer} for r in stats.rejections[:SHOWN_PROBLEMS]])
