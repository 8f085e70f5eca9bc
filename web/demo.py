"""The demo region: seeded registries, deployed processes, one user per role and organisation,
and a few started routes."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import CznOffice, EduOrg, Employer, School, SchoolEnrollment, Youth
from web.models import User
from web.users import NewUser, create_user

PROCESS_SUFFIXES = (".bpmn", ".dmn")
SCHOOL_ROUTE = "proc_school_career_guidance"


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
    from web.auth.passwords import hash_password

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


def _czn_for(session: Session, school: School) -> str | None:
    query = select(CznOffice.id).order_by(CznOffice.id).limit(1)
    if school.municipality_oktmo:
        local = session.scalar(query.where(CznOffice.municipality_oktmo == school.municipality_oktmo))
        if local:
            return local
    return session.scalar(query)


def school_route_starts(session: Session, limit: int) -> list[dict[str, Any]]:
    """Start data of the school route for pupils of the first demo schools (see processes/README.md)."""
    schools = _first(session, School, 2)
    starts = []
    for school in schools:
        rows = session.execute(
            select(Youth, SchoolEnrollment)
            .join(SchoolEnrollment, SchoolEnrollment.youth_id == Youth.id)
            .where(SchoolEnrollment.school_id == school.id)
            .order_by(SchoolEnrollment.school_year.desc(), Youth.id)
            .limit(limit)
        )
        seen: set[str] = set()
        for youth, enrollment in rows:
            if youth.id in seen:
                continue
            seen.add(youth.id)
            starts.append({
                "youth_id": youth.id,
                "youth_name": youth.full_name,
                "birth_date": youth.birth_date.isoformat() if isinstance(youth.birth_date, date) else None,
                "grade": enrollment.grade,
                "org": {"school": school.id, "czn": _czn_for(session, school)},
            })
    return starts


def start_demo_routes(engine: Any, session: Session, per_school: int) -> list[str]:
    started = []
    for data in school_route_starts(session, per_school):
        started.append(engine.start(SCHOOL_ROUTE, data=data, business_key=data["youth_id"], actor="demo",
                                    org=data["org"]))
    return started
