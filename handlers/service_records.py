"""The registry of what was provided to a youth (`ServiceRecord`, `VacancyOffer`): one row per youth, service
and reference (and employer), refreshed when the same service is provided again, so the youth's card shows
what was given and when last."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from domain.models import ServiceRecord, Vacancy, VacancyOffer
from handlers.context import HandlerContext


def record_service(
    ctx: HandlerContext,
    youth_id: str,
    service_code: str,
    *,
    provider_lane: str,
    reference: str | None,
    details: dict[str, Any],
    employer_id: str | None = None,
    edu_org_id: str | None = None,
) -> ServiceRecord:
    row = ctx.session.scalar(
        select(ServiceRecord).where(
            ServiceRecord.youth_id == youth_id,
            ServiceRecord.service_code == service_code,
            ServiceRecord.reference == reference if reference is not None else ServiceRecord.reference.is_(None),
            ServiceRecord.employer_id == employer_id if employer_id else ServiceRecord.employer_id.is_(None),
        )
    )
    if row is None:
        row = ServiceRecord(
            youth_id=youth_id,
            service_code=service_code,
            provider_lane=provider_lane,
            reference=reference,
            employer_id=employer_id,
            edu_org_id=edu_org_id,
        )
        ctx.session.add(row)
    row.provided_at = ctx.now
    row.details = dict(details)
    row.source_instance_id = ctx.instance_id
    ctx.session.flush()
    return row


def record_vacancy_offers(ctx: HandlerContext, youth_id: str, offers: list[dict]) -> list[VacancyOffer]:
    """Store the offered vacancies in their rank order; a vacancy offered before keeps its first date and
    counts the repeat."""
    rows = []
    for rank, offer in enumerate(offers, start=1):
        row = ctx.session.scalar(
            select(VacancyOffer).where(
                VacancyOffer.youth_id == youth_id, VacancyOffer.vacancy_id == offer["vacancy_id"]
            )
        )
        if row is None:
            vacancy = ctx.session.get(Vacancy, offer["vacancy_id"])
            row = VacancyOffer(
                youth_id=youth_id,
                vacancy_id=offer["vacancy_id"],
                employer_id=vacancy.employer_id,
                offered_at=ctx.now,
                times_offered=0,
                status="offered",
            )
            ctx.session.add(row)
        row.last_offered_at = ctx.now
        row.times_offered += 1
        row.rank = rank
        row.reasons = list(offer.get("reasons") or ())
        row.source_instance_id = ctx.instance_id
        rows.append(row)
    ctx.session.flush()
    return rows
