"""How far young people got along their route: one funnel per cohort (where the simulation started them:
school, college or graduate routing), stage reached = the stage's process started for the youth or its
youth-lane milestone completed (the audit log's step events). A funnel stage counts the cohort's youths who
reached it and every earlier stage of the chain, so it never rises from one stage to a later one; the side
stages only some routes pass (practices, work in the specialty, retraining) are counted beside it. Also
where each young person stands now (the instance search attribute `stage`)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, select

from domain.route_stages import (
    COHORT_ENTRY,
    COHORT_LABELS,
    MAIN_CHAIN,
    MILESTONE_IDS,
    ROUTE_STAGES,
    SIDE_STAGE_BASE,
)
from engine.store.models import AuditEvent, ProcessInstance

NO_STAGE = "Без отметки этапа"


@dataclass(frozen=True)
class FunnelRow:
    cohort: str
    cohort_label: str
    key: str
    label: str
    youths: int
    share: float
    """Of the cohort (funnel rows) or of the youths who reached the base stage (side stages)."""


@dataclass(frozen=True)
class RouteFunnel:
    funnel: list[FunnelRow]
    side_stages: list[FunnelRow]


def route_funnel(connection: Connection, cohorts: Mapping[str, str]) -> RouteFunnel:
    """`cohorts`: youth business key -> the kind of route the simulation started for them."""
    reached = _reached(connection, set(cohorts))
    funnel: list[FunnelRow] = []
    for cohort, entry in COHORT_ENTRY.items():
        members = {key for key, kind in cohorts.items() if kind == cohort}
        if not members:
            continue
        chain = MAIN_CHAIN[[stage.key for stage in MAIN_CHAIN].index(entry):]
        passing = members
        for stage in chain:
            passing = passing & reached[stage.key]
            funnel.append(FunnelRow(cohort, COHORT_LABELS[cohort], stage.key, stage.label, len(passing),
                                    _share(len(passing), len(members))))
    labels = {stage.key: stage.label for stage in ROUTE_STAGES}
    side = [FunnelRow("all", "Все молодые люди", key, labels[key], len(reached[key] & reached[base]),
                      _share(len(reached[key] & reached[base]), len(reached[base])))
            for key, base in SIDE_STAGE_BASE.items()]
    return RouteFunnel(funnel, side)


def _reached(connection: Connection, youth_keys: set[str]) -> dict[str, set[str]]:
    reached: dict[str, set[str]] = {stage.key: set() for stage in ROUTE_STAGES}
    by_process = {stage.process_key: stage.key for stage in ROUTE_STAGES if stage.process_key}
    for business_key, process_key in connection.execute(
            select(ProcessInstance.business_key, ProcessInstance.process_key)):
        if business_key in youth_keys and process_key in by_process:
            reached[by_process[process_key]].add(business_key)
    steps = select(ProcessInstance.business_key, AuditEvent.payload).join(
        ProcessInstance, ProcessInstance.id == AuditEvent.instance_id).where(AuditEvent.kind == "step")
    for business_key, payload in connection.execute(steps):  # payloads are packed: read here, not in SQL
        if business_key not in youth_keys:
            continue
        for element_id in (payload or {}).get("completed") or ():
            if element_id in MILESTONE_IDS:
                reached[element_id].add(business_key)
    return reached


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def current_stages(connection: Connection, youth_keys: set[str]) -> dict[str, int]:
    """The last milestone each young person passed: the `milestone` of their most recent instance that has one.
    Routes started at the same moment (a stage's route ends and starts the next one on the same clock tick) are
    ordered ended first, by their end, then the live ones: the next stage is the later one."""
    latest: dict[str, str | None] = {}
    rows = connection.execute(select(ProcessInstance.business_key, ProcessInstance.milestone)
                              .order_by(ProcessInstance.created_at, ProcessInstance.ended_at.is_(None),
                                        ProcessInstance.ended_at, ProcessInstance.id))
    for business_key, stage in rows:
        if business_key in youth_keys and (stage or business_key not in latest):
            latest[business_key] = stage
    return dict(Counter(stage or NO_STAGE for stage in latest.values()).most_common())
