"""`profroute simulate`: a regional cohort through the whole map on a moved clock, then the report."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.wiring import Wiring
from simulation.config import SimulationConfig
from simulation.metrics import SimulationReport
from simulation.progress import Progress
from simulation.runner import run_simulation
from simulation.scenario_cli import run_comparison
from simulation.shards import ShardFailed, run_shards
from simulation.world import NotFreshDatabase
from simulation.writers.console import print_summary


@click.command("simulate")
@click.option("--youths", default=200, show_default=True, type=click.IntRange(10, 1_000_000),
              help="Young people in the generated region.")
@click.option("--years", default=2.0, show_default=True, type=click.FloatRange(0.01, 30),
              help="Simulated period; the run stops earlier when every route has ended.")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--database", "database_url", default=None,
              help="SQLAlchemy URL of a fresh, empty database (default: a new SQLite file in --out).")
@click.option("--out", "out_dir", default=Path("reports"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Where the JSON, CSV and HTML reports go.")
@click.option("--cold", is_flag=True,
              help="Keep no workflow or parsed diagram in memory between steps, as if the engine restarted before "
                   "each one (slower; the report must not change).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Shard the youths over this many driver processes, each on its own database named after "
                   "--database (PostgreSQL: <name>_shard<k>; SQLite: <file>_shard<k>), and merge their reports. "
                   "Same seed and same number of workers give the same report; it is not the report of one run "
                   "(the shards do not share curators' caseloads or practice places).")
@click.option("--scenario", "scenario_file", default=None, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A what-if scenario (JSON): simulate the baseline and the scenario with --seeds seeds from --seed "
                   "and compare them.")
@click.option("--seeds", default=5, show_default=True, type=click.IntRange(5, 100),
              help="With --scenario: how many seeds each side runs.")
@click.option("--progress-file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="With --scenario: keep the runs' progress in this JSON file.")
@click.pass_obj
def simulate(wiring: Wiring, youths: int, years: float, seed: int, database_url: str | None, out_dir: Path,
             cold: bool, workers: int, scenario_file: Path | None, seeds: int, progress_file: Path | None) -> None:
    """Run a synthetic cohort through the whole map with simulated operators and write the report (with
    --workers N, sharded over N processes and merged); with --scenario, compare a what-if scenario with the
    baseline over several seeds."""
    if scenario_file is not None and workers > 1:
        raise click.UsageError("--workers runs one simulation; a --scenario comparison runs on one worker")
    if scenario_file is not None:
        run_comparison(wiring, scenario_file, seeds=seeds, first_seed=seed, youths=youths, years=years,
                       out_dir=out_dir, progress_file=progress_file)
        return
    url = database_url or _scratch_database(out_dir, seed)
    config = SimulationConfig(youths=youths, years=years, seed=seed, database_url=url, out_dir=out_dir, cold=cold)
    if workers > 1:
        _simulate_sharded(config, wiring, workers)
        return
    click.echo(f"Setting up region (youths={youths}, seed={seed}) and deploying processes ...", err=True)
    progress = Progress(config.start, config.horizon)
    try:
        outcome = run_simulation(config, wiring, progress=progress)
    except NotFreshDatabase as error:
        raise click.ClickException(str(error)) from error
    progress.finish(outcome.stats.ended_at or config.start, outcome.stats)
    click.echo(f"Set-up {outcome.setup_seconds:.1f} s, simulation {outcome.drive_seconds:.1f} s", err=True)
    print_summary(outcome.report)
    _finish(outcome.report, outcome.files)


def _simulate_sharded(config: SimulationConfig, wiring: Wiring, workers: int) -> None:
    click.echo(f"Setting up {workers} shards of the region (youths={config.youths}, seed={config.seed}), "
               "one process each ...", err=True)
    try:
        outcome = run_shards(config, wiring, workers)
    except (ValueError, ShardFailed) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Set-up {outcome.setup_seconds:.1f} s, simulation {outcome.drive_seconds:.1f} s (slowest shard)",
               err=True)
    print_summary(outcome.report)
    _finish(outcome.report, outcome.files)


def _finish(report: SimulationReport, files: list[Path]) -> None:
    for path in files:
        click.echo(f"Report written: {path}", err=True)
    if report.work.rejected_answers or report.work.open_incidents:
        sys.exit(1)


def _scratch_database(out_dir: Path, seed: int) -> str:
    """The simulation's own SQLite file, replaced on every run with the same seed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = (out_dir / f"simulation_seed{seed}.sqlite").resolve()
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}"
