"""The route funnel on the live routes: in map order, how many young people reached each stage in the period
(a stage's process started for them, or its youth-lane milestone completed). Youths join the map at
different stages, so a stage is counted on its own, with its share of the busiest stage."""
from __future__ import annotations

from dataclasses import dataclass

from domain.route_stages import ROUTE_STAGES, SIDE_STAGES
from engine import Engine
from web.analytics.filters import Filters


@dataclass(frozen=True)
class FunnelRow:
    key: str
    label: str
    youths: int
    share: float
    side: bool
    """A stage only some routes pass by design (a practice, work in the specialty, retraining)."""


def funnel_rows(engine: Engine, filters: Filters) -> list[FunnelRow]:
    reached = engine.analytics.subjects_reached(
        process_keys=[stage.process_key for stage in ROUTE_STAGES if stage.process_key],
        milestone_ids=[stage.key for stage in ROUTE_STAGES if not stage.process_key],
        since=filters.since_at, until=filters.until_at, org=filters.org)
    counts = [(stage, len(reached[stage.process_key or stage.key])) for stage in ROUTE_STAGES]
    busiest = max((count for _stage, count in counts), default=0)
    return [FunnelRow(stage.key, stage.label, count, round(count / busiest, 4) if busiest else 0.0,
                      stage.key in SIDE_STAGES) for stage, count in counts]
