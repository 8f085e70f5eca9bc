"""Stage «Обучение в ПОО / ОО ВО», practice (`proc_student_support`): matching the student to a free practice slot
(domain.md §4.3) and the competence passport the confirmed placement adds to."""

from __future__ import annotations

from sqlalchemy import func, select, update

from domain.algorithms.matching import match_students_to_slots
from domain.models import (
    CompetencePassport,
    CompetencePassportItem,
    PracticePlacement,
    PracticeSlot,
    Programme,
    Specialty,
    StudentEnrollment,
    Youth,
)
from domain.queries import practice_window_of, slot_offers, student_candidate
from handlers.common import optional_date, org_of, require, today
from handlers.context import HandlerContext
from handlers.idempotency import service_operation
from handlers.student_record import study_enrollment

OPEN_PLACEMENT_STATUSES = ("proposed", "confirmed", "started")


@service_operation("student.match_practice_slots")
def match_practice_slots(ctx: HandlerContext, youth_id: str, kind: str | None) -> dict:
    """Propose the best free practice slot of this kind within the student's practice window of the current
    school year (domain.md §4.3) and reserve a place on it. An open placement of this kind in the window
    answers the request again; a slot the student was ever placed on is never proposed twice."""
    youth = require(ctx.session, Youth, youth_id)
    enrollment = study_enrollment(ctx, youth_id)
    empty = {"placement_id": None, "slot_id": None, "employer_id": None, "tier": None}
    if kind is None:
        return empty
    day = today(ctx)
    window = practice_window_of(enrollment, on=day)
    if window is None:
        raise ValueError(
            f"enrolment {enrollment.id} has no practice window on {day}: its studies run from "
            f"{enrollment.start_date} to {enrollment.expected_graduation}"
        )
    enrollment.practice_window_start, enrollment.practice_window_end = window
    earlier = ctx.session.execute(
        select(PracticePlacement, PracticeSlot)
        .join(PracticeSlot, PracticeSlot.id == PracticePlacement.slot_id)
        .where(PracticePlacement.student_enrollment_id == enrollment.id)
        .order_by(PracticePlacement.created_at, PracticePlacement.id)
    ).all()
    for placement, slot in earlier:
        in_window = window[0] <= slot.start_date and slot.end_date <= window[1]
        if slot.kind == kind and placement.status in OPEN_PLACEMENT_STATUSES and in_window:
            return {
                "placement_id": placement.id,
                "slot_id": slot.id,
                "employer_id": slot.employer_id,
                "tier": placement.match_tier,
            }
    programme = require(ctx.session, Programme, enrollment.programme_id)
    student = student_candidate(ctx.session, enrollment, on=day, accepts_region_wide=True)
    offers = slot_offers(
        ctx.session,
        region_code=youth.region_code,
        kinds=[kind],
        ending_on_or_after=day,
        within=window,
        excluding_ids={slot.id for _, slot in earlier},
    )
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
