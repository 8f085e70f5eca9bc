"""Starting every route of the generated region as processes/README.md describes: pupils on the school
process, students and recent graduates by the stage message their stage starts on, the employers' new
staffing needs, and one practice-library entry per ЦЗН office."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import (
    CznOffice,
    EduOrg,
    Employer,
    Programme,
    School,
    SchoolEnrollment,
    StaffingNeed,
    StudentEnrollment,
    Youth,
)
from engine import Engine

SCHOOL_PROCESS = "proc_school_career_guidance"
STAFFING_NEED_PROCESS = "proc_employer_staffing_need"
PRACTICE_LIBRARY_PROCESS = "proc_practice_library"
STUDENT_ENROLLED = "student_enrolled"
GRADUATE_READY = "graduate_ready"
ACTOR = "simulation"


@dataclass(frozen=True)
class Route:
    """One started route: `kind` is pupil, student, graduate, staffing_need or practice_library."""

    kind: str
    business_key: str

    @property
    def is_youth(self) -> bool:
        return self.kind in ("pupil", "student", "graduate")


class _CznFinder:
    def __init__(self, session: Session) -> None:
        offices = session.scalars(select(CznOffice).order_by(CznOffice.id)).all()
        self.first = offices[0].id
        self.by_municipality: dict[str | None, str] = {}
        for office in offices:
            self.by_municipality.setdefault(office.municipality_oktmo, office.id)

    def near(self, municipality: str | None) -> str:
        return self.by_municipality.get(municipality, self.first)


def start_routes(engine: Engine, session: Session) -> list[Route]:
    czn = _CznFinder(session)
    return [*_start_pupils(engine, session, czn), *_start_students(engine, session),
            *_start_graduates(engine, session), *_start_staffing_needs(engine, session, czn),
            *_start_practice_library(engine, session)]


def _start_pupils(engine: Engine, session: Session, czn: _CznFinder) -> list[Route]:
    rows = session.execute(
        select(Youth, SchoolEnrollment, School)
        .join(SchoolEnrollment, SchoolEnrollment.youth_id == Youth.id)
        .join(School, School.id == SchoolEnrollment.school_id)
        .where(Youth.status == "pupil")
        .order_by(Youth.id, SchoolEnrollment.school_year.desc())
    ).all()
    routes: list[Route] = []
    for youth, enrollment, school in rows:
        if routes and routes[-1].business_key == youth.id:
            continue  # an earlier school year of the same pupil
        org = {"school": school.id, "czn": czn.near(school.municipality_oktmo)}
        engine.start(SCHOOL_PROCESS, data={"youth_id": youth.id, "youth_name": youth.full_name,
                                           "birth_date": youth.birth_date.isoformat(), "grade": enrollment.grade},
                     business_key=youth.id, actor=ACTOR, org=org)
        routes.append(Route("pupil", youth.id))
    return routes


def _enrolled(session: Session, status: str) -> list[tuple[Youth, StudentEnrollment, Programme, EduOrg]]:
    return [tuple(row) for row in session.execute(
        select(Youth, StudentEnrollment, Programme, EduOrg)
        .join(StudentEnrollment, StudentEnrollment.youth_id == Youth.id)
        .join(Programme, Programme.id == StudentEnrollment.programme_id)
        .join(EduOrg, EduOrg.id == Programme.edu_org_id)
        .where(StudentEnrollment.status == status)
        .order_by(Youth.id)
    )]


def _enrollment_payload(enrollment: StudentEnrollment, programme: Programme, edu_org: EduOrg) -> dict[str, Any]:
    """The shape `admission.enroll_student` gives the student stage."""
    return {
        "enrollment_id": enrollment.id, "edu_org_id": edu_org.id, "okso_code": programme.okso_code,
        "start_date": enrollment.start_date.isoformat(),
        "expected_graduation": enrollment.expected_graduation.isoformat(), "funding": enrollment.funding,
        "target_contract_id": enrollment.target_contract_id, "org": _study_org(edu_org),
    }


def _study_org(edu_org: EduOrg) -> dict[str, str]:
    return {"edu_org": edu_org.id, **({"czn": edu_org.czn_office_id} if edu_org.czn_office_id else {})}


def _start_students(engine: Engine, session: Session) -> list[Route]:
    routes = []
    for youth, enrollment, programme, edu_org in _enrolled(session, "studying"):
        engine.correlate(STUDENT_ENROLLED, youth.id, {
            "youth_id": youth.id, "youth_name": youth.full_name, "org": _study_org(edu_org),
            "enrollment": _enrollment_payload(enrollment, programme, edu_org)})
        routes.append(Route("student", youth.id))
    return routes


def _start_graduates(engine: Engine, session: Session) -> list[Route]:
    routes = []
    for youth, enrollment, programme, edu_org in _enrolled(session, "graduated"):
        graduation = {"passed": bool(enrollment.gia_passed), "demo_exam_score": enrollment.demo_exam_score,
                      "diploma_date": _iso(enrollment.graduated_at or enrollment.expected_graduation)}
        engine.correlate(GRADUATE_READY, youth.id, {
            "youth_id": youth.id, "youth_name": youth.full_name, "org": _study_org(edu_org),
            "graduation": graduation, "enrollment": _enrollment_payload(enrollment, programme, edu_org),
            "reason": "graduation"})
        routes.append(Route("graduate", youth.id))
    return routes


def _start_staffing_needs(engine: Engine, session: Session, czn: _CznFinder) -> list[Route]:
    routes = []
    needs = session.execute(select(StaffingNeed, Employer).join(Employer, Employer.id == StaffingNeed.employer_id)
                            .where(StaffingNeed.status == "new").order_by(StaffingNeed.id)).all()
    for need, employer in needs:
        org = {"employer": employer.id, "czn": czn.near(employer.municipality_oktmo)}
        org["edu_org"] = session.scalar(
            select(Programme.edu_org_id).where(Programme.okso_code.in_(need.okso_codes))
            .order_by(Programme.edu_org_id).limit(1)) or session.scalar(select(EduOrg.id).order_by(EduOrg.id).limit(1))
        engine.start(STAFFING_NEED_PROCESS, data={"need": {
            "id": need.id, "okso_codes": list(need.okso_codes), "qty": need.qty,
            "needed_by": need.needed_by.isoformat(), "min_level": need.min_level}},
            business_key=need.id, actor=ACTOR, org=org)
        routes.append(Route("staffing_need", need.id))
    return routes


def _start_practice_library(engine: Engine, session: Session) -> list[Route]:
    routes = []
    for office_id in session.scalars(select(CznOffice.id).order_by(CznOffice.id)):
        key = f"practice-library-{office_id}"
        engine.start(PRACTICE_LIBRARY_PROCESS, data={}, business_key=key, actor=ACTOR, org={"czn": office_id})
        routes.append(Route("practice_library", key))
    return routes


def _iso(day: date) -> str:
    return day.isoformat()
