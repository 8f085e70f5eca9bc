"""Stage «Обучение в ПОО / ОО ВО», towards employment (`proc_student_support`): CV and interview services, a saved
vacancy search on ЕЦП, vacancy offers for young specialists, and partner employers on the exam panel."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from domain.algorithms.vacancies import JobSeeker, recommend_vacancies
from domain.models import AssistanceAgreement, CareerEvent, EventEnrollment, Programme, Youth, ugs_of
from domain.queries import latest_profiling, vacancy_candidates
from handlers.common import ecp_profile, external_id, org_of, require
from handlers.context import HandlerContext
from handlers.events import Audience, Organiser, enrol_in_upcoming
from handlers.idempotency import service_operation
from handlers.service_records import record_service, record_vacancy_offers
from handlers.student_record import recorded_work_experience, study_enrollment

CV_SESSIONS = 2
VACANCY_OFFERS = 5


@service_operation("student.provide_cv_interview_services")
def provide_cv_interview_services(ctx: HandlerContext, youth_id: str) -> dict:
    """Book a CV consultation and a mock interview with the ЦЗН; the profile is marked CV-ready."""
    youth = require(ctx.session, Youth, youth_id)
    profile = ecp_profile(ctx, youth)
    enrol_in_upcoming(
        ctx,
        youth,
        "consultation",
        count=CV_SESSIONS,
        audience=Audience(),
        horizon=timedelta(days=30),
        organiser=Organiser("czn", org_of(ctx).get("czn")),
    )
    profile.cv_ready = True
    profile.interview_sessions = int(
        ctx.session.scalar(
            select(func.count())
            .select_from(EventEnrollment)
            .join(CareerEvent, CareerEvent.id == EventEnrollment.event_id)
            .where(EventEnrollment.youth_id == youth.id, CareerEvent.type_code == "consultation")
        )
        or 0
    )
    ctx.session.flush()
    return {"cv_ready": True, "sessions": profile.interview_sessions}


def _specialty_of(ctx: HandlerContext, youth_id: str) -> str:
    enrollment = study_enrollment(ctx, youth_id)
    return require(ctx.session, Programme, enrollment.programme_id).okso_code


@service_operation("student.provide_vacancy_search")
def provide_vacancy_search(ctx: HandlerContext, youth_id: str) -> dict:
    """Save a vacancy search on ЕЦП by the youth's specialty and region, and record it (ServiceRecord)."""
    youth = require(ctx.session, Youth, youth_id)
    okso_code = _specialty_of(ctx, youth_id)
    profile = ecp_profile(ctx, youth)
    search_id = external_id("ecp-search", youth.id, okso_code)
    ctx.emit(
        "ecp",
        "vacancy_search.save",
        {
            "saved_search_id": search_id,
            "youth_id": youth.id,
            "ecp_profile_id": profile.ecp_profile_id,
            "okso_code": okso_code,
            "ugs_code": ugs_of(okso_code),
            "region_code": youth.region_code,
            "for_young_specialists": True,
        },
    )
    record_service(
        ctx,
        youth.id,
        "vacancy_search",
        provider_lane="ecp",
        reference=search_id,
        details={"okso_code": okso_code, "ugs_code": ugs_of(okso_code), "region_code": youth.region_code},
    )
    return {"saved_search_id": search_id}


def has_work_experience(ctx: HandlerContext, youth: Youth) -> bool:
    """Experience in the registries or stated at the last profiling."""
    last = latest_profiling(ctx.session, youth.id)
    return bool(last and last.any_work_experience) or recorded_work_experience(ctx, youth.id)


def recommend_for(ctx: HandlerContext, youth: Youth, okso_code: str, limit: int) -> list[dict]:
    """Open vacancies of the region in the youth's specialty group, best first (domain.algorithms.vacancies)."""
    candidates = vacancy_candidates(ctx.session, region_code=youth.region_code, okso_code=okso_code)
    seeker = JobSeeker(
        okso_code=okso_code, region_code=youth.region_code, has_experience=has_work_experience(ctx, youth)
    )
    return [r.as_dict() for r in recommend_vacancies(seeker, candidates, limit=limit)]


@service_operation("student.offer_vacancies")
def offer_vacancies(ctx: HandlerContext, youth_id: str) -> dict:
    """Offer the student the best open vacancies for young specialists in their specialty; each offer is
    stored (VacancyOffer) with its rank and reasons."""
    youth = require(ctx.session, Youth, youth_id)
    offers = recommend_for(ctx, youth, _specialty_of(ctx, youth_id), VACANCY_OFFERS)
    record_vacancy_offers(ctx, youth.id, offers)
    if offers:
        ctx.emit("notification", "vacancy.offer", {"youth_id": youth.id, "email": youth.email, "vacancies": offers})
    return {"vacancy_ids": [offer["vacancy_id"] for offer in offers], "count": len(offers)}


@service_operation("student.arrange_employer_in_attestation")
def arrange_employer_in_attestation(ctx: HandlerContext, youth_id: str, edu_org_id: str) -> dict:
    """Invite the edu org's partner employers (agreements with exam participation, programme partners) to
    the youth's exam panel; each employer's participation is recorded (ServiceRecord per employer)."""
    require(ctx.session, Youth, youth_id)
    enrollment = study_enrollment(ctx, youth_id)
    programme = require(ctx.session, Programme, enrollment.programme_id)
    employers = set(programme.employer_partner_ids or ())
    for agreement in ctx.session.scalars(
        select(AssistanceAgreement).where(
            AssistanceAgreement.status == "active", AssistanceAgreement.gia_participation.is_(True)
        )
    ):
        if edu_org_id in (agreement.edu_org_ids or ()):
            employers.add(agreement.employer_id)
    employer_ids = sorted(employers)
    for employer_id in employer_ids:
        record_service(
            ctx,
            youth_id,
            "employer_in_attestation",
            provider_lane="edu_org",
            reference=enrollment.id,
            details={"okso_code": programme.okso_code, "role": "exam_panel_expert"},
            employer_id=employer_id,
            edu_org_id=edu_org_id,
        )
    if employer_ids:
        ctx.emit(
            "notification",
            "attestation.experts",
            {
                "edu_org_id": edu_org_id,
                "youth_id": youth_id,
                "okso_code": programme.okso_code,
                "employer_ids": employer_ids,
            },
        )
    return {"employer_ids": employer_ids}
