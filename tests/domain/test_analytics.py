"""The registry figures on the hand-built region of tests/domain/analytics_region.py, whose answers are
counted by hand in its comments."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from domain.analytics.capacity import curator_rows, practice_rows
from domain.analytics.filters import WHOLE_REGION, RegistryFilter
from domain.analytics.outcomes import Kpi, kpi_rows, total
from domain.analytics.risk import risk_summary
from tests.domain.analytics_region import build_region


@pytest.fixture
def session(domain_engine):
    with Session(domain_engine) as session:
        build_region(session)
        yield session


def test_employment_within_24_months_by_college_programme_and_year(session):
    rows = kpi_rows(session, WHOLE_REGION)
    assert [(r.college, r.programme.split()[0], r.graduation_year, r.kpi) for r in rows] == [
        ("Колледж А", "15.02.16", 2025, Kpi(observed=3, employed=2, in_specialty=1)),
        ("Колледж Б", "15.01.05", 2024, Kpi(observed=1, employed=0, in_specialty=0))]
    assert rows[0].kpi.employed_share == 0.6667 and rows[0].kpi.in_specialty_share == 0.3333
    assert not rows[0].kpi.meets_goal
    assert total(rows) == Kpi(4, 2, 1) and total(rows).employed_share == 0.5


def test_employment_follows_the_period_and_the_college(session):
    assert [r.college for r in kpi_rows(session, RegistryFilter(since=date(2025, 1, 1)))] == ["Колледж А"]
    only_b = kpi_rows(session, RegistryFilter(org_kind="edu_org", org_id="college-b"))
    assert [(r.college, r.kpi) for r in only_b] == [("Колледж Б", Kpi(1, 0, 0))]


def test_risk_shares_and_reasons(session):
    risk = risk_summary(session, WHOLE_REGION)
    assert (risk.profilings, risk.students_profiled, risk.high_latest, risk.high_ever) == (4, 3, 1, 2)
    assert risk.high_latest_share == 0.3333 and risk.high_ever_share == 0.6667
    assert risk.reasons == {"score_ok": 2, "score_high": 1, "academic_debt": 1}
    assert risk.contributions_of_high == {"academic_debt": 2, "no_career_plan": 1, "motivation_low": 1}
    college_b = risk_summary(session, RegistryFilter(org_kind="edu_org", org_id="college-b"))
    assert (college_b.students_profiled, college_b.high_latest) == (1, 0)
    spring = risk_summary(session, RegistryFilter(since=date(2025, 2, 1)))
    assert (spring.profilings, spring.high_ever) == (3, 1)


def test_curator_caseloads_against_the_cap(session):
    rows = curator_rows(session, WHOLE_REGION)
    assert [(r.name, r.caseload, r.cap, r.over_cap) for r in rows] == [
        ("Иванова Анна", 3, 2, True), ("Петров Павел", 1, 40, False)]
    assert [r.name for r in curator_rows(session, RegistryFilter(org_kind="czn", org_id="czn-2"))] == ["Петров Павел"]


def test_practice_demand_against_places(session):
    rows = practice_rows(session, WHOLE_REGION)
    assert [(r.college, r.due, r.placed, r.unplaced, r.places) for r in rows] == [
        ("Колледж А", 2, 1, 1, 5), ("Колледж Б", 1, 0, 1, 0)]
    april = practice_rows(session, RegistryFilter(since=date(2025, 4, 1), until=date(2025, 5, 1)))
    assert [(r.college, r.due) for r in april] == [("Колледж А", 2)]
    only_a = practice_rows(session, RegistryFilter(org_kind="edu_org", org_id="college-a"))
    assert [r.college for r in only_a] == ["Колледж А"]


def test_a_filter_needs_a_known_kind_and_an_id():
    with pytest.raises(ValueError):
        RegistryFilter(org_kind="school", org_id="school-1")
    with pytest.raises(ValueError):
        RegistryFilter(org_kind="edu_org")
