"""The analysts' version pages without a browser: the migration page's mapping, dry run, batches and result,
the compare page's list of changes by label, and the decision tables compared row by row."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.conftest import login, post
from tests.web.versions_support import routes_on_version_1
from web.versions.diffing import dmn_changes

SCORE_BAND = Path(__file__).parents[1] / "engine" / "fixtures" / "sandbox" / "score_band.dmn"
PEOPLE = (("intake", "Орлова Мария"), ("choose", "Петров Илья"), ("meet", "Сидорова Анна"))


@pytest.fixture
def routes(engine):
    return routes_on_version_1(engine, PEOPLE)


@pytest.fixture
def analyst(client, make_user):
    make_user("analyst1", role="analyst", org_kind="region", org_id="region")
    login(client, "analyst1")
    return client


def visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_page_lists_removed_steps_by_label_and_who_can_move(analyst, routes):
    page = analyst.get("/versions/migrate?process=moves&source=1&target=2").get_data(as_text=True)
    assert "Шаги, которых нет в версии 2" in page
    assert re.search(r'<select[^>]*name="map-choose"', page), "a select for the removed step"
    assert "Итоговая встреча с куратором</option>" in page and "Отчёт о сопровождении</option>" in page
    row = re.search(r"<td>Петров Илья</td>(.*?)</tr>", page, re.S).group(1)
    assert "Подбор программы" in row and "нет в новой версии" in row
    assert "можно перенести" in re.search(r"<td>Орлова Мария</td>(.*?)</tr>", page, re.S).group(1)
    assert "Перенести маршруты: 2" in page
    assert not set(re.findall(r"\b(?:choose|intake|meet)\b", visible(page))), "no element ids on screen"


def test_the_mapping_then_the_batches_move_every_route(analyst, routes, engine, app):
    page = analyst.get("/versions/migrate?process=moves&source=1&target=2&map-choose=meet").get_data(as_text=True)
    assert "Перенести маршруты: 3" in page
    ids = re.findall(r'name="instance" value="([^"]+)"', page)
    assert sorted(ids) == sorted(routes.values())
    app.config["VERSIONS_BATCH"] = 2
    started = post(analyst, "/versions/migrate/run",
                   {"process": "moves", "source": "1", "target": "2", "map-choose": "meet", "instance": ids})
    assert started.status_code == 200 and "Перенесено 0 из 3" in started.get_data(as_text=True)
    form = {"process": "moves", "source": "1", "target": "2", "map-choose": "meet", "pending": ids}
    first = post(analyst, "/versions/migrate/batch", form, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Перенесено 2 из 3" in first and 'hx-trigger="load' in first
    pending = re.findall(r'name="pending" value="([^"]+)"', first)
    moved = re.findall(r'name="moved" value="([^"]+)"', first)
    assert len(pending) == 1 and len(moved) == 2
    last = post(analyst, "/versions/migrate/batch", {**form, "pending": pending, "moved": moved}).get_data(as_text=True)
    assert "Перенос завершён: перенесено 3, осталось на прежней версии 0." in last
    assert all(f"<td>{name}</td>" in last for _, name in PEOPLE)
    target = engine.definitions("moves")[-1].id
    for instance_id in routes.values():
        assert engine.instance(instance_id).definition_id == target
        assert engine.replay(instance_id).ok and engine.verify(instance_id).ok
    [event] = [e for e in engine.audit_events(routes["Петров Илья"]) if e.kind == "migrated"]
    assert event.actor == "analyst1" and event.payload["mapping"] == {"choose": "meet"}


def test_the_route_history_and_the_auditors_timeline_name_the_move(client, make_user, routes, engine):
    engine.migrate("moves", 1, 2, {"choose": "meet"}, actor="analyst1")
    make_user("auditor1", role="auditor", org_kind="region", org_id="region")
    login(client, "auditor1")
    page = visible(client.get(f"/audit/instances/{routes['Петров Илья']}").get_data(as_text=True))
    assert "Маршрут перенесён на другую версию процесса" in page
    assert "С версии 1 на версию 2" in page
    assert "Сопоставление: Подбор программы → Итоговая встреча с куратором" in page


def test_a_tampered_post_is_refused_and_nothing_moves(analyst, routes, engine):
    assert post(analyst, "/versions/migrate/run", {"process": "moves", "source": "1", "target": "1"}).status_code == 400
    empty = post(analyst, "/versions/migrate/run", {"process": "moves", "source": "1", "target": "2"})
    assert empty.status_code == 422 and "Нет маршрутов для переноса." in empty.get_data(as_text=True)
    stray = post(analyst, "/versions/migrate/batch", {"process": "moves", "source": "1", "target": "2",
                                                      "pending": ["no-such-route"]})
    assert stray.status_code == 400
    assert {engine.instance(i).definition_id for i in routes.values()} == {engine.definitions("moves")[0].id}


def test_workers_may_not_open_the_version_pages(client, make_user, routes):
    make_user("school1", role="operator")
    login(client, "school1")
    assert client.get("/versions/migrate?process=moves").status_code == 403
    assert client.get("/versions/compare?process=moves").status_code == 403


def test_compare_lists_changes_by_label(analyst, routes):
    page = analyst.get("/versions/compare?process=moves&source=1&target=2").get_data(as_text=True)
    rows = {re.sub(r"\s+", " ", visible(row)).strip()
            for row in re.findall(r"<tr class=\"compare-row.*?</tr>", page, re.S)}
    assert "Подбор программы удалён" in rows
    assert "Отчёт о сопровождении добавлен" in rows
    assert "Итоговая встреча с куратором изменён Название Итоговая встреча Итоговая встреча с куратором" in rows
    assert "Срок выполнения P3D P5D" in rows
    assert "переход «Первичная беседа» → «Итоговая встреча с куратором» добавлен" in rows
    assert 'src="/static/build/compare.js"' in page
    assert not set(re.findall(r"\b(?:choose|intake|meet|f_\w+)\b", visible(page))), "no element ids on screen"
    diagram = analyst.get("/versions/diagram/moves/1.bpmn")
    assert diagram.status_code == 200 and b'id="choose"' in diagram.data
    assert analyst.get("/versions/diagram/moves/9.bpmn").status_code == 404


def test_decision_rules_are_compared_row_by_row():
    old = SCORE_BAND.read_bytes()
    new = (old.replace(b"&gt;= 70", b"&gt;= 75")
           .replace(b'<rule id="rule_low">', b'<rule id="rule_mid"><inputEntry id="m_in"><text>&gt;= 40</text>'
                    b'</inputEntry><outputEntry id="m_out"><text>"mid"</text></outputEntry></rule>'
                    b'<rule id="rule_low">'))
    changes = [(c.row, c.change, [(cell.before, cell.after) for cell in c.cells]) for c in dmn_changes(old, new)]
    assert changes == [(1, "changed", [(">= 70", ">= 75")]), (2, "added", [])]
    assert [(c.row, c.change) for c in dmn_changes(new, old)] == [(1, "changed"), (2, "removed")]
