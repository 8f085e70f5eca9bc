"""Calendar helpers shared by the rules: age in full years and month arithmetic."""

from __future__ import annotations

import calendar
from datetime import date


def age_on(birth_date: date, on: date) -> int:
    """Age in full years on a date."""
    if on < birth_date:
        raise ValueError(f"date {on} is before the birth date {birth_date}")
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (1 if before_birthday else 0)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the month's end (31 Oct + 4 months → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
