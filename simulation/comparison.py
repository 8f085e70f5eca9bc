"""What-if runs: the baseline region and a scenario simulated with the same seeds, and their comparison side
by side: the 24-month employment KPI with its 95 % interval over the seeds, the funnel, curator caseloads and
practice demand left without a place (means over the seeds)."""
from __future__ import annotations

import math
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import mean, stdev

from domain.region.scenario import Scenario
from engine.wiring import Wiring
from simulation.config import SimulationConfig
from simulation.metrics import SimulationReport
from simulation.runner import run_simulation

T_95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228}
"""Two-sided 95 % critical values of Student's t by degrees of freedom (1.96 beyond the table)."""
MIN_SEEDS = 5

RunProgress = Callable[[int, int, str], None]
"""(runs done, runs in all, what runs now)"""


@dataclass(frozen=True)
class Estimate:
    mean: float
    low: float
    high: float
    values: list[float]


@dataclass(frozen=True)
class Side:
    label: str
    kpi: Estimate
    in_specialty: Estimate
    funnel: dict[str, float]
    caseloads: dict[str, float]
    practice: dict[str, float]
    parameters: dict[str, float]


@dataclass(frozen=True)
class Comparison:
    scenario: str
    seeds: list[int]
    youths: int
    years: float
    region_youths: int
    scaled_note: str
    sides: list[Side]
    seconds: float
    notes: list[str] = field(default_factory=list)
    kpi_difference: Estimate | None = None
    """The scenario's KPI less the baseline's, seed by seed (the same region and young people on both sides):
    its interval is much narrower than either side's."""
    in_specialty_difference: Estimate | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def estimate(values: list[float]) -> Estimate:
    """Mean and the 95 % confidence interval of the mean (Student's t)."""
    centre = mean(values)
    if len(values) < 2:
        return Estimate(round(centre, 4), round(centre, 4), round(centre, 4), values)
    half = T_95.get(len(values) - 1, 1.96) * stdev(values) / math.sqrt(len(values))
    return Estimate(round(centre, 4), round(centre - half, 4), round(centre + half, 4), values)


def summarise(label: str, reports: list[SimulationReport]) -> Side:
    funnel: dict[str, list[int]] = {}
    for report in reports:
        for row in report.funnel:
            funnel.setdefault(f"{row.cohort_label}: {row.label}", []).append(row.youths)
    return Side(
        label=label,
        kpi=estimate([report.outcomes.employed_share for report in reports]),
        in_specialty=estimate([report.outcomes.in_specialty_share for report in reports]),
        funnel={stage: round(mean(counts), 2) for stage, counts in funnel.items()},
        caseloads={name: round(mean(getattr(report.curators, name) for report in reports), 2)
                   for name in ("curators", "active_assignments", "max_caseload", "mean_caseload", "over_cap",
                                "escalations")},
        practice={name: round(mean(getattr(report.practice, name) for report in reports), 2)
                  for name in ("requests", "placed", "unmatched", "unmatched_share")},
        parameters=reports[0].parameters.get("region_parameters") or {})


def compare(scenario: Scenario, wiring: Wiring, *, seeds: list[int], youths: int, years: float, out_dir: Path,
            region_youths: int | None = None, progress: RunProgress | None = None) -> Comparison:
    """Run the baseline and the scenario once per seed, each on its own fresh SQLite file in `out_dir`."""
    if len(seeds) < MIN_SEEDS:
        raise ValueError(f"a comparison needs at least {MIN_SEEDS} seeds, got {len(seeds)}")
    began = time.perf_counter()
    runs = [(label, edits, seed) for label, edits in (("baseline", None), (scenario.name, scenario))
            for seed in seeds]
    reports: dict[str, list[SimulationReport]] = {"baseline": [], scenario.name: []}
    template = (out_dir / "migrated.sqlite").resolve()
    template.unlink(missing_ok=True)
    wiring.upgrade(f"sqlite:///{template}")  # once: each run starts from a copy of the migrated file
    for index, (label, edits, seed) in enumerate(runs):
        if progress:
            progress(index, len(runs), f"{label}, seed {seed}")
        path = (out_dir / f"{'scenario' if edits else 'baseline'}_seed{seed}.sqlite").resolve()
        shutil.copyfile(template, path)
        config = SimulationConfig(youths=youths, years=years, seed=seed, database_url=f"sqlite:///{path}",
                                  out_dir=out_dir, scenario=edits, migrated=True)
        reports[label].append(run_simulation(config, wiring, write=False).report)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    template.unlink()
    if progress:
        progress(len(runs), len(runs), "done")
    scaled = (f"scaled down: {youths} simulated youths stand for the region's {region_youths}; counts changed by "
              f"the scenario's ratios" if region_youths and region_youths > youths else "")
    base, edited = reports["baseline"], reports[scenario.name]
    left_out = sorted({key for report in edited for key in report.parameters.get("programmes_left_out") or ()})
    notes = [f"practice places of programmes whose specialty the simulated region does not teach were left out: "
             f"{', '.join(left_out)}"] if left_out else []
    return Comparison(scenario=scenario.name, seeds=seeds, youths=youths, years=years,
                      region_youths=region_youths or 0, scaled_note=scaled,
                      sides=[summarise(label, found) for label, found in reports.items()],
                      seconds=round(time.perf_counter() - began, 1), notes=notes,
                      kpi_difference=paired_difference(base, edited, "employed_share"),
                      in_specialty_difference=paired_difference(base, edited, "in_specialty_share"))


def paired_difference(baseline: list[SimulationReport], scenario: list[SimulationReport], share: str) -> Estimate:
    """The scenario's share less the baseline's for each seed, and their mean with its 95 % interval."""
    return estimate([round(getattr(mine.outcomes, share) - getattr(base.outcomes, share), 4)
                     for base, mine in zip(baseline, scenario, strict=True)])
