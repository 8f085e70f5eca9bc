"""The few registry facts simulated operators need, read once after the region is generated: employers by
the specialties they hire for, and each young person's social circumstances."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import Employer, Youth
from domain.region.employers import industry_of

SOCIAL_FLAG_COLUMNS = {
    "orphan": "is_orphan",
    "disability": "has_disability_ovz",
    "low_income": "low_income_family",
    "kdn": "kdn_registered",
    "young_parent": "young_parent",
    "no_housing": "nonresident_without_housing",
}
"""Choices of the profiling form's «Социальные факторы» → the Youth registry column behind each."""


@dataclass(frozen=True)
class YouthFacts:
    youth_id: str
    social_flags: tuple[str, ...]

    @property
    def has_disability(self) -> bool:
        return "disability" in self.social_flags


@dataclass(frozen=True)
class RegionFacts:
    employer_ids: tuple[str, ...]
    employers_by_specialty: dict[str, tuple[str, ...]]
    youths: dict[str, YouthFacts] = field(default_factory=dict)

    def employers_for(self, okso_code: str | None) -> tuple[str, ...]:
        return self.employers_by_specialty.get(okso_code or "", ())


def read_region_facts(session: Session) -> RegionFacts:
    employers = session.scalars(select(Employer).order_by(Employer.id)).all()
    by_specialty: dict[str, list[str]] = {}
    for employer in employers:
        for code in industry_of(employer).okso_codes:
            by_specialty.setdefault(code, []).append(employer.id)
    youths = {
        youth.id: YouthFacts(youth.id, tuple(flag for flag, column in SOCIAL_FLAG_COLUMNS.items()
                                             if getattr(youth, column)))
        for youth in session.scalars(select(Youth).order_by(Youth.id))
    }
    return RegionFacts(
        employer_ids=tuple(employer.id for employer in employers),
        employers_by_specialty={code: tuple(ids) for code, ids in by_specialty.items()},
        youths=youths,
    )
