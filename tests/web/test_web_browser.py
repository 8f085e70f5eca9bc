"""Headless Chromium (Debian's, driven by Playwright) against the app served on a loopback port:
sign in, claim, submit a form with an error, correct it, complete; another school's task is refused.
Screenshots go to PROFROUTE_SCREENSHOTS_DIR when set (docs/screenshots/ holds the committed ones)."""
from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 - the browser modules import them from here
from tests.web.conftest import PASSWORD, open_task, start_visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/setup-test.sh)"),
]


@pytest.fixture
def live_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def backend() -> str:
    """SQLite only: these tests drive the pages, and the views' queries run on both databases in the tests of
    the views (tests/web/test_web_*.py and the access matrix)."""
    return "sqlite"


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": 1360, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def screenshot(page, name: str) -> None:
    folder = os.environ.get("PROFROUTE_SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def sign_in(page, base: str, login: str) -> None:
    page.goto(f"{base}/inbox/")
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{base}/inbox/")


def test_operator_claims_fixes_the_form_and_completes(engine, make_user, live_url, page):
    make_user("ivanova")
    for number, name in enumerate(["Петров Пётр Ильич", "Орлова Мария Сергеевна", "Ким Алексей Олегович"]):
        start_visit(engine, f"youth-{number}", youth_name=name)
    errors: list[str] = []  # script errors and CSP refusals; the form page's own 422 status is expected
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and "status of 422" not in message.text else None)

    sign_in(page, live_url, "ivanova")
    expect(page.get_by_text("Найдено 3 задачи")).to_be_visible()
    screenshot(page, "inbox")

    page.evaluate("window.sameDocument = true")
    page.get_by_label("Кого касается (начало ФИО или названия)").fill("орл")
    page.get_by_label("Кого касается (начало ФИО или названия)").press("Enter")
    expect(page.get_by_text("Найдена 1 задача")).to_be_visible()  # htmx swapped the results in place
    expect(page).to_have_url(re.compile(r"/inbox/\?.*youth=%D0%BE%D1%80%D0%BB"))  # and pushed the filter URL
    assert page.evaluate("window.sameDocument === true")
    page.goto(f"{live_url}/inbox/")

    page.get_by_role("link", name="Петров Пётр Ильич").first.click()
    page.wait_for_url(f"{live_url}/youth/youth-0")
    page.go_back()
    page.get_by_role("row", name="Петров Пётр Ильич").get_by_role("link").first.click()
    page.get_by_role("button", name="Взять в работу").click()
    expect(page.get_by_text("Задача взята в работу.")).to_be_visible()

    page.get_by_label("Часов профориентации за год").fill("500")
    page.get_by_role("button", name="Завершить задачу").click()
    expect(page.get_by_text("Исправьте ошибки в форме.")).to_be_visible()
    expect(page.get_by_text("Значение должно быть не больше 300.")).to_be_visible()
    expect(page.get_by_label("Часов профориентации за год")).to_have_value("500")
    screenshot(page, "task-form")

    page.get_by_label("Часов профориентации за год").fill("45")
    page.get_by_label("Вуз (ВО)").check()
    page.get_by_role("button", name="Завершить задачу").click()
    page.wait_for_url(f"{live_url}/inbox/")
    expect(page.get_by_text("Задача завершена.")).to_be_visible()
    expect(page.get_by_text("Найдено 2 задачи")).to_be_visible()
    assert errors == []


def test_youth_route_page_and_keyboard_skip_link(engine, make_user, live_url, page):
    make_user("ivanova")
    instance_id = start_visit(engine, "youth-1", youth_name="Петров Пётр Ильич")
    task = open_task(engine, instance_id)
    engine.claim(task.id, "ivanova")
    engine.complete(task.id, {"hours_done": 50, "career_intent": "spo"}, "ivanova")
    waiting_id = start_visit(engine, "youth-1", youth_name="Петров Пётр Ильич")
    sign_in(page, live_url, "ivanova")

    page.goto(f"{live_url}/youth/youth-1")
    expect(page.get_by_role("heading", name="Этапы маршрута")).to_be_visible()
    expect(page.locator(".route-timeline").get_by_text("Итоги года подведены")).to_be_visible()
    screenshot(page, "youth-route")

    page.goto(f"{live_url}/instances/{waiting_id}")
    expect(page.locator("figure.route-diagram-ready")).to_have_count(1)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Перейти к содержимому"


def test_route_diagram_in_the_viewer_zooms_and_shows_an_elements_events(engine, make_user, live_url, page):
    make_user("ivanova")
    instance_id = start_visit(engine, "youth-1", youth_name="Петров Пётр Ильич")
    errors: list[str] = []  # script errors and CSP refusals
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in(page, live_url, "ivanova")

    page.goto(f"{live_url}/instances/{instance_id}")
    figure = page.locator("figure.route-diagram-ready")
    expect(figure.locator(".djs-element.pr-done[data-element-id='start']")).to_have_count(1)
    expect(figure.locator(".djs-element.pr-waiting[data-element-id='year_results']")).to_have_count(1)
    expect(figure.locator(".djs-element.pr-done[data-element-id='f1']")).to_have_count(1)
    label_height = figure.locator("[data-element-id='year_results'] text").first.bounding_box()["height"]
    assert label_height >= 10, "labels are readable at the default zoom"
    screenshot(page, "route-diagram")

    viewport = figure.locator(".djs-container svg > .viewport")
    before = viewport.get_attribute("transform")
    figure.get_by_role("button", name="Увеличить").click()
    assert viewport.get_attribute("transform") != before
    figure.get_by_role("button", name="Вся схема").click()
    expect(figure.locator("[data-element-id='end']")).to_be_in_viewport()

    figure.locator(".djs-element[data-element-id='year_results']").click()
    events = figure.locator(".route-events")
    expect(events.get_by_role("heading", name="Подведение итогов учебного года")).to_be_visible()
    expect(events.get_by_text("Задача открыта")).to_be_visible()

    figure.get_by_text("Элементы маршрута списком").click()
    figure.get_by_role("button", name="Конец учебного года").click()
    expect(events.get_by_role("heading", name="Конец учебного года")).to_be_visible()
    assert errors == []


def test_route_page_without_javascript_lists_the_elements(engine, make_user, live_url, chromium):
    make_user("ivanova")
    instance_id = start_visit(engine, "youth-1", youth_name="Петров Пётр Ильич")
    context = chromium.new_context(locale="ru-RU", java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_url, "ivanova")
    page.goto(f"{live_url}/instances/{instance_id}")
    items = page.locator(".route-elements li")
    expect(items.filter(has_text="Подведение итогов учебного года")).to_contain_text("ожидает")
    expect(items.filter(has_text="Конец учебного года")).to_contain_text("выполнен")
    expect(page.locator(".route-canvas")).to_be_hidden()
    context.close()


def test_another_schools_task_is_refused_in_the_browser(engine, make_user, live_url, page):
    make_user("other", org_id="school-002")
    task = open_task(engine, start_visit(engine, "youth-1", "school-001"))
    sign_in(page, live_url, "other")
    response = page.goto(f"{live_url}/tasks/{task.id}")
    assert response.status == 403
    expect(page.get_by_role("heading", name="403 · Доступ запрещён")).to_be_visible()


def test_completed_task_shows_the_submitted_form_read_only(engine, make_user, live_url, page):
    make_user("ivanova")
    task = open_task(engine, start_visit(engine, "youth-1", youth_name="Петров Пётр Ильич"))
    engine.claim(task.id, "ivanova")
    engine.complete(task.id, {"hours_done": 52, "career_intent": "spo"}, "ivanova")
    sign_in(page, live_url, "ivanova")

    page.goto(f"{live_url}/tasks/{task.id}")
    submitted = page.locator("section.submitted-form")
    expect(submitted.get_by_text(re.compile(r"Заполнил\(а\) Сотрудник ivanova, \d\d\.\d\d\.\d{4}"))).to_be_visible()
    expect(submitted.get_by_label("Часов профориентации за год")).to_have_value("52")
    expect(submitted.get_by_label("Часов профориентации за год")).to_be_disabled()
    expect(page.get_by_role("button", name="Завершить задачу")).to_have_count(0)
    screenshot(page, "completed-task")


def test_admin_blocks_a_user_after_confirming_and_picks_an_organisation_by_name(engine, make_user, live_url, page):
    make_user("boss", role="admin", org_kind="region", org_id="region")
    make_user("ivanova")
    page.goto(f"{live_url}/login")
    page.get_by_label("Логин").fill("boss")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{live_url}/admin/users")
    row = page.get_by_role("row", name=re.compile("Сотрудник ivanova"))
    expect(row.get_by_text("активен")).to_be_visible()
    page.get_by_label("Поиск организации по названию").fill("регион")
    expect(page.locator("#organisation option:not([hidden])")).to_have_count(1)
    screenshot(page, "admin-users")

    row.get_by_role("link", name=re.compile("Заблокировать")).click()
    expect(page.get_by_role("heading", name="Заблокировать пользователя Сотрудник ivanova?")).to_be_visible()
    page.get_by_role("button", name="Заблокировать").click()
    expect(page.get_by_text("Пользователь заблокирован.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Сотрудник ivanova")).get_by_text("заблокирован")).to_be_visible()
