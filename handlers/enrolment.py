"""Stage «Поступление», its outcome: the target-training contract or its cancellation, the refusal, and
enrolment in the first course (process `proc_admission_target_training`; operations `admission.*`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from domain.algorithms.dates import add_months
from domain.models import (
    AdmissionApplication,
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
from handlers.common import at_nine, iso_moscow, optional_date, org_of, require, today
from handlers.context import HandlerContext
from handlers.idempotency import service_operation

STUDY_START = (9, 1)
GRADUATION_MONTH_END = (6, 30)
DEFAULT_DURATION_MONTHS = {"spo": 46, "bachelor": 48, "specialist": 60, "master": 24}


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
    if enrollment.funding != "target":
        _withdraw_target_application(ctx, youth.id)
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


WITHDRAWN_NOTE = "Зачислен не на целевое обучение"


def _withdraw_target_application(ctx: HandlerContext, youth_id: str) -> None:
    """Enrolled on budget or paid places: the target-training application of the route's chosen offer, still
    open, is withdrawn (the customer sees it closed instead of pending)."""
    offer_id = (ctx.data.get("application") or {}).get("target_offer_id")
    if not offer_id:
        return
    target = ctx.session.scalar(
        select(TargetTrainingApplication).where(
            TargetTrainingApplication.youth_id == youth_id,
            TargetTrainingApplication.offer_id == offer_id,
            TargetTrainingApplication.status == "submitted",
        )
    )
    if target is not None:
        target.status = "withdrawn"
        target.decision_note = WITHDRAWN_NOTE


def _study_start(day: date) -> date:
    """Studies start on 1 September: this year's if it has not passed, else the enrolment day itself."""
    start = date(day.year, *STUDY_START)
    return start if day <= start else day
