"""`profroute simulate` end to end on its own scratch SQLite file: progress on stderr, the summary on
stdout, the three report files in --out."""
from __future__ import annotations

import json

from click.testing import CliRunner

from profroute.cli import main
from simulation.cli import simulate


def test_simulate_is_a_profroute_command():
    assert main.commands["simulate"] is simulate


def test_simulate_writes_the_report_and_prints_the_funnel(tmp_path):
    result = CliRunner().invoke(main, ["simulate", "--youths", "10", "--years", "0.2", "--seed", "4", "--out",
                                           str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Воронка маршрута" in result.stdout and "Обучение в школе" in result.stdout
    assert "Занятость за 24 мес." in result.stdout
    assert "simulated 2026-" in result.stderr and "Report written" in result.stderr
    assert {path.name for path in tmp_path.iterdir()} >= {
        "simulation_report.json", "simulation_report.csv", "simulation_report.html", "simulation_seed4.sqlite"}


def test_simulate_cold_runs_the_engine_cold_and_says_so_in_the_report(tmp_path):
    result = CliRunner().invoke(main, ["simulate", "--youths", "10", "--years", "0.1", "--seed", "4", "--cold",
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "simulation_report.json").read_text(encoding="utf-8"))
    assert report["parameters"]["cold"] is True and report["work"]["steps"] > 0
