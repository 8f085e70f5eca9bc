"""Replay from the log: a simulated run replays to the stored state; a tampered input is the first divergence."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, update

from engine.audit.replay import replay
from engine.store.models import AuditEvent, ProcessInstance, Timer

from .conftest import run_approvals

FIXTURES = Path(__file__).parent / "fixtures"


def replay_of(engine, instance_id):
    with engine.db.read() as session:
        return replay(session, instance_id)


def test_every_instance_of_a_simulated_run_replays_to_its_stored_state(engine, clock, lookups):
    ids = run_approvals(engine, clock)
    calls = len(lookups.calls)
    for name, instance_id in ids.items():
        report = replay_of(engine, instance_id)
        assert report.ok, (name, str(report.divergence))
        assert report.steps >= 1
    assert len(lookups.calls) == calls, "replay feeds recorded results instead of calling handlers"


def test_failures_retries_and_business_errors_replay(engine, clock, lookups):
    lookups.fail_times = 1
    failing = engine.start("approval", {"amount": 20}, business_key="y-f", org={"czn": "czn-1"})
    [incident] = engine.incidents(failing)
    engine.retry(incident.id, actor="admin")
    not_found = engine.start("approval", {"amount": -5}, business_key="y-n", org={"czn": "czn-1"})
    assert engine.instance(not_found).status == "completed"
    cancelled = engine.start("approval", {"amount": 20}, business_key="y-c", org={"czn": "czn-1"})
    engine.cancel(cancelled, actor="admin", reason="Дубликат")
    suspended = engine.start("approval", {"amount": 20}, business_key="y-s", org={"czn": "czn-1"})
    engine.suspend(suspended, actor="admin", reason="Проверка")
    lookups.fail_times = 1
    still_failing = engine.start("approval", {"amount": 20}, business_key="y-i", org={"czn": "czn-1"})
    assert engine.incidents(still_failing)[0].status == "open"
    for instance_id in (failing, not_found, cancelled, suspended, still_failing):
        report = replay_of(engine, instance_id)
        assert report.ok, str(report.divergence)


def test_a_tampered_service_result_is_the_first_divergence(engine, clock):
    ids = run_approvals(engine, clock)
    with engine.db.write() as session, session.begin():
        call = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == ids["approved"],
                                                        AuditEvent.kind == "service_called")).one()
        session.execute(update(AuditEvent).where(AuditEvent.id == call.id).values(
            payload={**call.payload, "result": {"ok": False, "score": 40}}))
        step = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == ids["approved"],
                                                        AuditEvent.kind == "step")).first()
    report = replay_of(engine, ids["approved"])
    assert not report.ok
    assert report.divergence.seq == step.seq
    assert report.divergence.what == "completed elements"
    assert "end_rejected" in report.divergence.got and "review" not in report.divergence.got
    assert f"replay diverges at event {step.seq}" in report.summary()


def test_a_tampered_form_and_a_changed_projection_are_found(engine, clock):
    ids = run_approvals(engine, clock)
    with engine.db.write() as session, session.begin():
        form = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == ids["approved"],
                                                        AuditEvent.kind == "task_completed")).one()
        session.execute(update(AuditEvent).where(AuditEvent.id == form.id).values(
            payload={**form.payload, "data": {**form.payload["data"], "decision": "reject"}}))
        session.execute(update(Timer).where(Timer.instance_id == ids["waiting"])
                        .values(due_at=clock.now() + timedelta(days=400)))
    report = replay_of(engine, ids["approved"])
    assert report.divergence.what == "data decision"
    assert (report.divergence.expected, report.divergence.got) == ("approve", "reject")
    timers = replay_of(engine, ids["waiting"])
    assert timers.divergence.what == "timers"


def test_a_swapped_stored_state_is_found(engine, clock):
    ids = run_approvals(engine, clock)
    other = engine.start("approval", {"amount": 50, "youth_name": "Другой"}, business_key="y-x",
                         org={"czn": "czn-1"})
    with engine.db.write() as session, session.begin():
        foreign = session.get(ProcessInstance, other).state
        session.execute(update(ProcessInstance).where(ProcessInstance.id == ids["waiting"])
                        .values(state=foreign))
    divergence = replay_of(engine, ids["waiting"]).divergence
    assert divergence.what == "stored state data amount"
    assert (divergence.expected, divergence.got) == (50, 40)


def test_parallel_multi_instance_tasks_completed_out_of_order_replay(engine):
    engine.deploy([FIXTURES / "item_review.bpmn"])
    instance_id = engine.start("item_review", {"items": ["паспорт", "аттестат", "СНИЛС"]}, business_key="y-mi",
                               org={"czn": "czn-1"})
    tasks = engine.tasks(instance_id=instance_id)
    assert len(tasks) == 3
    for task in reversed(tasks):
        item = engine.task(task.id).data["item"]
        engine.complete(task.id, {"verdict": f"принят: {item}"}, actor="ivanova")
    verdicts = engine.instance(instance_id).data["verdicts"]
    assert sorted(verdicts) == ["принят: СНИЛС", "принят: аттестат", "принят: паспорт"]
    report = replay_of(engine, instance_id)
    assert report.ok, str(report.divergence)
    assert report.steps == 4


def test_a_tampered_start_changes_the_service_call(engine, clock):
    ids = run_approvals(engine, clock)
    with engine.db.write() as session, session.begin():
        started = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == ids["approved"],
                                                           AuditEvent.kind == "instance_started")).one()
        session.execute(update(AuditEvent).where(AuditEvent.id == started.id).values(
            payload={**started.payload, "data": {**started.payload["data"], "amount": 25}}))
        call = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == ids["approved"],
                                                        AuditEvent.kind == "service_called")).one()
    divergence = replay_of(engine, ids["approved"]).divergence
    assert (divergence.seq, divergence.element_id, divergence.what) == (call.seq, "lookup", "service call differs")
    assert divergence.expected["params"] == {"amount": 20, "score": 40}
    assert divergence.got["params"] == {"amount": 25, "score": 50}


def test_messages_between_instances_replay(engine):
    engine.correlate("pong", "youth-9", {"youth_id": "youth-9", "answer": 5}, message_id="m-1")
    engine.start("pinger", {"youth_id": "youth-9", "n": 0}, business_key="youth-9")
    engine.start("pinger", {"youth_id": "youth-7", "n": 41}, business_key="youth-7")
    instances = engine.instances()
    assert {i.process_key for i in instances} == {"pinger", "ponger"}
    for instance in instances:
        report = replay_of(engine, instance.id)
        assert report.ok, f"{instance.process_key}: {report.divergence}"


def test_decision_tables_are_evaluated_again_and_compared(engine):
    engine.deploy([FIXTURES / "debt_review.bpmn", FIXTURES / "debt_risk.dmn"])
    instance_id = engine.start("debt_review", {"debts": 3}, business_key="y-d", org={"edu_org": "college-1"})
    assert engine.instance(instance_id).data["risk"] == "high"
    assert replay_of(engine, instance_id).ok
    with engine.db.write() as session, session.begin():
        decision = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == instance_id,
                                                            AuditEvent.kind == "decision_evaluated")).one()
        session.execute(update(AuditEvent).where(AuditEvent.id == decision.id).values(
            payload={**decision.payload, "outputs": {"risk": "low"}}))
    divergence = replay_of(engine, instance_id).divergence
    assert (divergence.seq, divergence.element_id) == (decision.seq, "assess")
    assert divergence.what == "decision table outputs"
    assert (divergence.expected, divergence.got) == ({"risk": "low"}, {"risk": "high"})


def test_a_step_the_replay_cannot_finish_is_named(engine, clock):
    ids = run_approvals(engine, clock)
    with engine.db.write() as session, session.begin():
        call = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == ids["waiting"],
                                                        AuditEvent.kind == "service_called")).one()
        session.execute(update(AuditEvent).where(AuditEvent.id == call.id).values(
            payload={**call.payload, "result": {"score": 80}}))
    divergence = replay_of(engine, ids["waiting"]).divergence
    assert divergence.what == "the step failed in the replay"
    assert "ok" in divergence.got, "the gateway condition lookup_result['ok'] fails on the altered result"
