"""The practice calendar of a school year (an [ASSUMPTION] of the demo region, the edu org's curriculum
decides in reality): educational practice in January–February of course 1, production and pre-diploma
practice in April–May from course 2, and the summer internship after the final year's spring.

A school year is named by the calendar year it begins in (2026 for 2026/2027)."""

from __future__ import annotations

from datetime import date, timedelta


def school_year_of(day: date) -> int:
    """The calendar year in which the school year containing `day` began (it begins in September)."""
    return day.year if day.month >= 9 else day.year - 1


def practice_periods(school_year_start: int) -> dict[str, tuple[date, date]]:
    """The dates of each kind of practice slot in a school year."""
    year = school_year_start + 1
    return {
        "educational": (date(year, 1, 19), date(year, 2, 15)),
        "production": (date(year, 4, 6), date(year, 5, 17)),
        "pre_diploma": (date(year, 4, 20), date(year, 5, 24)),
        "internship": (date(year, 7, 1), date(year, 8, 23)),
    }


def practice_window(*, course: int, final_year: bool, school_year_start: int) -> tuple[date, date]:
    """When a student of this course may be on practice in the school year (what matching filters on)."""
    if course < 1:
        raise ValueError(f"course must be 1 or more, got {course}")
    year = school_year_start + 1
    if course == 1 and not final_year:
        return date(year, 1, 10), date(year, 2, 28)
    return date(year, 4, 1), date(year, 8, 31) if final_year else date(year, 5, 31)


def practice_window_on(day: date, *, study_start: date, graduation: date) -> tuple[date, date] | None:
    """The practice window of the school year containing `day` for a student studying from `study_start`
    to `graduation`: that of the course they are in that year (the final year is the one graduation falls
    in). None when they do not study in that school year."""
    year = school_year_of(day)
    first, final = school_year_of(study_start), school_year_of(graduation - timedelta(days=1))
    if not first <= year <= final:
        return None
    return practice_window(course=year - first + 1, final_year=year == final, school_year_start=year)

