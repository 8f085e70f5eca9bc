from __future__ import annotations

import pytest

from domain.algorithms.minors import check_minor_job, minor_limits


@pytest.mark.parametrize(
    ("age", "school_year", "day", "week"),
    [(14, True, 2.5, 12), (14, False, 4, 24), (15, False, 5, 24), (16, True, 4, 17.5), (17, False, 7, 35)],
)
def test_limits_table(age, school_year, day, week):
    limits = minor_limits(age, school_year)
    assert (limits.max_hours_day, limits.max_hours_week) == (day, week)


def test_adults_have_no_special_limits_and_children_cannot_work():
    assert minor_limits(18, True) is None
    with pytest.raises(ValueError):
        minor_limits(13, False)


def test_a_lawful_job_has_no_violations():
    assert check_minor_job(age=15, during_school_year=True, hours_per_day=2.5, hours_per_week=12, hazardous=False) == []


def test_every_violation_is_reported_with_a_russian_message():
    violations = check_minor_job(age=15, during_school_year=True, hours_per_day=4, hours_per_week=20, hazardous=True)
    assert [v.code for v in violations] == [
        "hazardous_work_forbidden",
        "daily_hours_exceeded",
        "weekly_hours_exceeded",
    ]
    assert violations[1].message_ru == (
        "В возрасте 15 лет в учебный период допускается не более 2,5 ч в день, предложено 4 ч"
    )
    assert violations[0].as_dict()["code"] == "hazardous_work_forbidden"


def test_holiday_limits_for_sixteen_year_olds():
    ok = check_minor_job(age=16, during_school_year=False, hours_per_day=7, hours_per_week=35, hazardous=False)
    over = check_minor_job(age=16, during_school_year=False, hours_per_day=7.5, hours_per_week=35, hazardous=False)
    assert ok == []
    assert [v.code for v in over] == ["daily_hours_exceeded"]


def test_under_fourteen_and_adults():
    assert [
        v.code
        for v in check_minor_job(age=13, during_school_year=False, hours_per_day=1, hours_per_week=5, hazardous=False)
    ] == ["under_minimum_age"]
    assert check_minor_job(age=19, during_school_year=True, hours_per_day=8, hours_per_week=40, hazardous=True) == []


@pytest.mark.parametrize(("day", "week"), [(-1, 5), (2, -5), (25, 30), (4, 200)])
def test_impossible_hours_are_rejected(day, week):
    with pytest.raises(ValueError):
        check_minor_job(age=16, during_school_year=True, hours_per_day=day, hours_per_week=week, hazardous=False)
