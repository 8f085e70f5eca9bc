"""The reference study record of `simulation.outcome_model.REFERENCE`: baseline simulations (no scenario) over
several seeds, and for every graduate they saw studying, the record six months after the diploma (or at the end
of the run): the expected share with a practice employer's offer taken up, and the mean practice value and
curator support lost of the others.

    .venv/bin/python bench/outcome_reference.py --youths 60 --years 3 --seeds 1 2 3 4 5
"""
from __future__ import annotations

import argparse
import tempfile
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, select

from domain.models import StudentEnrollment
from profroute.wiring import WIRING
from simulation.config import SimulationConfig
from simulation.outcome_model import OFFER_ACCEPTED, StudyRecord
from simulation.runner import run_simulation
from simulation.study_record import read_study_record

MONTHS_AFTER = 6


def records_of(url: str, since: date, until: date) -> list[StudyRecord]:
    database = create_engine(url)
    diploma = func.coalesce(StudentEnrollment.graduated_at, StudentEnrollment.expected_graduation)
    with database.connect() as connection:
        graduates = connection.execute(
            select(StudentEnrollment.youth_id, func.max(diploma)).where(StudentEnrollment.status == "graduated")
            .group_by(StudentEnrollment.youth_id).having(func.max(diploma) > since)).all()
        found = [read_study_record(connection, youth_id, since, min(until, day + timedelta(days=30 * MONTHS_AFTER)))
                 for youth_id, day in graduates]
    database.dispose()
    return [record for record in found if record is not None]


def reference(records: list[StudyRecord]) -> dict[str, float]:
    """Expected over the offer draws: an offer is taken up with OFFER_ACCEPTED, otherwise its graduate stays with
    the others."""
    taken = [OFFER_ACCEPTED if record.offer_employer_id else 0.0 for record in records]
    weights = [1 - share for share in taken]
    rest = sum(weights) or 1.0
    return {"graduates": len(records), "offers": round(sum(taken) / max(1, len(records)), 4),
            "practice": round(sum(w * r.practice for w, r in zip(weights, records, strict=True)) / rest, 4),
            "shortfall": round(sum(w * r.shortfall for w, r in zip(weights, records, strict=True)) / rest, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=60)
    parser.add_argument("--years", type=float, default=3.0)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    arguments = parser.parse_args()
    records: list[StudyRecord] = []
    with tempfile.TemporaryDirectory() as folder:
        for seed in arguments.seeds:
            url = f"sqlite:///{Path(folder) / f'seed{seed}.sqlite'}"
            config = SimulationConfig(youths=arguments.youths, years=arguments.years, seed=seed, database_url=url,
                                      out_dir=Path(folder))
            outcome = run_simulation(config, WIRING, write=False)
            found = records_of(url, config.start.date(), (outcome.stats.ended_at or config.horizon).date())
            print(f"seed {seed}: {reference(found)}", flush=True)
            records += found
    print(f"all seeds: {reference(records)}")


if __name__ == "__main__":
    main()
