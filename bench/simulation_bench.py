"""Simulation benchmark: a regional cohort of 10,000 youths through the whole route (default 15 simulated
years: a pupil of grade 6 needs about 13 to reach retention), against a target of 10 minutes.

Measured in the same run as a baseline: the same simulation of a small cohort driven to the end of every
route, giving the cost per youth of the whole route and the engine's step rate on this workload; the big
run's step rate is compared with it (does scale slow the steps down?) and the baseline's cost per youth
gives the extrapolated time for the big cohort when the budget stops it early.

    .venv/bin/python bench/simulation_bench.py                          # 10,000 youths, 10-minute budget
    .venv/bin/python bench/simulation_bench.py --youths 2000 --profile  # where the time goes (cProfile)
    .venv/bin/python bench/simulation_bench.py --database postgresql+psycopg://postgres@127.0.0.1/bench
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from profroute.wiring import WIRING
from simulation.config import SimulationConfig
from simulation.progress import Progress
from simulation.runner import SimulationOutcome, run_simulation

TARGET_SECONDS = 600
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
        for module in (engine.executor, engine.facade):
            self.wrap(module, "load_state", "rebuilding a workflow from its state")
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


def simulate(youths: int, years: float, seed: int, url: str, budget: float | None) -> SimulationOutcome:
    config = SimulationConfig(youths=youths, years=years, seed=seed, database_url=url, out_dir=Path("."))
    return run_simulation(config, WIRING, progress=Progress(config.start, config.horizon), write=False,
                          time_budget=budget)


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


def describe(label: str, outcome: SimulationOutcome) -> None:
    report, performance = outcome.report, outcome.report.performance
    routes = report.work.instances_by_process
    running = sum(counts.get("active", 0) for counts in routes.values())
    total = outcome.setup_seconds + outcome.drive_seconds + outcome.report_seconds
    print(f"{label}: {report.parameters['youths']} youths, {total:.1f} s (set-up {outcome.setup_seconds:.1f} s, "
          f"routes {outcome.drive_seconds:.1f} s, report {outcome.report_seconds:.1f} s); simulated "
          f"{performance['simulated_years']} years; {report.work.steps} steps, {report.work.tasks_completed} tasks; "
          f"{running} instances still running; out of time: {report.parameters['out_of_time']}")
    print(f"          set-up phases (s): {outcome.setup_phases}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=10_000)
    parser.add_argument("--years", type=float, default=15.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=TARGET_SECONDS, help="wall-clock seconds for the big run")
    parser.add_argument("--baseline-youths", type=int, default=40)
    parser.add_argument("--database", default=None, help="PostgreSQL server URL (default: SQLite files)")
    parser.add_argument("--profile", action="store_true", help="cProfile the big run and sum time by package")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="profroute-sim-bench-") as folder:
        workdir = Path(folder)
        print(f"Baseline: {args.baseline_youths} youths driven to the end of every route ...", file=sys.stderr)
        with Stopwatch() as watch:
            baseline = simulate(args.baseline_youths, args.years, args.seed,
                                database(args.database, workdir, "sim_bench_baseline"), None)
        print(f"Big run: {args.youths} youths, budget {args.budget:.0f} s ...", file=sys.stderr)
        profile = cProfile.Profile() if args.profile else None
        began = time.perf_counter()
        if profile:
            profile.enable()
        big = simulate(args.youths, args.years, args.seed, database(args.database, workdir, "sim_bench_big"),
                       args.budget)
        if profile:
            profile.disable()
        elapsed = time.perf_counter() - began

    describe("baseline", baseline)
    describe("big run ", big)
    base_seconds = baseline.setup_seconds + baseline.drive_seconds
    per_youth = base_seconds / args.baseline_youths
    base_steps = baseline.report.work.steps / base_seconds
    big_steps = big.report.work.steps / (big.setup_seconds + big.drive_seconds)
    finished = not big.report.parameters["out_of_time"]
    print(f"\nelapsed          {elapsed:.1f} s for {args.youths} youths (target {TARGET_SECONDS} s): "
          f"{'driven to the horizon or the end of every route' if finished else 'stopped by the budget'}")
    starts = big.setup_phases.get("route_starts", 0.0)
    print(f"youths/s         {args.youths / elapsed:.2f} over the whole run, covering "
          f"{big.report.performance['simulated_years']} of {args.years} simulated years "
          f"(route starts {args.youths / starts if starts else 0:.1f}/s; "
          f"{big.report.performance['youth_years_per_second']} youth-years/s while driving)")
    print(f"steps/s          {big_steps:.1f} (baseline {base_steps:.1f}; "
          f"ratio big/baseline {big_steps / base_steps:.2f})")
    print(f"baseline cost    {per_youth:.2f} s per youth for the whole route "
          f"({baseline.report.work.steps / args.baseline_youths:.0f} steps per youth)")
    print(f"extrapolated     {per_youth * args.youths / 60:.0f} min for {args.youths} youths at the baseline's cost "
          f"per youth ({per_youth * args.youths / TARGET_SECONDS:.1f}× the target)")
    print_breakdown(watch, baseline, args.youths)
    if profile:
        total = sum(seconds for _, seconds in time_by_area(profile))
        print("\nwhere the time goes (own time by package, big run under cProfile):")
        for area, seconds in time_by_area(profile):
            print(f"  {area:<36} {seconds:8.1f} s  {seconds / total:6.1%}")
        print("\ntop functions by cumulative time:")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return 0 if finished and elapsed <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
