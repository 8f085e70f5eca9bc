"""Working-time limits for minors in temporary jobs (domain.md §4.9; ТК РФ ст. 92, 94, 265).

Limits per day / per week: 14–15 years: 2.5 h / 12 h in the school year; in holidays 4 h at 14 and 5 h at 15
(ст. 94 gives the 5-hour day only from 15), 24 h a week; 16–17 years: 4 h / 17.5 h in the school year,
7 h / 35 h in holidays. Hazardous or harmful work is
forbidden to anyone under 18, and nobody under 14 may be employed.
"""

from __future__ import annotations

from dataclasses import dataclass

MINIMUM_WORKING_AGE = 14
ADULT_AGE = 18


@dataclass(frozen=True)
class WorkingTimeLimits:
    max_hours_day: float
    max_hours_week: float


@dataclass(frozen=True)
class Violation:
    code: str
    message_ru: str

    def as_dict(self) -> dict:
        return {"code": self.code, "message_ru": self.message_ru}


def minor_limits(age: int, during_school_year: bool) -> WorkingTimeLimits | None:
    """The limits for a minor of this age, or None for an adult (no special limits)."""
    if age < MINIMUM_WORKING_AGE:
        raise ValueError(
            f"no working-time limits exist for age {age}: under {MINIMUM_WORKING_AGE} may not work"
        )
    if age >= ADULT_AGE:
        return None
    if age < 16:
        if during_school_year:
            return WorkingTimeLimits(2.5, 12)
        return WorkingTimeLimits(4 if age < 15 else 5, 24)
    return WorkingTimeLimits(4, 17.5) if during_school_year else WorkingTimeLimits(7, 35)


def check_minor_job(
    *, age: int, during_school_year: bool, hours_per_day: float, hours_per_week: float, hazardous: bool
) -> list[Violation]:
    """Everything wrong with a proposed temporary job for a young person; empty when it is lawful."""
    if hours_per_day < 0 or hours_per_week < 0:
        raise ValueError("working hours must not be negative")
    if hours_per_day > 24 or hours_per_week > 168:
        raise ValueError("working hours exceed the length of a day or a week")
    if age < MINIMUM_WORKING_AGE:
        return [Violation("under_minimum_age", f"Трудоустройство возможно с {MINIMUM_WORKING_AGE} лет")]
    violations = []
    if hazardous and age < ADULT_AGE:
        violations.append(
            Violation(
                "hazardous_work_forbidden",
                "Работа с вредными или опасными условиями труда запрещена лицам до 18 лет",
            )
        )
    limits = minor_limits(age, during_school_year)
    if limits is None:
        return violations
    period = "в учебный период" if during_school_year else "в каникулы"
    if hours_per_day > limits.max_hours_day:
        violations.append(
            Violation(
                "daily_hours_exceeded",
                f"В возрасте {age} лет {period} допускается не более "
                f"{_hours(limits.max_hours_day)} ч в день, "
                f"предложено {_hours(hours_per_day)} ч",
            )
        )
    if hours_per_week > limits.max_hours_week:
        violations.append(
            Violation(
                "weekly_hours_exceeded",
                f"В возрасте {age} лет {period} допускается не более "
                f"{_hours(limits.max_hours_week)} ч в неделю, "
                f"предложено {_hours(hours_per_week)} ч",
            )
        )
    return violations


def _hours(value: float) -> str:
    return f"{value:g}".replace(".", ",")
