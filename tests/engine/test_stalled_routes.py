"""Routes stalled by issue 17's loop bug: a cold engine reproduces the bug when the parser's fix is switched
off, the watchdog turns the stall into an incident (raised by the stalling step, and found by the worker's
sweep), and `Engine.repair` moves the route on with an audited step that replay and verify understand."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, update

from engine import Engine
from engine.parsing import bundle
from engine.store.models import AuditEvent, Incident, ProcessInstance
from engine.wiring import Wiring
from profroute.cli import main

LOOPS = Path(__file__).parent / "fixtures" / "loops"
YEARS = [2026, 2027, 2028]


@pytest.fixture
def loops_engine(database_url, clock):
    engine = Engine(database_url, clock=clock, cold=True)
    engine.create_schema()
    engine.deploy([LOOPS])
    yield engine
    engine.close()


def _complete_open(engine: Engine, instance_id: str) -> str:
    [listed] = engine.tasks(instance_id=instance_id, status="open")
    task = engine.task(listed.id)
    engine.complete(task.id, {"result": f"year {task.data.get('year')}"}, actor="curator")
    return task.element_id


def _stall(engine: Engine, monkeypatch) -> str:
    """A route stalled as before the fix: its first checkpoint completed in a process that parsed afresh."""
    with monkeypatch.context() as patched:
        patched.setattr(bundle, "connect_loops", lambda spec: None)
        instance_id = engine.start("checkpoints", {"years": YEARS}, business_key="y-1")
        _complete_open(engine, instance_id)
    return instance_id


@pytest.mark.parametrize("cold", [False, True], ids=["warm", "cold"])
def test_a_cold_engine_reproduces_a_restart_between_steps(database_url, clock, monkeypatch, cold):
    monkeypatch.setattr(bundle, "connect_loops", lambda spec: None)
    engine = Engine(database_url, clock=clock, cold=cold)
    try:
        engine.create_schema()
        engine.deploy([LOOPS])
        instance_id = engine.start("checkpoints", {"years": YEARS}, business_key="y-1")
        _complete_open(engine, instance_id)
        opened = engine.tasks(instance_id=instance_id, status="open")
        assert (opened == []) is cold, "without the fix only a cold engine stalls in the loop"
    finally:
        engine.close()


def test_the_step_that_leaves_a_route_waiting_for_nothing_opens_a_stalled_incident(loops_engine, monkeypatch):
    instance_id = _stall(loops_engine, monkeypatch)
    [incident] = loops_engine.incidents(instance_id)
    assert (incident.error_type, incident.operation, incident.status) == ("Stalled", "engine.watchdog",
                                                                          "waiting_admin")
    assert incident.task_id == "" and "waits for nothing" in incident.error and "checkpoint" in incident.error
    assert loops_engine.instance(instance_id).has_incident
    assert [row.incident.id for row in loops_engine.open_incidents()] == [incident.id]
    kinds = [event.kind for event in loops_engine.audit_events(instance_id)]
    assert kinds[-3:] == ["task_completed", "incident_opened", "step"], "in the stalling step's transaction"
    assert loops_engine.run_due().stalled_routes == (), "a route with its incident is not reported again"


def test_the_sweep_finds_a_route_left_waiting_for_nothing(loops_engine, monkeypatch):
    instance_id = _stall(loops_engine, monkeypatch)
    with loops_engine.db.write() as session, session.begin():  # as a database written before the watchdog
        session.query(Incident).delete()
        session.get(ProcessInstance, instance_id).has_incident = False
    work = loops_engine.run_due()
    assert work.stalled_routes == (instance_id,) and not work.stepped
    assert f"route {instance_id} waits for nothing: incident opened" in work.lines()
    [incident] = loops_engine.incidents(instance_id)
    assert incident.error_type == "Stalled" and incident.operation == "engine.watchdog"
    assert loops_engine.run_due().stalled_routes == ()
    assert loops_engine.replay(instance_id).divergence.reason in ("waiting", "completed", "data")
    [route] = loops_engine.repair(actor="admin", reason="Issue 17").routes
    assert route.repaired and loops_engine.replay(instance_id).ok, "the watchdog's step replays as a step too"


def test_repair_moves_a_stalled_loop_on_and_the_route_replays_and_verifies(loops_engine, monkeypatch):
    instance_id = _stall(loops_engine, monkeypatch)
    assert not loops_engine.replay(instance_id).ok, "on today's specs the stalling step merges the loop"

    found = loops_engine.repair(actor="admin", reason="Issue 17", dry_run=True)
    [route] = found.routes
    assert (route.instance_id, route.loops, route.repaired, route.error) == (instance_id, ("checkpoint",), False,
                                                                             None)
    [(seq, loops)] = route.stalled_steps
    assert loops == ("checkpoint",) and loops_engine.tasks(instance_id=instance_id, status="open") == []

    [done] = loops_engine.repair(actor="admin", reason="Issue 17").routes
    assert done.repaired and done.stalled_steps == route.stalled_steps
    repaired = loops_engine.audit_events(instance_id)
    event = next(event for event in repaired if event.kind == "route_repaired")
    assert event.actor == "admin" and event.payload["reason"] == "Issue 17"
    assert event.payload["stalled_steps"] == [{"seq": seq, "loops": ["checkpoint"]}]
    assert [loop["merged"] for loop in event.payload["loops"]] == [1]
    assert loops_engine.incidents(instance_id)[0].status == "resolved"
    assert loops_engine.replay(instance_id).ok and loops_engine.verify(instance_id).ok
    assert loops_engine.state_at(instance_id, event.seq).status == "active"
    assert loops_engine.repair(actor="admin", reason="again", dry_run=True).routes == ()

    while _complete_open(loops_engine, instance_id) != "summary":
        pass
    assert loops_engine.instance(instance_id).status == "completed"
    assert loops_engine.instance(instance_id).data["results"] == ["year 2026", "year 2027", "year 2028"]
    report = loops_engine.replay(instance_id)
    assert report.ok, report.summary()


def test_profroute_repair_lists_repairs_and_refuses_a_route_whose_log_does_not_replay(tmp_path, clock, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", url)
    runner = CliRunner()

    def repair(*args: str):
        return runner.invoke(main, ["repair", "--actor", "admin", *args], obj=Wiring(),
                             catch_exceptions=False)

    engine = Engine(url, clock=clock, cold=True)
    try:
        engine.create_schema()  # the engine's tables only: no people to check --actor against
        engine.deploy([LOOPS])
        first, second = _stall(engine, monkeypatch), _stall(engine, monkeypatch)
    finally:
        engine.close()

    found = repair("--dry-run", "--json")
    assert found.exit_code == 1, found.output
    assert {route["instance_id"] for route in json.loads(found.output)["routes"]} == {first, second}

    with create_engine(url).begin() as connection:  # the log of the second route no longer replays
        connection.execute(update(AuditEvent).where(AuditEvent.instance_id == second,
                                                    AuditEvent.kind == "instance_started").values(payload={}))
    refused = repair()
    assert refused.exit_code == 2 and f"{second}  checkpoints" in refused.output and "NOT REPAIRED" in refused.output
    assert f"{first}  checkpoints  key=y-1  loops=checkpoint  repaired" in refused.output
    left = repair("--dry-run")
    assert left.exit_code == 2 and first not in left.output
