"""Service-task handlers on the step's hot path: CPU milliseconds per call of the hottest handlers, each call
made as the engine makes it (a fresh write session per step, the handler inside a savepoint, a flush after
it, the step committed), on a generated region in a throwaway SQLite file.

Each student goes through one chain: individual plan opened and its services delivered, risk score, career
events, graduate outcome, adaptation plan, departure; then a repeated call of an earlier task (the stored
result) and a no-op handler (the `service_operation` wrapper alone). The first few students warm the
statement caches and are not timed.

    .venv/bin/python bench/handlers_bench.py                          # this tree
    .venv/bin/python bench/handlers_bench.py --reference /tmp/base    # and, in the same run, another checkout
    .venv/bin/python bench/handlers_bench.py --profile                # where the handlers' time goes

`--reference DIR` runs the same measurement in a subprocess with DIR first on the import path (e.g. an
extracted `git archive` of an earlier commit) and prints both columns side by side.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

NOW = datetime(2027, 3, 1, 7, 0, tzinfo=UTC)
"""Monday 1 March 2027, 10:00 in Moscow: the clock of every call."""
WARM_UP = 5
"""Students taken through the chain before timing starts (statement caches filled)."""
SERVICES = ("career_consultation", "cv_service", "interview_training", "vacancy_offers")
CHAIN = (
    "individual_plan.open_plan",
    "individual_plan.deliver_services",
    "student.compute_risk_score",
    "student.invite_to_career_events",
    "graduate.record_outcome",
    "adaptation.open_plan",
    "adaptation.record_departure",
    "repeated call (stored result)",
    "wrapper alone (no-op handler)",
)


def measure(youths: int, calls: int, profile: bool) -> dict[str, float]:
    """CPU ms per call of each chain link over `calls` students of a region of `youths` youths."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from domain.models import Employer, ServiceCatalogItem, StudentEnrollment, Youth
    from domain.region import generate
    from engine.context import HandlerContext
    from engine.db import connect
    from handlers.idempotency import service_operation
    from handlers.registry import REGISTRY
    from profroute.wiring import WIRING

    noop = service_operation("bench.noop")(lambda ctx: {})
    with tempfile.TemporaryDirectory(prefix="handlers-bench-") as workdir:
        url = f"sqlite:///{Path(workdir) / 'bench.sqlite'}"
        WIRING.upgrade(url)
        database = connect(url)
        with Session(database.write_engine) as session:
            generate(session, seed=7, youths=youths)
            session.commit()
            students = session.execute(
                select(Youth.id)
                .distinct()
                .join(StudentEnrollment, StudentEnrollment.youth_id == Youth.id)
                .where(Youth.status == "student", StudentEnrollment.status == "studying")
                .order_by(Youth.id)
            ).all()
            employers = list(session.scalars(select(Employer.id).order_by(Employer.id)))
            lanes = dict(session.execute(select(ServiceCatalogItem.code, ServiceCatalogItem.provider_lane)).all())
        students = [row.id for row in students][: WARM_UP + calls]
        if len(students) < WARM_UP + calls:
            raise SystemExit(f"the region has {len(students)} studying students, fewer than {WARM_UP} + --calls")

        spent: dict[str, float] = defaultdict(float)
        instance = str(uuid.uuid4())

        def step(label: str, operation: Any, data: dict[str, Any], task_id: str | None = None, **params: Any):
            handler = REGISTRY[operation] if isinstance(operation, str) else operation
            with database.write() as session:
                ctx = HandlerContext(
                    instance_id=instance, task_id=task_id or str(uuid.uuid4()), element_id="bench",
                    process_key="bench", business_key=None, actor=None, now=NOW, session=session,
                    data=MappingProxyType(data))
                session.connection()  # the step's transaction is open before its service tasks run
                began = time.process_time()
                savepoint = session.begin_nested()
                result = handler(ctx, **params)
                session.flush()
                savepoint.commit()
                if timed:
                    spent[label] += time.process_time() - began
                session.commit()
            return result, ctx.task_id

        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        for number, youth_id in enumerate(students):
            timed = number >= WARM_UP
            employer = employers[number % len(employers)]
            data = {"org": {"czn": None, "edu_org": None, "employer": employer}}
            plan, first_task = step(CHAIN[0], "individual_plan.open_plan", data, youth_id=youth_id, context="student")
            step(CHAIN[1], "individual_plan.deliver_services", data, plan_id=plan["plan_id"],
                 service_codes=list(SERVICES), providers=[lanes[code] for code in SERVICES])
            profiling = {"social_flags": [], "career_plan_present": True, "motivation_level": "normal"}
            step(CHAIN[2], "student.compute_risk_score", data, youth_id=youth_id, profiling=profiling,
                 final_year=False)
            step(CHAIN[3], "student.invite_to_career_events", data, youth_id=youth_id, course=2)
            status = {"employed": True, "employer_id": employer, "start_date": "2027-03-01", "in_specialty": True}
            outcome, _ = step(CHAIN[4], "graduate.record_outcome", data, youth_id=youth_id, outcome="employed",
                              status=status, checkpoint={"months": 0})
            step(CHAIN[5], "adaptation.open_plan", data, youth_id=youth_id, employment=outcome["employment"])
            step(CHAIN[6], "adaptation.record_departure", data, youth_id=youth_id, checkpoint={"months": 3},
                 retention_result={"left_reason": "relocation"})
            step(CHAIN[7], "individual_plan.open_plan", data, task_id=first_task, youth_id=youth_id,
                 context="student")
            step(CHAIN[8], noop, data)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
        database.dispose()
    return {label: 1000 * spent[label] / calls for label in CHAIN}


def measure_elsewhere(tree: Path, youths: int, calls: int) -> dict[str, float]:
    """The same measurement with another checkout first on the import path."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(tree), os.environ.get("PYTHONPATH")]))}
    answer = subprocess.run(
        [sys.executable, __file__, "--youths", str(youths), "--calls", str(calls), "--json"],
        cwd=tree, env=env, check=True, capture_output=True, text=True,
    )
    return json.loads(answer.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--youths", type=int, default=400, help="youths in the generated region")
    parser.add_argument("--calls", type=int, default=60, help="students taken through the chain")
    parser.add_argument("--reference", type=Path, help="another checkout to measure in the same run")
    parser.add_argument("--profile", action="store_true", help="cProfile of the calls on stderr")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.youths, args.calls, profile=False)))
        return
    reference = measure_elsewhere(args.reference, args.youths, args.calls) if args.reference else None
    here = measure(args.youths, args.calls, args.profile)
    print(f"CPU ms per call, {args.calls} students of a {args.youths}-youth region, one step per call")
    columns = [here] if reference is None else [reference, here]
    rows = [(label, [column[label] for column in columns]) for label in CHAIN]
    rows.append(("chain of the seven handlers", [sum(column[label] for label in CHAIN[:7]) for column in columns]))
    print(f"{'':40}" + (f"{'ms':>10}" if reference is None else f"{'reference':>10}{'this tree':>10}{'factor':>8}"))
    for label, figures in rows:
        factor = f"{figures[0] / figures[1]:7.1f}x" if len(figures) == 2 else ""
        print(f"{label:40}" + "".join(f"{figure:10.2f}" for figure in figures) + factor)


if __name__ == "__main__":
    main()
