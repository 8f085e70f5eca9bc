"""The result of a practice once its period is over: passed unless the host employer graded it unsatisfactory
(2 or lower on the Russian five-point scale)."""

from __future__ import annotations

UNSATISFACTORY = 2


def practice_outcome(employer_evaluation: int | None) -> str:
    """`completed` or `failed`, the placement status the college records at the end of the practice."""
    return "failed" if employer_evaluation is not None and employer_evaluation <= UNSATISFACTORY else "completed"
