"""Where the region's capacity runs short: curator caseloads against their caps (and escalations when no
curator was free), and practice demand the matching could not place (the handlers' `practice.no_slot`
notifications, read through the engine's facade) against the placements it proposed."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import mean

from sqlalchemy import Connection, func, select

from domain.analytics.capacity import open_caseloads
from domain.models import Curator, CuratorAssignment, PracticePlacement, PracticeSlot
from engine import Engine

ESCALATION = "curator.escalation"
NO_SLOT = "practice.no_slot"


@dataclass(frozen=True)
class CuratorLoad:
    curators: int
    assignments_made: int
    active_assignments: int
    curators_with_students: int
    max_caseload: int
    mean_caseload: float
    p90_caseload: int
    cap: int
    over_cap: int
    escalations: int
    histogram: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PracticeDemand:
    requests: int
    placed: int
    unmatched: int
    unmatched_share: float
    placed_by_kind: dict[str, int] = field(default_factory=dict)
    unmatched_by_kind: dict[str, int] = field(default_factory=dict)
    placements_by_status: dict[str, int] = field(default_factory=dict)


def curator_load(connection: Connection, engine: Engine) -> CuratorLoad:
    caps = dict(connection.execute(select(Curator.id, Curator.max_caseload)).all())
    active = open_caseloads(connection)
    loads = sorted(active.get(curator, 0) for curator in caps)
    busy = [load for load in loads if load]
    made = connection.execute(select(func.count()).select_from(CuratorAssignment)).scalar() or 0
    escalations = len(engine.analytics.outbox_payloads(ESCALATION))
    cap = max(caps.values(), default=0)
    return CuratorLoad(
        curators=len(caps), assignments_made=made, active_assignments=sum(loads), curators_with_students=len(busy),
        max_caseload=max(loads, default=0), mean_caseload=round(mean(busy), 2) if busy else 0.0,
        p90_caseload=loads[int(0.9 * (len(loads) - 1))] if loads else 0, cap=cap,
        over_cap=sum(1 for curator, load in active.items() if load > caps.get(curator, cap)),
        escalations=escalations, histogram=_caseload_histogram(loads))


def _caseload_histogram(loads: list[int]) -> dict[str, int]:
    bands = {"0": 0, "1–5": 0, "6–10": 0, "11–20": 0, "21–40": 0, ">40": 0}
    for load in loads:
        band = ("0" if load == 0 else "1–5" if load <= 5 else "6–10" if load <= 10 else "11–20" if load <= 20
                else "21–40" if load <= 40 else ">40")
        bands[band] += 1
    return bands


def practice_demand(connection: Connection, engine: Engine) -> PracticeDemand:
    placed = Counter(dict(connection.execute(
        select(PracticeSlot.kind, func.count()).select_from(PracticePlacement)
        .join(PracticeSlot, PracticeSlot.id == PracticePlacement.slot_id)
        .group_by(PracticeSlot.kind)).all()))
    statuses = dict(connection.execute(select(PracticePlacement.status, func.count())
                                       .group_by(PracticePlacement.status)).all())
    unmatched: Counter[str] = Counter()
    for payload in engine.analytics.outbox_payloads(NO_SLOT):
        unmatched[(payload or {}).get("kind") or "?"] += 1
    requests = sum(placed.values()) + sum(unmatched.values())
    return PracticeDemand(
        requests=requests, placed=sum(placed.values()), unmatched=sum(unmatched.values()),
        unmatched_share=round(sum(unmatched.values()) / requests, 4) if requests else 0.0,
        placed_by_kind=dict(placed), unmatched_by_kind=dict(unmatched), placements_by_status=statuses)

