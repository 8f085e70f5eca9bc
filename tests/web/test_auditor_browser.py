"""The auditors' time travel in headless Chromium: the slider and the step links swap the state and the
diagram in place (htmx), with no script error or CSP refusal; every move is a logged look."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.conftest import open_task, start_visit
from tests.web.test_web_browser import CHROMIUM, backend, live_url, page, screenshot, sign_in  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/setup-test.sh)"),
]


def test_auditor_moves_through_history_with_the_slider_and_step_links(engine, make_user, live_url, page):  # noqa: F811
    make_user("audit", role="auditor", org_kind="region", org_id="region")
    instance_id = start_visit(engine, "youth-1", youth_name="Петров Пётр")
    task = open_task(engine, instance_id)
    engine.complete(task.id, {"year_summary": "Итоги подведены"}, actor="ivanova")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    sign_in(page, live_url, "audit")
    page.goto(f"{live_url}/audit/instances/{instance_id}")
    heading = page.locator("#travel-title")
    expect(heading).to_have_text(re.compile(r"Состояние после события (\d+) из \1$"))
    expect(page.locator(".route-diagram-ready .djs-element.pr-done").first).to_be_attached()

    slider = page.locator("#seq-slider")
    slider.focus()
    slider.press("Home")
    expect(heading).to_have_text(re.compile(r"Состояние после события 1 из \d+"))
    expect(page.locator("figure.route-diagram-ready")).to_have_count(1)  # the swapped-in diagram is open
    expect(page.locator(".route-diagram-ready .djs-element.pr-done")).to_have_count(0)
    assert page.url.endswith("seq=1"), "the moved position is in the address bar"

    page.get_by_role("link", name=re.compile("Вперёд")).click()
    expect(heading).to_have_text(re.compile(r"Состояние после события 2 из \d+"))
    screenshot(page, "auditor-time-travel")
    assert errors == []
    views = [e for e in engine.audit_events(instance_id) if e.kind == "audit_viewed"]
    assert len(views) == 3, "the first look, the slider move and the step link are each logged"


def test_auditor_finds_a_youth_by_surname_replays_the_route_and_exports_it(engine, make_user, live_url,  # noqa: F811
                                                                           page):  # noqa: F811
    make_user("audit", role="auditor", org_kind="region", org_id="region")
    make_user("ivanova")
    start_visit(engine, "youth-1", youth_name="Петров Пётр Ильич")
    instance_id = start_visit(engine, "youth-2", youth_name="Нестерова Анна Сергеевна")
    task = open_task(engine, instance_id)
    engine.claim(task.id, "ivanova")
    engine.complete(task.id, {"hours_done": 12, "diagnostics_done": True, "career_intent": "college"},
                    actor="ivanova")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    sign_in(page, live_url, "audit")
    page.goto(f"{live_url}/audit/")
    page.get_by_label("Молодой человек").fill("нестерова")
    page.get_by_role("button", name="Найти").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Нестерова Анна Сергеевна")
    expect(rows.first).to_contain_text(re.compile(r"версия 1 от \d\d\.\d\d\.\d{4}"))
    screenshot(page, "auditor-search")

    rows.first.get_by_role("link", name="Итоги учебного года (тест)").click()
    timeline = page.locator("table.audit-timeline")
    expect(timeline).to_contain_text("«Часов профориентации за год» — добавлено: 12")
    expect(timeline).to_contain_text("Сотрудник ivanova")
    raw = timeline.locator("details.audit-raw").first
    expect(raw.locator("pre")).not_to_be_visible()
    raw.locator("summary").click()
    expect(raw.locator("pre")).to_be_visible()
    assert instance_id not in page.locator("main").inner_text(), "no ids outside the raw record"
    screenshot(page, "auditor-timeline")

    page.get_by_role("button", name="Воспроизвести по журналу").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Воспроизведено шагов: (\d+) из \1\."))
    expect(page.locator("main")).to_contain_text("Что сравнивалось")
    screenshot(page, "auditor-replay")

    page.goto(f"{live_url}/audit/?name=Нестерова")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Журнал XES").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xes")
    exported = Path(download.path()).read_text(encoding="utf-8")
    assert exported.count("<trace>") == 1 and instance_id in exported
    assert "Подведение итогов учебного года" in exported
    assert errors == []
