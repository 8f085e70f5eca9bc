"""The `profroute` command line over the facade: JSON listings, one-line errors, non-zero exits."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.wiring import Wiring
from profroute.cli import main
from profroute.wiring import WIRING
from tests.engine.conftest import TEST_ATTRIBUTES

FIXTURES = Path(__file__).parent / "fixtures" / "engine"


@pytest.fixture
def wiring():
    return Wiring(handlers={"test.lookup": lambda ctx, amount, score: {"ok": amount > 10}},
                  migrations=WIRING.migrations, search_attributes=TEST_ATTRIBUTES)


@pytest.fixture
def url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", url)
    return url


@pytest.fixture
def run(url, wiring):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), obj=wiring, catch_exceptions=False)

    return invoke


@pytest.fixture
def start(url, wiring):
    """Starts an instance through the facade: the command line starts only the map's routes, by the route rule
    (tests/profroute/test_route_commands.py)."""
    engines = []

    def start_instance(process_key: str, data: dict, business_key: str | None = None) -> str:
        engine = wiring.open_engine(url)
        engines.append(engine)
        return engine.start(process_key, data, business_key=business_key)

    yield start_instance
    for engine in engines:
        engine.close()


def test_deploy_list_and_show(run, start):
    assert run("init").exit_code == 0
    deployed = run("deploy", str(FIXTURES), "--json")
    assert deployed.exit_code == 0
    assert {d["key"] for d in json.loads(deployed.output)} >= {"approval", "pinger"}
    assert "unchanged" in run("deploy", str(FIXTURES)).output
    instance_id = start("approval", {"amount": 20, "youth_name": "Орлова Дарья"}, "youth-5")
    listed = json.loads(run("tasks", "--group", "czn", "--json").output)
    assert [t["instance_id"] for t in listed] == [instance_id]
    assert "Орлова Дарья" in run("tasks").output
    shown = json.loads(run("show", instance_id, "--json").output)
    assert shown["instance"]["status"] == "active" and shown["instance"]["business_key"] == "youth-5"
    assert [task["id"] for task in shown["tasks"]] == [listed[0]["id"]]


def test_errors_are_one_line_and_non_zero(run):
    run("init")
    missing = run("show", "00000000-0000-0000-0000-000000000000")
    assert missing.exit_code == 2 and missing.output.count("\n") == 1 and "does not exist" in missing.output
    bad_json = run("message", "pong", "nobody", "--payload", "{oops")
    assert bad_json.exit_code != 0 and "--payload is not valid JSON" in bad_json.output


def test_messages_and_timers_from_the_command_line(run, start):
    run("init")
    run("deploy", str(FIXTURES))
    assert "buffered" in run("message", "pong", "nobody", "--payload", '{"answer": 1}').output
    refused = run("message", "ping", "nobody")
    assert refused.exit_code == 2 and "message 'ping' starts ponger" in refused.output
    start("approval", {"amount": 20})
    timers = json.loads(run("timers", "--json").output)
    assert {t["element_id"] for t in timers} == {"reminder", "timeout"}
    assert run("worker", "--once").exit_code == 0
