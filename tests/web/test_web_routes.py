"""The youth's route page, the instance page with its diagram, starting a route, admin actions."""
from __future__ import annotations

from tests.web.conftest import login, open_task, post, start_visit


def _complete(engine, instance_id):
    task = open_task(engine, instance_id)
    engine.claim(task.id, "ivanova")
    engine.complete(task.id, {"hours_done": 40, "career_intent": "vo"}, "ivanova")


def test_youth_route_shows_stages_with_dates_and_tasks(engine, client, make_user):
    make_user("ivanova")
    first = start_visit(engine, "youth-1")
    _complete(engine, first)
    start_visit(engine, "youth-1")
    login(client, "ivanova")
    page = client.get("/youth/youth-1").get_data(as_text=True)
    assert "Итоги года подведены" in page
    assert page.count("Подведение итогов учебного года") == 2
    assert "завершено" in page and "открыта" in page
    assert "Текущий этап" in page


def test_another_schools_youth_is_refused(engine, client, make_user):
    make_user("other", org_id="school-002")
    start_visit(engine, "youth-1", "school-001")
    login(client, "other")
    assert client.get("/youth/youth-1").status_code == 403
    assert client.get(f"/instances/{engine.instances(business_key='youth-1')[0].id}").status_code == 403


def test_unknown_youth_is_404(client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    assert client.get("/youth/nobody").status_code == 404


def test_instance_page_lists_done_and_waiting_elements_for_the_viewer(engine, client, make_user):
    make_user("ivanova")
    instance_id = start_visit(engine, "youth-1")
    login(client, "ivanova")
    page = client.get(f"/instances/{instance_id}").get_data(as_text=True)
    assert f'data-bpmn-url="/instances/{instance_id}/diagram/web_visit.bpmn"' in page
    assert 'data-element="start" data-state="done"' in page
    assert 'data-element="year_results" data-state="waiting"' in page
    assert "data-flows='{\"f1\": 1}'" in page
    assert "Маршрут начат" in page and "Подведение итогов учебного года" in page


def test_the_viewer_gets_the_deployed_bpmn_file_and_the_events_per_element(engine, client, make_user):
    make_user("ivanova")
    instance_id = start_visit(engine, "youth-1")
    _complete(engine, instance_id)
    login(client, "ivanova")
    bpmn = client.get(f"/instances/{instance_id}/diagram/web_visit.bpmn")
    assert bpmn.status_code == 200 and bpmn.mimetype == "application/xml"
    assert bpmn.data == engine.definition_files(engine.instance(instance_id).definition_id)["web_visit.bpmn"]
    assert client.get(f"/instances/{instance_id}/diagram/proc_other.bpmn").status_code == 404
    elements = client.get(f"/instances/{instance_id}/events.json").get_json()["elements"]
    year = elements["year_results"]
    assert year["label"] == "Подведение итогов учебного года"
    assert [event["text"] for event in year["events"]] == ["Задача открыта", "Задача взята", "Форма заполнена"]
    assert {event["actor"] for event in year["events"][1:]} == {"Сотрудник ivanova"}
    first_seq = year["events"][0]["seq"]
    early = client.get(f"/instances/{instance_id}/events.json?seq={first_seq}").get_json()["elements"]
    assert [event["seq"] for event in early["year_results"]["events"]] == [first_seq]


def test_the_viewers_files_and_events_follow_the_route_pages_scope(engine, client, make_user):
    make_user("other", org_id="school-002")
    instance_id = start_visit(engine, "youth-1", "school-001")
    login(client, "other")
    assert client.get(f"/instances/{instance_id}/diagram/web_visit.bpmn").status_code == 403
    assert client.get(f"/instances/{instance_id}/events.json").status_code == 403


def test_starting_an_unknown_process_is_refused_with_a_message(engine, client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    page = post(client, "/instances/start", {"process_key": "nope", "youth_id": "youth-9"},
                follow_redirects=True).get_data(as_text=True)
    assert "Выберите процесс из списка." in page
    assert engine.instances(business_key="youth-9") == []


def test_only_admins_cancel_routes(engine, client, make_user):
    make_user("ivanova")
    make_user("boss", role="admin", org_kind="region", org_id="region")
    instance_id = start_visit(engine, "youth-1")
    login(client, "ivanova")
    assert post(client, f"/admin/instances/{instance_id}/cancel", {"reason": "ошибка"}).status_code == 403
    assert post(client, f"/instances/{instance_id}/resume").status_code == 403
    post(client, "/logout")
    login(client, "boss")
    assert post(client, f"/instances/{instance_id}/cancel", {"reason": "ошибка"}).status_code in (404, 405), \
        "no one-click cancel: it goes through the confirmation page"
    assert post(client, f"/admin/instances/{instance_id}/cancel", {"reason": "ошибка"}).status_code == 303
    assert engine.instance(instance_id).status == "cancelled"


def test_instance_list_shows_the_organisations_routes_or_the_whole_region(engine, client, make_user):
    make_user("ivanova")
    make_user("analyst", role="analyst", org_kind="region", org_id="region")
    start_visit(engine, "youth-1", "school-001", youth_name="Петров Пётр")
    start_visit(engine, "youth-2", "school-002", youth_name="Сидорова Анна")
    login(client, "ivanova")
    own = client.get("/instances/").get_data(as_text=True)
    assert "Петров Пётр" in own and "Сидорова Анна" not in own
    post(client, "/logout")
    make_user("czn-op", org_kind="czn", org_id="czn-1")
    login(client, "czn-op")
    assert "Петров Пётр" not in client.get("/instances/").get_data(as_text=True)
    post(client, "/logout")
    login(client, "analyst")
    region = client.get("/instances/").get_data(as_text=True)
    assert "Петров Пётр" in region and "Сидорова Анна" in region


def test_an_auditors_look_at_a_route_is_written_to_the_audit_chain(engine, client, make_user):
    make_user("audit", role="auditor", org_kind="region", org_id="region")
    instance_id = start_visit(engine, "youth-1")
    login(client, "audit")
    assert client.get("/youth/youth-1").status_code == 200
    assert client.get(f"/instances/{instance_id}").status_code == 200
    views = [event.payload["view"] for event in engine.audit_events(instance_id) if event.kind == "audit_viewed"]
    assert views == ["youth_route", "instance"]


def test_the_school_route_is_refused_for_a_pupil_below_grade_6(app, engine, client, make_user):
    from datetime import date
    from pathlib import Path

    from domain.models import Region, School, SchoolEnrollment, Youth
    from handlers.registry import REGISTRY
    from web.db import session_factory

    processes = Path(__file__).resolve().parents[2] / "processes"
    engine.handlers.update(REGISTRY)
    engine.deploy([str(processes / "school_career_guidance.bpmn"), str(processes / "minor_working_hours.dmn")],
                  actor="test")
    with session_factory(app)() as session:
        session.add(Region(code="99", name_ru="Тестовый регион"))
        session.flush()
        session.add(School(id="school-001", name="Школа № 1", region_code="99"))
        session.add(Youth(id="youth-6", last_name="Орлов", first_name="Илья", sex="m",
                          birth_date=date(2017, 3, 4), region_code="99"))
        session.flush()
        session.add(SchoolEnrollment(youth_id="youth-6", school_id="school-001", school_year="2026/2027", grade=3))
        session.commit()
    make_user("ivanova")
    login(client, "ivanova")
    page = post(client, "/instances/start", {"process_key": "proc_school_career_guidance", "youth_id": "youth-6"},
                follow_redirects=True).get_data(as_text=True)
    assert "Маршрут профориентации школьника идёт с 6 по 11 класс" in page
    assert engine.instances(business_key="youth-6") == [], "nothing is started, so no incident later"
