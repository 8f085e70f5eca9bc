"""A restart of the engine between any two steps changes nothing: a cold run (no workflow or parsed diagram
kept in memory between steps) gives the report of a warm run with the same seed."""
from __future__ import annotations

from dataclasses import asdict

from profroute.wiring import WIRING
from simulation.config import SimulationConfig
from simulation.runner import run_simulation


def _report(tmp_path, cold: bool) -> dict:
    name = "cold" if cold else "warm"
    config = SimulationConfig(youths=40, years=0.5, seed=5, database_url=f"sqlite:///{tmp_path / name}.sqlite",
                              out_dir=tmp_path / name, cold=cold)
    report = asdict(run_simulation(config, WIRING, write=False).report)
    assert report["parameters"].pop("cold") is cold
    report.pop("performance")
    return report


def test_a_cold_run_of_40_youths_reports_what_a_warm_one_does(tmp_path):
    warm = _report(tmp_path, cold=False)
    assert warm["work"]["steps"] > 100 and warm["work"]["open_incidents"] == 0
    assert _report(tmp_path, cold=True) == warm
