"""Stage «Поступление»: admission figures and target-training quotas, offers on ЕЦП, informing the applicant,
the target-training contract and enrolment (process `proc_admission_target_training`)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from domain.algorithms.dates import add_months
from domain.models import (
    AdmissionApplication,
    AdmissionPlan,
    EduOrg,
    Programme,
    Specialty,
    StudentEnrollment,
    TargetTrainingApplication,
    TargetTrainingContract,
    TargetTrainingOffer,
    Youth,
    level_of,
)
from handlers.common import (
    MOSCOW,
    at_nine,
    aware,
    iso_moscow,
    optional_date,
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
STUDY_START = (9, 1)
GRADUATION_MONTH_END = (6, 30)
DEFAULT_DURATION_MONTHS = {"spo": 46, "bachelor": 48, "specialist": 60, "master": 24}


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
    """The customers' offers for those programmes in this campaign; offers not yet on ЕЦП are published."""
    youth = require(ctx.session, Youth, youth_id)
    year = campaign_year(today(ctx))
    offers = ctx.session.scalars(
        select(TargetTrainingOffer)
        .join(Programme, Programme.id == TargetTrainingOffer.programme_id)
        .join(EduOrg, EduOrg.id == Programme.edu_org_id)
        .where(
            TargetTrainingOffer.admission_year == year,
            Programme.okso_code.in_(list(programme_codes)),
            EduOrg.region_code == youth.region_code,
        )
        .order_by(TargetTrainingOffer.id)
    ).all()
    for offer in offers:
        if offer.ecp_offer_id is None:
            offer.ecp_offer_id = f"ecp-offer-{offer.id[:12]}"
            offer.published_at = offer.published_at or ctx.now
            ctx.emit(
                "ecp",
                "target_training_offer.publish",
                {"offer_id": offer.id, "ecp_offer_id": offer.ecp_offer_id, "admission_year": year},
            )
    return {"offer_ids": [offer.id for offer in offers], "count": len(offers)}


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


def _programme(ctx: HandlerContext, edu_org_id: str, okso_code: str) -> Programme:
    """The programme taught by the edu org in that specialty; registered on first enrolment if missing."""
    edu_org = require(ctx.session, EduOrg, edu_org_id)
    programme = ctx.session.scalar(
        select(Programme)
        .where(Programme.edu_org_id == edu_org.id, Programme.okso_code == okso_code)
        .order_by(Programme.id)
        .limit(1)
    )
    if programme is None:
        specialty = require(ctx.session, Specialty, okso_code)
        level = "spo" if level_of(specialty.okso_code).startswith("spo") else level_of(specialty.okso_code)
        programme = Programme(
            edu_org_id=edu_org.id, okso_code=okso_code, duration_months=DEFAULT_DURATION_MONTHS.get(level, 48)
        )
        ctx.session.add(programme)
        ctx.session.flush()
    return programme


@service_operation("admission.register_application")
def register_application(ctx: HandlerContext, youth_id: str, career_intent: str, offer_ids: list[str]) -> dict:
    """Record the applicant's application: for target training when offers were made (the offer with the
    most contracts), otherwise to the programme of the applicant's level with the most state-funded places
    (own municipality first). The chosen college, and the customer of a target offer, join the scope."""
    youth = require(ctx.session, Youth, youth_id)
    year = campaign_year(today(ctx))
    offers = [require(ctx.session, TargetTrainingOffer, offer_id) for offer_id in offer_ids or []]
    offer = max(offers, key=lambda o: (o.contracts_required, o.id), default=None)
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


def _settle_application(ctx: HandlerContext, programme: Programme, funding: str) -> None:
    """The outcome of the application this route submitted (task data `application`): admitted on that
    funding when the youth was admitted to the programme applied to, withdrawn when admitted elsewhere.
    Routes that ran before applications were recorded carry no such row and are left alone."""
    application_id = (ctx.data.get("application") or {}).get("application_id")
    application = ctx.session.get(AdmissionApplication, application_id) if application_id else None
    if application is None:
        return
    if application.programme_id == programme.id:
        application.status = "admitted"
        application.funding = funding
    elif application.status == "submitted":
        application.status = "withdrawn"


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


def _active_contract(ctx: HandlerContext, youth: Youth, programme: Programme) -> TargetTrainingContract | None:
    return ctx.session.scalar(
        select(TargetTrainingContract).where(
            TargetTrainingContract.youth_id == youth.id,
            TargetTrainingContract.programme_id == programme.id,
            TargetTrainingContract.status == "active",
        )
    )


@service_operation("admission.register_target_contract")
def register_target_contract(ctx: HandlerContext, youth_id: str, contract: dict) -> dict:
    """Register the signed contract with the customer of the offer for the admitted programme."""
    youth = require(ctx.session, Youth, youth_id)
    admission = dict(ctx.data.get("admission") or {})
    programme = _programme(ctx, admission["edu_org_id"], admission["okso_code"])
    offer = ctx.session.scalar(
        select(TargetTrainingOffer)
        .where(TargetTrainingOffer.programme_id == programme.id)
        .order_by(TargetTrainingOffer.admission_year.desc(), TargetTrainingOffer.id)
        .limit(1)
    )
    customer = offer.customer_employer_id if offer else next(iter(programme.employer_partner_ids), None)
    if customer is None:
        raise LookupError(f"no target-training customer for programme {programme.id}")
    row = _active_contract(ctx, youth, programme)
    deadline = optional_date(contract.get("employment_deadline"))
    if row is None:
        row = TargetTrainingContract(
            customer_employer_id=customer,
            youth_id=youth.id,
            programme_id=programme.id,
            offer_id=offer.id if offer else None,
            signed_at=today(ctx),
            support_measures=list(offer.support_measures) if offer else [],
            practice_at_customer=offer.practice_at_customer if offer else True,
            work_obligation_years=int(contract.get("work_obligation_years") or 3),
            employment_deadline=deadline,
            status="active",
        )
        ctx.session.add(row)
    if offer is not None:
        _admit_application(ctx, youth.id, offer.id)
    _settle_application(ctx, programme, "target")
    ctx.session.flush()
    return {
        "contract_id": row.id,
        "employment_deadline": iso_moscow(at_nine(row.employment_deadline)) if row.employment_deadline else None,
    }


def _admit_application(ctx: HandlerContext, youth_id: str, offer_id: str) -> None:
    application = ctx.session.scalar(
        select(TargetTrainingApplication).where(
            TargetTrainingApplication.youth_id == youth_id, TargetTrainingApplication.offer_id == offer_id
        )
    )
    if application is None:
        application = TargetTrainingApplication(youth_id=youth_id, offer_id=offer_id, submitted_at=ctx.now)
        ctx.session.add(application)
    application.status = "admitted"


@service_operation("admission.cancel_target_application")
def cancel_target_application(ctx: HandlerContext, youth_id: str) -> dict:
    """The contract was not concluded in time: reject the applicant's open target-training applications."""
    require(ctx.session, Youth, youth_id)
    for application in ctx.session.scalars(
        select(TargetTrainingApplication).where(
            TargetTrainingApplication.youth_id == youth_id, TargetTrainingApplication.status == "submitted"
        )
    ):
        application.status = "rejected"
        application.decision_note = "Договор о целевом обучении не заключён в установленный срок"
    ctx.session.flush()
    return {"contract_id": None, "employment_deadline": None}


NOT_ENROLLED_NOTE = "Не зачислен по результатам приёма"


@service_operation("admission.record_not_enrolled")
def record_not_enrolled(ctx: HandlerContext, youth_id: str, application_id: str | None) -> dict:
    """The applicant was not admitted: the route's AdmissionApplication, still open, becomes rejected, and so
    does the open target-training application for the offer it chose. Applications already decided are kept;
    routes that ran before applications were recorded carry an id with no row and change nothing."""
    require(ctx.session, Youth, youth_id)
    application = ctx.session.get(AdmissionApplication, application_id) if application_id else None
    if application is None or application.youth_id != youth_id:
        return {"application_id": None, "status": None}
    if application.status == "submitted":
        application.status = "rejected"
    if application.target_offer_id is not None:
        target = ctx.session.scalar(
            select(TargetTrainingApplication).where(
                TargetTrainingApplication.youth_id == youth_id,
                TargetTrainingApplication.offer_id == application.target_offer_id,
                TargetTrainingApplication.status == "submitted",
            )
        )
        if target is not None:
            target.status = "rejected"
            target.decision_note = NOT_ENROLLED_NOTE
    ctx.session.flush()
    return {"application_id": application.id, "status": application.status}


@service_operation("admission.enroll_student")
def enroll_student(ctx: HandlerContext, youth_id: str, admission: dict) -> dict:
    """Enrol the youth in the first course of the programme; the route continues at that edu org."""
    youth = require(ctx.session, Youth, youth_id)
    programme = _programme(ctx, admission["edu_org_id"], admission["okso_code"])
    edu_org = require(ctx.session, EduOrg, programme.edu_org_id)
    enrollment = ctx.session.scalar(
        select(StudentEnrollment).where(
            StudentEnrollment.youth_id == youth.id,
            StudentEnrollment.programme_id == programme.id,
            StudentEnrollment.status == "studying",
        )
    )
    contract = _active_contract(ctx, youth, programme)
    if enrollment is None:
        start = _study_start(today(ctx))
        finish = add_months(start, programme.duration_months)
        enrollment = StudentEnrollment(
            youth_id=youth.id,
            programme_id=programme.id,
            course=1,
            start_date=start,
            expected_graduation=min(finish, date(finish.year, *GRADUATION_MONTH_END)),
            funding=admission.get("funding") or "budget",
            target_contract_id=contract.id if contract else None,
            status="studying",
        )
        ctx.session.add(enrollment)
    _settle_application(ctx, programme, enrollment.funding)
    youth.status = "student"
    ctx.session.flush()
    org = {**org_of(ctx), "edu_org": edu_org.id}
    if edu_org.czn_office_id and not org.get("czn"):
        org["czn"] = edu_org.czn_office_id
    return {
        "enrollment_id": enrollment.id,
        "edu_org_id": edu_org.id,
        "okso_code": programme.okso_code,
        "start_date": enrollment.start_date.isoformat(),
        "expected_graduation": enrollment.expected_graduation.isoformat(),
        "funding": enrollment.funding,
        "target_contract_id": enrollment.target_contract_id,
        "org": org,
    }


def _study_start(day: date) -> date:
    """Studies start on 1 September: this year's if it has not passed, else the enrolment day itself."""
    start = date(day.year, *STUDY_START)
    return start if day <= start else day
