"""Graduate outcomes the simulated routes recorded (EmploymentOutcome rows written during the run): the
outcome at each checkpoint, and employment within 24 months of the diploma against the national goal."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from domain.analytics.outcomes import NATIONAL_GOAL_EMPLOYED_24_MONTHS, first_routings, kpi_of
from domain.models import EmploymentOutcome, Programme, StudentEnrollment


@dataclass(frozen=True)
class OutcomeSummary:
    by_checkpoint: dict[str, dict[str, int]]
    graduates_with_outcome: int
    observed_24_months: int
    """Graduates whose first routing settled within the window: employed by +24 months, or seen at +24."""
    employed_24_months: int
    employed_in_specialty_24_months: int
    employed_share: float
    in_specialty_share: float
    national_goal: float = NATIONAL_GOAL_EMPLOYED_24_MONTHS
    gap_to_goal: float = 0.0
    specialty_employer_coverage: float = 0.0
    """Share of these graduates whose specialty some employer of the region hires for: the ceiling on work
    in the specialty inside the region."""
    outcomes: dict[str, int] = field(default_factory=dict)


def outcome_summary(connection: Connection, preexisting: frozenset[str],
                    specialties_with_employers: frozenset[str]) -> OutcomeSummary:
    rows = [row for row in connection.execute(
        select(EmploymentOutcome.id, EmploymentOutcome.youth_id, EmploymentOutcome.checkpoint_months,
               EmploymentOutcome.outcome, EmploymentOutcome.in_specialty, Programme.okso_code)
        .outerjoin(StudentEnrollment, StudentEnrollment.id == EmploymentOutcome.student_enrollment_id)
        .outerjoin(Programme, Programme.id == StudentEnrollment.programme_id)
        .order_by(EmploymentOutcome.youth_id, EmploymentOutcome.as_of_date, EmploymentOutcome.id))
        if row.id not in preexisting]
    by_checkpoint: dict[str, Counter[str]] = {}
    for row in rows:
        by_checkpoint.setdefault(f"+{row.checkpoint_months or 0} мес.", Counter())[row.outcome] += 1
    first_routing = first_routings(rows)
    kpi = kpi_of(first_routing.values())
    observed, employed, in_specialty = kpi.observed, kpi.employed, kpi.in_specialty
    employed_share = round(employed / observed, 4) if observed else 0.0
    covered = sum(1 for history in first_routing.values() if history[0].okso_code in specialties_with_employers)
    return OutcomeSummary(
        by_checkpoint={name: dict(counts) for name, counts in sorted(by_checkpoint.items(), key=_months)},
        graduates_with_outcome=len(first_routing), observed_24_months=observed, employed_24_months=employed,
        employed_in_specialty_24_months=in_specialty, employed_share=employed_share,
        in_specialty_share=round(in_specialty / observed, 4) if observed else 0.0,
        gap_to_goal=round(employed_share - NATIONAL_GOAL_EMPLOYED_24_MONTHS, 4),
        specialty_employer_coverage=round(covered / len(first_routing), 4) if first_routing else 0.0,
        outcomes=dict(Counter(row.outcome for row in rows).most_common()))


def _months(item: tuple[str, Counter[str]]) -> int:
    return int(item[0].strip("+ мес."))
