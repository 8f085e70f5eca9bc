"""What the employment services provided, from the registries the handlers write: vacancies offered
(`VacancyOffer`) and the services that leave no other row (`ServiceRecord`: platform access, saved vacancy
searches, employers on the final attestation panels)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, distinct, func, select

from domain.models import ServiceRecord, VacancyOffer


@dataclass(frozen=True)
class ServiceSummary:
    vacancy_offers: int
    """Vacancies offered (one per youth and vacancy)."""
    youths_offered_vacancies: int
    repeated_offers: int
    """Offers of a vacancy the youth had been offered before."""
    youths_by_service: dict[str, int] = field(default_factory=dict)
    attestation_employers: int = 0
    """Distinct employers invited to a final attestation panel."""


def service_summary(connection: Connection) -> ServiceSummary:
    offers, youths, times = connection.execute(
        select(func.count(), func.count(distinct(VacancyOffer.youth_id)),
               func.coalesce(func.sum(VacancyOffer.times_offered), 0))).one()
    by_service = dict(connection.execute(
        select(ServiceRecord.service_code, func.count(distinct(ServiceRecord.youth_id)))
        .group_by(ServiceRecord.service_code).order_by(ServiceRecord.service_code)).all())
    employers = connection.execute(
        select(func.count(distinct(ServiceRecord.employer_id)))
        .where(ServiceRecord.service_code == "employer_in_attestation")).scalar() or 0
    return ServiceSummary(vacancy_offers=offers, youths_offered_vacancies=youths, repeated_offers=int(times) - offers,
                          youths_by_service=by_service, attestation_employers=employers)
