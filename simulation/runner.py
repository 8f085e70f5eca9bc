"""One simulation run from a fresh database to the written report."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from domain.region.parameters import RegionParameters
from engine.wiring import Wiring
from simulation.config import SimulationConfig
from simulation.driver import Driver, DriveStats, ProgressCallback
from simulation.metrics import SimulationReport, collect_report
from simulation.personas import Rates
from simulation.world import build_world
from simulation.writers import write_reports


@dataclass(frozen=True)
class SimulationOutcome:
    report: SimulationReport
    stats: DriveStats
    files: list[Path]
    setup_seconds: float
    drive_seconds: float
    report_seconds: float
    setup_phases: dict[str, float]


def run_simulation(config: SimulationConfig, wiring: Wiring, progress: ProgressCallback | None = None,
                   write: bool = True, time_budget: float | None = None) -> SimulationOutcome:
    """`time_budget`: wall-clock seconds for the whole run, set-up included (benchmarks): the routes are
    driven until it is spent; None drives them to the end."""
    began = time.perf_counter()
    world = build_world(config, wiring)
    try:
        set_up = time.perf_counter()
        driver = Driver(world.engine, world.clock, world.reader, world.routes, world.facts, config.seed,
                        config.horizon, progress, None if time_budget is None else time_budget - (set_up - began),
                        rates=_rates(world.parameters), whole_region=config.shard.whole)
        stats = driver.run()
        driven = time.perf_counter()
        report = collect_report(world, config, stats, drive_seconds=driven - set_up)
        reported = time.perf_counter()
    finally:
        world.close()
    files = write_reports(report, config.out_dir) if write else []
    return SimulationOutcome(report=report, stats=stats, files=files, setup_seconds=set_up - began,
                             drive_seconds=driven - set_up, report_seconds=reported - driven,
                             setup_phases=world.timings)


def _rates(parameters: RegionParameters | None) -> Rates:
    return Rates() if parameters is None else Rates(parameters.employed_24_months, parameters.retention)
