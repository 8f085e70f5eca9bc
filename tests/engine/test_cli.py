"""The `profroute` command line over the facade: JSON listings, one-line errors, non-zero exits."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.wiring import Wiring
from profroute.cli import main
from profroute.wiring import WIRING

FIXTURES = Path(__file__).parent / "fixtures" / "engine"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    wiring = Wiring(handlers={"test.lookup": lambda ctx, amount, score: {"ok": amount > 10}},
                    migrations=WIRING.migrations)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), obj=wiring, catch_exceptions=False)

    return invoke


def test_deploy_start_list_claim_complete_show(run):
    assert run("init").exit_code == 0
    deployed = run("deploy", str(FIXTURES), "--json")
    assert deployed.exit_code == 0
    assert {d["key"] for d in json.loads(deployed.output)} >= {"approval", "pinger"}
    assert "unchanged" in run("deploy", str(FIXTURES)).output
    started = run("start", "approval", "--data", '{"amount": 20, "youth_name": "Орлова Дарья"}',
                  "--business-key", "youth-5")
    instance_id = started.output.strip()
    listed = json.loads(run("tasks", "--group", "czn", "--json").output)
    assert [t["instance_id"] for t in listed] == [instance_id]
    task_id = listed[0]["id"]
    assert "claimed by ivanov" in run("claim", task_id, "--actor", "ivanov").output
    done = run("complete", task_id, "--actor", "ivanov", "--data", '{"decision": "ok"}')
    assert "is completed" in done.output
    shown = json.loads(run("show", instance_id, "--json").output)
    assert shown["instance"]["status"] == "completed" and shown["instance"]["data"]["decision"] == "ok"


def test_errors_are_one_line_and_non_zero(run):
    run("init")
    missing = run("start", "nothing")
    assert missing.exit_code == 2 and missing.output.strip() == "error: no process 'nothing' is deployed"
    bad_json = run("start", "approval", "--data", "{oops")
    assert bad_json.exit_code != 0 and "--data is not valid JSON" in bad_json.output
    unknown_task = run("complete", "00000000-0000-0000-0000-000000000000", "--actor", "x")
    assert unknown_task.exit_code == 2 and "does not exist" in unknown_task.output


def test_messages_and_timers_from_the_command_line(run):
    run("init")
    run("deploy", str(FIXTURES))
    assert "buffered" in run("message", "pong", "nobody", "--payload", '{"answer": 1}').output
    run("start", "approval", "--data", '{"amount": 20}')
    timers = json.loads(run("timers", "--json").output)
    assert {t["element_id"] for t in timers} == {"reminder", "timeout"}
    assert run("worker", "--once").exit_code == 0
