"""The generated region the real-handler journeys run on: a youth's start data, the region's rows, and the
admission answer that enrols a pupil where they applied."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from domain.models import CznOffice, EduOrg, Employer, Programme, SchoolEnrollment, Youth
from domain.region.generate import generate
from profroute.wiring import WIRING


@dataclass
class Region:
    url: str
    czn_id: str
    employer_id: str
    edu_org_id: str
    programme_codes: list[str]

    def pupil(self, grade: int) -> tuple[dict, dict]:
        database = create_engine(self.url)
        with Session(database) as session:
            youth, enrollment = session.execute(
                select(Youth, SchoolEnrollment).join(SchoolEnrollment, SchoolEnrollment.youth_id == Youth.id)
                .where(SchoolEnrollment.grade == grade).order_by(Youth.id).limit(1)).one()
            data = {"youth_id": youth.id, "youth_name": youth.full_name,
                    "birth_date": youth.birth_date.isoformat(), "grade": grade}
        database.dispose()
        return data, {"school": enrollment.school_id, "czn": self.czn_id}

    def rows(self, statement) -> list:
        database = create_engine(self.url)
        with Session(database) as session:
            found = list(session.scalars(statement))
        database.dispose()
        return found


def _generate_region(url: str) -> tuple[tuple[str, str, str], list[str]]:
    WIRING.upgrade(url)
    database = create_engine(url)
    with Session(database) as session:
        generate(session, seed=7, youths=200)
        session.commit()
        ids = (session.scalar(select(CznOffice.id).order_by(CznOffice.id)),
               session.scalar(select(Employer.id).order_by(Employer.id)),
               session.scalar(select(EduOrg.id).order_by(EduOrg.id)))
        codes = list(session.scalars(select(Programme.okso_code).where(Programme.edu_org_id == ids[2])
                                     .order_by(Programme.okso_code).limit(2)))
    database.dispose()
    return ids, codes


def generate_region(url: str) -> tuple[tuple[str, str, str], list[str]]:
    WIRING.upgrade(url)
    database = create_engine(url)
    with Session(database) as session:
        generate(session, seed=7, youths=200)
        session.commit()
        ids = (session.scalar(select(CznOffice.id).order_by(CznOffice.id)),
               session.scalar(select(Employer.id).order_by(Employer.id)),
               session.scalar(select(EduOrg.id).order_by(EduOrg.id)))
        codes = list(session.scalars(select(Programme.okso_code).where(Programme.edu_org_id == ids[2])
                                     .order_by(Programme.okso_code).limit(2)))
    database.dispose()
    return ids, codes


def applied(task) -> dict:
    application = task.data["application"]
    return {"enrolled": True, "edu_org_id": application["edu_org_id"], "okso_code": application["programme_code"],
            "funding": "budget"}
