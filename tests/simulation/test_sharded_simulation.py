"""`profroute simulate --workers N`: each shard drives its own share of the youths on its own database in its own
process, the merged report's totals are the sums of the shards', and the same seed with the same number of
workers gives the same report (on PostgreSQL, where the command is meant to run)."""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from profroute.cli import main
from profroute.wiring import WIRING
from simulation.cohort import YOUTH_KINDS
from simulation.config import SimulationConfig
from simulation.shards import ShardFailed, run_shards

PG_URL = os.environ.get("PROFROUTE_TEST_DATABASE_URL")
YOUTHS, YEARS, SEED = 20, 0.25, 3


def _config(database_url: str, tmp_path) -> SimulationConfig:
    return SimulationConfig(youths=YOUTHS, years=YEARS, seed=SEED, database_url=database_url, out_dir=tmp_path)


def test_the_merged_report_sums_the_shard_reports(tmp_path):
    outcome = run_shards(_config(f"sqlite:///{tmp_path / 'run.sqlite'}", tmp_path), WIRING, 2, write=False)
    merged, shards = outcome.report, [shard.report for shard in outcome.shards]
    assert merged.work.steps == sum(shard.work.steps for shard in shards) > 0
    assert merged.work.tasks_completed == sum(shard.work.tasks_completed for shard in shards)
    assert merged.work.open_incidents == 0 and merged.work.rejected_answers == 0
    for kind in merged.routes:
        assert merged.routes[kind] == sum(shard.routes.get(kind, 0) for shard in shards)
    youths = [sum(shard.routes.get(kind, 0) for kind in YOUTH_KINDS) for shard in shards]
    assert abs(youths[0] - youths[1]) <= 1, "round-robin deals the youths evenly"
    assert sum(merged.current_stages.values()) == sum(youths)
    assert merged.risk.profilings == sum(shard.risk.profilings for shard in shards)
    assert merged.region == shards[0].region == shards[1].region
    assert not any(kind in shards[1].routes for kind in ("staffing_need", "practice_library"))


def test_a_failing_shard_stops_the_run_with_one_line_naming_it_and_writes_nothing(tmp_path):
    broken = tmp_path / "processes"
    broken.mkdir()
    (broken / "broken.bpmn").write_text("<not-a-diagram/>", encoding="utf-8")
    config = replace(_config(f"sqlite:///{tmp_path / 'run.sqlite'}", tmp_path / "out"), processes_dir=broken)
    with pytest.raises(ShardFailed, match=r"^shard [01] failed: \w+") as failure:
        run_shards(config, WIRING, 2)
    assert "\n" not in str(failure.value)
    assert not (tmp_path / "out").exists()
    kept = Path(re.search(r"\(traceback: (.+)\)$", str(failure.value)).group(1))
    assert "Traceback (most recent call last)" in kept.read_text(encoding="utf-8")
    kept.unlink()


def test_the_command_with_two_workers_writes_the_merged_report_beside_the_shards_files(tmp_path):
    result = CliRunner().invoke(main, ["simulate", "--youths", "10", "--years", "0.1", "--seed", "4", "--workers", "2",
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Воронка маршрута" in result.stdout and "(slowest shard)" in result.stderr
    report = json.loads((tmp_path / "simulation_report.json").read_text(encoding="utf-8"))
    assert report["parameters"]["workers"] == 2 and report["work"]["steps"] > 0
    assert {"simulation_seed4_shard0.sqlite", "simulation_seed4_shard1.sqlite"} <= {p.name for p in tmp_path.iterdir()}


def test_a_database_that_cannot_be_sharded_is_refused_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["simulate", "--youths", "10", "--years", "0.1", "--workers", "2",
                                       "--database", "mysql://nobody@localhost/x", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "Error: --workers runs on PostgreSQL or SQLite, not on mysql" in result.output


def _report_without_timing(database_url: str, tmp_path) -> dict:
    report = asdict(run_shards(_config(database_url, tmp_path), WIRING, 2, write=False).report)
    report.pop("performance")
    return report


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="the shards' databases are made on PostgreSQL: set PROFROUTE_TEST_DATABASE_URL"))])
def test_the_same_seed_and_workers_give_the_same_report_on_postgresql(database_url, tmp_path):
    try:
        first = _report_without_timing(database_url, tmp_path)
        assert first["parameters"]["workers"] == 2 and first["work"]["steps"] > 100
        assert _report_without_timing(database_url, tmp_path) == first
    finally:
        _drop_shard_databases(database_url, 2)


def _drop_shard_databases(database_url: str, count: int) -> None:
    url = make_url(database_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        for k in range(count):
            connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}_shard{k}" WITH (FORCE)'))
    admin.dispose()
