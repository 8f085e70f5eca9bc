"""Stage «Поступление», the application: admission figures and target-training quotas, offers on ЕЦП,
informing the applicant and registering the application (process `proc_admission_target_training`); its
outcome (contract, refusal, enrolment) is in `handlers.enrolment`."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import func, select

from domain.models import (
    AdmissionApplication,
    AdmissionPlan,
    EduOrg,
    Employer,
    Programme,
    Specialty,
    TargetTrainingApplication,
    TargetTrainingContract,
    TargetTrainingOffer,
    Youth,
)
from handlers.common import (
    MOSCOW,
    at_nine,
    aware,
    iso_moscow,
    org_of,
    require,
    today,
)
from handlers.context import HandlerContext
from handlers.idempotency import service_operation

EDU_ORG_TYPE_BY_INTENT = {"spo": ("poo",), "vo": ("vo",), "work": ("poo",), "undecided": ("poo", "vo")}
CAMPAIGN_OPENS = (6, 20)
CONTRACT_DEADLINE = (7, 20)
DEADLINE_TIME = time(18, 0)


def campaign_year(day: date) -> int:
    """The admission campaign an applicant can take part in: this year's until the end of August."""
    return day.year if day.month <= 8 else day.year + 1


@service_operation("admission.load_admission_plan")
def load_admission_plan(ctx: HandlerContext, youth_id: str, career_intent: str) -> dict:
    """Sum the approved admission figures of the region's programmes at the applicant's level."""
    youth = require(ctx.session, Youth, youth_id)
    year = campaign_year(today(ctx))
    types = EDU_ORG_TYPE_BY_INTENT.get(career_intent, EDU_ORG_TYPE_BY_INTENT["undecided"])
    rows = ctx.session.execute(
        select(AdmissionPlan, Programme.okso_code)
        .join(Programme, Programme.id == AdmissionPlan.programme_id)
        .join(EduOrg, EduOrg.id == Programme.edu_org_id)
        .where(AdmissionPlan.year == year, EduOrg.region_code == youth.region_code, EduOrg.type.in_(types))
    ).all()
    rows = [(plan, code) for plan, code in rows if plan.approved_at is not None]
    plans = [plan for plan, _ in rows]
    opens = min((aware(p.campaign_opens_at) for p in plans if p.campaign_opens_at), default=None)
    deadline = min((aware(p.contract_deadline) for p in plans if p.contract_deadline), default=None)
    approved = max((p.approved_at for p in plans if p.approved_at), default=None)
    if youth.status == "pupil":
        youth.status = "applicant"
    return {
        "year": year,
        "kcp_places": sum(p.kcp_places for p in plans),
        "target_quota_places": sum(p.target_quota_places for p in plans),
        "approved_at": approved.isoformat() if approved else None,
        "campaign_opens_at": iso_moscow(opens or at_nine(date(year, *CAMPAIGN_OPENS))),
        "contract_deadline": iso_moscow(
            deadline or datetime.combine(date(year, *CONTRACT_DEADLINE), DEADLINE_TIME, tzinfo=MOSCOW)
        ),
        "programme_codes": sorted({code for _, code in rows}),
    }


@service_operation("admission.publish_target_training_offers")
def publish_target_training_offers(ctx: HandlerContext, youth_id: str, programme_codes: list[str]) -> dict:
    """The customers' open offers for those programmes in this campaign (deadline not passed, contracts
    left); offers not yet on ЕЦП are published. `choices` are the options of the applicant's choice form."""
    youth = require(ctx.session, Youth, youth_id)
    year = campaign_year(today(ctx))
    offers = _open_offers(ctx, youth, year, programme_codes)
    for offer in offers:
        if offer.ecp_offer_id is None:
            offer.ecp_offer_id = f"ecp-offer-{offer.id[:12]}"
            offer.published_at = offer.published_at or ctx.now
            ctx.emit(
                "ecp",
                "target_training_offer.publish",
                {"offer_id": offer.id, "ecp_offer_id": offer.ecp_offer_id, "admission_year": year},
            )
    return {
        "offer_ids": [offer.id for offer in offers],
        "count": len(offers),
        "choices": [{"value": offer.id, "label": _offer_label(ctx, offer)} for offer in offers],
    }


def _open_offers(
    ctx: HandlerContext, youth: Youth, year: int, programme_codes: list[str], *, by_deadline: bool = True
) -> list[TargetTrainingOffer]:
    """Offers of the campaign for programmes of the youth's region among `programme_codes` whose contracts
    are not all signed and (`by_deadline`) whose deadline has not passed."""
    signed = (
        select(func.count())
        .select_from(TargetTrainingContract)
        .where(
            TargetTrainingContract.offer_id == TargetTrainingOffer.id,
            TargetTrainingContract.status.in_(("active", "fulfilled")),
        )
        .scalar_subquery()
    )
    query = (
        select(TargetTrainingOffer)
        .join(Programme, Programme.id == TargetTrainingOffer.programme_id)
        .join(EduOrg, EduOrg.id == Programme.edu_org_id)
        .where(
            TargetTrainingOffer.admission_year == year,
            Programme.okso_code.in_(list(programme_codes)),
            EduOrg.region_code == youth.region_code,
            signed < TargetTrainingOffer.contracts_required,
        )
        .order_by(TargetTrainingOffer.id)
    )
    if by_deadline:
        query = query.where(TargetTrainingOffer.deadline.is_(None) | (TargetTrainingOffer.deadline >= today(ctx)))
    return list(ctx.session.scalars(query))


def _offer_label(ctx: HandlerContext, offer: TargetTrainingOffer) -> str:
    """«09.02.07 Информационные системы… — Заказчик (Колледж), 3 мест(а), отработка 3 г.»"""
    programme = require(ctx.session, Programme, offer.programme_id)
    specialty = require(ctx.session, Specialty, programme.okso_code)
    customer = require(ctx.session, Employer, offer.customer_employer_id)
    edu_org = require(ctx.session, EduOrg, programme.edu_org_id)
    return (
        f"{specialty.okso_code} {specialty.name_ru} — {customer.name} ({edu_org.short_name or edu_org.name}), "
        f"{offer.contracts_required} мест(а), отработка {offer.work_obligation_years} г."
    )


@service_operation("admission.inform_applicant")
def inform_applicant(ctx: HandlerContext, youth_id: str, offer_ids: list[str]) -> dict:
    """Send the applicant the offers and how to apply for target training."""
    youth = require(ctx.session, Youth, youth_id)
    offers = [require(ctx.session, TargetTrainingOffer, offer_id) for offer_id in offer_ids]
    lines = []
    for offer in offers:
        programme = require(ctx.session, Programme, offer.programme_id)
        specialty = require(ctx.session, Specialty, programme.okso_code)
        lines.append(
            {
                "offer_id": offer.id,
                "text_ru": f"{specialty.okso_code} {specialty.name_ru}: {offer.contracts_required} мест(а), "
                f"отработка {offer.work_obligation_years} г.",
                "deadline": offer.deadline.isoformat() if offer.deadline else None,
            }
        )
    ctx.emit(
        "notification",
        "applicant.target_training_info",
        {
            "youth_id": youth.id,
            "email": youth.email,
            "phone": youth.phone,
            "subject_ru": "Целевое обучение: предложения работодателей",
            "body_ru": "Заявку на целевое обучение можно подать на ЕЦП «Работа в России» или через Госуслуги "
            "вместе с заявлением о приёме. Предложения для вас перечислены ниже.",
            "offers": lines,
        },
    )
    return {"informed_at": ctx.now.isoformat(), "offers_count": len(offers)}


@service_operation("admission.register_application")
def register_application(ctx: HandlerContext, youth_id: str, career_intent: str, offer_id: str | None) -> dict:
    """Record the applicant's application: for target training on the offer the applicant chose (one of the
    campaign's offers of the region with contracts left; its deadline was met when it was chosen, before the
    campaign opened), otherwise to the programme of the applicant's level with the most state-funded places
    (own municipality first). The chosen college, and the customer of a target offer, join the scope."""
    youth = require(ctx.session, Youth, youth_id)
    year = campaign_year(today(ctx))
    offer = _chosen_offer(ctx, youth, year, offer_id) if offer_id else None
    if offer is not None:
        programme = require(ctx.session, Programme, offer.programme_id)
        _apply_for_target_training(ctx, youth, offer)
    else:
        programme = _programme_for(ctx, youth, career_intent, year)
    application = _admission_application(ctx, youth, programme, year, offer)
    edu_org = require(ctx.session, EduOrg, programme.edu_org_id)
    org = {**org_of(ctx), "edu_org": edu_org.id}
    if offer is not None:
        org["employer"] = offer.customer_employer_id
    youth.status = "applicant"
    ctx.emit(
        "ecp",
        "admission_application.submit",
        {
            "application_id": application.id,
            "youth_id": youth.id,
            "snils": youth.snils,
            "edu_org_id": edu_org.id,
            "programme_code": programme.okso_code,
            "admission_year": year,
            "target_offer_id": offer.id if offer else None,
        },
    )
    ctx.session.flush()
    return {
        "application_id": application.id,
        "edu_org_id": edu_org.id,
        "programme_code": programme.okso_code,
        "target_offer_id": offer.id if offer else None,
        "org": org,
    }


def _chosen_offer(ctx: HandlerContext, youth: Youth, year: int, offer_id: str) -> TargetTrainingOffer:
    offer = require(ctx.session, TargetTrainingOffer, offer_id)
    programme = require(ctx.session, Programme, offer.programme_id)
    if offer not in _open_offers(ctx, youth, year, [programme.okso_code], by_deadline=False):
        raise ValueError(f"target-training offer {offer_id} is not open to youth {youth.id} in campaign {year}")
    return offer


def _apply_for_target_training(ctx: HandlerContext, youth: Youth, offer: TargetTrainingOffer) -> None:
    application = ctx.session.scalar(
        select(TargetTrainingApplication).where(
            TargetTrainingApplication.youth_id == youth.id, TargetTrainingApplication.offer_id == offer.id
        )
    )
    if application is None:
        ctx.session.add(
            TargetTrainingApplication(
                youth_id=youth.id, offer_id=offer.id, submitted_at=ctx.now, channel="epgu", status="submitted"
            )
        )


def _admission_application(
    ctx: HandlerContext, youth: Youth, programme: Programme, year: int, offer: TargetTrainingOffer | None
) -> AdmissionApplication:
    """The youth's application to the programme in this campaign: one per (youth, programme, year), so a
    second route of the same youth in the same campaign finds the first one."""
    application = ctx.session.scalar(
        select(AdmissionApplication).where(
            AdmissionApplication.youth_id == youth.id,
            AdmissionApplication.programme_id == programme.id,
            AdmissionApplication.admission_year == year,
        )
    )
    if application is None:
        application = AdmissionApplication(
            youth_id=youth.id,
            programme_id=programme.id,
            admission_year=year,
            target_offer_id=offer.id if offer else None,
            funding="target" if offer else "budget",
            submitted_at=ctx.now,
            channel="epgu",
            status="submitted",
        )
        ctx.session.add(application)
        ctx.session.flush()
    return application


def _programme_for(ctx: HandlerContext, youth: Youth, career_intent: str, year: int) -> Programme:
    types = EDU_ORG_TYPE_BY_INTENT.get(career_intent, EDU_ORG_TYPE_BY_INTENT["undecided"])
    rows = ctx.session.execute(
        select(Programme, EduOrg, AdmissionPlan.kcp_places)
        .join(EduOrg, EduOrg.id == Programme.edu_org_id)
        .outerjoin(AdmissionPlan, (AdmissionPlan.programme_id == Programme.id) & (AdmissionPlan.year == year))
        .where(EduOrg.region_code == youth.region_code, EduOrg.type.in_(types))
    ).all()
    if not rows:
        raise LookupError(f"no programme for intent {career_intent!r} in region {youth.region_code}")
    programme, _, _ = min(
        rows,
        key=lambda row: (row[1].municipality_oktmo != youth.municipality_oktmo, -(row[2] or 0), row[0].id),
    )
    return programme
