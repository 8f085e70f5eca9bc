"""Stage «Обучение»: the student's ЕЦП profile, support checkpoints, periodic profiling and risk, curator,
career events, practice matching, competence passport, CV services and vacancies (`proc_student_support`)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select, update

from domain.algorithms.curators import CuratorCandidate, CuratorNeeds, choose_curator, release_rule
from domain.algorithms.matching import SlotOffer, StudentCandidate, match_students_to_slots
from domain.algorithms.risk import RiskIndicators, risk_score
from domain.algorithms.vacancies import JobSeeker, VacancyCandidate, recommend_vacancies
from domain.models import (
    AssistanceAgreement,
    CareerEvent,
    CompetencePassport,
    CompetencePassportItem,
    Curator,
    CuratorAssignment,
    CuratorEduOrg,
    EventEnrollment,
    PracticePlacement,
    PracticeSlot,
    ProfilingResult,
    Programme,
    Specialty,
    StaffingNeed,
    StudentEnrollment,
    TargetTrainingContract,
    TempJob,
    Vacancy,
    Youth,
    ugs_of,
)
from domain.models.codes import SOCIAL_FLAG_FIELDS
from handlers.common import (
    at_nine,
    current_enrollment,
    ecp_profile,
    external_id,
    iso_moscow,
    latest_profiling,
    optional_date,
    org_of,
    require,
    today,
    youth_age,
)
from handlers.context import HandlerContext
from handlers.events import Audience, Organiser, enrol_in_upcoming
from handlers.idempotency import service_operation

CHECKPOINT_STEP = timedelta(weeks=6)
HIGH_RISK_REPROFILING = timedelta(weeks=6)
CAREER_NAVIGATION_PLATFORMS = ("ЕЦП «Работа в России»", "«Россия — страна возможностей»", "«Профстажировки.рф»")
CAREER_EVENT_TYPES = (("job_fair", "czn"), ("career_day", "edu_org"), ("master_class", None))
CV_SESSIONS = 2
VACANCY_OFFERS = 5
PLACEMENT_STATUS_TO_PRACTICE = {
    "proposed": "assigned",
    "confirmed": "assigned",
    "started": "in_progress",
    "completed": "done",
    "failed": "failed",
    "rejected": "failed",
}


def _enrollment(ctx: HandlerContext, youth_id: str) -> StudentEnrollment:
    enrollment = current_enrollment(ctx.session, youth_id)
    if enrollment is None:
        raise LookupError(f"youth {youth_id!r} has no study enrolment")
    return enrollment


@service_operation("student.create_ecp_profile")
def create_ecp_profile(ctx: HandlerContext, youth_id: str, enrollment_id: str) -> dict:
    """Create the student's common profile on ЕЦП (shown to employers unless consent was revoked)."""
    youth = require(ctx.session, Youth, youth_id)
    enrollment = require(ctx.session, StudentEnrollment, enrollment_id)
    programme = require(ctx.session, Programme, enrollment.programme_id)
    profile = ecp_profile(
        ctx,
        youth,
        {
            "okso_code": programme.okso_code,
            "edu_org_id": programme.edu_org_id,
            "expected_graduation": enrollment.expected_graduation.isoformat(),
        },
    )
    return {"ecp_profile_id": profile.ecp_profile_id, "visible_to_employers": profile.visible_to_employers}


@service_operation("student.provide_career_navigation")
def provide_career_navigation(ctx: HandlerContext, youth_id: str) -> dict:
    """Grant access to the career-navigation platforms through the student's ЕЦП profile."""
    youth = require(ctx.session, Youth, youth_id)
    profile = ecp_profile(ctx, youth)
    profile.last_synced_at = ctx.now
    ctx.emit(
        "ecp",
        "career_navigation.grant",
        {
            "youth_id": youth.id,
            "ecp_profile_id": profile.ecp_profile_id,
            "platforms": list(CAREER_NAVIGATION_PLATFORMS),
        },
    )
    return {"platforms": list(CAREER_NAVIGATION_PLATFORMS)}


def academic_year(day: date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def course_on(enrollment: StudentEnrollment, day: date) -> int:
    """The course a student is in on a day, counted in academic years from the start of studies."""
    return max(enrollment.course, academic_year(day) - academic_year(enrollment.start_date) + 1)


def semester(day: date) -> str:
    return "autumn" if day.month >= 9 or day.month == 1 else "spring"


@service_operation("student.plan_support_checkpoints")
def plan_support_checkpoints(ctx: HandlerContext, youth_id: str, enrollment: dict) -> dict:
    """Checkpoints every six weeks from the start of studies to graduation (those already past are dropped);
    the first of each semester is a semester start; practice falls on the first checkpoint of the spring
    semester: production from the second course, the internship in the final year."""
    row = require(ctx.session, StudentEnrollment, enrollment["enrollment_id"])
    if row.youth_id != youth_id:
        raise ValueError(f"enrolment {row.id} belongs to another youth")
    first_year = academic_year(row.start_date)
    final_year = academic_year(row.expected_graduation - timedelta(days=1))
    checkpoints: list[dict[str, Any]] = []
    seen_semesters: set[tuple[int, str]] = set()
    moment = at_nine(row.start_date)
    index = 0
    while moment.date() < row.expected_graduation:
        year, term = academic_year(moment.date()), semester(moment.date())
        first_of_semester = (year, term) not in seen_semesters
        seen_semesters.add((year, term))
        if moment >= ctx.now:
            course = year - first_year + 1
            is_final = year == final_year
            practice = None
            if first_of_semester and term == "spring":
                practice = "internship" if is_final else "production" if course >= 2 else None
            checkpoints.append(
                {
                    "index": index,
                    "at": iso_moscow(moment),
                    "course": course,
                    "semester": term,
                    "semester_start": first_of_semester or not checkpoints,
                    "final_year": is_final,
                    "practice": practice,
                }
            )
        index += 1
        moment += CHECKPOINT_STEP
    row.course = course_on(row, today(ctx))
    return {"checkpoints": checkpoints, "graduation_at": iso_moscow(at_nine(row.expected_graduation))}


@service_operation("student.check_profiling_due")
def check_profiling_due(ctx: HandlerContext, youth_id: str, checkpoint: dict) -> dict:
    """Profiling is due at the start of the final year, at each semester start, and at every checkpoint
    while the last profiling found a high risk."""
    require(ctx.session, Youth, youth_id)
    last = latest_profiling(ctx.session, youth_id)
    if checkpoint.get("final_year") and checkpoint.get("semester_start") and checkpoint.get("semester") == "autumn":
        reason = "final_year"
    elif checkpoint.get("semester_start"):
        reason = "semester_start"
    elif last is not None and last.risk_level == "high":
        reason = "high_risk"
    else:
        reason = "not_due"
    return {"index": checkpoint.get("index"), "due": reason != "not_due", "reason": reason}


def _practice_status(ctx: HandlerContext, enrollment: StudentEnrollment) -> str:
    placement = ctx.session.scalar(
        select(PracticePlacement)
        .where(PracticePlacement.student_enrollment_id == enrollment.id)
        .order_by(PracticePlacement.created_at.desc(), PracticePlacement.id)
        .limit(1)
    )
    return PLACEMENT_STATUS_TO_PRACTICE[placement.status] if placement else "none"


def _contract_active(ctx: HandlerContext, youth_id: str) -> bool:
    return bool(
        ctx.session.scalar(
            select(func.count())
            .select_from(TargetTrainingContract)
            .where(TargetTrainingContract.youth_id == youth_id, TargetTrainingContract.status == "active")
        )
    )


@service_operation("student.compute_risk_score")
def compute_risk_score(ctx: HandlerContext, youth_id: str, profiling: dict, final_year: bool) -> dict:
    """The weighted risk score of domain.md §4.1 from the enrolment's academic record and the answers;
    the answers also refresh the youth's social flags and the enrolment's career intentions."""
    youth = require(ctx.session, Youth, youth_id)
    enrollment = _enrollment(ctx, youth_id)
    for code in profiling.get("social_flags") or []:
        setattr(youth, SOCIAL_FLAG_FIELDS[code], True)
    enrollment.career_plan_present = bool(profiling.get("career_plan_present"))
    enrollment.intends_work_in_specialty = bool(profiling.get("intends_work_in_specialty"))
    practice_status = _practice_status(ctx, enrollment)
    contract_active = _contract_active(ctx, youth_id)
    worked = bool(profiling.get("any_work_experience")) or recorded_work_experience(ctx, youth_id)
    indicators = RiskIndicators(
        academic_debt_count=enrollment.academic_debt_count,
        attendance_rate=enrollment.attendance_rate,
        practice_status=practice_status,
        practice_due=course_on(enrollment, today(ctx)) >= 2,
        career_plan_present=enrollment.career_plan_present,
        intends_work_in_specialty=enrollment.intends_work_in_specialty,
        motivation_level=profiling.get("motivation_level") or "normal",
        job_search_skills=profiling.get("job_search_skills") or "normal",
        social_flags_count=youth.social_flags_count,
        any_work_experience=worked,
        target_contract_active=contract_active,
        job_offer_received=bool(profiling.get("job_offer_received")),
    )
    score = risk_score(indicators)
    ctx.session.flush()
    return {
        "risk_score": score.score,
        "academic_debt_count": enrollment.academic_debt_count,
        "attendance_rate": enrollment.attendance_rate,
        "final_year": bool(final_year),
        "target_contract_active": contract_active,
        "practice_status": practice_status,
        "any_work_experience": worked,
        "social_flags_count": youth.social_flags_count,
        "contributions": score.as_dict()["contributions"],
    }


@service_operation("student.record_profiling_result")
def record_profiling_result(
    ctx: HandlerContext, youth_id: str, profiling: dict, risk: dict, risk_level: str, risk_reason: str
) -> dict:
    """Store the profiling with the decision table's level; two acceptable results in a row release the
    curator (domain.md §4.4)."""
    require(ctx.session, Youth, youth_id)
    enrollment = _enrollment(ctx, youth_id)
    flags = list(profiling.get("social_flags") or [])
    result = ProfilingResult(
        youth_id=youth_id,
        student_enrollment_id=enrollment.id,
        context="student_periodic",
        taken_at=ctx.now,
        answers=dict(profiling),
        final_year=bool(risk.get("final_year")),
        academic_debt_count=int(risk.get("academic_debt_count") or 0),
        attendance_rate=risk.get("attendance_rate"),
        practice_status=risk.get("practice_status") or "none",
        career_plan_present=bool(profiling.get("career_plan_present")),
        intends_work_in_specialty=bool(profiling.get("intends_work_in_specialty")),
        job_search_skills=profiling.get("job_search_skills") or "normal",
        motivation_level=profiling.get("motivation_level") or "normal",
        any_work_experience=bool(risk.get("any_work_experience", profiling.get("any_work_experience"))),
        job_offer_received=bool(profiling.get("job_offer_received")),
        target_contract_active=bool(risk.get("target_contract_active")),
        social_flags=flags,
        social_flags_count=int(risk.get("social_flags_count", len(flags))),
        risk_score=int(risk["risk_score"]),
        risk_contributions=list(risk.get("contributions") or []),
        risk_level=risk_level,
        risk_reason_code=risk_reason,
        next_due_at=ctx.now + HIGH_RISK_REPROFILING if risk_level == "high" else None,
    )
    ctx.session.add(result)
    ctx.session.flush()
    levels = ctx.session.scalars(
        select(ProfilingResult.risk_level)
        .where(ProfilingResult.youth_id == youth_id, ProfilingResult.risk_level.is_not(None))
        .order_by(ProfilingResult.taken_at.desc(), ProfilingResult.created_at.desc())
        .limit(2)
    ).all()
    released = False
    decision = release_rule(list(reversed(levels)))
    assignment = _open_assignment(ctx, youth_id)
    if decision.release and assignment is not None:
        assignment.ended_on = today(ctx)
        assignment.release_reason = decision.reason
        released = True
    ctx.session.flush()
    return {"profiling_result_id": result.id, "curator_released": released}


def _open_assignment(ctx: HandlerContext, youth_id: str) -> CuratorAssignment | None:
    return ctx.session.scalar(
        select(CuratorAssignment)
        .where(CuratorAssignment.youth_id == youth_id, CuratorAssignment.ended_on.is_(None))
        .order_by(CuratorAssignment.started_on.desc(), CuratorAssignment.id)
        .limit(1)
    )


@service_operation("student.assign_curator")
def assign_curator(ctx: HandlerContext, youth_id: str, edu_org_id: str, czn_id: str) -> dict:
    """Keep the active curator, or give the least loaded matching curator of the office (domain.md §4.4);
    when nobody is free the ЦЗН head is asked to decide (`escalated`)."""
    youth = require(ctx.session, Youth, youth_id)
    enrollment = _enrollment(ctx, youth_id)
    current = _open_assignment(ctx, youth_id)
    curators = ctx.session.scalars(select(Curator).where(Curator.czn_office_id == czn_id)).all()
    if current is not None and all(c.id != current.curator_id for c in curators):
        curators.append(require(ctx.session, Curator, current.curator_id))
    ids = [c.id for c in curators]
    attached: dict[str, set[str]] = {}
    for curator_id, edu_org in ctx.session.execute(
        select(CuratorEduOrg.curator_id, CuratorEduOrg.edu_org_id).where(CuratorEduOrg.curator_id.in_(ids))
    ):
        attached.setdefault(curator_id, set()).add(edu_org)
    caseloads = dict(
        ctx.session.execute(
            select(CuratorAssignment.curator_id, func.count())
            .where(CuratorAssignment.curator_id.in_(ids), CuratorAssignment.ended_on.is_(None))
            .group_by(CuratorAssignment.curator_id)
        ).all()
    )
    last = latest_profiling(ctx.session, youth_id)
    needs = CuratorNeeds(
        czn_office_id=czn_id,
        edu_org_id=edu_org_id,
        current_curator_id=current.curator_id if current else None,
        has_disability=youth.has_disability_ovz,
        wants_entrepreneurship=bool(last and last.wants_entrepreneurship),
        is_minor=youth_age(youth, ctx) < 18,
    )
    candidates = [
        CuratorCandidate(
            id=c.id,
            czn_office_id=c.czn_office_id or "",
            edu_org_ids=frozenset(attached.get(c.id, set()) | ({c.edu_org_id} if c.edu_org_id else set())),
            caseload=caseloads.get(c.id, 0),
            max_caseload=c.max_caseload,
            specialisations=frozenset(c.specialisations or ()),
            is_active=c.is_active,
        )
        for c in curators
    ]
    decision = choose_curator(needs, candidates)
    if decision.outcome == "escalate":
        ctx.emit(
            "notification",
            "curator.escalation",
            {
                "czn_office_id": czn_id,
                "youth_id": youth.id,
                "edu_org_id": edu_org_id,
                "reasons": list(decision.reasons),
                "subject_ru": "Нет свободного куратора для студента группы высокого риска",
            },
        )
        return {
            "curator_id": None,
            "full_name": None,
            "continued": False,
            "escalated": True,
            "reasons": list(decision.reasons),
        }
    chosen = require(ctx.session, Curator, decision.curator_id)
    if decision.outcome == "assign":
        if current is not None:
            current.ended_on = today(ctx)
            current.release_reason = "manual"
        ctx.session.add(
            CuratorAssignment(
                curator_id=chosen.id,
                youth_id=youth.id,
                student_enrollment_id=enrollment.id,
                started_on=today(ctx),
                reason="high_risk",
                handover_from_id=current.id if current else None,
            )
        )
        ctx.session.flush()
    return {
        "curator_id": chosen.id,
        "full_name": chosen.full_name,
        "continued": decision.outcome == "keep",
        "escalated": False,
        "reasons": list(decision.reasons),
    }


@service_operation("student.invite_to_career_events")
def invite_to_career_events(ctx: HandlerContext, youth_id: str, course: int) -> dict:
    """Register the student for the next job fair, career day and master class with free places; the ЦЗН
    and the edu org set up their fair or career day when none is planned."""
    youth = require(ctx.session, Youth, youth_id)
    org = org_of(ctx)
    event_ids: list[str] = []
    for type_code, organiser_lane in CAREER_EVENT_TYPES:
        organiser = Organiser(organiser_lane, org.get(organiser_lane)) if organiser_lane else None
        event_ids += enrol_in_upcoming(
            ctx,
            youth,
            type_code,
            count=1,
            audience=Audience(course=int(course)),
            horizon=timedelta(days=90),
            organiser=organiser,
        )
    return {"event_ids": event_ids}


def _graduate_needs(ctx: HandlerContext, employer_ids: set[str]) -> set[str]:
    """Employers with an open staffing need for graduates and an active assistance agreement."""
    if not employer_ids:
        return set()
    with_need = set(
        ctx.session.scalars(
            select(StaffingNeed.employer_id).where(
                StaffingNeed.employer_id.in_(employer_ids),
                StaffingNeed.segment.in_(("graduates", "both")),
                StaffingNeed.status.not_in(("closed", "partly_closed")),
            )
        )
    )
    with_agreement = set(
        ctx.session.scalars(
            select(AssistanceAgreement.employer_id).where(
                AssistanceAgreement.employer_id.in_(employer_ids), AssistanceAgreement.status == "active"
            )
        )
    )
    return with_need & with_agreement


@service_operation("student.match_practice_slots")
def match_practice_slots(ctx: HandlerContext, youth_id: str, kind: str | None) -> dict:
    """Propose the best free practice slot of this kind (domain.md §4.3) and reserve a place on it."""
    youth = require(ctx.session, Youth, youth_id)
    enrollment = _enrollment(ctx, youth_id)
    empty = {"placement_id": None, "slot_id": None, "employer_id": None, "tier": None}
    if kind is None:
        return empty
    existing = ctx.session.execute(
        select(PracticePlacement, PracticeSlot)
        .join(PracticeSlot, PracticeSlot.id == PracticePlacement.slot_id)
        .where(
            PracticePlacement.student_enrollment_id == enrollment.id,
            PracticeSlot.kind == kind,
            PracticePlacement.status.in_(("proposed", "confirmed", "started")),
        )
    ).first()
    if existing is not None:
        placement, slot = existing
        return {
            "placement_id": placement.id,
            "slot_id": slot.id,
            "employer_id": slot.employer_id,
            "tier": placement.match_tier,
        }
    programme = require(ctx.session, Programme, enrollment.programme_id)
    contract_id = enrollment.target_contract_id
    contract = ctx.session.get(TargetTrainingContract, contract_id) if contract_id else None
    last = latest_profiling(ctx.session, youth_id)
    student = StudentCandidate(
        id=enrollment.id,
        okso_code=programme.okso_code,
        age=youth_age(youth, ctx),
        municipality=youth.municipality_oktmo or "",
        region=youth.region_code,
        high_risk=bool(last and last.risk_level == "high"),
        gpa=enrollment.gpa or 0.0,
        attendance_rate=enrollment.attendance_rate,
        target_customer_id=contract.customer_employer_id if contract and contract.status == "active" else None,
        accepts_region_wide=True,
        window_start=enrollment.practice_window_start,
        window_end=enrollment.practice_window_end,
        preferred_employer_ids=tuple(enrollment.preferred_employer_ids or ()),
    )
    slots = ctx.session.scalars(
        select(PracticeSlot).where(
            PracticeSlot.kind == kind,
            PracticeSlot.region_code == youth.region_code,
            PracticeSlot.filled < PracticeSlot.capacity,
            PracticeSlot.end_date >= today(ctx),
        )
    ).all()
    backed = _graduate_needs(ctx, {slot.employer_id for slot in slots})
    offers = [
        SlotOffer(
            id=slot.id,
            employer_id=slot.employer_id,
            capacity=slot.capacity - slot.filled,
            municipality=slot.municipality_oktmo or "",
            region=slot.region_code,
            accepted_okso_codes=tuple(slot.accepted_okso_codes or ()),
            accepted_ugs_codes=tuple(slot.accepted_ugs_codes or ()),
            start_date=slot.start_date,
            end_date=slot.end_date,
            min_age=slot.min_age,
            hazardous=slot.hazardous,
            employer_has_graduates_need=slot.employer_id in backed,
        )
        for slot in slots
    ]
    result = match_students_to_slots([student], offers)
    if not result.placements:
        ctx.emit(
            "notification",
            "practice.no_slot",
            {
                "youth_id": youth.id,
                "edu_org_id": org_of(ctx).get("edu_org"),
                "kind": kind,
                "okso_code": programme.okso_code,
            },
        )
        return empty
    [match] = result.placements
    reserved = ctx.session.execute(
        update(PracticeSlot)
        .where(PracticeSlot.id == match.slot_id, PracticeSlot.filled < PracticeSlot.capacity)
        .values(filled=PracticeSlot.filled + 1)
    ).rowcount
    if reserved != 1:
        raise RuntimeError(f"practice slot {match.slot_id} was filled by a concurrent step; a retry picks another")
    slot = require(ctx.session, PracticeSlot, match.slot_id)
    placement = PracticePlacement(
        slot_id=slot.id,
        student_enrollment_id=enrollment.id,
        youth_id=youth.id,
        match_tier=match.tier,
        match_reasons=list(match.reasons),
        status="proposed",
        start_date=slot.start_date,
        end_date=slot.end_date,
    )
    ctx.session.add(placement)
    ctx.session.flush()
    return {"placement_id": placement.id, "slot_id": slot.id, "employer_id": slot.employer_id, "tier": match.tier}


@service_operation("student.update_competence_passport")
def update_competence_passport(ctx: HandlerContext, youth_id: str, placement_id: str | None, placement: dict) -> dict:
    """Record the confirmed placement and add its competence (the student's specialty, at the employer's
    grade) to the passport, publishing the new version on ЕЦП."""
    youth = require(ctx.session, Youth, youth_id)
    passport = ctx.session.scalar(select(CompetencePassport).where(CompetencePassport.youth_id == youth.id))
    if passport is None:
        passport = CompetencePassport(youth_id=youth.id, version=0)
        ctx.session.add(passport)
        ctx.session.flush()
    if placement_id and placement.get("confirmed"):
        row = require(ctx.session, PracticePlacement, placement_id)
        enrollment = require(ctx.session, StudentEnrollment, row.student_enrollment_id)
        specialty = require(ctx.session, Specialty, require(ctx.session, Programme, enrollment.programme_id).okso_code)
        row.start_date = optional_date(placement.get("start_date")) or row.start_date
        row.end_date = optional_date(placement.get("end_date")) or row.end_date
        row.employer_evaluation = placement.get("employer_evaluation")
        row.offer_made = bool(placement.get("offer_made"))
        row.confirmed_by_edu_org_at = row.confirmed_by_edu_org_at or ctx.now
        finished = row.end_date is not None and row.end_date <= today(ctx)
        row.status = "completed" if finished else "confirmed"
        row.completed_on = row.end_date if finished else None
        row.competences_confirmed = [specialty.okso_code]
        ctx.session.add(
            CompetencePassportItem(
                passport_id=passport.id,
                competence_code=specialty.okso_code,
                competence_name_ru=f"Практика по специальности «{specialty.name_ru}»",
                evidence_type="placement",
                evidence_ref=row.id,
                level=row.employer_evaluation,
                achieved_on=row.end_date or today(ctx),
            )
        )
        passport.version += 1
        passport.published_to_ecp = True
        passport.published_at = ctx.now
        ctx.emit(
            "ecp",
            "competence_passport.publish",
            {
                "youth_id": youth.id,
                "ecp_profile_id": youth.ecp_profile_id,
                "version": passport.version,
                "competence_code": specialty.okso_code,
                "evidence_ref": row.id,
                "level": row.employer_evaluation,
            },
        )
    elif placement_id:
        require(ctx.session, PracticePlacement, placement_id).status = "failed"
    ctx.session.flush()
    items = ctx.session.scalar(
        select(func.count())
        .select_from(CompetencePassportItem)
        .where(CompetencePassportItem.passport_id == passport.id)
    )
    return {"version": passport.version, "items_count": int(items or 0)}


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
    enrollment = _enrollment(ctx, youth_id)
    return require(ctx.session, Programme, enrollment.programme_id).okso_code


@service_operation("student.provide_vacancy_search")
def provide_vacancy_search(ctx: HandlerContext, youth_id: str) -> dict:
    """Save a vacancy search on ЕЦП by the youth's specialty and region."""
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
    return {"saved_search_id": search_id}


def recorded_work_experience(ctx: HandlerContext, youth_id: str) -> bool:
    """A temporary job or a completed practice placement in the registries."""
    jobs = ctx.session.scalar(select(func.count()).select_from(TempJob).where(TempJob.youth_id == youth_id))
    placements = ctx.session.scalar(
        select(func.count())
        .select_from(PracticePlacement)
        .where(PracticePlacement.youth_id == youth_id, PracticePlacement.status == "completed")
    )
    return bool(jobs or placements)


def has_work_experience(ctx: HandlerContext, youth: Youth) -> bool:
    """Experience in the registries or stated at the last profiling."""
    last = latest_profiling(ctx.session, youth.id)
    return bool(last and last.any_work_experience) or recorded_work_experience(ctx, youth.id)


def recommend_for(ctx: HandlerContext, youth: Youth, okso_code: str, limit: int) -> list[dict]:
    """Open vacancies of the region in the youth's specialty group, best first (domain.algorithms.vacancies)."""
    ugs = ugs_of(okso_code)
    rows = ctx.session.scalars(
        select(Vacancy).where(
            Vacancy.status == "open",
            Vacancy.region_code == youth.region_code,
            (Vacancy.ugs_code == ugs) | Vacancy.okso_code.like(f"{okso_code[:2]}.%"),
        )
    ).all()
    seeker = JobSeeker(
        okso_code=okso_code, region_code=youth.region_code, has_experience=has_work_experience(ctx, youth)
    )
    candidates = [
        VacancyCandidate(
            id=v.id,
            title=v.title,
            employer_id=v.employer_id,
            region_code=v.region_code,
            okso_code=v.okso_code,
            ugs_code=v.ugs_code,
            salary_from=v.salary_from,
            salary_to=v.salary_to,
            requires_experience=v.requires_experience,
            for_young_specialists=v.for_young_specialists,
            status=v.status,
        )
        for v in rows
    ]
    return [r.as_dict() for r in recommend_vacancies(seeker, candidates, limit=limit)]


@service_operation("student.offer_vacancies")
def offer_vacancies(ctx: HandlerContext, youth_id: str) -> dict:
    """Offer the student the best open vacancies for young specialists in their specialty."""
    youth = require(ctx.session, Youth, youth_id)
    offers = recommend_for(ctx, youth, _specialty_of(ctx, youth_id), VACANCY_OFFERS)
    if offers:
        ctx.emit("notification", "vacancy.offer", {"youth_id": youth.id, "email": youth.email, "vacancies": offers})
    return {"vacancy_ids": [offer["vacancy_id"] for offer in offers], "count": len(offers)}


@service_operation("student.arrange_employer_in_attestation")
def arrange_employer_in_attestation(ctx: HandlerContext, youth_id: str, edu_org_id: str) -> dict:
    """Invite the edu org's partner employers (agreements with exam participation, programme partners) to
    the youth's exam panel."""
    require(ctx.session, Youth, youth_id)
    programme = require(ctx.session, Programme, _enrollment(ctx, youth_id).programme_id)
    employers = set(programme.employer_partner_ids or ())
    for agreement in ctx.session.scalars(
        select(AssistanceAgreement).where(
            AssistanceAgreement.status == "active", AssistanceAgreement.gia_participation.is_(True)
        )
    ):
        if edu_org_id in (agreement.edu_org_ids or ()):
            employers.add(agreement.employer_id)
    employer_ids = sorted(employers)
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
