"""How far young people got along their route: one funnel per cohort (where the simulation started them:
school, college or graduate routing), stage reached = the stage's process started for the youth or its
youth-lane milestone completed (the audit log's step events). A funnel stage counts the cohort's youths who
reached it and every earlier stage of the chain, so it never rises from one stage to a later one; the side
stages only some routes pass (practices, work in the specialty, retraining) are counted beside it. Also
where each young person stands now (the last milestone their routes passed). Read through the engine's facade
(`Engine.analytics`)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from domain.analytics.filters import share
from domain.route_stages import (
    COHORT_ENTRY,
    COHORT_LABELS,
    MAIN_CHAIN,
    MILESTONE_IDS,
    ROUTE_STAGES,
    SIDE_STAGE_BASE,
)
from engine import Engine

NO_STAGE = "Без отметки этапа"


@dataclass(frozen=True)
class FunnelRow:
    cohort: str
    cohort_label: str
    key: str
    label: str
    youths: int
    share: float
    """Of the cohort (funnel rows) or of the youths who reached the base stage (side stages): `youths / of`."""
    of: int


@dataclass(frozen=True)
class RouteFunnel:
    funnel: list[FunnelRow]
    side_stages: list[FunnelRow]


def route_funnel(engine: Engine, cohorts: Mapping[str, str]) -> RouteFunnel:
    """`cohorts`: youth business key -> the kind of route the simulation started for them."""
    reached = _reached(engine, set(cohorts))
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
                                    share(len(passing), len(members)), len(members)))
    labels = {stage.key: stage.label for stage in ROUTE_STAGES}
    side = [FunnelRow("all", "Все молодые люди", key, labels[key], len(reached[key] & reached[base]),
                      share(len(reached[key] & reached[base]), len(reached[base])), len(reached[base]))
            for key, base in SIDE_STAGE_BASE.items()]
    return RouteFunnel(funnel, side)


def _reached(engine: Engine, youth_keys: set[str]) -> dict[str, set[str]]:
    """Stage or milestone key -> the youths whose route started the stage's process or passed the milestone."""
    by_process = {stage.process_key: stage.key for stage in ROUTE_STAGES if stage.process_key}
    found = engine.analytics.subjects_reached(process_keys=by_process, milestone_ids=MILESTONE_IDS)
    reached: dict[str, set[str]] = {stage.key: set() for stage in ROUTE_STAGES}
    for key, subjects in found.items():
        reached[by_process.get(key, key)] |= subjects & youth_keys
    return reached


def current_stages(engine: Engine, youth_keys: set[str]) -> dict[str, int]:
    """The last milestone each young person passed: the `milestone` of their most recent instance that has one.
    Routes started at the same moment (a stage's route ends and starts the next one on the same clock tick) are
    ordered ended first, by their end, then the live ones: the next stage is the later one."""
    latest: dict[str, str | None] = {}
    routes = sorted(engine.analytics.route_milestones(),
                    key=lambda r: (r.created_at, r.ended_at is None, r.ended_at or r.created_at, r.instance_id))
    for route in routes:
        if route.business_key in youth_keys and (route.milestone or route.business_key not in latest):
            latest[route.business_key] = route.milestone
    return dict(Counter(stage or NO_STAGE for stage in latest.values()).most_common())
