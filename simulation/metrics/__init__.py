"""The simulation's report: read through the engine's facade (routes, steps, milestones, outbox) and from the
domain rows the handlers wrote, once the simulated period is over."""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from domain.analytics.risk import RiskSummary, risk_summary
from simulation.config import SimulationConfig
from simulation.driver import DriveStats
from simulation.metrics.capacity import CuratorLoad, PracticeDemand, curator_load, practice_demand
from simulation.metrics.funnel import FunnelRow, current_stages, route_funnel
from simulation.metrics.outcomes import OutcomeSummary, outcome_summary
from simulation.metrics.services import ServiceSummary, service_summary
from simulation.metrics.work import WorkSummary, work_summary

DAYS_PER_YEAR = 365.25

if TYPE_CHECKING:
    from simulation.world import World


@dataclass(frozen=True)
class SimulationReport:
    parameters: dict[str, Any]
    region: dict[str, Any]
    routes: dict[str, int]
    funnel: list[FunnelRow]
    """One funnel per cohort; it never rises from a stage to a later one (see metrics/funnel.py)."""
    side_stages: list[FunnelRow]
    current_stages: dict[str, int]
    risk: RiskSummary
    outcomes: OutcomeSummary
    curators: CuratorLoad
    practice: PracticeDemand
    services: ServiceSummary
    work: WorkSummary
    registry_updates: dict[str, int]
    """The colleges' registry updates between steps: exam sessions, debts cleared and new, expulsions, practices."""
    performance: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def collect_report(world: World, config: SimulationConfig, stats: DriveStats, drive_seconds: float) -> SimulationReport:
    cohorts = {route.business_key: route.kind for route in world.routes if route.is_youth}
    youth_keys = set(cohorts)
    with world.reader.connect() as connection:
        funnel = route_funnel(world.engine, cohorts)
        work = work_summary(world.engine, stats)
        report = SimulationReport(
            parameters={
                "youths": config.youths, "years": config.years, "seed": config.seed,
                "start": config.start.isoformat(), "horizon": config.horizon.isoformat(),
                "ended_at": (stats.ended_at or config.start).isoformat(), "reached_horizon": stats.reached_horizon,
                "out_of_time": stats.out_of_time, "cold": config.cold,
                "scenario": config.scenario.name if config.scenario else None,
                "region_parameters": world.parameters.as_dict() if world.parameters else None,
                "programmes_left_out": world.programmes_left_out,
            },
            region=asdict(world.region),
            routes=dict(Counter(route.kind for route in world.routes)),
            funnel=funnel.funnel,
            side_stages=funnel.side_stages,
            current_stages=current_stages(world.engine, youth_keys),
            risk=risk_summary(connection),
            outcomes=outcome_summary(connection, world.preexisting_outcomes,
                                     frozenset(world.facts.employers_by_specialty)),
            curators=curator_load(connection, world.engine),
            practice=practice_demand(connection, world.engine),
            services=service_summary(connection),
            work=work,
            registry_updates=dict(sorted(stats.registry_updates.items())),
            performance=performance(work, len(youth_keys), drive_seconds,
                                     ((stats.ended_at or config.start) - config.start).days / DAYS_PER_YEAR),
        )
    return report


def performance(work: WorkSummary, youths: int, seconds: float, simulated_years: float) -> dict[str, float]:
    return {
        "drive_seconds": round(seconds, 2),
        "simulated_years": round(simulated_years, 2),
        "youth_years_per_second": round(youths * simulated_years / seconds, 3) if seconds else 0.0,
        "youths_per_second": round(youths / seconds, 3) if seconds else 0.0,
        "steps_per_second": round(work.steps / seconds, 2) if seconds else 0.0,
        "tasks_per_second": round(work.tasks_completed / seconds, 2) if seconds else 0.0,
    }
