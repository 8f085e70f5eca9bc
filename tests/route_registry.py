"""A small registry for route-start tests (two schools with a pupil each, one employment centre), and the row
count of every table, to show that a refused start writes nothing."""
from __future__ import annotations

from datetime import date

from sqlalchemy import MetaData, create_engine, func, select
from sqlalchemy.orm import Session

from domain.models import CznOffice, Region, School, SchoolEnrollment, Youth
from domain.reference_data.loader import load_reference_data


def seed_two_schools(url: str) -> None:
    """pupil-1 «Лебедева Ева» (grade 8, school-001) and pupil-2 «Орлов Максим» (grade 9, school-002)."""
    database = create_engine(url)
    with Session(database) as session:
        load_reference_data(session)
        session.add(Region(code="99", name_ru="Тестовый регион"))
        session.flush()
        session.add_all([School(id="school-001", name="Школа № 1", region_code="99"),
                         School(id="school-002", name="Школа № 2", region_code="99"),
                         CznOffice(id="czn-001", name="ЦЗН города", region_code="99"),
                         Youth(id="pupil-1", last_name="Лебедева", first_name="Ева", sex="f",
                               birth_date=date(2012, 3, 4), region_code="99"),
                         Youth(id="pupil-2", last_name="Орлов", first_name="Максим", sex="m",
                               birth_date=date(2011, 6, 1), region_code="99")])
        session.flush()
        session.add_all([
            SchoolEnrollment(youth_id="pupil-1", school_id="school-001", school_year="2026/2027", grade=8),
            SchoolEnrollment(youth_id="pupil-2", school_id="school-002", school_year="2026/2027", grade=9)])
        session.commit()
    database.dispose()


def row_counts(url: str) -> dict[str, int]:
    """Rows in every table of the database: engine, registries and web."""
    database = create_engine(url)
    metadata = MetaData()
    metadata.reflect(database)
    with database.connect() as connection:
        counts = {name: connection.scalar(select(func.count()).select_from(table))
                  for name, table in metadata.tables.items()}
    database.dispose()
    return counts
