"""Reading registry rows into the plain inputs of the algorithms (for handlers and simulations).
Read-only: nothing here adds, changes or flushes rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from domain.algorithms.curators import CuratorCandidate
from domain.algorithms.dates import age_on
from domain.algorithms.matching import SlotOffer, StudentCandidate
from domain.algorithms.study_calendar import practice_window_on, school_year_of
from domain.algorithms.vacancies import VacancyCandidate
from domain.models import (
    AssistanceAgreement,
    Curator,
    CuratorAssignment,
    CuratorEduOrg,
    PracticeSlot,
    ProfilingResult,
    Programme,
    StaffingNeed,
    StudentEnrollment,
    TargetTrainingContract,
    Vacancy,
    Youth,
    ugs_of,
)

# Read on nearly every step of a student's route, so built once with a bound parameter.
_ACTIVE_ASSIGNMENT = (
    select(CuratorAssignment)
    .where(CuratorAssignment.youth_id == bindparam("youth_id"), CuratorAssignment.ended_on.is_(None))
    .order_by(CuratorAssignment.started_on.desc(), CuratorAssignment.id)
    .limit(1)
)
_LATEST_PROFILING = (
    select(ProfilingResult)
    .where(ProfilingResult.youth_id == bindparam("youth_id"))
    .order_by(ProfilingResult.taken_at.desc(), ProfilingResult.created_at.desc())
    .limit(1)
)

_LATEST_RISK_PROFILING = _LATEST_PROFILING.where(ProfilingResult.risk_level.is_not(None))


def active_assignment(session: Session, youth_id: str) -> CuratorAssignment | None:
    """The youth's open curator assignment (the latest started one), or None."""
    return session.scalar(_ACTIVE_ASSIGNMENT, {"youth_id": youth_id})


def curator_candidates(
    session: Session, czn_office_id: str, *, include_ids: Iterable[str] = ()
) -> list[CuratorCandidate]:
    """The curators of an office (plus any named in `include_ids`, e.g. the youth's current curator),
    with their caseload counted from open assignments; a curator's edu orgs are those attached to them
    and the edu org they belong to."""
    wanted = set(include_ids)
    curators = list(
        session.scalars(
            select(Curator)
            .where((Curator.czn_office_id == czn_office_id) | Curator.id.in_(wanted))
            .order_by(Curator.id)
        )
    )
    ids = [curator.id for curator in curators]
    caseloads = Counter(
        dict(
            session.execute(
                select(CuratorAssignment.curator_id, func.count())
                .where(CuratorAssignment.curator_id.in_(ids), CuratorAssignment.ended_on.is_(None))
                .group_by(CuratorAssignment.curator_id)
            ).all()
        )
    )
    attached: dict[str, set[str]] = {
        curator.id: {curator.edu_org_id} if curator.edu_org_id else set() for curator in curators
    }
    for curator_id, edu_org_id in session.execute(
        select(CuratorEduOrg.curator_id, CuratorEduOrg.edu_org_id).where(CuratorEduOrg.curator_id.in_(ids))
    ):
        attached[curator_id].add(edu_org_id)
    return [
        CuratorCandidate(
            id=curator.id,
            czn_office_id=curator.czn_office_id or "",
            edu_org_ids=frozenset(attached[curator.id]),
            caseload=caseloads[curator.id],
            max_caseload=curator.max_caseload,
            specialisations=frozenset(curator.specialisations or ()),
            is_active=curator.is_active,
        )
        for curator in curators
    ]


def latest_profiling(session: Session, youth_id: str) -> ProfilingResult | None:
    """The youth's most recent profiling result (by the time taken, then by when it was recorded), or None."""
    return session.scalar(_LATEST_PROFILING, {"youth_id": youth_id})


def latest_risk_profiling(session: Session, youth_id: str) -> ProfilingResult | None:
    """The youth's most recent profiling that set a risk level (the periodic one; an individual plan's
    profiling chooses services and sets none), or None."""
    return session.scalar(_LATEST_RISK_PROFILING, {"youth_id": youth_id})


def practice_window_of(enrollment: StudentEnrollment, *, on: date) -> tuple[date, date] | None:
    """The student's practice window in the school year containing `on`: the stored one while it belongs
    to that year, else the one of the course they are in then (a stored window goes stale each September).
    None when the student does not study in that school year."""
    start, end = enrollment.practice_window_start, enrollment.practice_window_end
    if start is not None and end is not None and school_year_of(start) == school_year_of(on):
        return start, end
    return practice_window_on(on, study_start=enrollment.start_date, graduation=enrollment.expected_graduation)


def student_candidate(
    session: Session, enrollment: StudentEnrollment, *, on: date, accepts_region_wide: bool = False
) -> StudentCandidate:
    """A student as the practice matcher sees them: specialty, age, place, risk, the customer of an
    active target contract, and the practice window of the school year containing `on` (none when the
    student does not study then)."""
    youth = session.get(Youth, enrollment.youth_id)
    programme = session.get(Programme, enrollment.programme_id)
    if youth is None or programme is None:
        raise LookupError(f"enrollment {enrollment.id} points to a missing youth or programme")
    profiling = latest_risk_profiling(session, youth.id)
    customer = None
    if enrollment.target_contract_id:
        contract = session.get(TargetTrainingContract, enrollment.target_contract_id)
        if contract is not None and contract.status == "active":
            customer = contract.customer_employer_id
    window = practice_window_of(enrollment, on=on)
    return StudentCandidate(
        id=enrollment.id,
        okso_code=programme.okso_code,
        age=age_on(youth.birth_date, on),
        municipality=youth.municipality_oktmo or "",
        region=youth.region_code,
        high_risk=profiling is not None and profiling.risk_level == "high",
        gpa=enrollment.gpa or 0.0,
        attendance_rate=enrollment.attendance_rate,
        target_customer_id=customer,
        accepts_region_wide=accepts_region_wide,
        window_start=window[0] if window else None,
        window_end=window[1] if window else None,
        preferred_employer_ids=tuple(enrollment.preferred_employer_ids or ()),
    )


def employers_with_graduates_need(session: Session, employer_ids: Iterable[str]) -> set[str]:
    """Those of the employers with an open staffing need for graduates and an active assistance agreement."""
    among = set(employer_ids)
    if not among:
        return set()
    needing = set(
        session.scalars(
            select(StaffingNeed.employer_id).where(
                StaffingNeed.employer_id.in_(among),
                StaffingNeed.segment.in_(("graduates", "both")),
                StaffingNeed.status.not_in(("closed", "partly_closed")),
            )
        )
    )
    agreed = set(
        session.scalars(
            select(AssistanceAgreement.employer_id).where(
                AssistanceAgreement.employer_id.in_(among), AssistanceAgreement.status == "active"
            )
        )
    )
    return needing & agreed


def slot_offers(
    session: Session,
    *,
    region_code: str,
    kinds: Iterable[str] | None = None,
    ending_on_or_after: date | None = None,
    within: tuple[date, date] | None = None,
    excluding_ids: Iterable[str] = (),
) -> list[SlotOffer]:
    """Practice slots of a region that still have free places, as matcher offers (capacity = places left);
    optionally only slots of these kinds, only those not ended before a day, only those lying within a
    period (a student's practice window), and without the slots named in `excluding_ids`."""
    query = select(PracticeSlot).where(
        PracticeSlot.region_code == region_code, PracticeSlot.filled < PracticeSlot.capacity
    )
    if kinds is not None:
        query = query.where(PracticeSlot.kind.in_(list(kinds)))
    if ending_on_or_after is not None:
        query = query.where(PracticeSlot.end_date >= ending_on_or_after)
    if within is not None:
        query = query.where(PracticeSlot.start_date >= within[0], PracticeSlot.end_date <= within[1])
    excluded = list(excluding_ids)
    if excluded:
        query = query.where(PracticeSlot.id.not_in(excluded))
    slots = session.scalars(query.order_by(PracticeSlot.id)).all()
    priority = employers_with_graduates_need(session, {slot.employer_id for slot in slots})
    return [
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
            employer_has_graduates_need=slot.employer_id in priority,
        )
        for slot in slots
    ]


def vacancy_candidates(session: Session, *, region_code: str, okso_code: str | None = None) -> list[VacancyCandidate]:
    """Open vacancies of a region as recommendation candidates; with `okso_code`, only those in its
    enlarged group (the vacancy's УГС, or an ОКСО code of the same group)."""
    query = select(Vacancy).where(Vacancy.region_code == region_code, Vacancy.status == "open")
    if okso_code is not None:
        query = query.where((Vacancy.ugs_code == ugs_of(okso_code)) | Vacancy.okso_code.like(f"{okso_code[:2]}.%"))
    return [
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
        for v in session.scalars(query.order_by(Vacancy.id))
    ]
