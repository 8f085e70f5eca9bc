"""The commands that act for a person: `start` by the route rule (a refused start writes nothing), `claim` and
`complete` as a known user with the task's form, and one line instead of a traceback for a database the
command cannot use."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from domain.route_starts import SCHOOL_ROUTE
from profroute.cli import main
from tests.conftest import PG_URL
from tests.route_registry import row_counts, seed_two_schools

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = {"PROFROUTE_NEW_USER_PASSWORD": "a long password"}
ANSWER = ROOT / "examples" / "school_year_results.json"


@pytest.fixture
def run(monkeypatch, tmp_path):
    monkeypatch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path))
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(main, list(args), env=env, catch_exceptions=False)

    return invoke


def _seed_region(url: str) -> None:
    """Every table, the map deployed, two schools with a pupil each, and a school operator of each school."""
    runner = CliRunner()

    def run(*args: str) -> None:
        result = runner.invoke(main, list(args), env={"PROFROUTE_DATABASE_URL": url, **PASSWORD},
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output

    run("init")
    run("deploy", str(ROOT / "processes"))
    seed_two_schools(url)
    for login, school in (("navigator1", "school-001"), ("navigator2", "school-002")):
        run("create-user", "--login", login, "--full-name", f"Навигатор {school}", "--role", "operator",
            "--org-kind", "school", "--org-id", school)
    run("create-user", "--login", "analyst", "--full-name", "Аналитик", "--role", "analyst", "--org-kind", "region",
        "--org-id", "region")


@pytest.fixture
def region(run, database_from, monkeypatch):
    """A copy of the seeded region (seeded by the commands once per test process)."""
    url = database_from("route-commands", _seed_region)
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", url)
    return url


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


@pytest.mark.parametrize(("youth_id", "actor", "says"), [
    pytest.param("pupil-2", "navigator1", "Орлов Максим does not belong to school school-001", id="foreign"),
    pytest.param("nobody", "navigator1", "no youth 'nobody' in the registries", id="unknown"),
    pytest.param("pupil-1", "navigator1", "the route «Профориентация школьника (6–11 классы)» already runs for "
                 "Лебедева Ева since", id="running"),
    pytest.param("pupil-1", "ghost", "--actor 'ghost' is not a user", id="unknown-actor"),
    pytest.param("pupil-1", "analyst", "analyst (analyst) may not start routes", id="read-only-role"),
])
def test_a_refused_start_writes_nothing(run, region, youth_id, actor, says):
    first = run("start", SCHOOL_ROUTE, "pupil-1", "--actor", "navigator1")
    assert first.exit_code == 0, first.output
    before = row_counts(region)
    assert says in one_error_line(run("start", SCHOOL_ROUTE, youth_id, "--actor", actor))
    assert row_counts(region) == before


def test_a_message_that_starts_a_route_is_refused(run, region):
    before = row_counts(region)
    line = one_error_line(run("message", "student_enrolled", "pupil-1", "--payload", '{"youth_id": "pupil-1"}'))
    assert "message 'student_enrolled' starts proc_student_support" in line
    assert row_counts(region) == before


def test_complete_checks_the_form_and_the_actor(run, region):
    instance_id = run("start", SCHOOL_ROUTE, "pupil-1", "--actor", "navigator1").output.strip()
    [task] = [task for task in json.loads(run("tasks", "--json").output) if task["instance_id"] == instance_id]
    assert "outside the groups and organisation of navigator2" in one_error_line(
        run("claim", task["id"], "--actor", "navigator2"))
    assert "is not a user" in one_error_line(run("claim", task["id"], "--actor", "navigator9"))
    assert run("claim", task["id"], "--actor", "navigator1").exit_code == 0
    invalid = run("complete", task["id"], "--actor", "navigator1", "--data", '{"attended": true}')
    assert invalid.exit_code == 2
    assert invalid.output.strip().splitlines() == [
        "error: attended: This field is not part of the form.",
        "error: career_intent: Please choose a value.",
        "error: hours_done: This field is required.",
    ]
    [still_open] = json.loads(run("tasks", "--instance", instance_id, "--json").output)
    assert still_open["id"] == task["id"]
    done = run("complete", task["id"], "--actor", "navigator1", "--data", f"@{ANSWER}")
    assert done.exit_code == 0 and f"task {task['id']} completed" in done.output
    assert json.loads(run("show", instance_id, "--json").output)["incidents"] == []
    [completed] = json.loads(run("tasks", "--instance", instance_id, "--status", "completed", "--json").output)
    assert (completed["id"], completed["completed_by"]) == (task["id"], "navigator1")


COMMANDS = [("deploy", str(ROOT / "processes")), ("tasks",), ("show", "some-instance"),
            ("start", SCHOOL_ROUTE, "pupil-1", "--actor", "navigator1")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_a_database_without_tables_asks_for_init(run, tmp_path, monkeypatch, command):
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    assert one_error_line(run(*command)) == ("error: the database sqlite:///"
                                             f"{tmp_path / 'fresh.sqlite'} has no ProfRoute tables yet: "
                                             "run \"profroute init\"")


@pytest.mark.parametrize("url", ["nonsense", "foo://host/db", "postgresql+nodriver://host/db"])
@pytest.mark.parametrize("command", COMMANDS[:3], ids=lambda command: command[0])
def test_a_malformed_url_is_named(run, monkeypatch, url, command):
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", url)
    assert f"PROFROUTE_DATABASE_URL is not a database URL: {url!r}" in one_error_line(run(*command))


def test_an_unreachable_server_is_named(run, monkeypatch):
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", "postgresql+psycopg://profroute:secret@127.0.0.1:1/profroute")
    line = one_error_line(run("tasks"))
    assert line.startswith("error: cannot use the database postgresql+psycopg://profroute:***@127.0.0.1:1/profroute")
    assert "secret" not in line


@pytest.mark.skipif(not PG_URL, reason="PROFROUTE_TEST_DATABASE_URL is not set")
@pytest.mark.parametrize("command", [("init",), *COMMANDS[:3]], ids=lambda command: command[0])
def test_a_postgresql_database_that_does_not_exist_is_named(run, monkeypatch, command):
    url = make_url(PG_URL).set(database="profroute_no_such_database").render_as_string(hide_password=False)
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", url)
    assert 'database "profroute_no_such_database" does not exist' in one_error_line(run(*command))


def test_every_actor_is_a_known_user(run, region):
    instance_id = run("start", SCHOOL_ROUTE, "pupil-1", "--actor", "navigator1").output.strip()
    before = row_counts(region)
    assert "--actor 'ghost' is not a user" in one_error_line(run("cancel", instance_id, "--actor", "ghost"))
    assert "--actor 'ghost' is not a user" in one_error_line(
        run("audit", "hold", instance_id, "--on", "--reason", "жалоба", "--actor", "ghost"))
    assert row_counts(region) == before
