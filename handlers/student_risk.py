"""Stage «Обучение в ПОО / ОО ВО», periodic profiling and the curator (`proc_student_support`): when profiling is due,
the risk score of domain.md §4.1, the stored profiling result with the curator's release, and the
choice of a curator for a student at high risk (§4.4)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import bindparam, func, select

from domain.algorithms.curators import CuratorNeeds, choose_curator, release_rule
from domain.algorithms.risk import RiskIndicators, risk_score
from domain.models import (
    Curator,
    CuratorAssignment,
    PracticePlacement,
    ProfilingResult,
    StudentEnrollment,
    TargetTrainingContract,
    Youth,
)
from domain.models.codes import SOCIAL_FLAG_FIELDS
from domain.queries import active_assignment, curator_candidates, latest_profiling, latest_risk_profiling
from handlers.common import require, today, youth_age
from handlers.context import HandlerContext
from handlers.idempotency import service_operation
from handlers.student_record import course_on, recorded_work_experience, study_enrollment

HIGH_RISK_REPROFILING = timedelta(weeks=6)
LOW_ATTENDANCE = 0.70
PLACEMENT_STATUS_TO_PRACTICE = {
    "proposed": "assigned",
    "confirmed": "assigned",
    "started": "in_progress",
    "completed": "done",
    "failed": "failed",
    "rejected": "failed",
}


@service_operation("student.check_profiling_due")
def check_profiling_due(ctx: HandlerContext, youth_id: str, checkpoint: dict) -> dict:
    """Profiling is due at the start of the final year, at each semester start, at every checkpoint while the
    last profiling found a high risk, and when an event since the last profiling calls for it (domain.md §4.5:
    a new academic debt, attendance fallen below 70 %, a failed placement, a terminated target contract)."""
    require(ctx.session, Youth, youth_id)
    last = latest_risk_profiling(ctx.session, youth_id)
    if checkpoint.get("final_year") and checkpoint.get("semester_start") and checkpoint.get("semester") == "autumn":
        reason = "final_year"
    elif checkpoint.get("semester_start"):
        reason = "semester_start"
    elif last is not None and last.risk_level == "high":
        reason = "high_risk"
    else:
        reason = _event_since(ctx, youth_id, last) if last is not None else "not_due"
    return {"index": checkpoint.get("index"), "due": reason != "not_due", "reason": reason}


def _event_since(ctx: HandlerContext, youth_id: str, last: ProfilingResult) -> str:
    """The first re-profiling event since `last`, judged against what that profiling recorded."""
    enrollment = study_enrollment(ctx, youth_id)
    if enrollment.academic_debt_count > last.academic_debt_count:
        return "new_academic_debt"
    if enrollment.attendance_rate < LOW_ATTENDANCE and (last.attendance_rate or 1.0) >= LOW_ATTENDANCE:
        return "attendance_low"
    if _practice_status(ctx, enrollment) == "failed" and last.practice_status != "failed":
        return "practice_failed"
    if last.target_contract_active and not _contract_active(ctx, youth_id):
        return "target_contract_ended"
    return "not_due"


_PLACEMENTS = PracticePlacement.__table__.c
_LATEST_PLACEMENT_STATUS = (
    select(_PLACEMENTS.status)
    .where(_PLACEMENTS.student_enrollment_id == bindparam("enrollment_id"))
    .order_by(_PLACEMENTS.created_at.desc(), _PLACEMENTS.id)
    .limit(1)
)
_CONTRACTS = TargetTrainingContract.__table__.c
_ACTIVE_CONTRACTS = (
    select(func.count())
    .select_from(TargetTrainingContract.__table__)
    .where(_CONTRACTS.youth_id == bindparam("youth_id"), _CONTRACTS.status == "active")
)


def _practice_status(ctx: HandlerContext, enrollment: StudentEnrollment) -> str:
    status = ctx.session.scalar(_LATEST_PLACEMENT_STATUS, {"enrollment_id": enrollment.id})
    return PLACEMENT_STATUS_TO_PRACTICE[status] if status else "none"


def _contract_active(ctx: HandlerContext, youth_id: str) -> bool:
    return bool(ctx.session.scalar(_ACTIVE_CONTRACTS, {"youth_id": youth_id}))


@service_operation("student.compute_risk_score")
def compute_risk_score(ctx: HandlerContext, youth_id: str, profiling: dict, final_year: bool) -> dict:
    """The weighted risk score of domain.md §4.1 from the enrolment's academic record and the answers;
    the answers also refresh the youth's social flags and the enrolment's career intentions."""
    youth = require(ctx.session, Youth, youth_id)
    enrollment = study_enrollment(ctx, youth_id)
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
    enrollment = study_enrollment(ctx, youth_id)
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
    assignment = active_assignment(ctx.session, youth_id)
    if decision.release and assignment is not None:
        assignment.ended_on = today(ctx)
        assignment.release_reason = decision.reason
        released = True
    ctx.session.flush()
    return {"profiling_result_id": result.id, "curator_released": released}


@service_operation("student.assign_curator")
def assign_curator(ctx: HandlerContext, youth_id: str, edu_org_id: str, czn_id: str) -> dict:
    """Keep the active curator, or give the least loaded matching curator of the office (domain.md §4.4);
    when nobody is free the ЦЗН head is notified and gets the decision task (`escalated`)."""
    youth = require(ctx.session, Youth, youth_id)
    enrollment = study_enrollment(ctx, youth_id)
    current = active_assignment(ctx.session, youth_id)
    candidates = curator_candidates(ctx.session, czn_id, include_ids=[current.curator_id] if current else [])
    last = latest_profiling(ctx.session, youth_id)
    needs = CuratorNeeds(
        czn_office_id=czn_id,
        edu_org_id=edu_org_id,
        current_curator_id=current.curator_id if current else None,
        has_disability=youth.has_disability_ovz,
        wants_entrepreneurship=bool(last and last.wants_entrepreneurship),
        is_minor=youth_age(youth, ctx) < 18,
    )
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


CURATOR_DECISIONS = ("over_cap", "wait", "escalate")


@service_operation("student.apply_curator_decision")
def apply_curator_decision(ctx: HandlerContext, youth_id: str, czn_id: str, decision: dict) -> dict:
    """Carry out the ЦЗН head's decision when no curator had room (domain.md §4.4): assign the office's least
    loaded active curator above the cap, wait for the next checkpoint, or refer the matter to the region."""
    youth = require(ctx.session, Youth, youth_id)
    choice = decision.get("decision")
    if choice not in CURATOR_DECISIONS:
        raise ValueError(f"unknown curator decision {choice!r}; expected one of {', '.join(CURATOR_DECISIONS)}")
    if choice == "over_cap":
        candidates = [c for c in curator_candidates(ctx.session, czn_id) if c.is_active]
        if not candidates:
            raise LookupError(f"employment centre {czn_id} has no active curator to assign above the cap")
        chosen = require(ctx.session, Curator, min(candidates, key=lambda c: (c.caseload, c.id)).id)
        ctx.session.add(CuratorAssignment(curator_id=chosen.id, youth_id=youth.id,
                                          student_enrollment_id=study_enrollment(ctx, youth_id).id,
                                          started_on=today(ctx), reason="manual"))
        ctx.session.flush()
        return {"curator_id": chosen.id, "full_name": chosen.full_name, "continued": False, "escalated": False,
                "decision": choice}
    if choice == "escalate":
        ctx.emit("notification", "curator.shortage_referred",
                 {"czn_office_id": czn_id, "youth_id": youth.id, "comment": decision.get("comment") or "",
                  "subject_ru": "Нехватка кураторов: решение передано в региональный центр занятости"})
    return {"curator_id": None, "full_name": None, "continued": False, "escalated": True, "decision": choice}
