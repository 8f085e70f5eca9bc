"""A tiny cohort through the map on the engine (SQLite, and PostgreSQL when configured): every form accepts
the simulated answers, no step fails, the funnel agrees with the routes started, and the report is written as
JSON, CSV and HTML with inline charts."""
from __future__ import annotations

import csv
import json
import re

import pytest

from profroute.wiring import WIRING
from simulation.config import SimulationConfig
from simulation.labels import OUTCOME_LABELS
from simulation.runner import run_simulation
from simulation.world import NotFreshDatabase, build_world


def test_a_tiny_cohort_runs_through_the_map_and_the_report_is_written(database_url, tmp_path):
    config = SimulationConfig(youths=20, years=1, seed=11, database_url=database_url, out_dir=tmp_path / "out")
    outcome = run_simulation(config, WIRING)
    report = outcome.report
    assert report.work.rejections == [] and report.work.open_incidents == 0, (
        report.work.rejections, report.work.incidents)
    cohorts = {cohort: {row.key: row.youths for row in report.funnel if row.cohort == cohort}
               for cohort in ("pupil", "student", "graduate")}
    assert cohorts["pupil"]["school"] == report.routes["pupil"], "every pupil's school route started"
    assert cohorts["student"]["study"] == report.routes["student"], "every enrolled student is accompanied"
    assert cohorts["graduate"]["graduate_routing"] == report.routes["graduate"]
    for funnel in cohorts.values():
        counts = list(funnel.values())
        assert counts == sorted(counts, reverse=True), f"a funnel never rises from a stage to a later one: {funnel}"
    assert {row.key for row in report.side_stages} == {"production_practice", "internship", "work_in_specialty",
                                                        "retrained"}
    assert all(0 <= row.share <= 1 for row in report.side_stages)
    assert report.work.tasks_by_element["school_year_results"] >= report.routes["pupil"], "a result per pupil-year"
    assert report.work.tasks_by_element["profiling_periodic"] >= 1 and report.risk.students_profiled >= 1
    assert report.outcomes.graduates_with_outcome >= 1, "the region's recent graduates reach a checkpoint"
    assert 0 <= report.outcomes.specialty_employer_coverage <= 1
    assert report.practice.requests >= 1
    assert report.services.youths_by_service["career_navigation"] >= report.routes["student"], (
        "every accompanied student's platform access is recorded")
    assert report.registry_updates["exam_sessions"] == 2, "the winter and the summer session of the year"
    assert report.work.steps > report.work.tasks_completed > 0
    assert report.parameters["reached_horizon"] is True
    assert report.parameters["ended_at"] <= config.horizon.isoformat()
    _assert_written(outcome)


def _assert_written(outcome) -> None:
    paths = {path.suffix: path for path in outcome.files}
    data = json.loads(paths[".json"].read_text(encoding="utf-8"))
    assert [row["key"] for row in data["funnel"]][:2] == ["school", "school_graduate"]
    assert data["outcomes"]["national_goal"] == 0.8
    with paths[".csv"].open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["section", "metric", "value"]
    assert ["Воронка", "Начали маршрут в школе: Обучение в школе", str(outcome.report.routes["pupil"])] in rows
    html = paths[".html"].read_text(encoding="utf-8")
    assert html.count("<svg") >= 6 and "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    text = re.sub(r"<[^>]*>", " ", html.split("</style>", 1)[1])
    assert re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text) == [], "no raw registry keys reach the reader"
    assert "Высокий уровень риска" in text and "Приемлемый уровень риска" in text, "the map's risk branches"
    assert {label for code, label in OUTCOME_LABELS.items() if code in outcome.report.outcomes.outcomes} <= set(
        re.findall("|".join(OUTCOME_LABELS.values()), text)), "the map's graduate outcomes"


def test_the_same_seed_gives_the_same_answers_and_funnel(tmp_path):
    reports = []
    for run in ("a", "b"):
        config = SimulationConfig(youths=20, years=0.3, seed=5, database_url=f"sqlite:///{tmp_path / run}.sqlite",
                                  out_dir=tmp_path / run)
        reports.append(run_simulation(config, WIRING, write=False).report)
    first, second = reports
    assert first.funnel == second.funnel
    assert first.work.tasks_by_element == second.work.tasks_by_element
    assert first.risk.reasons == second.risk.reasons
    assert first.registry_updates == second.registry_updates


def test_a_database_with_data_is_refused(sqlite_url, tmp_path):
    config = SimulationConfig(youths=10, years=0.1, seed=1, database_url=sqlite_url, out_dir=tmp_path)
    build_world(config, WIRING).close()
    with pytest.raises(NotFreshDatabase):
        build_world(config, WIRING)


def test_a_spent_time_budget_stops_the_drive_and_says_so(sqlite_url, tmp_path):
    config = SimulationConfig(youths=10, years=5, seed=2, database_url=sqlite_url, out_dir=tmp_path)
    outcome = run_simulation(config, WIRING, write=False, time_budget=0)
    assert outcome.stats.out_of_time and not outcome.stats.reached_horizon
    assert outcome.report.parameters["out_of_time"] is True
    assert outcome.report.work.tasks_completed == 0
    assert outcome.report.parameters["ended_at"] == config.start.isoformat()
