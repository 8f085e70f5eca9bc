"""Accessibility in headless Chromium: axe-core (npm, read from node_modules and injected by Playwright, never a
CDN) finds no serious or critical violation on any page kind for any role, and an operator opens, claims,
fills in and completes a task with the keyboard alone."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.conftest import open_task, start_visit
from tests.web.incidents_support import INCIDENT_PROCESS, JobRegistry, start_failing_route
from tests.web.test_web_browser import CHROMIUM, backend, live_url  # noqa: F401 - fixtures

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
RUN_AXE = """async (levels) => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => levels.includes(v.impact)).map(v => (
    {rule: v.id, impact: v.impact, help: v.help, where: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/setup-test.sh)"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)"),
]


@pytest.fixture
def web_handlers():
    return {"test.register_job": JobRegistry()}


@pytest.fixture
def extra_processes():
    return [INCIDENT_PROCESS]


@pytest.fixture
def page(chromium):
    """Like the other browser tests' page, but the CSP lets Playwright inject axe-core's file as a script."""
    context = chromium.new_context(locale="ru-RU", timezone_id="Europe/Moscow", bypass_csp=True,
                                   viewport={"width": 1360, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def violations(page) -> list[dict]:
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, list(BLOCKING))


def sign_out(page, base: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login")


def test_every_page_kind_for_every_role_has_no_serious_violations(engine, make_user, live_url, page):  # noqa: F811
    make_user("ivanova")
    make_user("curator1", role="curator", org_kind="czn", org_id="czn-001", groups=("curator",))
    make_user("analyst1", role="analyst", org_kind="region", org_id="region")
    make_user("audit", role="auditor", org_kind="region", org_id="region")
    make_user("admin1", role="admin", org_kind="region", org_id="region")
    instance_id = start_visit(engine, "youth-1", youth_name="Петров Пётр Ильич")
    task = open_task(engine, instance_id)
    done = start_visit(engine, "youth-2", youth_name="Нестерова Анна Сергеевна")
    finished = open_task(engine, done)
    engine.claim(finished.id, "ivanova")
    engine.complete(finished.id, {"hours_done": 12, "career_intent": "spo"}, actor="ivanova")
    failing = start_failing_route(engine, "youth-3")
    [incident] = engine.incidents(instance_id=failing)
    pages = {
        None: ["/login"],
        "ivanova": ["/inbox/", f"/tasks/{task.id}", f"/tasks/{finished.id}", f"/instances/{instance_id}",
                    "/youth/youth-1", "/instances/", "/profile"],
        "curator1": ["/inbox/", "/profile"],
        "analyst1": ["/", "/profile"],
        "audit": ["/audit/", "/audit/?name=нестерова", f"/audit/instances/{done}", f"/audit/instances/{done}/replay",
                  "/audit/youth/youth-2", "/audit/verify", "/profile"],
        "admin1": ["/admin/users", "/admin/incidents", f"/admin/incidents/{incident.id}", "/admin/tokens",
                   "/profile"],
    }
    found: dict[str, list[dict]] = {}
    for login, paths in pages.items():
        sign_out(page, live_url)
        if login:
            sign_in_anywhere(page, live_url, login)
        for path in paths:
            response = page.goto(f"{live_url}{path}")
            assert response is not None and response.status == 200, (login, path)
            if problems := violations(page):
                found[f"{login or 'anonymous'} {path}"] = problems
    assert found == {}, "\n".join(f"{where}: {problems}" for where, problems in found.items())


def sign_in_anywhere(page, base: str, login: str) -> None:
    """Sign in from the login page; where the app lands depends on the role."""
    page.goto(f"{base}/login")
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Пароль").fill("correct horse battery")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_load_state("networkidle")


def focus_by_tab(page, matches: str, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies the JS predicate `matches` (given `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({matches}); }})()"):
            return
    raise AssertionError(f"no focusable element where {matches} within {limit} presses of Tab")


def test_an_operator_completes_a_task_with_the_keyboard_alone(engine, make_user, live_url, page):  # noqa: F811
    make_user("ivanova")
    instance_id = start_visit(engine, "youth-1", youth_name="Петров Пётр Ильич")
    page.goto(f"{live_url}/login")
    focus_by_tab(page, "el.name === 'login'")
    page.keyboard.type("ivanova")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_url}/inbox/")

    focus_by_tab(page, "el.tagName === 'A' && el.getAttribute('href').startsWith('/tasks/')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_url}/tasks/*")
    focus_by_tab(page, "el.tagName === 'BUTTON' && el.textContent.includes('Взять в работу')")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Задача взята в работу.")).to_be_visible()

    focus_by_tab(page, "el.labels && el.labels[0] && el.labels[0].textContent.includes('Часов профориентации')")
    page.keyboard.type("45")
    focus_by_tab(page, "el.type === 'radio'")  # a radio group takes one Tab stop; arrows choose within it
    for _ in range(10):
        if page.evaluate("document.activeElement.labels[0].textContent.includes('Вуз (ВО)')"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(page.get_by_label("Вуз (ВО)")).to_be_checked()
    focus_by_tab(page, "el.tagName === 'BUTTON' && el.textContent.includes('Завершить задачу')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_url}/inbox/")
    expect(page.get_by_text("Задача завершена.")).to_be_visible()
    assert engine.instance(instance_id).status == "completed", "the task was done and the route went on to its end"
