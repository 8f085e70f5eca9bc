"""The report of `profroute simulate --workers N`: the shards' reports merged into one. Counts are summed
(every youth's routes ran in exactly one shard), shares recomputed from the summed counts, the region's own
figures taken from shard 0 (every shard generated the same region). What the reports do not keep exactly:
- curators: each shard assigned its students from every curator of the region, and the report keeps only
  each shard's caseload statistics, not every curator's caseload; assignments, active assignments,
  escalations and curators above the cap are summed (a curator above the cap in two shards counts twice),
  the histogram counts each curator once per shard, the busiest caseload and the 90th percentile are the
  largest shard's, the mean caseload is the shards' mean weighted by their curators with students;
- employers on the final attestation panels: the most of any shard (a lower bound of the distinct count);
- the colleges' region-wide updates (exam sessions, admission plans approved): the most of any shard;
- incidents and refused answers shown: the shards' lists in shard order, cut at the usual number."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from domain.analytics.filters import share
from domain.analytics.outcomes import NATIONAL_GOAL_EMPLOYED_24_MONTHS
from domain.analytics.risk import RiskSummary
from simulation.cohort import YOUTH_KINDS
from simulation.metrics import SimulationReport, performance
from simulation.metrics.capacity import CuratorLoad, PracticeDemand
from simulation.metrics.funnel import FunnelRow
from simulation.metrics.outcomes import OutcomeSummary
from simulation.metrics.services import ServiceSummary
from simulation.metrics.work import SHOWN_PROBLEMS, WorkSummary

REGION_WIDE_UPDATES = frozenset({"exam_sessions", "admission_plans_approved"})
"""Registry updates every shard makes for the whole region (the others are of the shard's own students)."""


def merge_reports(reports: Sequence[SimulationReport], drive_seconds: float) -> SimulationReport:
    """`drive_seconds`: the wall-clock time the shards drove their routes (they ran side by side)."""
    if not reports:
        raise ValueError("no shard reports to merge")
    first = reports[0]
    routes = _sum([report.routes for report in reports])
    work = _work([report.work for report in reports])
    ended_at = max(report.parameters["ended_at"] for report in reports)
    simulated_years = max(report.performance["simulated_years"] for report in reports)
    return SimulationReport(
        parameters={**first.parameters, "ended_at": ended_at, "workers": len(reports),
                    "reached_horizon": any(report.parameters["reached_horizon"] for report in reports),
                    "out_of_time": any(report.parameters["out_of_time"] for report in reports)},
        region=first.region,
        routes=routes,
        funnel=_funnel_rows([report.funnel for report in reports]),
        side_stages=_funnel_rows([report.side_stages for report in reports]),
        current_stages=_most_common(_sum([report.current_stages for report in reports])),
        risk=_risk([report.risk for report in reports]),
        outcomes=_outcomes([report.outcomes for report in reports]),
        curators=_curators([report.curators for report in reports]),
        practice=_practice([report.practice for report in reports]),
        services=_services([report.services for report in reports]),
        work=work,
        registry_updates=_registry_updates([report.registry_updates for report in reports]),
        performance=performance(work, sum(routes.get(kind, 0) for kind in YOUTH_KINDS), drive_seconds,
                                simulated_years))


def _sum(counts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for one in counts:
        total.update(one)
    return dict(total)


def _most_common(counts: Mapping[str, int]) -> dict[str, int]:
    """Largest first, ties by name: the same order whatever shard a count came from."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _nested_sum(tables: Iterable[Mapping[str, Mapping[str, int]]]) -> dict[str, dict[str, int]]:
    merged: dict[str, Counter[str]] = {}
    for table in tables:
        for key, counts in table.items():
            merged.setdefault(key, Counter()).update(counts)
    return {key: dict(counts) for key, counts in merged.items()}


def _funnel_rows(shards: Sequence[Sequence[FunnelRow]]) -> list[FunnelRow]:
    """Rows in the order of the shards' first appearance of each (cohort, stage); a cohort some shard had no
    youth of is absent from that shard's funnel and adds nothing."""
    merged: dict[tuple[str, str], FunnelRow] = {}
    for rows in shards:
        for row in rows:
            known = merged.get((row.cohort, row.key))
            if known is not None:
                row = replace(known, youths=known.youths + row.youths, of=known.of + row.of)
            merged[(row.cohort, row.key)] = replace(row, share=share(row.youths, row.of))
    return list(merged.values())


def _risk(shards: Sequence[RiskSummary]) -> RiskSummary:
    profiled, high_latest, high_ever = (sum(getattr(one, name) for one in shards)
                                        for name in ("students_profiled", "high_latest", "high_ever"))
    return RiskSummary(
        profilings=sum(one.profilings for one in shards), students_profiled=profiled, high_latest=high_latest,
        high_ever=high_ever, high_latest_share=share(high_latest, profiled), high_ever_share=share(high_ever, profiled),
        target_band=shards[0].target_band, reasons=_most_common(_sum(one.reasons for one in shards)),
        contributions_of_high=_most_common(_sum(one.contributions_of_high for one in shards)))


def _outcomes(shards: Sequence[OutcomeSummary]) -> OutcomeSummary:
    graduates, observed, employed, in_specialty = (
        sum(getattr(one, name) for one in shards)
        for name in ("graduates_with_outcome", "observed_24_months", "employed_24_months",
                     "employed_in_specialty_24_months"))
    covered = sum(round(one.specialty_employer_coverage * one.graduates_with_outcome) for one in shards)
    employed_share = share(employed, observed)
    checkpoints = _nested_sum(one.by_checkpoint for one in shards)
    return OutcomeSummary(
        by_checkpoint=dict(sorted(checkpoints.items(), key=lambda item: int(item[0].strip("+ мес.")))),
        graduates_with_outcome=graduates, observed_24_months=observed, employed_24_months=employed,
        employed_in_specialty_24_months=in_specialty, employed_share=employed_share,
        in_specialty_share=share(in_specialty, observed),
        gap_to_goal=round(employed_share - NATIONAL_GOAL_EMPLOYED_24_MONTHS, 4),
        specialty_employer_coverage=share(covered, graduates),
        outcomes=_most_common(_sum(one.outcomes for one in shards)))


def _curators(shards: Sequence[CuratorLoad]) -> CuratorLoad:
    busy = [one.curators_with_students for one in shards]
    return CuratorLoad(
        curators=shards[0].curators, cap=shards[0].cap,
        assignments_made=sum(one.assignments_made for one in shards),
        active_assignments=sum(one.active_assignments for one in shards),
        curators_with_students=max(busy), max_caseload=max(one.max_caseload for one in shards),
        mean_caseload=round(sum(one.mean_caseload * n for one, n in zip(shards, busy, strict=True)) / sum(busy), 2)
        if sum(busy) else 0.0,
        p90_caseload=max(one.p90_caseload for one in shards), over_cap=sum(one.over_cap for one in shards),
        escalations=sum(one.escalations for one in shards), histogram=_sum(one.histogram for one in shards))


def _practice(shards: Sequence[PracticeDemand]) -> PracticeDemand:
    requests, placed, unmatched = (sum(getattr(one, name) for one in shards)
                                   for name in ("requests", "placed", "unmatched"))
    return PracticeDemand(
        requests=requests, placed=placed, unmatched=unmatched, unmatched_share=share(unmatched, requests),
        placed_by_kind=_sum(one.placed_by_kind for one in shards),
        unmatched_by_kind=_sum(one.unmatched_by_kind for one in shards),
        placements_by_status=_sum(one.placements_by_status for one in shards))


def _services(shards: Sequence[ServiceSummary]) -> ServiceSummary:
    return ServiceSummary(
        vacancy_offers=sum(one.vacancy_offers for one in shards),
        youths_offered_vacancies=sum(one.youths_offered_vacancies for one in shards),
        repeated_offers=sum(one.repeated_offers for one in shards),
        youths_by_service=dict(sorted(_sum(one.youths_by_service for one in shards).items())),
        attestation_employers=max(one.attestation_employers for one in shards))


def _work(shards: Sequence[WorkSummary]) -> WorkSummary:
    return WorkSummary(
        steps=sum(one.steps for one in shards), tasks_completed=sum(one.tasks_completed for one in shards),
        tasks_by_element=_most_common(_sum(one.tasks_by_element for one in shards)),
        timer_rounds=sum(one.timer_rounds for one in shards), clock_jumps=sum(one.clock_jumps for one in shards),
        instances_by_process=dict(sorted(_nested_sum(one.instances_by_process for one in shards).items())),
        open_incidents=sum(one.open_incidents for one in shards),
        incidents=[incident for one in shards for incident in one.incidents][:SHOWN_PROBLEMS],
        rejected_answers=sum(one.rejected_answers for one in shards),
        rejections=[rejection for one in shards for rejection in one.rejections][:SHOWN_PROBLEMS])


def _registry_updates(shards: Sequence[Mapping[str, int]]) -> dict[str, int]:
    merged = _sum({key: value for key, value in one.items() if key not in REGION_WIDE_UPDATES} for one in shards)
    for key in REGION_WIDE_UPDATES:
        if any(key in one for one in shards):
            merged[key] = max(one.get(key, 0) for one in shards)
    return dict(sorted(merged.items()))
