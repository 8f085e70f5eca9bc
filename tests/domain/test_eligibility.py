from __future__ import annotations

from datetime import date

import pytest

from domain.algorithms.dates import add_months, age_on
from domain.algorithms.eligibility import (
    emp_hours_progress,
    entrepreneurship_referral,
    retraining_eligibility,
)


def test_age_and_month_arithmetic():
    assert age_on(date(2000, 3, 15), date(2035, 3, 14)) == 34
    assert age_on(date(2000, 3, 15), date(2035, 3, 15)) == 35
    assert add_months(date(2026, 10, 31), 4) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    with pytest.raises(ValueError):
        age_on(date(2000, 1, 1), date(1999, 1, 1))


def test_retraining_needs_four_months_without_work_after_the_diploma():
    early = retraining_eligibility(
        birth_date=date(2004, 5, 1), diploma_date=date(2026, 6, 30), on=date(2026, 10, 29), employed=False
    )
    assert not early.eligible
    assert early.reasons == ("less_than_4_months_since_diploma",)
    assert early.eligible_from == date(2026, 10, 30)
    ready = retraining_eligibility(
        birth_date=date(2004, 5, 1), diploma_date=date(2026, 6, 30), on=date(2026, 10, 30), employed=False
    )
    assert ready.eligible and ready.reasons == ("eligible",)


def test_retraining_age_limit_is_35_inclusive_and_employment_excludes():
    born = date(1991, 1, 10)
    at_35 = retraining_eligibility(birth_date=born, diploma_date=date(2026, 1, 1), on=date(2027, 1, 9), employed=False)
    at_36 = retraining_eligibility(birth_date=born, diploma_date=date(2026, 1, 1), on=date(2027, 1, 10), employed=False)
    assert at_35.eligible and not at_36.eligible
    assert at_36.reasons == ("over_age_limit",)
    working = retraining_eligibility(
        birth_date=date(2004, 1, 1), diploma_date=date(2025, 6, 1), on=date(2026, 6, 1), employed=True
    )
    assert working.as_dict()["reasons"] == ["employed"]


def test_referral_target_and_youth_grant():
    default = entrepreneurship_referral(
        birth_date=date(2002, 6, 1), on=date(2027, 5, 31), prefers_online=False, centre_nearby=True
    )
    assert (default.referred_to, default.eligible_youth_grant) == ("my_business_centre", True)
    turned_25 = entrepreneurship_referral(
        birth_date=date(2002, 6, 1), on=date(2027, 6, 1), prefers_online=False, centre_nearby=False
    )
    assert (turned_25.referred_to, turned_25.eligible_youth_grant) == ("digital_platform", False)
    assert turned_25.reasons == ("no_centre_nearby",)


def test_emp_progress_warns_after_the_first_half_year_only():
    autumn = emp_hours_progress(level="main", hours_done=10, on=date(2026, 12, 31), school_year_start=2026)
    assert not autumn.warning
    winter = emp_hours_progress(level="main", hours_done=29, on=date(2027, 1, 1), school_year_start=2026)
    assert winter.warning and winter.required_hours == 60
    assert "29 из 60 ч" in winter.message_ru
    on_track = emp_hours_progress(level="advanced", hours_done=40, on=date(2027, 3, 1), school_year_start=2026)
    assert not on_track.warning and on_track.share == 0.5


@pytest.mark.parametrize(
    "kwargs",
    [{"level": "expert"}, {"hours_done": -1}, {"on": date(2028, 1, 1)}],
)
def test_emp_progress_rejects_bad_input(kwargs):
    args = {"level": "basic", "hours_done": 5, "on": date(2027, 1, 15), "school_year_start": 2026} | kwargs
    with pytest.raises(ValueError):
        emp_hours_progress(**args)
