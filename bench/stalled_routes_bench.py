"""How many routes of a cold simulation stall inside a loop (issue 17): the cohort runs with a cold engine (a
restart before every step), and the watchdog's Stalled incidents are counted by process and by the element
the route waits at. `--without-loop-fix` switches off the parser's connection of loops
(`engine.parsing.bundle.connect_loops`), as the code was before the fix.

    .venv/bin/python bench/stalled_routes_bench.py --youths 300 --years 0.75 --without-loop-fix
    .venv/bin/python bench/stalled_routes_bench.py --youths 300 --years 0.75
"""
from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, func, select

from engine.parsing import bundle
from engine.store.models import Incident, ProcessInstance
from profroute.wiring import WIRING
from simulation.config import SimulationConfig
from simulation.runner import run_simulation

WAITING_AT = re.compile(r"active elements: (.*)\)$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=300)
    parser.add_argument("--years", type=float, default=0.75)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--without-loop-fix", action="store_true")
    args = parser.parse_args()
    if args.without_loop_fix:
        bundle.connect_loops = lambda spec: None
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'stalls.sqlite'}"
        config = SimulationConfig(youths=args.youths, years=args.years, seed=args.seed, database_url=url,
                                  out_dir=Path(folder), cold=True)
        began = time.perf_counter()
        run_simulation(config, WIRING, write=False)
        seconds = time.perf_counter() - began
        database = create_engine(url)
        with database.connect() as connection:
            routes = connection.scalar(select(func.count()).select_from(ProcessInstance))
            stalled = connection.execute(
                select(ProcessInstance.process_key, Incident.error)
                .join(ProcessInstance, ProcessInstance.id == Incident.instance_id)
                .where(Incident.error_type == "Stalled", Incident.status != "resolved")).all()
        database.dispose()
    fix = "without the loop fix" if args.without_loop_fix else "with the loop fix"
    print(f"cold simulation, {args.youths} youths, {args.years} years, seed {args.seed}, {fix}: "
          f"{len(stalled)} of {routes} routes stalled ({seconds:.0f} s)")
    where = Counter((key, match.group(1) if (match := WAITING_AT.search(error or "")) else "?")
                    for key, error in stalled)
    for (process_key, elements), count in where.most_common():
        print(f"  {count:5d}  {process_key}  waiting at {elements}")


if __name__ == "__main__":
    main()
