"""Simulation benchmark: the cost per youth of the whole route (default 15 simulated years: a pupil of grade 6
needs about 13 to reach retention) at growing cohorts, 100 / 300 / 1,000 youths by default, each driven to the
end of every route, against the targets of issue 14: 1,000 youths in 10 minutes, and a flat cost per youth
(at 1,000 within 1.2x of the cost at 100).

The first cohort is the baseline, measured in the same run: every other cohort's CPU seconds per youth and
CPU milliseconds per engine step are compared with it, and the largest cohort's cost per youth gives the
extrapolated time for 10,000 youths (`--extrapolate`).

    .venv/bin/python bench/simulation_bench.py                              # 100 / 300 / 1,000 youths
    .venv/bin/python bench/simulation_bench.py --youths 40,120 --years 3    # a quick curve
    .venv/bin/python bench/simulation_bench.py --youths 100 --profile       # where the time goes (cProfile)
    .venv/bin/python bench/simulation_bench.py --database postgresql+psycopg://postgres@127.0.0.1/bench
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from profroute.wiring import WIRING
from simulation.config import SimulationConfig
from simulation.progress import Progress
from simulation.runner import SimulationOutcome, run_simulation

TARGET_SECONDS = 600
FLAT_TARGET = 1.2
CORES = 2
AREAS = (
    ("SpiffWorkflow", "/SpiffWorkflow/"),
    ("engine/ (ours)", "/engine/"),
    ("handlers/", "/handlers/"),
    ("domain/", "/domain/"),
    ("forms/", "/forms/"),
    ("simulation/", "/simulation/"),
    ("SQLAlchemy", "/sqlalchemy/"),
    ("database driver (sqlite3/psycopg)", "sqlite3"),
    ("database driver (sqlite3/psycopg)", "/psycopg/"),
    ("JSON / zlib / copy (stdlib)", "/json/"),
    ("JSON / zlib / copy (stdlib)", "zlib"),
    ("JSON / zlib / copy (stdlib)", "/copy.py"),
)


class Stopwatch:
    """Wall-clock time spent inside a few functions, without a profiler's overhead: the library's own
    stepping (do_engine_steps without the handlers it calls), the handlers, rebuilding and saving state."""

    def __init__(self):
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self._patched: list[tuple[object, str, object]] = []

    def wrap(self, owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - began
                self.calls[label] += 1

        setattr(owner, name, timed)
        self._patched.append((owner, name, original))

    def __enter__(self) -> Stopwatch:
        import engine.executor
        import engine.facade
        import engine.messaging
        from engine.step import StepRunner

        self.wrap(StepRunner, "run", "library stepping (handlers included)")  # do_engine_steps and its checks
        self.wrap(StepRunner, "_call_service", "service handlers")
        for module in (engine.executor, engine.facade, engine.messaging):
            self.wrap(module, "persist_step", "persisting a step (state, projections, audit)")
        self.wrap(engine.executor, "load_state", "rebuilding a workflow from its state")
        return self

    def __exit__(self, *_exc) -> None:
        for owner, name, original in reversed(self._patched):
            setattr(owner, name, original)


def print_breakdown(watch: Stopwatch, baseline: SimulationOutcome, youths: int) -> None:
    """Wall-clock milliseconds per step of the baseline by part, and what the library's own part alone
    would cost the big cohort: a floor no work outside SpiffWorkflow can go below."""
    steps = baseline.report.work.steps
    stepping = baseline.drive_seconds + baseline.setup_phases.get("route_starts", 0.0)
    handlers = watch.seconds["service handlers"]
    library = watch.seconds["library stepping (handlers included)"] - handlers
    persisting = watch.seconds["persisting a step (state, projections, audit)"]
    rebuilding = watch.seconds["rebuilding a workflow from its state"]
    parts = (("SpiffWorkflow stepping (scripts, gateways, DMN)", library), ("service handlers", handlers),
             ("persisting (state, projections, audit)", persisting), ("rebuilding workflows from state", rebuilding),
             ("everything else (driver, queries, commits)",
              stepping - library - handlers - persisting - rebuilding))
    print(f"\nwhere a step's time goes (baseline, {steps} steps, wall-clock ms per step):")
    for label, seconds in parts:
        print(f"  {label:<44} {1000 * seconds / steps:7.2f}")
    floor = library / baseline.report.parameters["youths"] * youths / CORES
    print(f"library floor    SpiffWorkflow stepping alone would take {floor / 60:.1f} min for {youths} "
          f"youths even spread over {CORES} cores ({floor / TARGET_SECONDS:.2f}× the target)")


@dataclass(frozen=True)
class Run:
    youths: int
    outcome: SimulationOutcome
    wall: float
    cpu: float

    @property
    def steps(self) -> int:
        return self.outcome.report.work.steps


def simulate(youths: int, years: float, seed: int, url: str) -> Run:
    config = SimulationConfig(youths=youths, years=years, seed=seed, database_url=url, out_dir=Path("."))
    wall, cpu = time.perf_counter(), time.process_time()
    outcome = run_simulation(config, WIRING, progress=Progress(config.start, config.horizon), write=False)
    return Run(youths, outcome, time.perf_counter() - wall, time.process_time() - cpu)


def database(base: str | None, workdir: Path, name: str) -> str:
    if base is None:
        return f"sqlite:///{workdir / name}.sqlite"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def time_by_area(profile: cProfile.Profile) -> list[tuple[str, float]]:
    """Own time of every function, summed by the package its file belongs to."""
    totals: Counter[str] = Counter()
    for (filename, _line, _name), timing in pstats.Stats(profile).stats.items():
        own = timing[2]
        area = next((label for label, marker in AREAS if marker in filename), "other (stdlib, builtins)")
        totals[area] += own
    return totals.most_common()


def describe(run: Run) -> None:
    outcome, report = run.outcome, run.outcome.report
    routes = report.work.instances_by_process
    running = sum(counts.get("active", 0) for counts in routes.values())
    print(f"{run.youths} youths: {run.wall:.1f} s (set-up {outcome.setup_seconds:.1f} s, routes "
          f"{outcome.drive_seconds:.1f} s, report {outcome.report_seconds:.1f} s), {run.cpu:.1f} s CPU; simulated "
          f"{report.performance['simulated_years']} years; {run.steps} steps, {report.work.tasks_completed} tasks; "
          f"{running} instances still running")


def print_curve(runs: list[Run], extrapolate: int) -> bool:
    """The cost per youth of each cohort against the first (the baseline); True when the targets are met."""
    base = runs[0]
    print(f"\n{'youths':>7} {'steps':>8} {'steps/youth':>11} {'wall s':>8} {'CPU s':>8} {'CPU ms/step':>11} "
          f"{'CPU s/youth':>11} {'vs ' + str(base.youths):>8}")
    for run in runs:
        print(f"{run.youths:>7} {run.steps:>8} {run.steps / run.youths:>11.1f} {run.wall:>8.1f} {run.cpu:>8.1f} "
              f"{1000 * run.cpu / run.steps:>11.2f} {run.cpu / run.youths:>11.3f} "
              f"{(run.cpu / run.youths) / (base.cpu / base.youths):>7.2f}x")
    last = runs[-1]
    flat = (last.cpu / last.youths) / (base.cpu / base.youths)
    minutes = last.wall / last.youths * 1000 / 60
    print(f"\nflat cost        {last.youths} youths cost {flat:.2f}x the CPU per youth of {base.youths} "
          f"(target ≤ {FLAT_TARGET}x)")
    scaled = "" if last.youths == 1000 else f" (scaled from {last.youths})"
    print(f"1,000 youths     {minutes:.1f} min wall clock{scaled} (target ≤ {TARGET_SECONDS // 60} min)")
    print(f"extrapolated     {last.wall / last.youths * extrapolate / 60:.0f} min wall clock, "
          f"{last.cpu / last.youths * extrapolate / 60:.0f} min CPU for {extrapolate} youths at the cost per youth "
          f"of {last.youths} ({last.wall / last.youths * extrapolate / TARGET_SECONDS:.1f}x the 10 minutes)")
    return flat <= FLAT_TARGET and minutes * 60 <= TARGET_SECONDS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", default="100,300,1000", help="cohorts, the first being the baseline")
    parser.add_argument("--years", type=float, default=15.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extrapolate", type=int, default=10_000, help="youths to extrapolate the time for")
    parser.add_argument("--database", default=None, help="PostgreSQL server URL (default: SQLite files)")
    parser.add_argument("--profile", action="store_true", help="cProfile the last cohort and sum time by package")
    args = parser.parse_args()
    cohorts = [int(size) for size in args.youths.split(",")]

    runs: list[Run] = []
    watch = Stopwatch()
    profile = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory(prefix="profroute-sim-bench-") as folder:
        for index, youths in enumerate(cohorts):
            print(f"{youths} youths driven to the end of every route ...", file=sys.stderr)
            url = database(args.database, Path(folder), f"sim_bench_{index}")
            profiled = profile if index == len(cohorts) - 1 else None
            with watch if index == 0 else contextlib.nullcontext():
                if profiled:
                    profiled.enable()
                runs.append(simulate(youths, args.years, args.seed, url))
                if profiled:
                    profiled.disable()
            describe(runs[-1])
    met = print_curve(runs, args.extrapolate)
    print_breakdown(watch, runs[0].outcome, args.extrapolate)
    if profile:
        total = sum(seconds for _, seconds in time_by_area(profile))
        print("\nwhere the time goes (own time by package, last cohort under cProfile):")
        for area, seconds in time_by_area(profile):
            print(f"  {area:<36} {seconds:8.1f} s  {seconds / total:6.1%}")
        print("\ntop functions by cumulative time:")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
