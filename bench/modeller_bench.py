"""Opening the biggest documents in the analysts' editors, in headless Chromium: the biggest diagram (student
support, 110 elements) in the modeller, the biggest decision table (ip_service_set.dmn, 22 rules) in dmn-js,
the biggest form (periodic_profiling.form) in the form-js editor.

Serves the app over a fresh SQLite database with every process of processes/ deployed and one analyst, then
for each of N runs opens the editor in a new browser context (cold: nothing cached) and reloads it once
(warm: the bundle from the browser's cache). Prints per run the time the import took (measured in the page:
`importXML` or `importSchema`) and the time from navigation to a ready editor (bundle loaded, document
fetched and imported; the modeller also fetches its lists and lints), then the medians. Needs `npm run build`
(web/static/build/) and Debian's chromium.

    .venv/bin/python bench/modeller_bench.py --runs 5 \
        --screenshot docs/screenshots/analyst-modeller-student-support.png
    .venv/bin/python bench/modeller_bench.py --editor decision --runs 5
    .venv/bin/python bench/modeller_bench.py --editor form --runs 5
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from profroute.wiring import WIRING
from web.app import create_app
from web.db import session_factory
from web.users import NewUser, create_user

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "bench password 1"
EDITORS = {  # page, its root element
    "modeller": ("/analyst/processes/proc_student_support/model", "#modeller"),
    "decision": ("/analyst/decisions/ip_service_set.dmn/edit", "#editor"),
    "form": ("/analyst/forms/periodic_profiling/edit", "#editor"),
}


def serve() -> tuple[str, object]:
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'modeller-bench.sqlite'}"
    WIRING.upgrade(url)
    engine = WIRING.open_engine(url)
    engine.deploy(ROOT / "processes", actor="bench")
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ENGINE": engine,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context(), session_factory(app)() as session:
        create_user(session, NewUser(login="analyst", password=PASSWORD, full_name="Аналитикова Анна Сергеевна",
                                     role="analyst", org_kind="region", org_id="region", org_name="Регион"))
        session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def open_editor(page, url: str, root: str) -> tuple[int, int]:
    """(import ms, navigation to ready ms) of one opening."""
    page.goto(url)
    page.wait_for_selector(f"{root}[data-ready=true]", state="attached", timeout=60_000)
    import_ms = int(page.get_attribute(root, "data-import-ms"))
    ready_ms = page.evaluate("() => Math.round(performance.now())")
    return import_ms, ready_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--editor", choices=sorted(EDITORS), default="modeller")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    base, server = serve()
    path, root = EDITORS[args.editor]
    cold, warm = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        for run in range(args.runs):
            context = browser.new_context(locale="ru-RU", viewport={"width": 1600, "height": 1000})
            page = context.new_page()
            page.goto(f"{base}/login")
            page.get_by_label("Логин").fill("analyst")
            page.get_by_label("Пароль").fill(PASSWORD)
            page.get_by_role("button", name="Войти").click()
            page.wait_for_url(f"{base}/analyst/")
            cold.append(open_editor(page, base + path, root))
            warm.append(open_editor(page, base + path, root))
            print(f"run {run + 1}: cold import {cold[-1][0]} ms, ready {cold[-1][1]} ms; "
                  f"warm import {warm[-1][0]} ms, ready {warm[-1][1]} ms")
            if args.screenshot and run == 0 and args.editor != "modeller":
                page.screenshot(path=str(args.screenshot), full_page=True)
            elif args.screenshot and run == 0:
                page.evaluate("""() => {
                  const modeler = window.profrouteModeler;
                  const task = modeler.get('elementRegistry').filter((e) => e.type === 'bpmn:UserTask')[0];
                  modeler.get('canvas').zoom(1);
                  modeler.get('canvas').scrollToElement(task);
                  modeler.get('selection').select(task);
                }""")
                page.screenshot(path=str(args.screenshot), full_page=True)
            context.close()
        browser.close()
    server.shutdown()
    for name, runs in (("cold", cold), ("warm", warm)):
        print(f"{name}: median import {statistics.median(r[0] for r in runs)} ms, "
              f"median navigation to ready {statistics.median(r[1] for r in runs)} ms")


if __name__ == "__main__":
    main()
