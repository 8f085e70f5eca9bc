"""The demo region: seeded registries, deployed processes, one user per role and organisation (people's names,
the organisations where the region's young people are), and a few started routes."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import distinct, func, select
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
from domain.route_starts import PRACTICE_LIBRARY, SCHOOL_ROUTE, STAFFING_NEED, Starter, StartRefused, start_route
from engine import Engine
from web.models import User
from web.passwords import hash_password
from web.users import NewUser, create_user

PROCESS_SUFFIXES = (".bpmn", ".dmn")
DEMO_STARTER = Starter("demo")


@dataclass(frozen=True)
class DemoLogin:
    login: str
    password: str
    role: str
    organisation: str
    desks: tuple[tuple[str, str], ...]
    """(candidate group, organisation id) of the tasks this login works on."""


@dataclass(frozen=True)
class DemoAccount:
    login: str
    full_name: str
    role: str
    org_kind: str
    org_id: str


def process_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.rglob("*") if path.suffix in PROCESS_SUFFIXES)


def _first(session: Session, registry: Any, count: int = 1) -> list[Any]:
    return list(session.scalars(select(registry).order_by(registry.id).limit(count)))


def _busiest(session: Session, column: Any, people: Any, *where: Any, join: Any, count: int = 1) -> list[str]:
    """The organisation ids of `column` with the most distinct `people` in rows matching `where`, then by id."""
    query = select(column).select_from(column.class_).join(*join).where(*where).group_by(column)
    return list(session.scalars(query.order_by(func.count(distinct(people)).desc(), column).limit(count)))


def demo_schools(session: Session) -> list[str]:
    """The two schools with the most pupils."""
    busiest = _busiest(session, SchoolEnrollment.school_id, Youth.id, Youth.status == "pupil",
                       join=(Youth, Youth.id == SchoolEnrollment.youth_id), count=2)
    return busiest or [school.id for school in _first(session, School, 2)]


def demo_accounts(session: Session) -> list[DemoAccount]:
    """The demo's people: region-wide roles, and operators of the organisations where the region's young people
    are — the two schools with the most pupils, the college or university with the most students, the first
    employment centre (an operator and a curator) and the employer with the most young specialists."""
    accounts = [
        DemoAccount("admin", "Ковалёв Андрей Николаевич", "admin", "region", "region"),
        DemoAccount("analyst", "Белова Ирина Сергеевна", "analyst", "region", "region"),
        DemoAccount("auditor", "Громов Павел Андреевич", "auditor", "region", "region"),
    ]
    teachers = ("Смирнова Ольга Петровна", "Кузнецова Наталья Игоревна")
    for number, (school_id, name) in enumerate(zip(demo_schools(session), teachers, strict=False), start=1):
        accounts.append(DemoAccount(f"school{number}", name, "operator", "school", school_id))
    college = _busiest(session, Programme.edu_org_id, StudentEnrollment.youth_id,
                       StudentEnrollment.status == "studying",
                       join=(StudentEnrollment, StudentEnrollment.programme_id == Programme.id))
    for edu_org_id in college or [e.id for e in _first(session, EduOrg)]:
        accounts.append(DemoAccount("college", "Лебедева Анна Викторовна", "operator", "edu_org", edu_org_id))
    for czn in _first(session, CznOffice):
        accounts.append(DemoAccount("czn", "Попов Дмитрий Александрович", "operator", "czn", czn.id))
        accounts.append(DemoAccount("curator", "Соколова Елена Михайловна", "curator", "czn", czn.id))
    employer = _busiest(session, EmploymentOutcome.employer_id, Youth.id, EmploymentOutcome.outcome == "employed",
                        Youth.status == "employed", join=(Youth, Youth.id == EmploymentOutcome.youth_id))
    for employer_id in employer or [e.id for e in _first(session, Employer)]:
        accounts.append(DemoAccount("employer", "Морозов Игорь Владимирович", "operator", "employer", employer_id))
    return accounts


def _org_name(session: Session, kind: str, org_id: str) -> str:
    registry = {"school": School, "edu_org": EduOrg, "czn": CznOffice, "employer": Employer}.get(kind)
    row = session.get(registry, org_id) if registry else None
    return row.name if row is not None else "Регион"


def create_demo_users(session: Session) -> list[DemoLogin]:
    """Creates the demo users, or gives existing ones a new password (they keep their organisation); the caller
    commits."""
    logins = []
    for account in demo_accounts(session):
        password = secrets.token_urlsafe(9)
        user = session.scalar(select(User).where(User.login == account.login))
        if user is None:
            user = create_user(session, NewUser(
                login=account.login, password=password, full_name=account.full_name, role=account.role,
                org_kind=account.org_kind, org_id=account.org_id,
                org_name=_org_name(session, account.org_kind, account.org_id)))
        else:
            user.password_hash = hash_password(password)
        desks = tuple((group.name, user.org_id) for group in user.groups)
        logins.append(DemoLogin(account.login, password, user.role, _org_name(session, user.org_kind, user.org_id),
                                desks))
    return logins


def demo_route_subjects(session: Session, per_school: int) -> list[tuple[str, str]]:
    """(process key, subject id) of the demo routes: pupils of the demo schools, the first employers'
    new staffing needs and the first employment centres' practice libraries, so every demo operator finds
    work in the inbox."""
    subjects = []
    for school_id in demo_schools(session):
        pupils = session.scalars(
            select(SchoolEnrollment.youth_id).join(Youth, Youth.id == SchoolEnrollment.youth_id)
            .where(SchoolEnrollment.school_id == school_id, Youth.status == "pupil")
            .order_by(SchoolEnrollment.youth_id).distinct().limit(per_school))
        subjects.extend((SCHOOL_ROUTE, youth_id) for youth_id in pupils)
    needs = session.scalars(select(StaffingNeed.id).where(StaffingNeed.status == "new")
                            .order_by(StaffingNeed.employer_id, StaffingNeed.id).limit(3))
    subjects.extend((STAFFING_NEED, need_id) for need_id in needs)
    subjects.extend((PRACTICE_LIBRARY, czn.id) for czn in _first(session, CznOffice, 2))
    return subjects


def start_demo_routes(engine: Engine, session: Session, per_school: int) -> list[str]:
    """Starts the demo routes by the route rule; a route already running (a second demo run) and a pupil below
    the school route's grades are left alone."""
    started = []
    for process_key, subject_id in demo_route_subjects(session, per_school):
        try:
            started.append(start_route(engine, session, DEMO_STARTER, process_key, subject_id).instance_id)
        except StartRefused as refused:
            if refused.reason not in ("running", "grade"):
                raise
    return started
