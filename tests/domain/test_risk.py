from __future__ import annotations

import pytest

from domain.algorithms.risk import RiskIndicators, risk_score


def test_a_student_with_no_risk_factors_scores_zero():
    result = risk_score(RiskIndicators())
    assert result.score == 0
    assert result.contributions == ()


def test_every_indicator_of_the_points_table():
    worst = RiskIndicators(
        academic_debt_count=5,
        attendance_rate=0.5,
        practice_status="failed",
        practice_due=True,
        career_plan_present=False,
        intends_work_in_specialty=False,
        motivation_level="low",
        job_search_skills="low",
        social_flags_count=7,
        any_work_experience=False,
    )
    result = risk_score(worst)
    assert {c.code: c.points for c in result.contributions} == {
        "academic_debt": 6,
        "attendance_low": 3,
        "practice_missing": 2,
        "no_career_plan": 2,
        "not_intending_specialty": 1,
        "motivation_low": 2,
        "job_search_skills_low": 2,
        "social_factors": 3,
        "no_work_experience": 1,
    }
    assert result.score == 22


@pytest.mark.parametrize(("debts", "points"), [(0, 0), (1, 3), (2, 6), (3, 6)])
def test_academic_debt_is_capped_at_six(debts, points):
    assert risk_score(RiskIndicators(academic_debt_count=debts)).score == points


@pytest.mark.parametrize(("rate", "points"), [(0.69, 3), (0.70, 1), (0.80, 1), (0.85, 1), (0.86, 0), (1.0, 0)])
def test_attendance_bands(rate, points):
    assert risk_score(RiskIndicators(attendance_rate=rate)).score == points


def test_missing_practice_counts_only_when_due():
    assert risk_score(RiskIndicators(practice_status="none", practice_due=False)).score == 0
    assert risk_score(RiskIndicators(practice_status="none", practice_due=True)).score == 2
    assert risk_score(RiskIndicators(practice_status="done", practice_due=True)).score == 0


def test_target_contract_and_job_offer_lower_the_score_below_zero():
    result = risk_score(RiskIndicators(target_contract_active=True, job_offer_received=True, social_flags_count=1))
    assert result.score == -5
    assert result.as_dict()["contributions"][-1] == {"code": "job_offer", "points": -3}


@pytest.mark.parametrize(
    "bad",
    [
        {"attendance_rate": 1.2},
        {"academic_debt_count": -1},
        {"practice_status": "unknown"},
        {"motivation_level": "LOW"},
        {"social_flags_count": -2},
    ],
)
def test_bad_input_is_rejected(bad):
    with pytest.raises(ValueError):
        RiskIndicators(**bad)
