"""The analysts' workbench in headless Chromium: an analyst opens a process in the modeller, changes a user
task's due duration in the properties panel, sees the problem of a service task whose operation was removed
from the registry, fixes it, walks the route with token simulation, saves and proposes; changes a decision
table's cell (saved as a draft) and opens a form in the form editor; an admin approves with a comment;
version 2 is deployed and a new route starts on it. No script error and no CSP refusal on the way."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.conftest import PASSWORD
from tests.web.incidents_support import INCIDENT_PROCESS, VALID_RESULTS, JobRegistry
from tests.web.test_analyst_documents import DMN_FILE, FIXTURES
from tests.web.test_web_browser import CHROMIUM, backend, live_url, page, screenshot  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/setup-test.sh)"),
]
PROCESS = "incident_visit"


@pytest.fixture
def web_handlers() -> dict:
    return {"test.register_job": JobRegistry(), "test.request_job": JobRegistry()}


@pytest.fixture
def extra_processes() -> list:
    return [INCIDENT_PROCESS, FIXTURES / "decision_visit.bpmn", FIXTURES / DMN_FILE]


def sign_in(page, base: str, login: str) -> None:  # noqa: F811
    page.goto(f"{base}/analyst/")
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{base}/analyst/")


def problems(page) -> list[str]:  # noqa: F811
    return page.locator("#problem-list .problem").all_inner_texts()


def test_analyst_edits_checks_and_proposes_and_an_admin_deploys_version_2(engine, make_user, live_url, page):  # noqa: F811
    make_user("analyst", role="analyst", org_kind="region", org_id="region")
    make_user("boss", role="admin", org_kind="region", org_id="region")
    del engine.handlers["test.register_job"]  # the operation version 1 calls was removed from the registry
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    sign_in(page, live_url, "analyst")
    expect(page.get_by_role("heading", name="Временная занятость (тест)")).to_be_visible()
    screenshot(page, "analyst-catalogue")
    page.locator("#process-incident_visit").get_by_role("link", name="Открыть в редакторе").click()
    expect(page.locator("#modeller[data-ready=true]")).to_be_attached()
    expect(page.locator("#problem-list")).to_contain_text("Запрос временной занятости")
    assert any("Операция не выбрана или её нет в реестре" in text for text in problems(page)), problems(page)
    page.get_by_role("button", name="Сохранить черновик и проверить").click()  # the server's verdict too
    expect(page.locator("#problem-list")).to_contain_text("Проверка сервера: «Запрос временной занятости» — "
                                                          "Неизвестная операция «test.register_job»")
    screenshot(page, "analyst-problems")

    page.locator("#problem-list .problem", has_text="Запрос временной занятости").first.click()
    expect(page.locator("#modeller-panel")).to_contain_text("Операция")
    operation = page.locator("#modeller-panel select[name=operation]")
    operation.select_option("test.request_job")
    expect(page.locator("#modeller-panel input[name='parameter-wants']")).to_have_value("wants_temp_job")
    expect(page.locator("#problem-list")).not_to_contain_text("Проверка в браузере: «Запрос временной занятости»")

    page.locator(".djs-element[data-element-id=year_results]").click()
    due = page.locator("#modeller-panel input[name=dueIn]")
    due.fill("три дня")
    expect(page.locator("#modeller-panel")).to_contain_text("Не длительность ISO 8601")
    due.fill("P5D")
    expect(page.locator("#modeller-panel")).not_to_contain_text("Не длительность ISO 8601")
    page.get_by_role("button", name="Сохранить черновик и проверить").click()
    expect(page.locator("#save-status")).to_have_text("Черновик сохранён.")
    screenshot(page, "analyst-modeller")

    page.reload()  # the draft is on the server: a reload loses nothing
    expect(page.locator("#modeller[data-ready=true]")).to_be_attached()
    assert problems(page) == []
    walk_the_route(page)
    page.get_by_label("Что изменено и зачем").fill("Срок итогов — 5 дней; новая операция запроса занятости")
    page.get_by_role("button", name="Предложить к развёртыванию").click()
    expect(page.locator(".alert-success")).to_contain_text("Предложение отправлено")
    expect(page.locator(".proposal")).to_contain_text("Ждёт решения другого аналитика или администратора")
    edit_a_decision_table_and_open_a_form(page, live_url)

    page.get_by_role("button", name="Выйти").click()
    sign_in(page, live_url, "boss")
    page.goto(f"{live_url}/analyst/proposals")
    page.get_by_label("Комментарий").fill("Проверено, разворачиваем")
    page.get_by_role("button", name="Утвердить и развернуть").click()
    expect(page.locator(".alert-success")).to_contain_text("Предложение утверждено и развёрнуто")
    steps = page.locator(".proposal table tbody tr")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("Сотрудник analyst")
    expect(steps.nth(1)).to_contain_text("Сотрудник boss")
    expect(steps.nth(2)).to_contain_text("Развёрнуто")
    screenshot(page, "analyst-proposals")

    versions = sorted(engine.definitions(PROCESS), key=lambda definition: definition.version)
    assert [definition.version for definition in versions] == [1, 2]
    assert versions[1].deployed_by == "boss"
    instance_id = engine.start(PROCESS, {"youth_id": "youth-9"}, business_key="youth-9", org={"school": "school-001"})
    assert engine.instance(instance_id).definition_id == versions[1].id
    [task] = engine.tasks(instance_id=instance_id)
    assert task.due_at is not None and (task.due_at - task.created_at).days == 5
    engine.complete(task.id, dict(VALID_RESULTS), actor="boss")
    assert engine.instance(instance_id).status == "completed"

    page.goto(f"{live_url}/analyst/")
    expect(page.locator("#process-incident_visit + table, .catalogue-process").first).to_contain_text(
        re.compile(r"версия 2 от \d\d\.\d\d\.\d{4}"))
    assert errors == []


def walk_the_route(page) -> None:  # noqa: F811
    """Token simulation: switched on, a token started at the start event walks to the first user task."""
    toggle = page.locator(".bts-toggle-mode")
    expect(toggle).to_contain_text("Симуляция маршрута")
    toggle.click()
    expect(page.locator("#modeller-canvas .simulation")).to_be_attached()
    page.locator(".djs-overlay-container [data-container-id=start] .bts-context-pad").first.click()
    expect(page.locator(".bts-log .bts-entry, .bts-token-count").first).to_be_attached()
    screenshot(page, "analyst-token-simulation")
    toggle.click()
    expect(page.locator("#modeller-canvas .simulation")).to_have_count(0)


def edit_a_decision_table_and_open_a_form(page, base: str) -> None:  # noqa: F811
    page.goto(f"{base}/analyst/")
    page.get_by_role("link", name="Открыть в редакторе: таблица «Уровень поддержки (тест)»").click()
    expect(page.locator("#editor[data-ready=true]")).to_be_attached()
    cell = page.locator(".tjs-table td.output-cell", has_text='"intensive"')
    cell.click()
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    page.keyboard.type('_plus"')
    page.get_by_role("button", name="Сохранить черновик и проверить").click()
    expect(page.locator("#save-status")).to_have_text("Черновик сохранён.")
    expect(page.locator("#problem-list")).to_contain_text("Проблем не найдено.")
    screenshot(page, "analyst-decision-draft")
    assert '"intensive_plus"' in page.request.get(f"{base}/analyst/decisions/{DMN_FILE}/source").text()

    page.goto(f"{base}/analyst/forms/school_year_results/edit")
    expect(page.locator("#editor[data-ready=true]")).to_be_attached()
    expect(page.locator(".fjs-palette")).to_contain_text("Текстовое поле")
    expect(page.locator(".fjs-editor-container")).to_contain_text("Часов профориентации за год")
