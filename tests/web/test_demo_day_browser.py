"""A day in the living demo (`make run`), in headless Chromium: every demo login that works on tasks opens its
inbox, takes a task of its own desk, fills the form in as the simulation's operator would and completes it,
then looks at the route; the auditor finds a young person by surname, reads the timeline and replays the
route; the analyst downloads an analytics table; the administrator blocks a login after confirming and
unblocks it. Screenshots (PROFROUTE_SCREENSHOTS_DIR): docs/screenshots/demo-*.png."""
from __future__ import annotations

import random
import re
import threading
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

import forms
from engine import Engine
from profroute.wiring import SEARCH_ATTRIBUTES, WIRING
from simulation.answers import ANSWERS, AnswerContext
from simulation.personas import draw_persona
from simulation.posting import submit
from simulation.region_facts import RegionFacts, read_region_facts
from tests.living_demo import GROUP
from tests.web.test_web_browser import CHROMIUM, page, screenshot  # noqa: F401 - fixtures
from web.app import create_app

pytestmark = [
    GROUP,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/setup-test.sh)"),
]

OPERATORS = ("school1", "school2", "college", "czn", "curator", "employer")
DEMO_SEED = 1


@pytest.fixture(scope="module")
def demo_site(living_demo, tmp_path_factory):
    """The living demo served on a loopback port with the deployment's handlers (a completed task moves on)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROFROUTE_SECRET_KEY", "living-demo-test")
        patch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path_factory.mktemp("demo-site")))
        app = create_app({"DATABASE_URL": living_demo.url, "WIRING": WIRING})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_port}"
        server.shutdown()
        thread.join(timeout=5)


def sign_in(page, base: str, login: str, password: str) -> None:  # noqa: F811 - the fixture's page object
    page.goto(f"{base}/login")
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(re.compile(r"^(?!.*/login)"))


def region_facts(url: str) -> RegionFacts:
    sql = create_engine(url)
    with Session(sql) as session:
        facts = read_region_facts(session)
    sql.dispose()
    return facts


def simulated_answer(facts: RegionFacts, engine: Engine, task_id: str) -> dict | None:
    """The simulation's operator's answer to the task, if today's form accepts it."""
    task = engine.task(task_id)
    operator = ANSWERS.get(task.element_id)
    if operator is None or task.form_key is None:
        return None
    key = task.business_key or task.instance_id
    persona = draw_persona(random.Random(f"{DEMO_SEED}:{key}")) if key in facts.youths else None
    now = datetime.now(UTC)
    answer = operator(AnswerContext(element_id=task.element_id, process_key=task.process_key, data=task.data or {},
                                    now=now, rng=random.Random(task_id), case_persona=persona,
                                    youth=facts.youths.get(key), region=facts, round=0))
    return answer if not submit(task.form_key, answer, task.data or {}, now)[1] else None


def fill_in(form, answer: dict) -> None:
    """Types an answer into the task's form as a person would (ticks, picks, fills)."""
    for name, value in forms.as_post(answer).items():
        field = form.locator(f'[name="{name}"]')
        kind = field.first.evaluate("element => element.type")
        if kind in ("checkbox", "radio"):
            for item in value if isinstance(value, list) else [value]:
                form.locator(f'[name="{name}"][value="{item}"]').check()
        elif kind.startswith("select"):
            field.select_option(value)
        else:
            field.fill(value, force=True)


def test_every_demo_login_does_a_days_work(living_demo, demo_site, page):  # noqa: F811
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    engine = Engine(living_demo.url, search_attributes=SEARCH_ATTRIBUTES)
    facts = region_facts(living_demo.url)
    try:
        for login in OPERATORS:
            sign_in(page, demo_site, login, living_demo.passwords[login])
            results = page.locator("#inbox-results")
            links = results.locator("a[href^='/tasks/']")
            expect(links.first).to_be_visible()
            assert links.count() >= 5, f"{login}: fewer than five tasks of its desk"
            screenshot(page, f"demo-inbox-{login}")
            task_ids = [href.rsplit("/", 1)[-1] for href in links.evaluate_all("links => links.map(a => a.pathname)")]
            task_id, answer = next((task_id, answer) for task_id in task_ids
                                   if (answer := simulated_answer(facts, engine, task_id)) is not None)
            results.locator(f"a[href='/tasks/{task_id}']").first.click()
            page.get_by_role("button", name="Взять в работу").click()
            expect(page.get_by_text("Задача взята в работу.")).to_be_visible()
            fill_in(page.locator("form.task-form"), answer)
            screenshot(page, f"demo-task-{login}")
            page.get_by_role("button", name="Завершить задачу").click()
            expect(page.get_by_text("Задача завершена.")).to_be_visible()
            task = engine.task(task_id, with_data=False)
            assert (task.status, task.completed_by) == ("completed", login)

            page.goto(f"{demo_site}/instances/{task.instance_id}")
            expect(page.locator("figure.route-diagram-ready").first).to_be_visible()
            expect(page.locator("main")).to_contain_text(task.name)
            screenshot(page, f"demo-route-{login}")
            page.get_by_role("button", name="Выйти").click()

        youth = next(i for i in engine.instances(process_key="proc_student_support", limit=50)
                     if len(engine.audit_events(i.id)) > 20)
        surname = youth.attributes["subject"].split()[0]
        sign_in(page, demo_site, "auditor", living_demo.passwords["auditor"])
        page.get_by_label("Молодой человек").fill(surname.lower())
        page.get_by_role("button", name="Найти").click()
        rows = page.locator("table tbody tr")
        expect(rows.first).to_contain_text(surname)
        page.goto(f"{demo_site}/audit/instances/{youth.id}")
        timeline = page.locator("table.audit-timeline")
        expect(timeline).to_contain_text("Форма заполнена")
        expect(timeline).to_contain_text("Симуляция")
        screenshot(page, "demo-auditor-timeline")
        page.get_by_role("button", name="Воспроизвести по журналу").click()
        expect(page.get_by_role("status")).to_contain_text(re.compile(r"Воспроизведено шагов: (\d+) из \1\."))
        page.get_by_role("button", name="Выйти").click()

        sign_in(page, demo_site, "analyst", living_demo.passwords["analyst"])
        page.goto(f"{demo_site}/analytics/")
        heatmap = page.locator("figure.analytics-heatmap-ready")
        expect(heatmap.locator(".djs-element[class*='pr-heat-']").first).to_be_attached()
        expect(heatmap.locator(".analytics-heat-badge").first).to_be_visible()
        screenshot(page, "demo-analytics-heatmap")
        with page.expect_download() as download:
            page.locator("a[href$='.csv']").first.click()
        assert download.value.suggested_filename.endswith(".csv")
        page.get_by_role("button", name="Выйти").click()

        sign_in(page, demo_site, "admin", living_demo.passwords["admin"])
        row = page.get_by_role("row", name=re.compile("Морозов Игорь Владимирович"))
        row.get_by_role("link", name=re.compile("Заблокировать")).click()
        page.get_by_role("button", name="Заблокировать").click()
        expect(page.get_by_text("Пользователь заблокирован.")).to_be_visible()
        row = page.get_by_role("row", name=re.compile("Морозов Игорь Владимирович"))
        row.get_by_role("button", name=re.compile("Разблокировать")).click()
        expect(page.get_by_text("Пользователь разблокирован.")).to_be_visible()
    finally:
        engine.close()
    assert errors == []
