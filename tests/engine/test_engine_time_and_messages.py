"""Timers on the moved clock, restarts, messages across instances, buffering and idempotency."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from engine import DueWork, Engine


def start_approval(engine, key="youth-1"):
    return engine.start("approval", {"amount": 20, "youth_name": "Кузнецов Илья"}, business_key=key,
                        org={"czn": "czn-1"})


def test_timers_are_indexed_and_fire_only_when_due(engine, clock):
    instance_id = start_approval(engine)
    due = sorted(due_at for _, _, due_at in engine.timers(instance_id))
    assert due == [clock.now() + timedelta(hours=1), clock.now() + timedelta(days=3)]
    assert engine.run_due().idle
    clock.advance(timedelta(minutes=61))
    assert engine.run_due() == DueWork(fired_timers=(instance_id,))
    assert engine.executed_path(instance_id).completed["remind"] == 1
    assert engine.instance(instance_id).status == "active"
    assert len(engine.tasks(instance_id=instance_id)) == 1, "a non-interrupting timer keeps the task open"
    kinds = [e.kind for e in engine.audit_events(instance_id)]
    assert "timer_fired" in kinds


def test_interrupting_timer_cancels_the_task(engine, clock):
    instance_id = start_approval(engine)
    [task] = engine.tasks(instance_id=instance_id)
    clock.advance(timedelta(days=3, minutes=1))
    engine.run_due()
    assert engine.instance(instance_id).status == "completed"
    assert engine.task(task.id).status == "cancelled"
    assert engine.timers(instance_id) == []


def test_timers_survive_a_restart(make_engine, clock, database_url, lookups):
    first = make_engine()
    instance_id = start_approval(first)
    first.close()
    clock.advance(timedelta(days=4))
    second = Engine(database_url, clock=clock, handlers={"test.lookup": lookups})
    try:
        assert second.run_due() == DueWork(fired_timers=(instance_id,))
        assert second.instance(instance_id).status == "completed"
    finally:
        second.close()


def test_run_due_with_an_explicit_moment(engine, clock):
    instance_id = start_approval(engine)
    engine.run_due(now=clock.now() + timedelta(days=5))
    assert engine.instance(instance_id).status == "completed"


def test_message_start_and_reply_across_instances(engine):
    pinger = engine.start("pinger", {"youth_id": "youth-7", "n": 41}, business_key="youth-7")
    assert engine.instance(pinger).status == "completed"
    assert engine.instance(pinger).data["reply"] == {"youth_id": "youth-7", "answer": 42}
    [ponger] = engine.instances(process_key="ponger")
    assert ponger.business_key == "youth-7" and ponger.status == "completed"
    kinds = [e.kind for e in engine.audit_events(pinger)]
    assert "message_sent" in kinds and "message_received" in kinds


def test_messages_are_correlated_by_key(engine):
    first = engine.start("pinger", {"youth_id": "a", "n": 1}, business_key="a")
    second = engine.start("pinger", {"youth_id": "b", "n": 10}, business_key="b")
    assert engine.instance(first).data["reply"]["answer"] == 2
    assert engine.instance(second).data["reply"]["answer"] == 11


def test_unmatched_message_is_buffered_then_delivered_once(engine, make_engine):
    assert engine.correlate("pong", "youth-9", {"youth_id": "youth-9", "answer": 5}, message_id="m-1") == []
    # The pinger's ping also starts a ponger whose pong goes to youth-9; the buffered message is older: FIFO.
    pinger = engine.start("pinger", {"youth_id": "youth-9", "n": 0}, business_key="youth-9")
    assert engine.instance(pinger).status == "completed"
    assert engine.instance(pinger).data["reply"]["answer"] == 5
    assert engine.correlate("pong", "youth-9", {"answer": 6}, message_id="m-1") == [pinger], "idempotent"


def test_buffered_messages_expire(engine, clock):
    engine.correlate("pong", "nobody", {"answer": 1}, message_id="lost")
    clock.advance(timedelta(days=31))
    assert engine.run_due().expired_messages == 1


def test_message_waiting_instance_receives_external_message(engine):
    instance_id = engine.start("pinger", {"youth_id": "z", "n": 1}, business_key="z")
    assert engine.instance(instance_id).status == "completed"
    assert engine.correlate("pong", "z", {"answer": 0}) == []


def test_the_process_declares_which_payload_field_keys_the_messages_it_throws(engine):
    engine.start("pinger", {"youth_id": "youth-3", "n": 1}, business_key="route-3")
    [ponger] = engine.instances(process_key="ponger")
    assert ponger.business_key == "youth-3", "the ping is keyed by the declared correlationKeyField"

    source = (Path(__file__).parent / "fixtures" / "engine" / "messaging.bpmn").read_bytes()
    undeclared = source.replace(b'<spiffworkflow:property name="correlationKeyField" value="youth_id" />', b"")
    assert undeclared != source
    engine.deploy_files([("messaging.bpmn", undeclared)])
    engine.start("pinger", {"youth_id": "youth-4", "n": 1}, business_key="route-4")
    keys = {instance.business_key for instance in engine.instances(process_key="ponger")}
    assert keys == {"youth-3", "route-4"}, "without a declaration the sender's business key keys its messages"
