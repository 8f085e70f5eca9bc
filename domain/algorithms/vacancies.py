"""Vacancy recommendation for a graduate or young specialist.

Filters: the vacancy is open, in the youth's region, and matches the youth's ОКСО code (tier A) or its
УГС (tier B). Order: tier A first; then, for a youth without experience, vacancies that need none; then
vacancies whose salary meets the youth's expectation; then those marked for young specialists; then the
higher salary (the upper bound, else the lower); then id. Each recommendation says why, in codes that
`REASON_TEXT_RU` explains in Russian.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.models.reference import ugs_of


@dataclass(frozen=True)
class VacancyCandidate:
    id: str
    title: str
    employer_id: str
    region_code: str
    okso_code: str | None = None
    ugs_code: str | None = None
    salary_from: int | None = None
    salary_to: int | None = None
    requires_experience: bool = False
    for_young_specialists: bool = False
    status: str = "open"

    @property
    def salary_ceiling(self) -> int:
        return self.salary_to or self.salary_from or 0


@dataclass(frozen=True)
class JobSeeker:
    okso_code: str
    region_code: str
    has_experience: bool = False
    expected_salary: int | None = None


@dataclass(frozen=True)
class Recommendation:
    vacancy_id: str
    title: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"vacancy_id": self.vacancy_id, "title": self.title, "reasons": list(self.reasons)}


REASON_TEXT_RU = {
    "okso_match": "Совпадает специальность по ОКСО",
    "ugs_match": "Совпадает укрупнённая группа специальностей",
    "no_experience_required": "Опыт работы не требуется",
    "for_young_specialists": "Вакансия для молодых специалистов",
    "salary_meets_expectation": "Зарплата не ниже ожидаемой",
    "salary_below_expectation": "Зарплата ниже ожидаемой",
}


def recommend_vacancies(
    seeker: JobSeeker, vacancies: Iterable[VacancyCandidate], limit: int = 10
) -> list[Recommendation]:
    if limit < 1:
        raise ValueError("limit must be at least 1")
    ugs = ugs_of(seeker.okso_code)
    ranked = []
    for vacancy in vacancies:
        if vacancy.status != "open" or vacancy.region_code != seeker.region_code:
            continue
        if vacancy.okso_code == seeker.okso_code:
            tier, reasons = 0, ["okso_match"]
        elif (vacancy.ugs_code or (vacancy.okso_code and ugs_of(vacancy.okso_code))) == ugs:
            tier, reasons = 1, ["ugs_match"]
        else:
            continue
        experience_barrier = vacancy.requires_experience and not seeker.has_experience
        if not vacancy.requires_experience:
            reasons.append("no_experience_required")
        if vacancy.for_young_specialists:
            reasons.append("for_young_specialists")
        below = seeker.expected_salary is not None and vacancy.salary_ceiling < seeker.expected_salary
        if seeker.expected_salary is not None:
            reasons.append("salary_below_expectation" if below else "salary_meets_expectation")
        key = (
            tier,
            experience_barrier,
            below,
            not vacancy.for_young_specialists,
            -vacancy.salary_ceiling,
            vacancy.id,
        )
        ranked.append((key, Recommendation(vacancy.id, vacancy.title, tuple(reasons))))
    ranked.sort(key=lambda item: item[0])
    return [recommendation for _, recommendation in ranked[:limit]]
