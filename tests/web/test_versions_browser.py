"""Headless Chromium: version 1 of a small process runs three routes; version 2 drops the step one of them
waits in. An analyst compares the versions (bpmn-js-differ colours both diagrams, the list names the changes
by label), maps the removed step on the migration page, checks, and moves the three routes in batches; each
still replays and verifies. Screenshots docs/screenshots/versions-*.png go to PROFROUTE_SCREENSHOTS_DIR."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.test_web_browser import CHROMIUM, backend, live_url, page, screenshot, sign_in  # noqa: F401 - fixtures
from tests.web.versions_support import routes_on_version_1

PEOPLE = (("intake", "Орлова Мария Сергеевна"), ("choose", "Петров Илья Андреевич"), ("meet", "Ким Анна Олеговна"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/setup-test.sh)"),
]


def test_analyst_compares_versions_and_moves_three_routes(app, engine, make_user, live_url, page):  # noqa: F811
    routes = routes_on_version_1(engine, PEOPLE)
    app.config["VERSIONS_BATCH"] = 1
    make_user("analyst1", role="analyst", org_kind="region", org_id="region")
    errors: list[str] = []  # script errors and CSP refusals
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    sign_in(page, live_url, "analyst1")
    page.get_by_role("navigation").get_by_role("link", name="Версии процессов").click()
    page.get_by_label("Процесс").select_option(label="Сопровождение (тест версий)")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_label("Исходная версия")).to_have_value("1")
    expect(page.get_by_label("Новая версия")).to_have_value("2")

    page.get_by_role("link", name="Что изменилось между версиями").click()
    expect(page.get_by_role("heading", name="Сравнение версий процесса")).to_be_visible()
    expect(page.locator(".compare-diagrams[data-compared=true]")).to_have_count(1)
    expect(page.locator("#compare-old .djs-element.diff-removed[data-element-id=choose]")).to_have_count(1)
    expect(page.locator("#compare-new .djs-element.diff-added[data-element-id=report]")).to_have_count(1)
    expect(page.locator("#compare-new .djs-element.diff-changed[data-element-id=meet]")).to_have_count(1)
    changes = page.locator(".compare-changes")
    expect(changes.get_by_role("row", name=re.compile("Подбор программы удалён"))).to_have_count(1)
    expect(changes.get_by_role("row", name=re.compile("Срок выполнения P3D P5D"))).to_have_count(1)
    screenshot(page, "versions-compare")

    page.get_by_role("link", name="Перенести идущие маршруты на версию 2").click()
    blocked = page.get_by_role("row", name=re.compile("Петров Илья Андреевич"))
    expect(blocked).to_contain_text("«Подбор программы» нет в новой версии")
    expect(page.get_by_role("button", name="Перенести маршруты: 2")).to_be_visible()
    screenshot(page, "versions-migrate-dry-run")
    page.get_by_label("Подбор программы").select_option(label="Итоговая встреча с куратором")
    page.get_by_role("button", name="Проверить перенос").click()
    expect(page.get_by_role("row", name=re.compile("Петров Илья Андреевич"))).to_contain_text("можно перенести")
    screenshot(page, "versions-migrate-check")

    page.get_by_role("button", name="Перенести маршруты: 3").click()
    expect(page.get_by_text("Перенос завершён: перенесено 3, осталось на прежней версии 0.")).to_be_visible()
    expect(page.locator("#migration-bar")).to_have_attribute("value", "3")
    for _, name in PEOPLE:
        expect(page.get_by_role("row", name=re.compile(name))).to_contain_text("перенесён на версию 2")
    screenshot(page, "versions-migrate-result")

    target = engine.definitions("moves")[-1].id
    for instance_id in routes.values():
        assert engine.instance(instance_id).definition_id == target
        assert engine.replay(instance_id).ok, engine.replay(instance_id).summary()
        assert engine.verify(instance_id).ok
    [task] = engine.tasks(instance_id=routes["Петров Илья Андреевич"])
    assert task.name == "Итоговая встреча с куратором"
    assert errors == []
