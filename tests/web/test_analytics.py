"""The analytics dashboard: waiting times computed by hand, the engine's reads on routes moved by a manual
clock, the registry figures of the hand-built region on the page and in CSV / XLSX, and the scope rule."""
from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from engine import Engine, ManualClock, TaskWait
from tests.domain.analytics_region import seed_region
from tests.web.conftest import PROCESSES, login, start_visit
from web.analytics.waits import percentile, wait_rows

START = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)


def _wait(element: str, hours: float | None, due_hours: float | None = None) -> TaskWait:
    return TaskWait("proc", element, f"Задача {element}", START,
                    START + timedelta(hours=hours) if hours is not None else None,
                    START + timedelta(hours=due_hours) if due_hours is not None else None)


def test_waiting_time_median_90th_percentile_and_overdue_share():
    now = START + timedelta(hours=100)
    waits = [_wait("a", hours, due_hours=5) for hours in (1, 2, 3, 4, 6, 7, 8, 9, 10)] + [_wait("a", None, 5)]
    waits += [_wait("b", 1), _wait("b", 3)]
    slow, fast = wait_rows(waits, now)
    assert (slow.element_id, slow.tasks, slow.open, slow.median_hours, slow.p90_hours) == ("a", 10, 1, 6.5, 10.0)
    assert slow.overdue_share == 0.6  # 6, 7, 8, 9, 10 hours and the open one are past the 5-hour due date
    assert (fast.median_hours, fast.p90_hours, fast.overdue_share) == (2.0, 3.0, 0.0)
    assert (slow.heat, fast.heat) == (4, 1)
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.9) == 9.0
    assert percentile([], 0.9) == 0.0


@pytest.fixture
def clock():
    return ManualClock(START)


@pytest.fixture
def engine(migrated_url, clock):
    engine = Engine(migrated_url, clock=clock)
    engine.deploy([PROCESSES], actor="test")
    yield engine
    engine.close()


@pytest.fixture
def region(migrated_url):
    seed_region(migrated_url)


@pytest.fixture
def visits(engine, clock):
    """Three visits at 06:00: school-001's done after 2 and 10 hours, school-002's still open at 30 hours."""
    first, second = start_visit(engine, "youth-1"), start_visit(engine, "youth-2")
    start_visit(engine, "youth-3", school="school-002")
    for instance_id, hours in ((first, 2), (second, 8)):
        clock.advance(timedelta(hours=hours))
        [task] = engine.tasks(instance_id=instance_id)
        engine.complete(task.id, {"year_result": {"passed": True}}, actor="test")
    clock.advance(timedelta(hours=20))


def test_the_engine_reads_waits_and_stage_reach_by_period_and_organisation(engine, visits):
    waits = engine.analytics.task_waits()
    assert sorted(((w.completed_at or START) - w.created_at).total_seconds() / 3600 for w in waits) == [0, 2, 10]
    assert len(engine.analytics.task_waits(org=("school", "school-002"))) == 1
    assert engine.analytics.task_waits(since=START + timedelta(days=1)) == []
    reached = engine.analytics.subjects_reached(process_keys=["web_visit"], milestone_ids=["results_recorded"])
    assert reached == {"web_visit": {"youth-1", "youth-2", "youth-3"}, "results_recorded": {"youth-1", "youth-2"}}
    own = engine.analytics.subjects_reached(process_keys=["web_visit"], milestone_ids=[], org=("school", "school-001"))
    assert own == {"web_visit": {"youth-1", "youth-2"}}


def test_an_analyst_sees_the_region_and_filters_by_a_college(client, make_user, region, visits):
    login(client, make_user("ana", role="analyst", org_kind="region", org_id="region"))
    page = client.get("/analytics/").get_data(as_text=True)
    assert "Аналитика маршрутов" in page and "Весь регион." in page
    assert "50,0 %" in page  # 2 of 4 observed graduates employed within 24 months
    assert "Иванова Анна" in page and "Колледж Б" in page
    assert "Подведение итогов учебного года" in page  # the worst bottleneck, by its Russian name
    assert 'data-element="year_results" data-heat="4"' in page
    narrowed = client.get("/analytics/?org=college-b").get_data(as_text=True)
    assert "Организация: Колледж Б." in narrowed and "0,0 %" in narrowed and "Колледж А" not in narrowed.split(
        'id="an-kpi"')[1].split("</section>")[0]
    refused = client.get("/analytics/?org=nowhere&since=2025-13-01").get_data(as_text=True)
    assert "Такой организации нет" in refused and "не распознана" in refused


def test_every_table_downloads_as_csv_and_xlsx(client, make_user, region, visits):
    login(client, make_user("ana", role="analyst", org_kind="region", org_id="region"))
    csv = client.get("/analytics/export/employment.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.get_data().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Колледж / вуз;Программа;Год выпуска")
    assert lines[1] == "Колледж А;15.02.16 " + lines[1].split(";")[1].split(" ", 1)[1] + ";2025;3;2;66,7 %;33,3 %;нет"
    xlsx = client.get("/analytics/export/curators.xlsx?org=college-a")
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert [cell.value for cell in sheet[1]] == ["Куратор", "Сопровождает", "Предел", "Сверх предела"]
    assert sheet.max_row == 1  # no curator belongs to college A
    whole = load_workbook(io.BytesIO(client.get("/analytics/export/waits.xlsx").get_data())).active
    assert whole["E2"].value == 10.0 and whole["F2"].value == 30.0 and whole["G2"].number_format == "0.0%"
    assert client.get("/analytics/export/nothing.csv").status_code == 404
    assert client.get("/analytics/export/funnel.pdf").status_code == 404


def test_an_operator_sees_only_their_own_organisation(client, make_user, region, visits):
    login(client, make_user("school1", role="operator", org_kind="school", org_id="school-001"))
    page = client.get("/analytics/?org=college-b").get_data(as_text=True)
    assert "Организация:" in page and 'id="an-org"' not in page
    assert "Трудоустройство выпускников" not in page  # a school has no graduates' registry rows
    funnel = client.get("/analytics/export/waits.csv").get_data().decode("utf-8-sig").splitlines()
    assert funnel[1].split(";")[2:4] == ["2", "0"]  # two tasks, both of school-001's visits


def test_auditors_have_no_dashboard(client, make_user):
    login(client, make_user("aud", role="auditor", org_kind="region", org_id="region"))
    assert client.get("/analytics/").status_code == 403


def test_the_heatmap_diagram_is_the_latest_bpmn_file(client, make_user, engine):
    login(client, make_user("ana", role="analyst", org_kind="region", org_id="region"))
    response = client.get("/analytics/diagram/web_visit.bpmn")
    assert response.status_code == 200 and b'userTask id="year_results"' in response.get_data()
    assert client.get("/analytics/diagram/nothing.bpmn").status_code == 404


def test_the_bar_chart_is_svg_with_escaped_labels_and_the_goal_line():
    from web.analytics.charts import Bar, bar_chart

    svg = str(bar_chart([Bar("Колледж <А>", 0.5, "50,0 %", "warn"), Bar("Б" * 60, 1.0, "100,0 %")],
                        title="Доля", scale=1.0, goal=0.8, goal_text="цель 80 %"))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "style" not in svg
    assert "Колледж &lt;А&gt;" in svg and "<А>" not in svg
    assert 'width="180.0"' in svg and 'width="360.0"' in svg  # half and full of the 360-wide bar
    assert 'x1="588.0"' in svg and "цель 80 %" in svg  # the goal at 80 % of the bar, after the 300 of labels
    assert "Б" * 35 + "…" in svg
