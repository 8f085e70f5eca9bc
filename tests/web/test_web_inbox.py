"""Inbox: tabs, organisation scope, filters, sort, paging, saved filters, the htmx fragment."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.web.conftest import login, open_task, post, start_visit


@pytest.fixture
def signed_in(client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    return client


def test_groups_tab_lists_unassigned_tasks_of_my_school_only(engine, signed_in):
    start_visit(engine, "youth-1", "school-001", "Петров Пётр")
    start_visit(engine, "youth-2", "school-002", "Сидорова Анна")
    page = signed_in.get("/inbox/").get_data(as_text=True)
    assert "Петров Пётр" in page
    assert "Сидорова Анна" not in page
    assert "Найдена 1 задача" in page


def test_mine_tab_lists_what_i_claimed(engine, signed_in):
    first = open_task(engine, start_visit(engine, "youth-1", youth_name="Петров Пётр"))
    start_visit(engine, "youth-2", youth_name="Орлова Мария")
    engine.claim(first.id, "ivanova")
    mine = signed_in.get("/inbox/?tab=mine").get_data(as_text=True)
    assert "Петров Пётр" in mine and "Орлова Мария" not in mine
    groups = signed_in.get("/inbox/?tab=groups").get_data(as_text=True)
    assert "Петров Пётр" not in groups and "Орлова Мария" in groups
    every = signed_in.get("/inbox/?tab=all").get_data(as_text=True)
    assert "Петров Пётр" in every and "Орлова Мария" in every


def test_region_wide_roles_see_every_school(engine, client, make_user):
    start_visit(engine, "youth-1", "school-001", "Петров Пётр")
    start_visit(engine, "youth-2", "school-002", "Сидорова Анна")
    make_user("analyst", role="analyst", org_kind="region", org_id="region")
    login(client, "analyst")
    page = client.get("/inbox/?tab=all").get_data(as_text=True)
    assert "Петров Пётр" in page and "Сидорова Анна" in page


def test_youth_name_filter_matches_the_beginning_case_insensitively(engine, signed_in):
    start_visit(engine, "youth-1", youth_name="Петров Пётр")
    start_visit(engine, "youth-2", youth_name="Орлова Мария")
    page = signed_in.get("/inbox/?youth=орл").get_data(as_text=True)
    assert "Орлова Мария" in page and "Петров Пётр" not in page


def test_priority_and_due_filters(engine, signed_in):
    soon = open_task(engine, start_visit(engine, "youth-1", youth_name="Петров Пётр"))
    later = open_task(engine, start_visit(engine, "youth-2", youth_name="Орлова Мария"))
    now = datetime.now(UTC)
    engine.set_task_dates(soon.id, "ivanova", due_at=now - timedelta(hours=1), priority=1)
    engine.set_task_dates(later.id, "ivanova", due_at=now + timedelta(days=30), priority=4)
    overdue = signed_in.get("/inbox/?due=overdue").get_data(as_text=True)
    assert "Петров Пётр" in overdue and "Орлова Мария" not in overdue
    assert "просрочена" in overdue
    low = signed_in.get("/inbox/?priority=4").get_data(as_text=True)
    assert "Орлова Мария" in low and "Петров Пётр" not in low


def test_sort_by_priority_and_newest_first(engine, signed_in):
    first = open_task(engine, start_visit(engine, "youth-1", youth_name="Первый Ученик"))
    open_task(engine, start_visit(engine, "youth-2", youth_name="Второй Ученик"))
    engine.set_task_dates(first.id, "ivanova", priority=5)
    by_priority = signed_in.get("/inbox/?sort=priority").get_data(as_text=True)
    assert by_priority.index("Второй Ученик") < by_priority.index("Первый Ученик")
    newest = signed_in.get("/inbox/?sort=-created").get_data(as_text=True)
    assert newest.index("Второй Ученик") < newest.index("Первый Ученик")


def test_paging(app, engine, signed_in):
    app.config["INBOX_PAGE_SIZE"] = 2
    for number in range(5):
        start_visit(engine, f"youth-{number}", youth_name=f"Ученик {number}")
    first = signed_in.get("/inbox/").get_data(as_text=True)
    assert "Ученик 0" in first and "Ученик 1" in first and "Ученик 2" not in first
    assert "1 / 3" in first
    last = signed_in.get("/inbox/?page=3").get_data(as_text=True)
    assert "Ученик 4" in last and "Ученик 0" not in last
    beyond = signed_in.get("/inbox/?page=99").get_data(as_text=True)
    assert "Ученик 4" in beyond


def test_counts_stop_at_the_cap(app, engine, signed_in):
    app.config.update(INBOX_PAGE_SIZE=2, INBOX_COUNT_CAP=3)
    for number in range(5):
        start_visit(engine, f"youth-{number}", youth_name=f"Ученик {number}")
    first = signed_in.get("/inbox/").get_data(as_text=True)
    assert "Найдено более 3 задач" in first and "1 / 2+" in first and "page=2" in first
    assert [count.split("<")[0] for count in first.split('tab-count">')[1:]] == ["0", "3+", "3+"]
    second = signed_in.get("/inbox/?page=2").get_data(as_text=True)
    assert "Найдено более 4 задач" in second and "page=3" in second
    last = signed_in.get("/inbox/?page=3").get_data(as_text=True)
    assert "Найдено 5 задач" in last and "3 / 3" in last and "Ученик 4" in last


def test_bad_filter_values_get_messages_not_errors(engine, signed_in):
    start_visit(engine, "youth-1", youth_name="Петров Пётр")
    response = signed_in.get("/inbox/?priority=abc&due=yesterday&sort=evil&page=-3&tab=nope")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Приоритет — число от 1 до 5." in page and "Неизвестный срок." in page
    assert "Петров Пётр" in page


def test_htmx_request_gets_only_the_results_fragment(engine, signed_in):
    start_visit(engine, "youth-1", youth_name="Петров Пётр")
    response = signed_in.get("/inbox/?youth=Пет", headers={"HX-Request": "true", "HX-Target": "inbox-results"})
    fragment = response.get_data(as_text=True)
    assert "Петров Пётр" in fragment and "<html" not in fragment
    assert 'id="inbox-tabs" class="nav nav-tabs mb-3" hx-swap-oob="true"' in fragment  # counts follow the filter


def test_saved_filters_are_kept_per_user(client, make_user):
    make_user("ivanova")
    make_user("petrova")
    login(client, "ivanova")
    response = post(client, "/inbox/filters", {"name": "Срочные", "priority": "1", "due": "week", "tab": "all"})
    assert response.status_code == 302
    page = client.get("/inbox/").get_data(as_text=True)
    assert "Срочные" in page and "priority=1" in page and "due=week" in page
    post(client, "/logout")
    login(client, "petrova")
    assert "Срочные" not in client.get("/inbox/").get_data(as_text=True)


def test_saved_filter_needs_a_name_and_can_be_deleted(app, client, make_user):
    from sqlalchemy import select

    from web.db import session_factory
    from web.models import SavedFilter

    make_user("ivanova")
    make_user("petrova")
    login(client, "ivanova")
    post(client, "/inbox/filters", {"name": "  "})
    assert "Укажите название фильтра" in client.get("/inbox/").get_data(as_text=True)
    post(client, "/inbox/filters", {"name": "Мой", "youth": "Пет"})
    with session_factory(app)() as session:
        saved_id = session.scalar(select(SavedFilter.id))
    post(client, "/logout")
    login(client, "petrova")
    assert post(client, f"/inbox/filters/{saved_id}/delete").status_code == 404
    post(client, "/logout")
    login(client, "ivanova")
    assert post(client, f"/inbox/filters/{saved_id}/delete").status_code == 302
    assert "Мой" not in client.get("/inbox/").get_data(as_text=True).split("Сохранённые фильтры")[1]


def test_school_filter_lists_registry_schools_for_region_wide_roles_only(app, engine, client, make_user):
    from domain.models import Region, School
    from web.db import session_factory

    with session_factory(app)() as session:
        session.add(Region(code="99", name_ru="Тестовый регион"))
        session.flush()
        session.add(School(id="school-001", name="Школа № 1 имени Гагарина", region_code="99"))
        session.commit()
    make_user("ivanova")
    make_user("analyst", role="analyst", org_kind="region", org_id="region")
    login(client, "ivanova")
    own = client.get("/inbox/").get_data(as_text=True)
    assert 'id="f-school"' not in own and "Итоги учебного года (тест)" in own
    post(client, "/logout")
    login(client, "analyst")
    region = client.get("/inbox/").get_data(as_text=True)
    assert 'id="f-school"' in region and "Школа № 1 имени Гагарина" in region


def test_follow_up_dates_are_shown_and_marked_when_reached(engine, signed_in):
    reached = open_task(engine, start_visit(engine, "youth-1", youth_name="Петров Пётр"))
    engine.set_task_dates(reached.id, "ivanova", follow_up_at=datetime.now(UTC) - timedelta(minutes=5))
    page = signed_in.get("/inbox/").get_data(as_text=True)
    assert "напомнить:" in page and "follow-up-due" in page


def test_stage_filter_offers_the_map_stages_and_keeps_their_processes_tasks(engine, signed_in):
    """The test routes belong to no stage of the map: a stage filter leaves none of them."""
    start_visit(engine, "youth-2", youth_name="Орлова Мария")
    page = signed_in.get("/inbox/").get_data(as_text=True)
    assert '<option value="school" >Обучение в школе</option>' in page
    assert '<option value="employer" >Работодатель</option>' in page
    assert "Орлова Мария" in page
    for stage in ("school", "unknown"):
        filtered = signed_in.get(f"/inbox/?tab=all&stage={stage}").get_data(as_text=True)
        assert "Задач нет." in filtered
