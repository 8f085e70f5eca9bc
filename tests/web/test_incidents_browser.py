"""Headless Chromium: an administrator finds a failed route on «Инциденты», sends it back to the user task
with a reason (an empty reason is refused next to the field), an operator corrects the form and completes
it, and the route goes on. Screenshots of the page and the banner go to PROFROUTE_SCREENSHOTS_DIR."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.incidents_support import INCIDENT_PROCESS, JobRegistry, start_failing_route
from tests.web.test_web_browser import CHROMIUM, backend, live_url, page, screenshot, sign_in  # noqa: F401 - fixtures
from tests.web.test_web_incidents import add_schools

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/setup-test.sh)"),
]


@pytest.fixture
def registry():
    return JobRegistry()


@pytest.fixture
def web_handlers(registry):
    return {"test.register_job": registry}


@pytest.fixture
def extra_processes():
    return [INCIDENT_PROCESS]


def sign_out(page) -> None:  # noqa: F811 - the fixture's page object
    page.get_by_role("button", name="Выйти").click()


def test_admin_sends_a_failed_route_back_and_the_operator_finishes_it(app, engine, make_user, registry,
                                                                        live_url, page):  # noqa: F811
    add_schools(app, ("school-001", "Школа № 1"), ("school-002", "Лицей № 2"))
    make_user("ivanova")
    make_user("boss", role="admin", org_kind="region", org_id="region")
    instance_id = start_failing_route(engine, "youth-1", "school-001", "Орлова Мария Сергеевна")
    start_failing_route(engine, "youth-2", "school-002", "Ким Алексей Олегович")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and "status of 422" not in message.text else None)

    sign_in(page, live_url, "boss")
    page.get_by_role("navigation").get_by_role("link", name="Инциденты").click()
    expect(page.get_by_role("heading", name="Инциденты")).to_be_visible()
    expect(page.get_by_text("Найдено: 2.")).to_be_visible()
    page.get_by_label("Организация").select_option(label="Школа № 1")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_text("Найдено: 1.")).to_be_visible()
    page.get_by_role("link", name="Сбросить").click()
    screenshot(page, "incidents")

    row = page.get_by_role("row", name=re.compile("Орлова Мария Сергеевна"))
    expect(row.get_by_text("В данных маршрута нет значения «wants_temp_job»")).to_be_visible()
    row.get_by_role("link", name="Временная занятость (тест)").click()
    banner = page.locator(".incident-banner")
    expect(banner.get_by_role("heading")).to_have_text("Маршрут остановлен на шаге «Запрос временной занятости»")
    banner.locator("summary").click()
    expect(banner.get_by_text("NameError", exact=False)).to_be_visible()
    screenshot(page, "incident-banner")

    banner.get_by_role("link", name="Действия с инцидентом").click()
    page.get_by_role("link", name="Вернуть на задачу…").click()
    expect(page.get_by_label("Вернуть на задачу")).to_have_value("year_results")
    page.get_by_role("button", name="Подтвердить").click()
    expect(page.locator("#reason-errors")).to_have_text("Укажите причину: она попадёт в журнал аудита.")
    page.get_by_label("Причина").fill("Не указано, нужна ли временная занятость")
    page.get_by_role("button", name="Подтвердить").click()
    page.wait_for_url(f"{live_url}/instances/{instance_id}")
    expect(page.get_by_text("Маршрут возвращён на задачу «Подведение итогов учебного года»")).to_be_visible()
    expect(page.locator(".incident-banner")).to_have_count(0)
    sign_out(page)

    sign_in(page, live_url, "ivanova")
    page.get_by_role("row", name=re.compile("Орлова Мария Сергеевна")).get_by_role("link").first.click()
    page.get_by_role("button", name="Взять в работу").click()
    page.get_by_label("Часов профориентации за год").fill("12")
    page.get_by_label("Колледж / техникум (СПО)").check()
    page.get_by_label("Нужна временная занятость в свободное от учёбы время").check()
    page.get_by_role("button", name="Завершить задачу").click()
    page.wait_for_url(f"{live_url}/inbox/")
    expect(page.get_by_text("Задача завершена.")).to_be_visible()

    assert registry.calls == [(True, 12)]
    assert engine.instance(instance_id).status == "completed"
    assert errors == []
