"""`profroute demo` end to end: region, processes, users whose printed passwords work, routes with tasks."""
from __future__ import annotations

import re

from click.testing import CliRunner

from engine import Engine
from profroute.wiring import SEARCH_ATTRIBUTES, WIRING
from tests.web.conftest import csrf_token
from web.app import create_app
from web.cli import demo


def test_demo_seeds_deploys_creates_users_and_starts_routes(database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("PROFROUTE_SECRET_KEY", "demo-test")
    monkeypatch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path / "instance"))
    result = CliRunner().invoke(demo, ["--database", database_url, "--youths", "30", "--routes", "2"], obj=WIRING)
    assert result.exit_code == 0, result.output
    logins = dict(re.findall(r"^  (\w+)\s+(\S+)\s+\w+\s", result.output, flags=re.MULTILINE))
    assert {"admin", "analyst", "auditor", "school1", "college", "czn", "curator", "employer"} <= set(logins)

    engine = Engine(database_url, search_attributes=SEARCH_ATTRIBUTES)
    try:
        groups = {task.candidate_group for task in engine.tasks(limit=100)}
        assert {"school", "czn"} <= groups
        app = create_app({"DATABASE_URL": database_url, "ENGINE": engine})
        client = app.test_client()
        token = csrf_token(client)
        signed_in = client.post("/login", data={"login": "school1", "password": logins["school1"],
                                                "csrf_token": token})
        assert signed_in.status_code == 302
        inbox = client.get("/inbox/").get_data(as_text=True)
        assert "Подведение итогов учебного года" in inbox and "Найдено 2 задачи" in inbox
        assert "Обучение в школе" in inbox  # the stage column
        needs = [task for task in engine.tasks(limit=100) if task.process_key == "proc_employer_staffing_need"]
        assert needs and all(task.attributes["subject"] and not task.attributes["subject"].startswith("need-")
                             for task in needs)
        czn = app.test_client()
        czn.post("/login", data={"login": "czn", "password": logins["czn"], "csrf_token": csrf_token(czn)})
        czn_inbox = czn.get(f"/inbox/?tab=all&youth={needs[0].attributes['subject'][:4]}").get_data(as_text=True)
        assert needs[0].attributes["subject"] in czn_inbox and "Работодатель" in czn_inbox
        assert f'href="/instances/{needs[0].instance_id}"' in czn_inbox and "/youth/need-" not in czn_inbox
    finally:
        engine.close()

    again = CliRunner().invoke(demo, ["--database", database_url, "--youths", "30", "--routes", "0"], obj=WIRING)
    assert again.exit_code == 0, again.output
    assert "Развёрнуто процессов" in again.output and "(новых версий: 0)" in again.output
