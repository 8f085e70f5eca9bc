"""`profroute migrate`: the dry run's verdicts, the move, the mapping syntax and the exit codes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.wiring import Wiring
from profroute.cli import main
from profroute.wiring import WIRING

VERSIONS = Path(__file__).parents[1] / "engine" / "fixtures" / "versions"
PASSWORD = {"PROFROUTE_NEW_USER_PASSWORD": "a long password"}


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    runner = CliRunner()
    wiring = Wiring(handlers={}, migrations=WIRING.migrations)

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(main, list(args), obj=wiring, env=env, catch_exceptions=False)

    assert invoke("init").exit_code == 0
    assert invoke("create-user", "--login", "analyst", "--full-name", "Аналитик", "--role", "analyst",
                  "--org-kind", "region", "--org-id", "region", env=PASSWORD).exit_code == 0
    assert invoke("deploy", str(VERSIONS / "v1")).exit_code == 0
    engine = wiring.open_engine(f"sqlite:///{tmp_path / 'cli.sqlite'}")
    started = []
    for name, passes in (("Орлова Мария", 0), ("Петров Илья", 1)):
        started.append(engine.start("moves", {"youth_name": name}, business_key=name))
        for _ in range(passes):
            [task] = engine.tasks(instance_id=started[-1])
            engine.complete(task.id, {}, actor="analyst")
    engine.close()
    assert invoke("deploy", str(VERSIONS / "v2")).exit_code == 0
    invoke.started = started
    return invoke


def test_dry_run_exits_1_while_a_route_cannot_move(run):
    result = run("migrate", "moves", "--from", "1", "--to", "2", "--dry-run", "--actor", "analyst")
    assert result.exit_code == 1
    assert "(Петров Илья) at choose: cannot move: element choose is active" in result.output
    assert "no counterpart in version 2: choose" in result.output
    assert result.output.strip().endswith("1 of 2 route(s) can move")


def test_the_mapping_moves_every_route(run):
    result = run("migrate", "moves", "--from", "1", "--to", "2", "--map", "choose=meet", "--actor", "analyst",
                 "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["mapping"] == {"choose": "meet"} and [r["moved"] for r in report["routes"]] == [True, True]
    again = run("migrate", "moves", "--from", "1", "--to", "2", "--actor", "analyst")
    assert again.exit_code == 0 and "0 of 0 route(s) moved to version 2" in again.output


def test_only_the_named_instance_moves(run):
    first, _ = run.started
    result = run("migrate", "moves", "--from", "1", "--to", "2", "--instance", first, "--actor", "analyst")
    assert result.exit_code == 0 and "1 of 1 route(s) moved" in result.output


@pytest.mark.parametrize(("args", "says"), [
    (("--map", "choose"), "is not OLD=NEW"),
    (("--map", "choose=meet", "--map", "choose=report"), "mapped twice"),
    (("--map", "choose=nowhere"), "error: element 'nowhere' of the mapping is not in version 2"),
    (("--instance", "no-such-route"), "error: instance(s) no-such-route do not exist"),
])
def test_bad_input_exits_2_with_one_line(run, args, says):
    result = run("migrate", "moves", "--from", "1", "--to", "2", *args, "--actor", "analyst")
    assert result.exit_code == 2 and says in result.output


def test_an_unknown_actor_or_version_is_refused(run):
    assert "is not a user" in run("migrate", "moves", "--from", "1", "--to", "2", "--actor", "nobody").output
    result = run("migrate", "moves", "--from", "1", "--to", "9", "--actor", "analyst")
    assert result.exit_code == 2 and "process 'moves' has no version 9" in result.output
