"""Setting up a simulation on a fresh database: every room's migrations, the synthetic region, an engine on
a manual clock with the deployment's handlers, the deployed map, and every route started."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine as SqlEngine
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from domain.models import EmploymentOutcome
from domain.region import RegionSummary, generate
from domain.region.parameters import RegionParameters, apply_parameters, region_parameters
from engine import Engine, ManualClock
from engine.wiring import Wiring
from simulation.cohort import Route, start_routes
from simulation.config import SimulationConfig
from simulation.region_facts import RegionFacts, read_region_facts

PROCESS_SUFFIXES = (".bpmn", ".dmn")


class NotFreshDatabase(RuntimeError):
    """The simulation writes a whole region and its routes; it refuses a database that already has data."""


@dataclass
class World:
    engine: Engine
    clock: ManualClock
    reader: SqlEngine
    region: RegionSummary
    facts: RegionFacts
    routes: list[Route]
    preexisting_outcomes: frozenset[str]
    """EmploymentOutcome rows the region generator wrote; the report counts only the simulation's own."""
    parameters: RegionParameters | None = None
    """The simulated region's planning parameters (after the scenario's edits, if any)."""
    programmes_left_out: list[str] = field(default_factory=list)
    """Programmes whose changed practice places the scenario could not carry to this region (no such specialty)."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per set-up phase: migrations, region, deploy, route starts."""

    def close(self) -> None:
        self.engine.close()
        self.reader.dispose()


def process_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.rglob("*") if path.suffix in PROCESS_SUFFIXES)


WORKFLOWS_PER_YOUTH = 2
"""Live instances per youth: the current stage's route, sometimes the next one started beside it."""
WORKFLOWS_OF_THE_REGION = 1000
"""Employers' staffing needs and the practice library."""


def build_world(config: SimulationConfig, wiring: Wiring) -> World:
    timings: dict[str, float] = {}
    began = time.perf_counter()
    if not config.migrated:
        wiring.upgrade(config.database_url)
    timings["migrations"] = time.perf_counter() - began
    clock = ManualClock(config.start)
    # Every route is stepped again and again, so every live instance's workflow stays in memory (unless cold).
    # A simulated region is rebuilt rather than recovered, so no step waits for the disk.
    engine = wiring.open_engine(config.database_url, clock=clock, cold=config.cold,
                                workflow_cache=config.youths * WORKFLOWS_PER_YOUTH + WORKFLOWS_OF_THE_REGION,
                                wait_for_flush=False)
    if engine.instances(limit=1):
        engine.close()
        raise NotFreshDatabase("the database already has process instances; simulate on a fresh one")
    reader = create_engine(config.database_url)
    with Session(reader) as session:
        region = generate(session, seed=config.seed, youths=config.youths)
        if not region.created:
            engine.close()
            raise NotFreshDatabase("the database already has a region; simulate on a fresh one")
        today = config.start.date()
        parameters = region_parameters(session, today)
        left_out: list[str] = []
        if config.scenario is not None:
            edited, baseline = config.scenario.edited, config.scenario.baseline
            left_out = edited.programmes_left_out(baseline, parameters)
            parameters = edited.scaled_to(baseline, parameters)
            apply_parameters(session, parameters, today)
        session.commit()
        facts = read_region_facts(session)
        preexisting = frozenset(session.scalars(select(EmploymentOutcome.id)))
    timings["region"] = time.perf_counter() - began - sum(timings.values())
    engine.deploy(process_files(config.processes_dir), actor="simulation")
    timings["deploy"] = time.perf_counter() - began - sum(timings.values())
    with Session(reader) as session:
        routes = start_routes(engine, session, shard=config.shard)
    timings["route_starts"] = time.perf_counter() - began - sum(timings.values())
    return World(engine=engine, clock=clock, reader=reader, region=region, facts=facts, routes=routes,
                 preexisting_outcomes=preexisting, parameters=parameters, programmes_left_out=left_out,
                 timings={name: round(value, 2) for name, value in timings.items()})
