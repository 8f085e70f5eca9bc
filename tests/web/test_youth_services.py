"""The youth's card shows what the registries recorded as provided: services and the vacancies offered."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from domain.models import Employer, ServiceRecord, Vacancy, VacancyOffer
from tests.route_registry import seed_two_schools
from tests.web.conftest import login

OFFERED = datetime(2027, 3, 2, 6, 0, tzinfo=UTC)


def seed_services(url: str) -> None:
    seed_two_schools(url)
    database = create_engine(url)
    with Session(database) as session:
        session.add(Employer(id="employer-001", name="АО «Станкозавод»", okved="28.41", region_code="99"))
        session.flush()
        session.add(Vacancy(id="vacancy-001", employer_id="employer-001", title="Оператор станков с ЧПУ",
                            region_code="99"))
        session.flush()
        session.add_all([
            ServiceRecord(youth_id="pupil-1", service_code="vacancy_search", provider_lane="ecp",
                          reference="ecp-search-1", provided_at=OFFERED, details={"okso_code": "15.02.16"}),
            ServiceRecord(youth_id="pupil-1", service_code="employer_in_attestation", provider_lane="edu_org",
                          employer_id="employer-001", reference="enr-1", provided_at=OFFERED, details={}),
            VacancyOffer(youth_id="pupil-1", vacancy_id="vacancy-001", employer_id="employer-001",
                         offered_at=OFFERED, last_offered_at=OFFERED, times_offered=2, rank=1, reasons=[],
                         status="offered"),
        ])
        session.commit()
    database.dispose()


def test_the_card_lists_the_services_provided_and_the_vacancies_offered(engine, migrated_url, client, make_user):
    seed_services(migrated_url)
    make_user("school1", groups=("school",))
    login(client, "school1")
    page = client.get("/youth/pupil-1").get_data(as_text=True)
    assert "Оказанные услуги" in page
    assert "Сохранённый поиск вакансий на ЕЦП «Работа в России»" in page
    assert "Работодатель в комиссии итоговой аттестации: АО «Станкозавод»" in page
    assert "Оператор станков с ЧПУ — АО «Станкозавод»" in page and "предложена раз: 2" in page
    assert "vacancy_search" not in page, "no raw codes on the card"


def test_a_youth_without_records_says_so(engine, migrated_url, client, make_user):
    seed_two_schools(migrated_url)
    make_user("school1", groups=("school",))
    login(client, "school1")
    page = client.get("/youth/pupil-1").get_data(as_text=True)
    assert "Услуги ещё не оказывались." in page and "Вакансии ещё не предлагались." in page
