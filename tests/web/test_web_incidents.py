"""Incidents in the open: the banner on the route and youth pages, the history's causes, and the
administrators' «Инциденты» page with its filters, paging, actions, confirmations and refusals."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from domain.models import Region, School
from engine import Engine
from engine.audit.replay import replay
from engine.audit.verify import verify
from engine.parsing import bundle
from engine.store.models import AuditEvent, HumanTask, ProcessInstance
from profroute.wiring import SEARCH_ATTRIBUTES
from tests.web.conftest import login, post, start_visit
from tests.web.incidents_support import INCIDENT_PROCESS, VALID_RESULTS, JobRegistry, start_failing_route
from web.admin import incident_service
from web.db import session_factory

LOOPS = Path(__file__).parents[1] / "engine" / "fixtures" / "loops"
CAUSE = "В данных маршрута нет значения «wants_temp_job»"


@pytest.fixture
def registry():
    return JobRegistry()


@pytest.fixture
def web_handlers(registry):
    return {"test.register_job": registry}


@pytest.fixture
def extra_processes():
    return [INCIDENT_PROCESS]


@pytest.fixture
def admin(client, make_user):
    make_user("boss", role="admin", org_kind="region", org_id="region")
    login(client, "boss")
    return client


def add_schools(app, *schools: tuple[str, str]) -> None:
    with session_factory(app)() as session:
        session.add(Region(code="99", name_ru="Тестовый регион"))
        session.flush()
        session.add_all(School(id=school_id, name=name, region_code="99") for school_id, name in schools)
        session.commit()


def state(engine):
    with engine.db.read() as session:
        return (session.scalar(select(func.count()).select_from(AuditEvent)),
                sorted(session.execute(select(ProcessInstance.id, ProcessInstance.version, ProcessInstance.status))),
                sorted(session.execute(select(HumanTask.id, HumanTask.status))))


def incident_of(engine, instance_id):
    [incident] = [item for item in engine.incidents(instance_id) if item.status != "resolved"]
    return incident


def test_the_route_and_youth_pages_show_the_cause_in_words(engine, client, make_user):
    make_user("ivanova")
    instance_id = start_failing_route(engine)
    login(client, "ivanova")
    page = client.get(f"/instances/{instance_id}").get_data(as_text=True)
    banner = page.split('class="alert alert-danger incident-banner"')[1].split("</div>")[0]
    assert "Маршрут остановлен на шаге «Запрос временной занятости»" in banner
    assert CAUSE in banner and "Попыток: 1." in banner and "Следующий повтор:" in banner
    assert "register_job" not in banner and "NameError" not in page, "no ids, no raw error for operators"
    history = page.split('id="history-title"')[1]
    assert f"Инцидент: {CAUSE}" in history
    youth = client.get("/youth/youth-1").get_data(as_text=True)
    assert "«Временная занятость (тест)» остановлен на шаге «Запрос временной занятости»" in youth
    assert CAUSE in youth


def test_the_next_retry_is_shown_in_the_users_time_zone(app, engine, admin):
    instance_id = start_failing_route(engine)
    incident = incident_of(engine, instance_id)
    with session_factory(app)() as session:
        from web.models import User
        session.scalar(select(User).where(User.login == "boss")).timezone = "Asia/Yekaterinburg"
        session.commit()
    page = admin.get(f"/instances/{instance_id}").get_data(as_text=True)
    local = incident.next_retry_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Yekaterinburg"))
    assert f"Следующий повтор: {local:%d.%m.%Y, %H:%M}" in page
    assert "<summary>Техническая ошибка</summary>" in page and "NameError" in page, "admins see the raw error"


def test_only_admins_reach_the_incidents_page_and_its_actions(engine, client, make_user):
    instance_id = start_failing_route(engine)
    incident = incident_of(engine, instance_id)
    for login_name, role in (("ivanova", "operator"), ("analyst", "analyst"), ("auditor", "auditor")):
        make_user(login_name, role=role, **({} if role == "operator" else {"org_kind": "region", "org_id": "region"}))
        login(client, login_name)
        assert client.get("/admin/incidents").status_code == 403
        assert client.get(f"/admin/incidents/{incident.id}/send-back").status_code == 403
        assert post(client, f"/admin/incidents/{incident.id}/retry").status_code == 403
        assert post(client, f"/admin/instances/{instance_id}/cancel", {"reason": "x"}).status_code == 403
        assert "/admin/incidents" not in client.get("/inbox/").get_data(as_text=True)
        post(client, "/logout")
    assert engine.instance(instance_id).status == "active"


def test_the_incidents_page_lists_names_and_filters(app, engine, admin):
    add_schools(app, ("school-001", "Школа № 1"), ("school-002", "Лицей № 2"))
    first = start_failing_route(engine, "youth-1", "school-001", "Орлова Мария Сергеевна")
    start_failing_route(engine, "youth-2", "school-002", "Ким Алексей Олегович")
    start_visit(engine, "youth-3")
    page = admin.get("/admin/incidents").get_data(as_text=True)
    assert "Найдено: 2." in page and 'href="/admin/incidents"' in page
    table = page.split("<tbody>")[1]
    assert "Орлова Мария Сергеевна" in table and "Ким Алексей Олегович" in table
    assert "Временная занятость (тест)" in table and "«Запрос временной занятости»" in table
    assert "Школа № 1" in table and "Лицей № 2" in table and CAUSE in table
    assert first not in re.sub(r'href="[^"]*"|action="[^"]*"', "", table), "ids only in links"
    only = admin.get("/admin/incidents?org=school:school-002").get_data(as_text=True).split("<tbody>")[1]
    assert "Ким Алексей Олегович" in only and "Орлова" not in only
    assert "Найдено: 0." in admin.get("/admin/incidents?age=1d").get_data(as_text=True)
    assert "Найдено: 0." in admin.get("/admin/incidents?process=web_visit").get_data(as_text=True)
    assert "Найдено: 2." in admin.get("/admin/incidents?operation=test.register_job").get_data(as_text=True)
    post(admin, "/locale", {"locale": "en", "next": "/inbox/"})
    english = admin.get("/admin/incidents").get_data(as_text=True)
    assert "Routes of the region stopped by a failed step. Found: 2." in english
    assert "The route data has no value “wants_temp_job”" in english and "Retry now" in english
    post(admin, "/locale", {"locale": "ru", "next": "/inbox/"})
    for junk in ("?page=-1", "?page=abc", "?org=nope", "?org=school:", "?age=forever", "?operation=%00", "?process=x"):
        response = admin.get(f"/admin/incidents{junk}")
        assert response.status_code == 200 and "Найдено: 2." in response.get_data(as_text=True), junk


def test_the_incidents_page_pages(engine, admin, monkeypatch):
    monkeypatch.setattr(incident_service, "PAGE_SIZE", 2)
    for number in range(3):
        start_failing_route(engine, f"youth-{number}", youth_name=f"Ученик {number}")
    first = admin.get("/admin/incidents").get_data(as_text=True)
    assert "Ученик 0" in first and "Ученик 1" in first and "Ученик 2" not in first
    assert 'href="/admin/incidents?page=2"' in first
    second = admin.get("/admin/incidents?page=2").get_data(as_text=True)
    assert "Ученик 2" in second and "Ученик 0" not in second and "?page=3" not in second


def test_retry_now_runs_the_step_again_and_reports_what_happened(engine, admin, registry):
    instance_id = start_failing_route(engine)
    incident = incident_of(engine, instance_id)
    again = post(admin, f"/admin/incidents/{incident.id}/retry", follow_redirects=True).get_data(as_text=True)
    assert f"Повтор не удался: {CAUSE}" in again
    assert incident_of(engine, instance_id).attempts == 2
    assert [e.actor for e in engine.audit_events(instance_id) if e.kind == "retry"] == ["boss"]
    history = admin.get(f"/instances/{instance_id}").get_data(as_text=True).split('id="history-title"')[1]
    assert "Повтор шага по решению администратора" in history
    gone = post(admin, "/admin/incidents/no-such/retry")
    assert gone.status_code == 404 and "Не найдено" in gone.get_data(as_text=True)


def test_send_back_asks_for_a_reason_then_reopens_the_task_for_the_operator(engine, client, make_user, registry):
    make_user("ivanova")
    make_user("boss", role="admin", org_kind="region", org_id="region")
    instance_id = start_failing_route(engine)
    incident = incident_of(engine, instance_id)
    login(client, "boss")
    confirm = client.get(f"/admin/incidents/{incident.id}/send-back").get_data(as_text=True)
    assert '<option value="year_results" >Подведение итогов учебного года</option>' in confirm
    before = state(engine)
    refused = post(client, f"/admin/incidents/{incident.id}/send-back", {"element_id": "year_results", "reason": "  "})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert re.search(r'id="reason-errors">\s*<div class="invalid-feedback d-block">Укажите причину', text)
    forged = post(client, f"/admin/incidents/{incident.id}/send-back", {"element_id": "register_job", "reason": "Да"})
    assert forged.status_code == 422 and "На эту задачу вернуть нельзя" in forged.get_data(as_text=True)
    assert state(engine) == before

    done = post(client, f"/admin/incidents/{incident.id}/send-back",
                {"element_id": "year_results", "reason": "Не указана временная занятость"})
    assert done.status_code == 303 and done.headers["Location"] == f"/instances/{instance_id}"
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Маршрут возвращён на задачу «Подведение итогов учебного года»" in page
    assert "incident-banner" not in page
    assert "Возврат на задачу: Не указана временная занятость" in page.split('id="history-title"')[1]
    [moved] = [e for e in engine.audit_events(instance_id) if e.kind == "sent_back"]
    assert (moved.actor, moved.payload["reason"]) == ("boss", "Не указана временная занятость")
    post(client, "/logout")

    login(client, "ivanova")
    [task] = engine.tasks(instance_id=instance_id)
    assert task.element_id == "year_results" and task.id in client.get("/inbox/").get_data(as_text=True)
    post(client, f"/tasks/{task.id}/claim")
    assert post(client, f"/tasks/{task.id}/complete", VALID_RESULTS).status_code == 303
    assert registry.calls == [(True, 12)]
    assert engine.instance(instance_id).status == "completed"
    with engine.db.read() as session:
        assert replay(session, instance_id).ok and verify(session).ok
    post(client, "/logout")
    login(client, "boss")
    closed = client.get(f"/admin/incidents/{incident.id}/send-back", follow_redirects=True)
    assert "Инцидент уже закрыт" in closed.get_data(as_text=True)


def test_cancel_and_suspend_need_a_confirmed_reason(engine, admin):
    instance_id = start_failing_route(engine)
    detail = admin.get(f"/instances/{instance_id}").get_data(as_text=True)
    assert f'href="/admin/instances/{instance_id}/cancel"' in detail
    assert f'href="/admin/instances/{instance_id}/suspend"' in detail
    for action in ("cancel", "suspend"):
        page = admin.get(f"/admin/instances/{instance_id}/{action}").get_data(as_text=True)
        assert 'name="reason"' in page and CAUSE in page
        before = state(engine)
        empty = post(admin, f"/admin/instances/{instance_id}/{action}", {"reason": ""})
        assert empty.status_code == 422 and "Укажите причину" in empty.get_data(as_text=True)
        assert state(engine) == before
    post(admin, f"/admin/instances/{instance_id}/suspend", {"reason": "Ждём ответа школы"})
    assert engine.instance(instance_id).status == "suspended"
    assert admin.get(f"/admin/instances/{instance_id}/nope").status_code == 404
    post(admin, f"/admin/instances/{instance_id}/cancel", {"reason": "Дубликат маршрута"})
    assert engine.instance(instance_id).status == "cancelled"
    assert [e.payload for e in engine.audit_events(instance_id) if e.kind == "cancelled"] == [
        {"reason": "Дубликат маршрута"}]
    assert "Открытых инцидентов нет" in admin.get("/admin/incidents").get_data(as_text=True)
    again = post(admin, f"/admin/instances/{instance_id}/cancel", {"reason": "ещё раз"}, follow_redirects=True)
    assert "маршрут уже не активен" in again.get_data(as_text=True)
    assert admin.get("/admin/instances/no-such/cancel").status_code == 404


def test_forms_without_a_csrf_token_are_refused(engine, admin):
    instance_id = start_failing_route(engine)
    incident = incident_of(engine, instance_id)
    assert admin.post(f"/admin/incidents/{incident.id}/retry").status_code == 400
    assert admin.post(f"/admin/instances/{instance_id}/cancel", data={"reason": "x"}).status_code == 400
    assert engine.instance(instance_id).status == "active" and incident_of(engine, instance_id).attempts == 1


def test_an_incident_of_the_whole_route_is_shown_and_not_retried(app, engine, admin):
    """The watchdog's kind of incident (a route that waits for nothing) has no failed step."""
    import uuid
    from datetime import UTC, datetime

    from engine.store.models import Incident

    instance_id = start_visit(engine, "youth-7", youth_name="Лебедева Ева")
    with engine.db.write() as session, session.begin():
        session.add(Incident(id=str(uuid.uuid4()), instance_id=instance_id, task_id="", element_id=None,
                             operation=None, error_type="Stalled", error="route waits for nothing", attempts=1,
                             status="waiting_admin", next_retry_at=None, created_at=datetime.now(UTC)))
        session.get(ProcessInstance, instance_id).has_incident = True
    incident = incident_of(engine, instance_id)
    page = admin.get(f"/instances/{instance_id}").get_data(as_text=True)
    assert "Маршрут остановлен на шаге «маршрут в целом»" in page
    assert "Маршрут ничего не ожидает" in page and "нужен администратор" in page
    listed = admin.get("/admin/incidents").get_data(as_text=True)
    assert "Лебедева Ева" in listed and f"/admin/incidents/{incident.id}/retry" not in listed
    refused = post(admin, f"/admin/incidents/{incident.id}/retry", follow_redirects=True)
    assert refused.status_code == 200 and "касается маршрута в целом" in refused.get_data(as_text=True)
    assert incident_of(engine, instance_id).attempts == 1


def test_a_route_the_watchdog_found_stalled_is_on_the_incidents_page(engine, admin, migrated_url, monkeypatch):
    """A loop stalled as before issue 17's fix (a cold engine without the parser's connection): the stalling
    step opened the watchdog's incident, and the administrators see it in words, filterable by its operation."""
    engine.deploy([LOOPS], actor="test")
    monkeypatch.setattr(bundle, "connect_loops", lambda spec: None)
    cold = Engine(migrated_url, cold=True, search_attributes=SEARCH_ATTRIBUTES)
    try:
        instance_id = cold.start("checkpoints", {"years": [2026, 2027], "youth_name": "Орлова Нина"},
                                 business_key="youth-9", org={"czn": "czn-1"})
        [task] = cold.tasks(instance_id=instance_id, status="open")
        cold.complete(task.id, {"result": "done"}, actor="curator")
    finally:
        cold.close()
    incident = incident_of(engine, instance_id)
    assert (incident.error_type, incident.operation) == ("Stalled", "engine.watchdog")
    listed = admin.get("/admin/incidents?operation=engine.watchdog").get_data(as_text=True)
    assert "Орлова Нина" in listed and "Маршрут ничего не ожидает" in listed
    assert f"/admin/incidents/{incident.id}/retry" not in listed
