"""Waiting time per user task of the map: how long a task waited from creation to completion (an open task:
until now), its median and 90th percentile, and the share that went past its due date; the worst first."""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from statistics import median

from engine import TaskWait

HEAT_LEVELS = 5


@dataclass(frozen=True)
class TaskWaitRow:
    process_key: str
    element_id: str
    label: str
    tasks: int
    open: int
    median_hours: float
    p90_hours: float
    overdue_share: float
    heat: int = 0
    """0..HEAT_LEVELS-1: the row's 90th percentile against the slowest task's (the heatmap's colour)."""


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of sorted values (the smallest value with at least `fraction` of them at or below)."""
    return values[max(0, math.ceil(fraction * len(values)) - 1)] if values else 0.0


def wait_rows(waits: Iterable[TaskWait], now: datetime) -> list[TaskWaitRow]:
    """One row per (process, task element), slowest 90th percentile first, then the most overdue."""
    groups: dict[tuple[str, str], list[TaskWait]] = {}
    for wait in waits:
        groups.setdefault((wait.process_key, wait.element_id), []).append(wait)
    rows = []
    for (process_key, element_id), tasks in groups.items():
        hours = sorted(((task.completed_at or now) - task.created_at).total_seconds() / 3600 for task in tasks)
        overdue = sum(1 for task in tasks if task.due_at is not None and (task.completed_at or now) > task.due_at)
        rows.append(TaskWaitRow(process_key, element_id, tasks[0].name or element_id, len(tasks),
                                sum(1 for task in tasks if task.completed_at is None), round(median(hours), 1),
                                round(percentile(hours, 0.9), 1), round(overdue / len(tasks), 4)))
    slowest = max((row.p90_hours for row in rows), default=0.0)
    rows = [TaskWaitRow(**{**row.__dict__, "heat": _heat(row.p90_hours, slowest)}) for row in rows]
    return sorted(rows, key=lambda row: (-row.p90_hours, -row.overdue_share, row.label))


def _heat(value: float, slowest: float) -> int:
    return min(HEAT_LEVELS - 1, int(value / slowest * HEAT_LEVELS)) if slowest > 0 else 0
