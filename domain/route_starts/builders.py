"""Start data of every route, read from the registries (processes/README.md lists each route's fields).

Nothing a caller passes reaches the registries: the organisations of a route are where the registries
place its subject (the pupil's current school, the student's college, the need's employer)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import (
    CznOffice,
    EduOrg,
    Employer,
    EmploymentOutcome,
    Programme,
    School,
    SchoolEnrollment,
    StaffingNeed,
    StudentEnrollment,
    Youth,
)
from domain.models.codes import SCHOOL_ROUTE_GRADES
from domain.route_starts.catalogue import (
    GRADUATE_ROUTING,
    PRACTICE_LIBRARY,
    SCHOOL_ROUTE,
    STAFFING_NEED,
    START_MESSAGE,
    STUDENT_SUPPORT,
    YOUNG_SPECIALIST,
    RouteStart,
    StartRefused,
)


def build_start(session: Session, process_key: str, subject_id: str) -> RouteStart:
    """The start of `process_key` for one subject; StartRefused when the registries do not allow it."""
    builder = BUILDERS.get(process_key)
    if builder is None:
        raise StartRefused("process", f"{process_key!r} is not a route that can be started (routes: "
                           f"{', '.join(BUILDERS)})")
    subject_id = subject_id.strip()
    if not subject_id:
        raise StartRefused("subject", "no subject given")
    return builder(session, subject_id)


def current_school_enrollment(session: Session, youth: Youth) -> SchoolEnrollment | None:
    """A pupil's enrolment of the latest school year; None for a youth who is no longer (or not yet) a pupil."""
    if youth.status != "pupil":
        return None
    return session.scalar(select(SchoolEnrollment).where(SchoolEnrollment.youth_id == youth.id)
                          .order_by(SchoolEnrollment.school_year.desc()).limit(1))


def school_pupils(session: Session, school_id: str, limit: int = 50) -> list[tuple[Youth, SchoolEnrollment]]:
    """The pupils whose current enrolment is at the school, by name: the subjects of its school routes."""
    rows = session.execute(select(Youth, SchoolEnrollment).join(SchoolEnrollment, SchoolEnrollment.youth_id == Youth.id)
                           .where(SchoolEnrollment.school_id == school_id, Youth.status == "pupil")
                           .order_by(Youth.last_name, Youth.first_name, Youth.id, SchoolEnrollment.school_year.desc()))
    pupils: list[tuple[Youth, SchoolEnrollment]] = []
    for youth, enrollment in rows:
        if len(pupils) == limit:
            break
        current = current_school_enrollment(session, youth)
        if current is not None and current.id == enrollment.id:
            pupils.append((youth, enrollment))
    return pupils


def czn_near(session: Session, municipality: str | None) -> str | None:
    """The employment centre of a municipality, else the region's first one."""
    query = select(CznOffice.id).order_by(CznOffice.id).limit(1)
    local = session.scalar(query.where(CznOffice.municipality_oktmo == municipality)) if municipality else None
    return local or session.scalar(query)


def _youth(session: Session, youth_id: str) -> Youth:
    youth = session.get(Youth, youth_id)
    if youth is None:
        raise StartRefused("subject", f"no youth {youth_id!r} in the registries")
    return youth


def school_route(session: Session, youth_id: str) -> RouteStart:
    youth = _youth(session, youth_id)
    enrollment = current_school_enrollment(session, youth)
    if enrollment is None:
        raise StartRefused("organisation", f"{youth.full_name} is not a pupil of any school",
                           subject_name=youth.full_name)
    if enrollment.grade not in SCHOOL_ROUTE_GRADES:
        raise StartRefused("grade", f"{youth.full_name} is in grade {enrollment.grade}; the school route runs in "
                           f"grades {SCHOOL_ROUTE_GRADES[0]}..{SCHOOL_ROUTE_GRADES[-1]}", subject_name=youth.full_name)
    school = session.get(School, enrollment.school_id)
    assert school is not None  # a foreign key
    data = {"youth_id": youth.id, "youth_name": youth.full_name, "birth_date": youth.birth_date.isoformat(),
            "grade": enrollment.grade}
    org = {"school": school.id, "czn": czn_near(session, school.municipality_oktmo)}
    return RouteStart(SCHOOL_ROUTE, youth.id, youth.full_name, data, org, owners=("school", "czn"))


def _study_place(session: Session, youth: Youth, status: str) -> tuple[StudentEnrollment, Programme, EduOrg]:
    row = session.execute(
        select(StudentEnrollment, Programme, EduOrg)
        .join(Programme, Programme.id == StudentEnrollment.programme_id)
        .join(EduOrg, EduOrg.id == Programme.edu_org_id)
        .where(StudentEnrollment.youth_id == youth.id, StudentEnrollment.status == status)
        .order_by(StudentEnrollment.start_date.desc(), StudentEnrollment.id).limit(1)
    ).first()
    if row is None:
        what = "a student" if status == "studying" else "a graduate"
        raise StartRefused("organisation", f"{youth.full_name} is not {what} of any college or university",
                           subject_name=youth.full_name)
    return row.StudentEnrollment, row.Programme, row.EduOrg


def _study_org(edu_org: EduOrg) -> dict[str, str]:
    return {"edu_org": edu_org.id, **({"czn": edu_org.czn_office_id} if edu_org.czn_office_id else {})}


def _enrollment_payload(enrollment: StudentEnrollment, programme: Programme, edu_org: EduOrg) -> dict[str, Any]:
    """The shape `admission.enroll_student` gives the student stage."""
    return {
        "enrollment_id": enrollment.id, "edu_org_id": edu_org.id, "okso_code": programme.okso_code,
        "start_date": enrollment.start_date.isoformat(),
        "expected_graduation": enrollment.expected_graduation.isoformat(), "funding": enrollment.funding,
        "target_contract_id": enrollment.target_contract_id, "org": _study_org(edu_org),
    }


def student_route(session: Session, youth_id: str) -> RouteStart:
    youth = _youth(session, youth_id)
    enrollment, programme, edu_org = _study_place(session, youth, "studying")
    org = _study_org(edu_org)
    payload = {"youth_id": youth.id, "youth_name": youth.full_name, "org": org,
               "enrollment": _enrollment_payload(enrollment, programme, edu_org)}
    return RouteStart(STUDENT_SUPPORT, youth.id, youth.full_name, payload, org, owners=("edu_org", "czn"),
                      message=START_MESSAGE[STUDENT_SUPPORT])


def graduate_route(session: Session, youth_id: str) -> RouteStart:
    youth = _youth(session, youth_id)
    enrollment, programme, edu_org = _study_place(session, youth, "graduated")
    org = _study_org(edu_org)
    diploma_day: date = enrollment.graduated_at or enrollment.expected_graduation
    payload = {"youth_id": youth.id, "youth_name": youth.full_name, "org": org,
               "graduation": {"passed": bool(enrollment.gia_passed), "demo_exam_score": enrollment.demo_exam_score,
                              "diploma_date": diploma_day.isoformat()},
               "enrollment": _enrollment_payload(enrollment, programme, edu_org), "reason": "graduation"}
    return RouteStart(GRADUATE_ROUTING, youth.id, youth.full_name, payload, org, owners=("edu_org", "czn"),
                      message=START_MESSAGE[GRADUATE_ROUTING])


def young_specialist_route(session: Session, youth_id: str) -> RouteStart:
    """The adaptation and retention stage of a young person whose latest recorded outcome is a job."""
    youth = _youth(session, youth_id)
    outcome = session.scalar(select(EmploymentOutcome).where(EmploymentOutcome.youth_id == youth.id)
                             .order_by(EmploymentOutcome.as_of_date.desc(), EmploymentOutcome.id).limit(1))
    if outcome is None or outcome.outcome != "employed" or outcome.employer_id is None:
        raise StartRefused("organisation", f"{youth.full_name} is not employed by any employer of the registries",
                           subject_name=youth.full_name)
    employer = session.get(Employer, outcome.employer_id)
    assert employer is not None  # a foreign key
    studied = session.scalar(select(EduOrg).join(Programme, Programme.edu_org_id == EduOrg.id)
                             .join(StudentEnrollment, StudentEnrollment.programme_id == Programme.id)
                             .where(StudentEnrollment.youth_id == youth.id, StudentEnrollment.status == "graduated")
                             .order_by(StudentEnrollment.start_date.desc()).limit(1))
    org = ({**_study_org(studied), "employer": employer.id} if studied is not None
           else {"czn": czn_near(session, employer.municipality_oktmo), "employer": employer.id})
    employment = {"employer_id": employer.id, "in_specialty": bool(outcome.in_specialty),
                  "start_date": (outcome.start_date or outcome.as_of_date).isoformat()}
    payload = {"youth_id": youth.id, "youth_name": youth.full_name, "org": org, "employment": employment}
    return RouteStart(YOUNG_SPECIALIST, youth.id, youth.full_name, payload, org, owners=("employer", "czn"),
                      message=START_MESSAGE[YOUNG_SPECIALIST])


def staffing_need_route(session: Session, need_id: str) -> RouteStart:
    row = session.execute(select(StaffingNeed, Employer).join(Employer, Employer.id == StaffingNeed.employer_id)
                          .where(StaffingNeed.id == need_id)).first()
    if row is None:
        raise StartRefused("subject", f"no staffing need {need_id!r} in the registries")
    need, employer = row.StaffingNeed, row.Employer
    edu_org = session.scalar(
        select(Programme.edu_org_id).where(Programme.okso_code.in_(need.okso_codes))
        .order_by(Programme.edu_org_id).limit(1)) or session.scalar(select(EduOrg.id).order_by(EduOrg.id).limit(1))
    org = {"employer": employer.id, "czn": czn_near(session, employer.municipality_oktmo), "edu_org": edu_org}
    data = {"employer_name": employer.name,
            "need": {"id": need.id, "okso_codes": list(need.okso_codes), "qty": need.qty,
                     "needed_by": need.needed_by.isoformat(), "min_level": need.min_level}}
    return RouteStart(STAFFING_NEED, need.id, employer.name, data, org, owners=("employer", "czn"))


def practice_library_route(session: Session, czn_id: str) -> RouteStart:
    office = session.get(CznOffice, czn_id)
    if office is None:
        raise StartRefused("subject", f"no employment centre {czn_id!r} in the registries")
    return RouteStart(PRACTICE_LIBRARY, f"practice-library-{office.id}", office.name, {"czn_name": office.name},
                      {"czn": office.id},
                      owners=("czn",))


BUILDERS: dict[str, Callable[[Session, str], RouteStart]] = {
    SCHOOL_ROUTE: school_route,
    STUDENT_SUPPORT: student_route,
    GRADUATE_ROUTING: graduate_route,
    YOUNG_SPECIALIST: young_specialist_route,
    STAFFING_NEED: staffing_need_route,
    PRACTICE_LIBRARY: practice_library_route,
}
