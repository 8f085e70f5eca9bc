from __future__ import annotations

from datetime import date

import pytest

from domain.algorithms.study_calendar import practice_periods, practice_window, practice_window_on, school_year_of


def test_each_course_window_holds_its_practice_kinds():
    periods = practice_periods(2026)
    first = practice_window(course=1, final_year=False, school_year_start=2026)
    middle = practice_window(course=2, final_year=False, school_year_start=2026)
    final = practice_window(course=4, final_year=True, school_year_start=2026)

    def inside(window, kind):
        start, end = periods[kind]
        return window[0] <= start and end <= window[1]

    assert [k for k in periods if inside(first, k)] == ["educational"]
    assert [k for k in periods if inside(middle, k)] == ["production", "pre_diploma"]
    assert [k for k in periods if inside(final, k)] == ["production", "pre_diploma", "internship"]
    assert final == (date(2027, 4, 1), date(2027, 8, 31))


def test_next_school_year_moves_everything_a_year_on():
    assert practice_periods(2027)["production"] == (date(2028, 4, 6), date(2028, 5, 17))
    assert practice_window(course=3, final_year=False, school_year_start=2027)[0] == date(2028, 4, 1)


def test_course_must_be_positive():
    with pytest.raises(ValueError):
        practice_window(course=0, final_year=False, school_year_start=2026)


def test_school_years_begin_in_september():
    assert [school_year_of(day) for day in (date(2026, 8, 31), date(2026, 9, 1), date(2027, 6, 30))] == [
        2025, 2026, 2026]


def test_the_window_on_a_day_is_that_of_the_course_in_its_school_year():
    studies = {"study_start": date(2025, 9, 1), "graduation": date(2029, 6, 30)}
    assert practice_window_on(date(2025, 11, 2), **studies) == practice_window(
        course=1, final_year=False, school_year_start=2025)
    assert practice_window_on(date(2027, 3, 1), **studies) == practice_window(
        course=2, final_year=False, school_year_start=2026)
    assert practice_window_on(date(2028, 9, 1), **studies) == (date(2029, 4, 1), date(2029, 8, 31))
    assert practice_window_on(date(2025, 8, 31), **studies) is None
    assert practice_window_on(date(2029, 9, 1), **studies) is None
