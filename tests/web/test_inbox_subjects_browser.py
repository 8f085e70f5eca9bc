"""Headless Chromium over the demo region: the inbox names whom each task concerns and the map stage it
belongs to. The employment centre sees the employers of the staffing needs by name (never a need's id),
finds them by a prefix of the name, and an employer's row opens the route, not a youth card; the school sees
its pupils with the stage «Обучение в школе». Screenshots: docs/screenshots/inbox-*.png."""
from __future__ import annotations

import re
import threading

import pytest
from click.testing import CliRunner
from playwright.sync_api import expect
from werkzeug.serving import make_server

from engine import Engine
from profroute.wiring import SEARCH_ATTRIBUTES, WIRING
from tests.web.test_web_browser import CHROMIUM, backend, page, screenshot  # noqa: F401 - fixtures
from web.app import create_app
from web.cli import demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/setup-test.sh)"),
]


@pytest.fixture
def demo_site(sqlite_url, monkeypatch, tmp_path):
    """The demo region served on a loopback port, with the printed passwords of its logins (SQLite only: the
    inbox's naming is not the database's, and test_web_demo.py reads the same inbox on PostgreSQL too)."""
    database_url = sqlite_url
    monkeypatch.setenv("PROFROUTE_SECRET_KEY", "demo-test")
    monkeypatch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path / "instance"))
    result = CliRunner().invoke(demo, ["--database", database_url, "--youths", "30", "--routes", "2"], obj=WIRING)
    assert result.exit_code == 0, result.output
    passwords = dict(re.findall(r"^  (\w+)\s+(\S+)\s+\w+\s", result.output, flags=re.MULTILINE))
    engine = Engine(database_url, search_attributes=SEARCH_ATTRIBUTES)
    app = create_app({"DATABASE_URL": database_url, "ENGINE": engine})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", passwords, engine
    server.shutdown()
    thread.join(timeout=5)
    engine.close()


def sign_in(page, base: str, login: str, password: str) -> None:  # noqa: F811 - the fixture's page object
    page.goto(f"{base}/inbox/")
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{base}/inbox/")


def test_the_inbox_names_subjects_and_stages(demo_site, page):  # noqa: F811
    base, passwords, engine = demo_site
    need = next(task for task in engine.tasks(limit=200) if task.process_key == "proc_employer_staffing_need")
    employer = need.attributes["subject"]

    sign_in(page, base, "czn", passwords["czn"])
    page.get_by_role("link", name="Все доступные").click()
    results = page.locator("#inbox-results")
    row = results.get_by_role("row").filter(has_text=employer).first
    expect(row.get_by_role("cell", name="Работодатель").last).to_be_visible()
    expect(results).not_to_contain_text("need-")
    screenshot(page, "inbox-czn-subjects")

    page.get_by_label("Кого касается (начало ФИО или названия)").fill(employer[:5])
    page.get_by_label("Кого касается (начало ФИО или названия)").press("Enter")
    expect(page).to_have_url(re.compile(r"youth="))
    rows = results.locator("tbody tr")
    expect(rows.first).to_contain_text(employer[:5])
    for index in range(rows.count()):
        expect(rows.nth(index)).to_contain_text(employer[:5])
    screenshot(page, "inbox-czn-employer-search")
    rows.first.get_by_role("link", name=employer).click()
    expect(page).to_have_url(re.compile(r"/instances/"))
    expect(page.get_by_text("Работодатель").first).to_be_visible()

    page.get_by_role("button", name="Выйти").click()
    sign_in(page, base, "school1", passwords["school1"])
    school_rows = page.locator("#inbox-results tbody tr")
    expect(school_rows.first.get_by_role("cell", name="Обучение в школе")).to_be_visible()
    screenshot(page, "inbox-school-stages")
    school_rows.first.locator("td").nth(1).get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/youth/"))
    expect(page.locator(".stage-name").first).to_have_text("Обучение в школе")
    screenshot(page, "youth-card-stages")
