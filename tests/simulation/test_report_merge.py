"""Merging the shards' reports of `profroute simulate --workers N` (no database): counts summed, shares
recomputed from the summed counts, the region's own figures from shard 0; and the rule that deals the
youths to the shards."""
from __future__ import annotations

from dataclasses import replace

import pytest

from domain.analytics.risk import RiskSummary
from simulation.metrics import SimulationReport
from simulation.metrics.capacity import CuratorLoad, PracticeDemand
from simulation.metrics.funnel import FunnelRow
from simulation.metrics.outcomes import OutcomeSummary
from simulation.metrics.services import ServiceSummary
from simulation.metrics.work import WorkSummary
from simulation.report_merge import merge_reports
from simulation.shard_databases import fresh_shard_databases
from simulation.sharding import Shard


def _report(pupils: int, reached: int, high: int, employed: int, observed: int, steps: int, ended_at: str,
            sessions: int, expelled: int, busy: int, mean_load: float) -> SimulationReport:
    return SimulationReport(
        parameters={"youths": 20, "seed": 3, "ended_at": ended_at, "reached_horizon": ended_at.endswith("Z"),
                    "out_of_time": False},
        region={"youths": 20, "curators": 4},
        routes={"pupil": pupils, **({"staffing_need": 2} if ended_at.endswith("Z") else {})},
        funnel=[FunnelRow("pupil", "Школьники", "school", "Школа", pupils, 1.0, pupils),
                FunnelRow("pupil", "Школьники", "study", "Обучение", reached, round(reached / pupils, 4), pupils)],
        side_stages=[FunnelRow("all", "Все", "internship", "Стажировка", 1, round(1 / reached, 4), reached)],
        current_stages={"Школа": pupils - reached, "Обучение": reached},
        risk=RiskSummary(profilings=2 * reached, students_profiled=reached, high_latest=high, high_ever=high,
                         high_latest_share=round(high / reached, 4), high_ever_share=round(high / reached, 4),
                         reasons={"score": high}),
        outcomes=OutcomeSummary(by_checkpoint={"+6 мес.": {"Трудоустройство": employed}, "+0 мес.": {"x": 1}},
                                graduates_with_outcome=observed, observed_24_months=observed,
                                employed_24_months=employed, employed_in_specialty_24_months=0,
                                employed_share=round(employed / observed, 4), in_specialty_share=0.0,
                                specialty_employer_coverage=0.5, outcomes={"Трудоустройство": employed}),
        curators=CuratorLoad(curators=4, assignments_made=busy, active_assignments=busy, curators_with_students=busy,
                             max_caseload=2, mean_caseload=mean_load, p90_caseload=1, cap=40, over_cap=0,
                             escalations=0, histogram={"0": 4 - busy, "1–5": busy}),
        practice=PracticeDemand(requests=4, placed=3, unmatched=1, unmatched_share=0.25, placed_by_kind={"p": 3},
                                unmatched_by_kind={"p": 1}),
        services=ServiceSummary(vacancy_offers=2, youths_offered_vacancies=1, repeated_offers=0,
                                youths_by_service={"platform": reached}, attestation_employers=busy),
        work=WorkSummary(steps=steps, tasks_completed=steps // 2, tasks_by_element={"a": steps // 2}, timer_rounds=1,
                         clock_jumps=2, instances_by_process={"proc": {"active": pupils}}, open_incidents=0),
        registry_updates={"exam_sessions": sessions, "students_expelled": expelled},
        performance={"drive_seconds": 1.0, "simulated_years": 0.25})


FIRST = _report(pupils=10, reached=5, high=1, employed=2, observed=4, steps=100, ended_at="2027-02-01T06:00Z",
                sessions=1, expelled=1, busy=2, mean_load=1.0)
SECOND = _report(pupils=8, reached=2, high=2, employed=1, observed=4, steps=60, ended_at="2027-01-15T06:00+",
                 sessions=1, expelled=2, busy=3, mean_load=2.0)


def test_counts_are_summed_and_shares_recomputed_from_the_sums():
    merged = merge_reports([FIRST, SECOND], drive_seconds=4.0)
    assert merged.routes == {"pupil": 18, "staffing_need": 2}
    assert [(row.key, row.youths, row.of, row.share) for row in merged.funnel] == [
        ("school", 18, 18, 1.0), ("study", 7, 18, round(7 / 18, 4))]
    assert [(row.youths, row.of, row.share) for row in merged.side_stages] == [(2, 7, round(2 / 7, 4))]
    assert merged.current_stages == {"Школа": 11, "Обучение": 7}
    assert (merged.risk.students_profiled, merged.risk.high_latest, merged.risk.high_latest_share) == (7, 3, 0.4286)
    assert (merged.outcomes.employed_24_months, merged.outcomes.observed_24_months) == (3, 8)
    assert merged.outcomes.employed_share == 0.375 and merged.outcomes.gap_to_goal == round(0.375 - 0.8, 4)
    assert list(merged.outcomes.by_checkpoint) == ["+0 мес.", "+6 мес."]
    assert merged.outcomes.specialty_employer_coverage == 0.5
    assert (merged.practice.requests, merged.practice.unmatched, merged.practice.unmatched_share) == (8, 2, 0.25)
    assert (merged.work.steps, merged.work.tasks_completed, merged.work.tasks_by_element) == (160, 80, {"a": 80})
    assert merged.work.instances_by_process == {"proc": {"active": 18}}
    assert merged.services.youths_by_service == {"platform": 7}


def test_the_region_and_its_region_wide_updates_are_counted_once():
    merged = merge_reports([FIRST, SECOND], drive_seconds=4.0)
    assert merged.region == FIRST.region
    assert merged.registry_updates == {"exam_sessions": 1, "students_expelled": 3}
    assert merged.curators.curators == 4 and merged.curators.active_assignments == 5
    assert merged.curators.curators_with_students == 3 and merged.curators.mean_caseload == 1.6
    assert merged.services.attestation_employers == 3


def test_parameters_say_how_many_workers_and_the_latest_end():
    merged = merge_reports([FIRST, SECOND], drive_seconds=4.0)
    assert merged.parameters["workers"] == 2 and merged.parameters["ended_at"] == FIRST.parameters["ended_at"]
    assert merged.parameters["reached_horizon"] is True
    assert merged.performance["steps_per_second"] == 40.0 and merged.performance["youths_per_second"] == 4.5


def test_equal_counts_are_ordered_by_name_and_nothing_to_merge_is_refused():
    assert SECOND.current_stages == {"Школа": 6, "Обучение": 2}
    merged = merge_reports([replace(FIRST, current_stages={"Школа": 2, "Обучение": 6}), SECOND], 4.0)
    assert list(merged.current_stages.items()) == [("Обучение", 8), ("Школа", 8)]
    with pytest.raises(ValueError):
        merge_reports([], 1.0)


def test_youths_are_dealt_round_robin_and_the_region_routes_go_to_shard_zero():
    shards = [Shard(k, 3) for k in range(3)]
    assert [[position for position in range(7) if shard.takes_youth(position)] for shard in shards] == [
        [0, 3, 6], [1, 4], [2, 5]]
    assert [shard.takes_region_routes for shard in shards] == [True, False, False]
    assert Shard().whole and not shards[0].whole
    with pytest.raises(ValueError):
        Shard(3, 3)


def test_each_shard_gets_its_own_fresh_sqlite_file(tmp_path):
    (tmp_path / "run_shard1.sqlite").write_text("old")
    urls = fresh_shard_databases(f"sqlite:///{tmp_path / 'run.sqlite'}", 2)
    assert urls == [f"sqlite:///{tmp_path / 'run_shard0.sqlite'}", f"sqlite:///{tmp_path / 'run_shard1.sqlite'}"]
    assert not (tmp_path / "run_shard1.sqlite").exists()
    with pytest.raises(ValueError, match="on disk"):
        fresh_shard_databases("sqlite://", 2)
