"""A graduate's study record as the registries show it on a day (`outcome_model.StudyRecord`): the best practice
agreed by then (done, or under way like the final year's internship after the diploma) and a job offer made on
one, and the curator support lost to caseloads above the cap. Only for
graduates the simulation saw studying (a diploma after its start); the region's earlier graduates have none."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, func, or_, select

from domain.models import (
    Curator,
    CuratorAssignment,
    PracticePlacement,
    PracticeSlot,
    ProfilingResult,
    StudentEnrollment,
)
from simulation.outcome_model import PRACTICE_VALUE, StudyRecord

AGREED = ("confirmed", "completed")
"""Practices that count: done, or agreed with the employer and under way (the final year's internship runs on
past the diploma); a failed one is worth nothing."""


def read_study_record(connection: Connection, youth_id: str, since: date, on: date) -> StudyRecord | None:
    diploma = func.coalesce(StudentEnrollment.graduated_at, StudentEnrollment.expected_graduation)
    last_diploma = connection.execute(select(func.max(diploma)).where(StudentEnrollment.youth_id == youth_id)).scalar()
    if last_diploma is None or last_diploma <= since:
        return None
    practices = connection.execute(
        select(PracticePlacement.employer_evaluation, PracticePlacement.offer_made, PracticeSlot.employer_id)
        .join(PracticeSlot, PracticeSlot.id == PracticePlacement.slot_id)
        .where(PracticePlacement.youth_id == youth_id, PracticePlacement.status.in_(AGREED),
               PracticePlacement.confirmed_by_edu_org_at < datetime.combine(on + timedelta(days=1), time.min, UTC))
        .order_by(PracticePlacement.confirmed_by_edu_org_at, PracticePlacement.id)).all()
    offers = [employer_id for _evaluation, offer_made, employer_id in practices if offer_made]
    return StudyRecord(practice=max((PRACTICE_VALUE.get(evaluation or 0, 0.0) for evaluation, *_ in practices),
                                    default=0.0),
                       offer_employer_id=offers[-1] if offers else None,
                       shortfall=curator_shortfall(connection, youth_id, on))


def curator_shortfall(connection: Connection, youth_id: str, on: date) -> float:
    """The share of the monthly curator meetings lost: for each curator the young person had by `on`,
    1 − cap / the curator's caseload when assigned (0 within the cap); 1 for a student at high risk who never
    had a curator. The worst of them."""
    assignments = connection.execute(
        select(CuratorAssignment.curator_id, CuratorAssignment.started_on, Curator.max_caseload)
        .join(Curator, Curator.id == CuratorAssignment.curator_id)
        .where(CuratorAssignment.youth_id == youth_id, CuratorAssignment.started_on <= on)).all()
    if not assignments:
        at_high_risk = connection.execute(
            select(func.count()).select_from(ProfilingResult)
            .where(ProfilingResult.youth_id == youth_id, ProfilingResult.risk_level == "high")).scalar()
        return 1.0 if at_high_risk else 0.0
    return max(_lost(caseload_on(connection, curator_id, started), cap) for curator_id, started, cap in assignments)


def shortfall_by_student(connection: Connection, on: date) -> dict[str, float]:
    """Young person -> the share of the monthly curator meetings lost on `on`, for those whose curator then has
    more students than the cap."""
    open_on = (CuratorAssignment.started_on <= on,
               or_(CuratorAssignment.ended_on.is_(None), CuratorAssignment.ended_on > on))
    loads = dict(connection.execute(select(CuratorAssignment.curator_id, func.count()).where(*open_on)
                                    .group_by(CuratorAssignment.curator_id)).all())
    return {youth_id: _lost(loads[curator_id], cap) for youth_id, curator_id, cap in connection.execute(
        select(CuratorAssignment.youth_id, CuratorAssignment.curator_id, Curator.max_caseload)
        .join(Curator, Curator.id == CuratorAssignment.curator_id).where(*open_on))
        if loads[curator_id] > cap}


def caseload_on(connection: Connection, curator_id: str, day: date) -> int:
    """The curator's students on `day`: assignments begun by then and not ended before it."""
    return connection.execute(
        select(func.count()).select_from(CuratorAssignment)
        .where(CuratorAssignment.curator_id == curator_id, CuratorAssignment.started_on <= day,
               or_(CuratorAssignment.ended_on.is_(None), CuratorAssignment.ended_on > day))).scalar() or 0


def _lost(caseload: int, cap: int) -> float:
    return max(0.0, 1.0 - cap / caseload) if caseload else 0.0
