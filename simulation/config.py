"""What one simulation run is asked to do."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from domain.region import DEFAULT_AS_OF
from domain.region.scenario import Scenario
from simulation.sharding import WHOLE_REGION, Shard

START_OF_WORKDAY_UTC = time(6, 0)
"""09:00 in Moscow: the simulated clock starts on the region's "today" at the start of the working day."""


@dataclass(frozen=True)
class SimulationConfig:
    youths: int
    years: float
    seed: int
    database_url: str
    out_dir: Path = Path("reports")
    processes_dir: Path = Path(__file__).resolve().parents[1] / "processes"
    cold: bool = False
    """Run the engine cold: nothing kept in memory between steps, as if it restarted before each one."""
    scenario: Scenario | None = None
    """A what-if scenario: the generated region is changed by its edits (scaled to the region) before the run."""
    migrated: bool = False
    """The database is a copy of one every room's migrations brought up to date (the comparison's runs): the
    set-up does not run them again."""
    shard: Shard = WHOLE_REGION
    """The part of the region's routes this run starts and drives (`profroute simulate --workers N`)."""

    def __post_init__(self) -> None:
        if self.youths < 10:
            raise ValueError(f"a cohort needs at least 10 youths (the region generator's minimum), got {self.youths}")
        if self.years <= 0:
            raise ValueError(f"the simulated period must be positive, got {self.years} years")

    @property
    def start(self) -> datetime:
        return datetime.combine(DEFAULT_AS_OF, START_OF_WORKDAY_UTC, tzinfo=UTC)

    @property
    def horizon(self) -> datetime:
        """The moment the simulation stops even if routes are still running."""
        whole = int(self.years)
        return self.start.replace(year=self.start.year + whole) + timedelta(days=round((self.years - whole) * 365.25))
