"""The analyst's journey in Chromium: the dashboard filtered by a college, a scenario with two more curators
and 50 more practice places for a college's programme, run against the baseline in a background job (the
smallest model: 10 youths for a week, 5 seeds a side) and the comparison read side by side."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.domain.analytics_region import seed_region
from tests.web.test_web_browser import CHROMIUM, backend, live_url, page, screenshot, sign_in  # noqa: F401  (fixtures)

WELDER = "Сварщик (ручной и частично механизированной сварки (наплавки))"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/setup-test.sh)"),
]


@pytest.fixture
def region(app, migrated_url, tmp_path):
    seed_region(migrated_url)
    app.config.update(ANALYTICS_SIM_YOUTHS=10, ANALYTICS_SIM_YEARS=0.02, ANALYTICS_SIM_SEEDS=5,
                      ANALYTICS_JOBS_DIR=str(tmp_path / "jobs"))


def test_analyst_filters_by_a_college_and_compares_a_scenario_with_the_baseline(region, make_user, live_url,  # noqa: F811
                                                                                 page):  # noqa: F811
    make_user("analyst", role="analyst", org_kind="region", org_id="region")
    sign_in(page, live_url, "analyst")
    page.goto(f"{live_url}/analytics/")
    page.get_by_label("Колледж / вуз").select_option(label="Колледж А")
    page.get_by_role("button", name="Показать", exact=True).click()
    expect(page.get_by_text("Организация: Колледж А.")).to_be_visible()
    expect(page.locator(".analytics-kpi").first).to_contain_text("66,7 %")
    screenshot(page, "analytics-dashboard")

    page.get_by_role("link", name="Сценарии «что если»").click()
    page.get_by_role("link", name="Новый сценарий").click()
    page.get_by_label("Название").fill("Два куратора и 50 мест практики")
    page.get_by_label("Кураторов", exact=True).fill("4")
    page.get_by_label("Причина: Кураторов").fill("Нагрузка Ивановой выше предела")
    page.get_by_label(f"Колледж Б — 15.01.05 {WELDER}", exact=True).fill("50")
    page.get_by_label("Причина: Колледж Б — 15.01.05").fill("Студенты Колледжа Б без мест")
    screenshot(page, "analytics-scenario-new")
    page.get_by_role("button", name="Сохранить сценарий").click()
    expect(page.get_by_role("heading", name="Два куратора и 50 мест практики")).to_be_visible()
    page.get_by_role("button", name="Сравнить с базовым вариантом").click()
    expect(page.locator(".analytics-job progress")).to_be_visible()
    card = page.locator(".analytics-job[data-status=done]")
    expect(card).to_be_visible(timeout=180_000)
    expect(card).to_contain_text("Базовый вариант")
    expect(card.get_by_role("row", name="Кураторов", exact=False).first).to_contain_text("4")
    screenshot(page, "analytics-comparison-small-model")
