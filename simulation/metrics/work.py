"""What the engine and the simulated operators did: steps, instances, incidents and refused answers."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine import Engine
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


def work_summary(engine: Engine, stats: DriveStats) -> WorkSummary:
    incidents = engine.incidents(status="open")
    return WorkSummary(
        steps=engine.analytics.step_count(), tasks_completed=sum(stats.tasks_completed.values()),
        tasks_by_element=dict(stats.tasks_completed.most_common()), timer_rounds=stats.timer_rounds,
        clock_jumps=stats.clock_jumps,
        instances_by_process=dict(sorted(engine.analytics.route_counts().items())),
        open_incidents=len(incidents),
        incidents=[{"element_id": i.element_id, "operation": i.operation, "error": i.error.splitlines()[0][:300]}
                   for i in incidents[:SHOWN_PROBLEMS]],
        rejected_answers=len(stats.rejections),
        rejections=[{"form_key": r.form_key, "element_id": r.element_id, "business_key": r.business_key,
                     "errors": r.errors, "answer": r.answer} for r in stats.rejections[:SHOWN_PROBLEMS]])
