"""The demo region: seeded registries, deployed processes, one user per role and organisation,
and a few started routes."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import CznOffice, EduOrg, Employer, School, SchoolEnrollment, StaffingNeed, Youth
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


def process_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.rglob("*") if path.suffix in PROCESS_SUFFIXES)


def _first(session: Session, registry: Any, count: int = 1) -> list[Any]:
    return list(session.scalars(select(registry).order_by(registry.id).limit(count)))


def demo_accounts(session: Session) -> list[tuple[str, str, str, str, str]]:
    """(login, full name, role, org kind, org id) for two schools, a college, a ЦЗН and an employer."""
    accounts = [
        ("admin", "Администратор региона", "admin", "region", "region"),
        ("analyst", "Аналитик региона", "analyst", "region", "region"),
        ("auditor", "Аудитор региона", "auditor", "region", "region"),
    ]
    for number, school in enumerate(_first(session, School, 2), start=1):
        accounts.append((f"school{number}", f"Педагог-навигатор {number}", "operator", "school", school.id))
    for edu_org in _first(session, EduOrg):
        accounts.append(("college", "Специалист центра карьеры", "operator", "edu_org", edu_org.id))
    for czn in _first(session, CznOffice):
        accounts.append(("czn", "Специалист ЦЗН", "operator", "czn", czn.id))
        accounts.append(("curator", "Куратор ЦЗН", "curator", "czn", czn.id))
    for employer in _first(session, Employer):
        accounts.append(("employer", "HR работодателя", "operator", "employer", employer.id))
    return accounts


def _org_name(session: Session, kind: str, org_id: str) -> str:
    registry = {"school": School, "edu_org": EduOrg, "czn": CznOffice, "employer": Employer}.get(kind)
    row = session.get(registry, org_id) if registry else None
    return row.name if row is not None else "Регион"


def create_demo_users(session: Session) -> list[DemoLogin]:
    """Creates the demo users, or gives existing ones a new password; the caller commits."""
    logins = []
    for login, full_name, role, kind, org_id in demo_accounts(session):
        password = secrets.token_urlsafe(9)
        org_name = _org_name(session, kind, org_id)
        existing = session.scalar(select(User).where(User.login == login))
        if existing is None:
            create_user(session, NewUser(login=login, password=password, full_name=full_name, role=role,
                                         org_kind=kind, org_id=org_id, org_name=org_name))
        else:
            existing.password_hash = hash_password(password)
        logins.append(DemoLogin(login, password, role, org_name))
    return logins


def demo_route_subjects(session: Session, per_school: int) -> list[tuple[str, str]]:
    """(process key, subject id) of the demo routes: pupils of the first demo schools, the first employers'
    new staffing needs and the first employment centres' practice libraries, so every demo operator finds
    work in the inbox."""
    subjects = []
    for school in _first(session, School, 2):
        pupils = session.scalars(
            select(SchoolEnrollment.youth_id).join(Youth, Youth.id == SchoolEnrollment.youth_id)
            .where(SchoolEnrollment.school_id == school.id, Youth.status == "pupil")
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
