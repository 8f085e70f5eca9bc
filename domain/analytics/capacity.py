"""Capacity against demand: each curator's open caseload against their cap, and each college's students due
a practice in the period against the practice places offered to them."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from domain.analytics.filters import RegistryFilter
from domain.models import (
    Curator,
    CuratorAssignment,
    EduOrg,
    PracticePlacement,
    PracticeSlot,
    Programme,
    StudentEnrollment,
)

UNPLACED = ("failed", "rejected")
"""Placements that did not give the student a practice."""


@dataclass(frozen=True)
class CuratorRow:
    name: str
    caseload: int
    cap: int

    @property
    def over_cap(self) -> bool:
        return self.caseload > self.cap


@dataclass(frozen=True)
class PracticeRow:
    college: str
    due: int
    """Students whose practice window opens in the period."""
    placed: int
    places: int
    """Places of the slots tied to the college starting in the period (slots open to every college aside)."""

    @property
    def unplaced(self) -> int:
        return self.due - self.placed


def open_caseloads(connection) -> Counter[str]:
    """Curator id -> open assignments (a Connection or Session)."""
    return Counter(dict(connection.execute(
        select(CuratorAssignment.curator_id, func.count()).where(CuratorAssignment.ended_on.is_(None))
        .group_by(CuratorAssignment.curator_id)).all()))


def curator_rows(session, where: RegistryFilter) -> list[CuratorRow]:
    """Active curators, heaviest caseload first; of one employment-centre office or college if filtered."""
    query = select(Curator.id, Curator.full_name, Curator.max_caseload).where(Curator.is_active.is_(True))
    if where.of("czn"):
        query = query.where(Curator.czn_office_id == where.of("czn"))
    if where.of("edu_org"):
        query = query.where(Curator.edu_org_id == where.of("edu_org"))
    loads = open_caseloads(session)
    rows = [CuratorRow(name, loads.get(curator_id, 0), cap) for curator_id, name, cap in session.execute(query)]
    return sorted(rows, key=lambda row: (-row.caseload, row.name))


def practice_rows(session, where: RegistryFilter) -> list[PracticeRow]:
    due_query = (select(EduOrg.id, EduOrg.name, StudentEnrollment.id)
                 .join(Programme, Programme.edu_org_id == EduOrg.id)
                 .join(StudentEnrollment, StudentEnrollment.programme_id == Programme.id)
                 .where(StudentEnrollment.practice_window_start.is_not(None),
                        *where.period(StudentEnrollment.practice_window_start)))
    places_query = (select(PracticeSlot.edu_org_id, func.sum(PracticeSlot.capacity))
                    .where(PracticeSlot.edu_org_id.is_not(None), *where.period(PracticeSlot.start_date))
                    .group_by(PracticeSlot.edu_org_id))
    if where.of("edu_org"):
        due_query = due_query.where(EduOrg.id == where.of("edu_org"))
    if where.of("employer"):
        places_query = places_query.where(PracticeSlot.employer_id == where.of("employer"))
    names: dict[str, str] = {}
    due: dict[str, set[str]] = {}
    for college_id, name, enrollment_id in session.execute(due_query):
        names[college_id] = name
        due.setdefault(college_id, set()).add(enrollment_id)
    placed = {enrollment_id for (enrollment_id,) in session.execute(
        select(PracticePlacement.student_enrollment_id).where(PracticePlacement.status.not_in(UNPLACED)))}
    places = dict(session.execute(places_query).all())
    return sorted((PracticeRow(names[college], len(enrollments), len(enrollments & placed),
                               int(places.get(college) or 0)) for college, enrollments in due.items()),
                  key=lambda row: (-row.unplaced, row.college))
