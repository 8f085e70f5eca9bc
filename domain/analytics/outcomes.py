"""Employment within 24 months of the diploma, and in the specialty, against the national goal of 80 %:
per college, programme and graduation year. A graduate counts once, by their first routing: employed if an
outcome at a checkpoint up to +24 months says so, observed if so or if they were seen at +24 months or later."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from domain.analytics.filters import RegistryFilter, share
from domain.models import EduOrg, EmploymentOutcome, Programme, Specialty, StudentEnrollment

NATIONAL_GOAL_EMPLOYED_24_MONTHS = 0.8
KPI_MONTHS = 24


@dataclass(frozen=True)
class Kpi:
    observed: int
    employed: int
    in_specialty: int

    @property
    def employed_share(self) -> float:
        return share(self.employed, self.observed)

    @property
    def in_specialty_share(self) -> float:
        return share(self.in_specialty, self.observed)

    @property
    def meets_goal(self) -> bool:
        return self.observed > 0 and self.employed_share >= NATIONAL_GOAL_EMPLOYED_24_MONTHS


@dataclass(frozen=True)
class KpiRow:
    college: str
    programme: str
    graduation_year: int
    kpi: Kpi


def first_routings(rows: Iterable[Any]) -> dict[str, list[Any]]:
    """Youth -> their outcome rows up to and including the first «employed» (rows ordered by youth and date);
    each row has `youth_id`, `outcome`, `checkpoint_months`, `in_specialty`."""
    histories: dict[str, list[Any]] = {}
    for row in rows:
        history = histories.setdefault(row.youth_id, [])
        if not any(earlier.outcome == "employed" for earlier in history):
            history.append(row)
    return histories


def kpi_of(histories: Iterable[Sequence[Any]]) -> Kpi:
    observed = employed = in_specialty = 0
    for history in histories:
        hired = next((row for row in history if row.outcome == "employed"
                      and (row.checkpoint_months or 0) <= KPI_MONTHS), None)
        if hired is not None:
            observed, employed, in_specialty = observed + 1, employed + 1, in_specialty + bool(hired.in_specialty)
        elif any((row.checkpoint_months or 0) >= KPI_MONTHS for row in history):
            observed += 1
    return Kpi(observed, employed, in_specialty)


def kpi_rows(session, where: RegistryFilter) -> list[KpiRow]:
    """One row per college, programme and graduation year with graduates followed up (diplomas in the period)."""
    query = (select(EmploymentOutcome.youth_id, EmploymentOutcome.outcome, EmploymentOutcome.checkpoint_months,
                    EmploymentOutcome.in_specialty, EmploymentOutcome.graduation_date, EduOrg.name.label("college"),
                    Programme.okso_code, Specialty.name_ru)
             .join(StudentEnrollment, StudentEnrollment.id == EmploymentOutcome.student_enrollment_id)
             .join(Programme, Programme.id == StudentEnrollment.programme_id)
             .join(EduOrg, EduOrg.id == Programme.edu_org_id)
             .join(Specialty, Specialty.okso_code == Programme.okso_code)
             .where(*where.period(EmploymentOutcome.graduation_date))
             .order_by(EmploymentOutcome.youth_id, EmploymentOutcome.as_of_date, EmploymentOutcome.id))
    if where.of("edu_org"):
        query = query.where(Programme.edu_org_id == where.of("edu_org"))
    groups: dict[tuple[str, str, int], list[Any]] = {}
    for history in first_routings(session.execute(query)).values():
        first = history[0]
        key = (first.college, f"{first.okso_code} {first.name_ru}", first.graduation_date.year)
        groups.setdefault(key, []).append(history)
    return [KpiRow(college, programme, year, kpi_of(histories))
            for (college, programme, year), histories in sorted(groups.items())]


def total(rows: Iterable[KpiRow]) -> Kpi:
    rows = list(rows)
    return Kpi(sum(r.kpi.observed for r in rows), sum(r.kpi.employed for r in rows),
               sum(r.kpi.in_specialty for r in rows))
