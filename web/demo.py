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

from domain.models import CznOffice, EduOrg, Employer, Programme, School, SchoolEnrollment, Youth
from web.auth.passwords import hash_password
from web.models import User
from web.users import NewUser, create_user

PROCESS_SUFFIXES = (".bpmn", ".dmn")
SCHOOL_ROUTE = "proc_school_career_guidance"
STAFFING_NEED = "proc_employer_staffing_need"
PRACTICE_LIBRARY = "proc_practice_library"


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
                "org": {"school": school.id, "czn": _czn_near(session, school.municipality_oktmo)},
            })
    return starts


def _czn_near(session: Session, municipality: str | None) -> str | None:
    query = select(CznOffice.id).order_by(CznOffice.id).limit(1)
    local = session.scalar(query.where(CznOffice.municipality_oktmo == municipality)) if municipality else None
    return local or session.scalar(query)


def staffing_need_starts(session: Session, today: date, count: int) -> list[dict[str, Any]]:
    """Start data of the employer's staffing need for the first employers (see processes/README.md)."""
    edu_org = session.scalar(select(EduOrg).order_by(EduOrg.id).limit(1))
    programmes = [] if edu_org is None else list(session.scalars(
        select(Programme.okso_code).where(Programme.edu_org_id == edu_org.id).order_by(Programme.okso_code).limit(2)))
    starts = []
    for employer in _first(session, Employer, count):
        needed_by = today.replace(year=today.year + 1)
        starts.append({
            "need": {"id": f"need-{employer.id}", "okso_codes": programmes, "qty": 3,
                     "needed_by": needed_by.isoformat(), "min_level": "spo"},
            "org": {"employer": employer.id, "czn": _czn_near(session, employer.municipality_oktmo),
                    "edu_org": edu_org.id if edu_org else None},
        })
    return starts


def start_demo_routes(engine: Any, session: Session, per_school: int) -> list[str]:
    """School routes for pupils of the first schools, staffing needs of the first employers and one
    practice-library entry per employment centre, so every demo operator finds work in the inbox."""
    started = []
    for data in school_route_starts(session, per_school):
        started.append(engine.start(SCHOOL_ROUTE, data=data, business_key=data["youth_id"], actor="demo",
                                    org=data["org"]))
    for data in staffing_need_starts(session, date.today(), count=3):
        started.append(engine.start(STAFFING_NEED, data=data, business_key=data["need"]["id"], actor="demo",
                                    org=data["org"]))
    for czn in _first(session, CznOffice, 2):
        org = {"czn": czn.id}
        started.append(engine.start(PRACTICE_LIBRARY, data={"org": org}, business_key=f"practice-{czn.id}",
                                    actor="demo", org=org))
    return started
