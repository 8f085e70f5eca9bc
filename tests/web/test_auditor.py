"""The auditors' workbench: timelines with diffs, time travel on the diagram, verification, logging of
every look at personal data, and an auditor who cannot change anything."""
from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import func, select, update

from engine.store.models import AuditEvent, HumanTask, ProcessInstance
from web.security import AUDITOR_ALLOWED_POSTS

from .conftest import csrf_token, login, open_task, post, start_visit


@pytest.fixture
def auditor(client, make_user):
    make_user("audit", role="auditor", org_kind="region", org_id="region")
    login(client, "audit")
    return client


@pytest.fixture
def visit(engine):
    instance_id = start_visit(engine, "youth-1", youth_name="Петров Пётр")
    task = open_task(engine, instance_id)
    engine.claim(task.id, "ivanova")
    engine.complete(task.id, {"year_summary": "Итоги подведены", "grade": 9, "hours_done": 12}, actor="ivanova")
    return instance_id


def viewed(engine, instance_id):
    return [(e.actor, e.payload["view"]) for e in engine.audit_events(instance_id) if e.kind == "audit_viewed"]


def test_instance_history_shows_timeline_diffs_and_the_executed_path(engine, auditor, visit):
    page = auditor.get(f"/audit/instances/{visit}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for expected in ("Маршрут начат", "Форма заполнена", "Задача взята", "Шаг выполнения", "ivanova",
                     "Итоги подведены", "Петров Пётр", "Проверить целостность журнала"):
        assert expected in text, expected
    assert re.search(r"«Часов профориентации за год» — добавлено:\s*<ins>12</ins>", text), "fields by their labels"
    assert "<code>grade</code>" not in text and "Служебных значений изменено: 2" in text
    assert "Запись журнала" in text and "&#34;year_summary&#34;: &#34;Итоги подведены&#34;" in text, "raw, toggled"
    assert "instance_history" not in text.split("<tbody>")[-1].split("<details")[0]
    assert 'data-state="done"' in text and 'data-flows=\'{"f1": 1' in text
    last = engine.audit_events(visit)[-1]
    assert (last.kind, last.actor, last.payload["view"]) == ("audit_viewed", "audit", "instance_history")
    assert f"Состояние после события {last.seq} из {last.seq}" in text, "the look itself is on the record"


def test_timeline_shows_options_by_their_labels_and_yes_or_no(engine, auditor):
    task = open_task(engine, start_visit(engine, "youth-2", youth_name="Орлова Мария"))
    engine.claim(task.id, "ivanova")
    engine.complete(task.id, {"hours_done": 40, "career_intent": "spo", "diagnostics_done": True,
                              "wants_temp_job": False}, actor="ivanova")
    text = auditor.get(f"/audit/instances/{task.instance_id}").get_data(as_text=True)
    timeline = text.split("<tbody>")[-1]
    assert re.search(r"«Планы после школы» — добавлено:\s*<ins>Колледж / техникум \(СПО\)</ins>", timeline)
    assert re.search(r"«Пройдена профдиагностика» — добавлено:\s*<ins>Да</ins>", timeline)
    assert re.search(r"«Нужна временная занятость в свободное от учёбы время» — добавлено:\s*<ins>Нет</ins>",
                     timeline)
    visible = re.sub(r"<details.*?</details>", "", timeline, flags=re.S)
    assert ">spo<" not in visible and ">true<" not in visible


def test_time_travel_moves_the_state_and_the_diagram(engine, auditor, visit):
    first_step = next(e.seq for e in engine.audit_events(visit) if e.kind == "step")
    text = auditor.get(f"/audit/instances/{visit}?seq={first_step}").get_data(as_text=True)
    assert f"Состояние после события {first_step} из" in text
    assert 'aria-current="step"' in text
    assert "Подведение итогов учебного года · Школа" in text, "the form is open at that point"
    assert 'data-state="waiting"' in text
    assert f"/events.json?seq={first_step}" in text, "the diagram's events stop at that point too"
    start = auditor.get(f"/audit/instances/{visit}?seq=1").get_data(as_text=True)
    assert "Состояние после события 1 из" in start and 'data-state="done"' not in start
    assert 'type="range"' in start and 'rel="next"' in start
    assert len(viewed(engine, visit)) == 2, "each look is logged"


def test_youth_timeline_merges_routes_and_logs_each_one(engine, auditor, visit):
    second = start_visit(engine, "youth-1", youth_name="Петров Пётр")
    text = auditor.get("/audit/youth/youth-1").get_data(as_text=True)
    assert text.count("Маршрут начат") == 2
    assert viewed(engine, visit) == [("audit", "youth_timeline")]
    assert viewed(engine, second) == [("audit", "youth_timeline")]
    found = auditor.get("/audit/find?q=Петров").headers["Location"]
    assert found.endswith("/audit/?name=" + quote("Петров"))
    assert auditor.get(f"/audit/find?q={visit}").headers["Location"].endswith(f"/audit/instances/{visit}")


def test_verify_button_reports_an_intact_and_a_damaged_log(engine, auditor, visit):
    text = auditor.get(f"/audit/verify?instance={visit}").get_data(as_text=True)
    assert "Журнал цел" in text
    with engine.db.write() as session, session.begin():
        session.execute(update(AuditEvent).where(AuditEvent.instance_id == visit, AuditEvent.seq == 2)
                        .values(actor="mallory"))
    damaged = auditor.get("/audit/verify").get_data(as_text=True)
    assert "Журнал повреждён" in damaged and "Запись изменена" in damaged and visit in damaged
    assert "содержимое не совпадает со своим хешем (событие «Задача открыта»)" in damaged


def test_workbench_is_for_auditors_and_admins_only(engine, client, make_user, visit):
    make_user("ivanova", groups=("school",))
    login(client, "ivanova")
    for path in ("/audit/", f"/audit/instances/{visit}", "/audit/youth/youth-1", "/audit/verify"):
        assert client.get(path).status_code == 403, path
    assert viewed(engine, visit) == []


def test_unknown_instance_is_a_404(auditor):
    assert auditor.get("/audit/instances/00000000-0000-0000-0000-000000000000").status_code == 404


def _state(engine):
    with engine.db.read() as session:
        return (session.scalar(select(func.count()).select_from(AuditEvent)),
                sorted(session.execute(select(ProcessInstance.id, ProcessInstance.status, ProcessInstance.version))),
                sorted(session.execute(select(HumanTask.id, HumanTask.status, HumanTask.assignee))))


def test_an_auditor_cannot_change_anything(app, engine, auditor, visit):
    task = open_task(engine, start_visit(engine, "youth-2"))
    before = _state(engine)
    token = csrf_token(auditor, "/inbox/")
    values = {"instance_id": visit, "task_id": task.id, "youth_id": "youth-1", "action": "cancel"}
    refused = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint == "auth.login" or rule.endpoint in AUDITOR_ALLOWED_POSTS:
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: values.get(m.group(1), "x"), rule.rule)
        response = auditor.post(path, data={"csrf_token": token, "name": "x", "reason": "x"})
        assert response.status_code in (401, 403), (rule.rule, response.status_code)
        refused += 1
    assert refused >= 10
    assert {"auth.logout", "main.set_locale", "main.profile"} >= AUDITOR_ALLOWED_POSTS, \
        "only the session, the language and the person's own display settings"
    assert _state(engine) == before
    assert post(auditor, "/logout").status_code == 302


def test_replay_button_shows_a_match_or_the_first_divergence(engine, auditor, visit):
    text = auditor.get(f"/audit/instances/{visit}").get_data(as_text=True)
    assert f"/audit/instances/{visit}/replay" in text
    ok = auditor.get(f"/audit/instances/{visit}/replay").get_data(as_text=True)
    assert "Результат совпадает с сохранённым состоянием" in ok
    with engine.db.write() as session, session.begin():
        form = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == visit,
                                                        AuditEvent.kind == "task_completed")).one()
        session.execute(update(AuditEvent).where(AuditEvent.id == form.id).values(
            payload={**form.payload, "data": {**form.payload["data"], "grade": 11}}))
    diverged = auditor.get(f"/audit/instances/{visit}/replay").get_data(as_text=True)
    assert "Первое расхождение" in diverged and "данные: year_result.grade" in diverged
    assert ("audit", "replay") in viewed(engine, visit)


def test_unknown_youth_and_unknown_chain(auditor):
    assert "Маршрутов этого молодого человека нет." in auditor.get("/audit/youth/nobody").get_data(as_text=True)
    assert auditor.get("/audit/verify?instance=no-such-instance").status_code == 404


def test_called_processes_the_route_went_through_get_their_own_diagram():
    from datetime import UTC, datetime
    from pathlib import Path

    from engine.audit.timetravel import HistoricState
    from engine.parsing.definition_index import definition_index
    from web.route_map import process_maps

    processes = Path(__file__).resolve().parents[2] / "processes"
    files = {name: (processes / name).read_bytes() for name in ("graduate_routing.bpmn", "individual_plan.bpmn")}
    index = definition_index(files)
    inside_plan = "individual_plan_opened"
    assert index.processes[inside_plan] == "sub_individual_plan"
    state = HistoricState(seq=5, at=datetime(2026, 9, 1, tzinfo=UTC), kind="step", status="active", data={},
                          active=(), open_tasks=(), completed={inside_plan: 1}, flows={})
    drawn = process_maps(index, "proc_graduate_routing", completed=state.completed, active=state.active,
                         flows=state.flows)
    assert [m.title for m in drawn] == ["Маршрутизация выпускника", "Сопровождение по индивидуальному плану"]
    assert [[mark.element_id for mark in m.elements] for m in drawn] == [[], [inside_plan]]


def test_index_filters_by_process_and_status_and_pages(engine, auditor, visit):
    start_visit(engine, "youth-2", youth_name="Орлова Мария")
    everything = auditor.get("/audit/").get_data(as_text=True)
    assert "Петров Пётр" in everything and "Орлова Мария" in everything
    assert "youth-1" not in everything.split("<tbody>")[1].replace("/audit/youth/youth-1", ""), "names, not ids"
    running = auditor.get("/audit/?process=web_visit&status=active").get_data(as_text=True)
    assert "Орлова Мария" in running and "Петров Пётр" not in running, "the completed visit is filtered out"
    assert "<a " not in auditor.get("/audit/?status=cancelled").get_data(as_text=True).split("<tbody>")[1]
    assert 'rel="next"' not in everything
    assert auditor.get("/audit/?page=abc&status=bogus").status_code == 200


def test_search_by_surname_organisation_and_period(engine, auditor, visit):
    start_visit(engine, "youth-2", youth_name="Нестерова Анна", school="school-002")
    found = auditor.get("/audit/?name=нестерова").get_data(as_text=True).split("<tbody>")[1]
    assert "Нестерова Анна" in found and "Петров" not in found, "a surname in any case"
    assert "версия 1 от" in found, "versions as people read them"
    by_school = auditor.get("/audit/?org=school:school-001").get_data(as_text=True).split("<tbody>")[1]
    assert "Петров Пётр" in by_school and "Нестерова" not in by_school
    tomorrow = (engine.clock.now() + timedelta(days=1)).date().isoformat()
    later = auditor.get(f"/audit/?since={tomorrow}&status=active").get_data(as_text=True).split("<tbody>")[1]
    assert "Нестерова" in later, "a route still going on overlaps any later period"
    assert "Петров" not in later
    before = auditor.get("/audit/?until=2000-01-01").get_data(as_text=True)
    assert "Маршрутов нет" in before
    bad = auditor.get("/audit/?since=вчера&until=2026-01-01&since=x")
    assert bad.status_code == 200 and "не распознана" in bad.get_data(as_text=True)
    reversed_period = auditor.get("/audit/?since=2026-02-01&until=2026-01-01").get_data(as_text=True)
    assert "Конец периода раньше его начала" in reversed_period


def test_export_streams_the_routes_the_search_finds(engine, auditor, visit):
    start_visit(engine, "youth-2", youth_name="Нестерова Анна")
    page = auditor.get("/audit/?name=Петров").get_data(as_text=True)
    assert "/audit/export.xes?name=" in page and "/audit/export.csv?name=" in page
    xes = auditor.get("/audit/export.xes?name=петров")
    assert xes.status_code == 200 and xes.is_streamed and xes.mimetype == "application/xml"
    assert "attachment" in xes.headers["Content-Disposition"]
    body = xes.get_data(as_text=True)
    assert body.count("<trace>") == 1 and visit in body and "Подведение итогов учебного года" in body
    csv_text = auditor.get("/audit/export.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0].startswith("case_id,business_key") and "youth-1" in csv_text
    assert "youth-2" not in auditor.get("/audit/export.csv?name=Петров").get_data(as_text=True)
    assert auditor.get("/audit/export.pdf").status_code == 404


def test_replay_says_what_it_reexecuted_and_compared(engine, auditor, visit):
    events = engine.audit_events(visit)
    steps = sum(1 for e in events if e.kind == "step")
    text = auditor.get(f"/audit/instances/{visit}/replay").get_data(as_text=True)
    assert f"Воспроизведено шагов: {steps} из {steps}" in text
    assert "шагами не являются" in text and "«Задача открыта» — 1" in text
    assert "Подведение итогов учебного года" in text, "steps by their elements"
    assert "Что сравнивалось" in text and "открытые задачи, таймеры и ожидаемые сообщения" in text
    assert visit not in text.replace(f"/audit/instances/{visit}", ""), "no ids on the page"
