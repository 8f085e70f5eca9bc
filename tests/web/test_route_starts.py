"""Starting a youth's route from the youth page and the API: the registries decide whose pupil it is, and a
refused start (foreign organisation, unknown youth, the route already running) writes nothing."""
from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, select

from domain.models import SchoolEnrollment
from domain.route_starts import SCHOOL_ROUTE
from engine import Engine
from handlers.registry import REGISTRY
from profroute.wiring import SEARCH_ATTRIBUTES
from tests.route_registry import row_counts, seed_two_schools
from tests.web.conftest import login, post
from web.db import session_factory
from web.models import User
from web.tokens import issue_token

PROCESSES = Path(__file__).resolve().parents[2] / "processes"


@pytest.fixture
def engine(migrated_url):
    """The real school route with the real handlers, over a registry of two schools with a pupil each."""
    engine = Engine(migrated_url, handlers=REGISTRY, search_attributes=SEARCH_ATTRIBUTES)
    engine.deploy([PROCESSES], actor="test")
    seed_two_schools(migrated_url)
    yield engine
    engine.close()


@pytest.fixture
def bearer(app, make_user):
    def issue(user_login: str, **user) -> dict[str, str]:
        make_user(user_login, **user)
        with session_factory(app)() as session:
            token = issue_token(session, session.scalars(select(User).filter_by(login=user_login)).one(), "test")
            session.commit()
        return {"Authorization": f"Bearer {token}"}

    return issue


def school_of(url: str, youth_id: str) -> list[str]:
    database = create_engine(url)
    with database.connect() as connection:
        found = list(connection.scalars(
            select(SchoolEnrollment.school_id).where(SchoolEnrollment.youth_id == youth_id)))
    database.dispose()
    return found


def api_start(client, headers, youth_id: str):
    return client.post("/api/v1/instances", headers=headers, json={"process_key": SCHOOL_ROUTE, "youth_id": youth_id})


def test_a_school_cannot_take_over_another_schools_pupil_through_the_api(app, engine, client, bearer,
                                                                          migrated_url):
    """Issue 16: school-001's token started the school route for school-002's pupil (201), the route moved the
    pupil to school-001, and from then on school-001 saw the pupil."""
    headers = bearer("school1")
    before = row_counts(migrated_url)
    response = api_start(client, headers, "pupil-2")
    assert response.status_code == 403 and response.json["error"] == "organisation"
    assert "Орлов Максим" in response.json["message"] and "pupil-2" not in response.json["message"]
    engine.run_due()
    assert school_of(migrated_url, "pupil-2") == ["school-002"]
    assert row_counts(migrated_url) == before
    login(client, "school1")
    assert client.get("/youth/pupil-2").status_code == 403


def test_the_api_starts_the_route_of_an_own_pupil_with_the_registrys_data(engine, client, bearer, migrated_url):
    response = api_start(client, bearer("school1"), "pupil-1")
    assert response.status_code == 201
    body = response.json
    assert body["org"] == {"school": "school-001", "czn": "czn-001"} and body["youth_name"] == "Лебедева Ева"
    instance = engine.instance(body["id"])
    assert (instance.data["birth_date"], instance.data["grade"]) == ("2012-03-04", 8)
    assert [incident.error for incident in engine.incidents(instance.id)] == []
    engine.run_due()
    assert school_of(migrated_url, "pupil-1") == ["school-001"]


def test_start_data_in_the_request_is_refused(engine, client, bearer, migrated_url):
    headers = bearer("school1")
    before = row_counts(migrated_url)
    response = client.post("/api/v1/instances", headers=headers,
                           json={"process_key": SCHOOL_ROUTE, "youth_id": "pupil-1",
                                 "data": {"org": {"school": "school-002"}}})
    assert response.status_code == 400 and response.json["fields"] == {"data": ["Неизвестное поле."]}
    assert row_counts(migrated_url) == before


def test_an_employment_centre_starts_routes_of_its_territory_and_a_region_admin_any(engine, client, bearer):
    own_centre = bearer("czn", org_kind="czn", org_id="czn-001", groups=("czn",))
    assert api_start(client, own_centre, "pupil-1").status_code == 201
    assert api_start(client, bearer("czn-far", org_kind="czn", org_id="czn-009", groups=("czn",)),
                     "pupil-2").status_code == 403
    admin = bearer("boss", role="admin", org_kind="region", org_id="region")
    assert api_start(client, admin, "pupil-2").status_code == 201


REFUSALS = [
    pytest.param("pupil-2", 403, "organisation", "Орлов Максим не относится к вашей организации", id="foreign"),
    pytest.param("nobody", 404, "subject", "Такого молодого человека нет в реестрах", id="unknown"),
    pytest.param("pupil-1", 409, "running",
                 "Маршрут «Профориентация школьника (6–11 классы)» для Лебедева Ева уже идёт с", id="running"),
]


@pytest.mark.parametrize(("youth_id", "status", "reason", "message"), REFUSALS)
def test_a_refused_api_start_writes_nothing(engine, client, bearer, migrated_url, youth_id, status, reason,
                                           message):
    headers = bearer("school1")
    assert api_start(client, headers, "pupil-1").status_code == 201
    before = row_counts(migrated_url)
    response = api_start(client, headers, youth_id)
    assert (response.status_code, response.json["error"]) == (status, reason)
    assert message in response.json["message"]
    assert row_counts(migrated_url) == before
    assert len(engine.instances(process_key=SCHOOL_ROUTE)) == 1


STARTERS = [
    pytest.param({"role": "analyst", "org_kind": "region", "org_id": "region"}, {}, 403, "forbidden", id="analyst"),
    pytest.param({"role": "auditor", "org_kind": "region", "org_id": "region"}, {}, 403, "forbidden", id="auditor"),
    pytest.param({"org_kind": "employer", "org_id": "employer-001"}, {}, 403, "lane", id="employer"),
    pytest.param({}, {"process_key": "nope"}, 404, "process", id="unknown-route"),
    pytest.param({}, {"youth_id": "pupil-3"}, 409, "grade", id="grade-3"),
    pytest.param({}, {"youth_id": "  "}, 404, "youth_id", id="blank-youth"),
]


@pytest.mark.parametrize(("user", "change", "status", "reason"), STARTERS)
def test_a_start_refused_for_the_person_route_or_grade_writes_nothing(engine, client, bearer, migrated_url, user,
                                                                       change, status, reason):
    from datetime import date

    from sqlalchemy.orm import Session

    from domain.models import Youth

    database = create_engine(migrated_url)
    with Session(database) as session:
        session.add(Youth(id="pupil-3", last_name="Зайцев", first_name="Иван", sex="m", birth_date=date(2018, 1, 9),
                          region_code="99"))
        session.flush()
        session.add(SchoolEnrollment(youth_id="pupil-3", school_id="school-001", school_year="2026/2027", grade=3))
        session.commit()
    database.dispose()
    headers = bearer("starter", **user)
    before = row_counts(migrated_url)
    response = client.post("/api/v1/instances", headers=headers,
                           json={"process_key": SCHOOL_ROUTE, "youth_id": "pupil-1", **change})
    assert (response.status_code, response.json["error"]) == (status, reason)
    assert response.json["message"] and response.json["fields"] == {}
    assert row_counts(migrated_url) == before
    assert engine.instances(process_key=SCHOOL_ROUTE) == []


@pytest.mark.parametrize(("youth_id", "status", "reason", "message"), REFUSALS)
def test_a_refused_start_from_the_youth_page_writes_nothing(engine, client, make_user, migrated_url, youth_id,
                                                           status, reason, message):
    make_user("school1", groups=("school",))
    login(client, "school1")
    assert post(client, "/instances/start", {"process_key": SCHOOL_ROUTE, "youth_id": "pupil-1"}).status_code == 303
    before = row_counts(migrated_url)
    page = post(client, "/instances/start", {"process_key": SCHOOL_ROUTE, "youth_id": youth_id},
                follow_redirects=True).get_data(as_text=True)
    assert message in page
    assert row_counts(migrated_url) == before
    assert len(engine.instances(process_key=SCHOOL_ROUTE)) == 1


def test_the_running_route_is_named_with_its_start_date(engine, client, make_user):
    make_user("school1", groups=("school",))
    login(client, "school1")
    post(client, "/instances/start", {"process_key": SCHOOL_ROUTE, "youth_id": "pupil-1"})
    [running] = engine.instances(business_key="pupil-1")
    page = post(client, "/instances/start", {"process_key": SCHOOL_ROUTE, "youth_id": "pupil-1"},
                follow_redirects=True).get_data(as_text=True)
    started = running.created_at.astimezone(ZoneInfo("Europe/Moscow"))
    assert f"уже идёт с {started:%d.%m.%Y}." in page, "the date in the user's time zone"


def test_a_school_starts_its_pupils_route_from_the_youth_page(engine, client, make_user, migrated_url):
    make_user("school1", groups=("school",))
    make_user("school2", org_id="school-002", groups=("school",))
    login(client, "school2")
    assert client.get("/youth/pupil-1").status_code == 403
    post(client, "/logout")
    login(client, "school1")
    page = client.get("/youth/pupil-1").get_data(as_text=True)
    assert "Лебедева Ева" in page and "Профориентация школьника (6–11 классы)" in page
    response = post(client, "/instances/start", {"process_key": SCHOOL_ROUTE, "youth_id": "pupil-1"})
    [instance] = engine.instances(business_key="pupil-1")
    assert response.status_code == 303 and response.headers["Location"] == f"/instances/{instance.id}"
    assert instance.org == {"school": "school-001", "czn": "czn-001"}
    assert instance.attributes["subject"] == "Лебедева Ева"
    assert (instance.data["birth_date"], instance.data["grade"]) == ("2012-03-04", 8)
    assert "Этапы ещё не пройдены." in page
    card = client.get("/youth/pupil-1").get_data(as_text=True)
    began = instance.created_at.astimezone(ZoneInfo("Europe/Moscow"))
    assert '<span class="stage-name fw-semibold">Обучение в школе</span>' in card
    assert f"· {began:%d.%m.%Y} — идёт" in card and "Этапы ещё не пройдены." not in card
    inbox = client.get("/inbox/?tab=all").get_data(as_text=True)
    assert "<td>Обучение в школе</td>" in inbox and 'href="/youth/pupil-1">Лебедева Ева</a>' in inbox
    task = engine.tasks(instance_id=instance.id)[0]
    task_page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Обучение в школе" in task_page and "Молодой человек" in task_page


def test_the_demo_starts_its_routes_by_the_rule_and_leaves_the_rest(engine, migrated_url):
    from datetime import date

    from sqlalchemy.orm import Session

    from domain.models import Youth
    from web.demo import start_demo_routes

    database = create_engine(migrated_url)
    with Session(database) as session:
        session.add(Youth(id="pupil-3", last_name="Зайцев", first_name="Иван", sex="m", birth_date=date(2018, 1, 9),
                          region_code="99"))
        session.flush()
        session.add(SchoolEnrollment(youth_id="pupil-3", school_id="school-001", school_year="2026/2027", grade=3))
        session.commit()
        started = start_demo_routes(engine, session, per_school=10)
        assert sorted(engine.instance(instance_id).business_key for instance_id in started) == [
            "practice-library-czn-001", "pupil-1", "pupil-2"], "grade 3 is below the school route"
        assert start_demo_routes(engine, session, per_school=10) == [], "a second demo run starts nothing twice"
    database.dispose()
