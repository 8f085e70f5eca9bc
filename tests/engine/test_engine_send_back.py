"""Sending a failed route back to an earlier user task: the task opens again in the inbox with the answers it
was completed with, the failure is resolved, the move is audited, and replay and verify still pass."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engine import Engine
from engine.audit.replay import replay
from engine.audit.verify import verify
from engine.errors import InvalidState, NotFound, ValidationError
from engine.store.models import AuditEvent, HumanTask, ProcessInstance
from tests.engine.conftest import TEST_ATTRIBUTES

SEND_BACK = Path(__file__).parent / "fixtures" / "send_back"


@pytest.fixture
def engine(database_url, clock, lookups):
    engine = Engine(database_url, clock=clock, handlers={"test.lookup": lookups}, search_attributes=TEST_ATTRIBUTES)
    engine.create_schema()
    engine.deploy([SEND_BACK])
    yield engine
    engine.close()


def failed_route(engine) -> tuple[str, str]:
    """A route whose operator left out the amount: the service task after the form fails."""
    instance_id = engine.start("correction", {"youth_name": "Орлова Мария"}, business_key="youth-1",
                               org={"school": "school-001"})
    [task] = engine.tasks(instance_id=instance_id)
    engine.complete(task.id, {"note": "без суммы"}, actor="ivanova")
    return instance_id, task.id


def snapshot(engine):
    with engine.db.read() as session:
        return (session.scalar(select(func.count()).select_from(AuditEvent)),
                sorted(session.execute(select(ProcessInstance.id, ProcessInstance.version, ProcessInstance.status))),
                sorted(session.execute(select(HumanTask.id, HumanTask.status))))


def test_send_back_reopens_the_user_task_and_the_route_goes_on(engine, lookups, clock):
    instance_id, task_id = failed_route(engine)
    [incident] = engine.incidents(instance_id)
    assert incident.element_id == "lookup" and incident.error_type == "NameError"
    assert engine.earlier_user_tasks(instance_id) == [("enter_amount", "Ввод суммы выплаты")]
    clock.advance(timedelta(hours=2))

    engine.send_back(instance_id, "enter_amount", actor="admin", reason="Не указана сумма")

    info = engine.instance(instance_id)
    assert info.status == "active" and not info.has_incident
    assert [i.status for i in engine.incidents(instance_id)] == ["resolved"]
    [reopened] = engine.tasks(candidate_group="school", org_scope="school-001")
    assert (reopened.id, reopened.element_id, reopened.assignee) == (task_id, "enter_amount", None)
    assert reopened.created_at == clock.now()
    assert engine.task(task_id).data["note"] == "без суммы", "the form opens with the earlier answers"
    assert [(element, due) for _, element, due in engine.timers(instance_id)] == [
        ("expired", clock.now() + timedelta(days=30))], "the task's boundary timer runs again from now"
    moved = [e for e in engine.audit_events(instance_id) if e.kind == "sent_back"]
    assert [(e.actor, e.element_id, e.task_id, e.payload) for e in moved] == [
        ("admin", "enter_amount", task_id, {"reason": "Не указана сумма"})]
    kinds = [e.kind for e in engine.audit_events(instance_id)]
    assert kinds[kinds.index("sent_back"):] == ["sent_back", "incident_resolved", "task_opened", "step"]

    engine.claim(task_id, "ivanova")
    engine.complete(task_id, {"amount": 20}, actor="ivanova")
    assert lookups.calls == [(20, 40)]
    [review] = engine.tasks(instance_id=instance_id)
    assert review.element_id == "review"
    engine.complete(review.id, {}, actor="ivanova")
    assert engine.instance(instance_id).status == "completed"
    with engine.db.read() as session:
        assert replay(session, instance_id).ok, replay(session, instance_id).summary()
        assert verify(session).ok


def test_replay_reapplies_the_move_while_the_task_is_open_again(engine):
    instance_id, _ = failed_route(engine)
    engine.send_back(instance_id, "enter_amount", actor="admin", reason="Сумма")
    with engine.db.read() as session:
        report = replay(session, instance_id)
        assert report.ok, report.summary()
        assert report.steps == 3
        assert verify(session, instance_id).ok


def test_a_retry_scheduled_before_the_move_does_not_run_after_it(engine, lookups, clock):
    instance_id, _ = failed_route(engine)
    engine.send_back(instance_id, "enter_amount", actor="admin", reason="Сумма")
    clock.advance(timedelta(minutes=5))
    assert engine.run_due().idle
    assert lookups.calls == []


@pytest.mark.parametrize("element_id", ["review", "lookup", "start", "nope"])
def test_only_an_earlier_user_task_is_accepted_and_a_refusal_writes_nothing(engine, element_id):
    instance_id, _ = failed_route(engine)
    before = snapshot(engine)
    with pytest.raises(InvalidState, match="not a user task"):
        engine.send_back(instance_id, element_id, actor="admin", reason="Причина")
    assert snapshot(engine) == before


def test_a_reason_is_required_and_finished_or_unknown_routes_are_refused(engine):
    instance_id, _ = failed_route(engine)
    before = snapshot(engine)
    for reason in ("", "   "):
        with pytest.raises(ValidationError, match="reason"):
            engine.send_back(instance_id, "enter_amount", actor="admin", reason=reason)
    with pytest.raises(NotFound):
        engine.send_back("no-such-instance", "enter_amount", actor="admin", reason="Причина")
    assert snapshot(engine) == before
    engine.cancel(instance_id, actor="admin", reason="Дубликат")
    assert engine.earlier_user_tasks(instance_id) == []
    with pytest.raises(InvalidState, match="only an active route"):
        engine.send_back(instance_id, "enter_amount", actor="admin", reason="Причина")


def test_cancelling_a_route_resolves_its_incidents(engine):
    instance_id, _ = failed_route(engine)
    engine.cancel(instance_id, actor="admin", reason="Дубликат")
    assert [i.status for i in engine.incidents(instance_id)] == ["resolved"]
    assert not engine.instance(instance_id).has_incident
    with engine.db.read() as session:
        assert replay(session, instance_id).ok


def test_open_incidents_of_the_region_filter_by_process_operation_organisation_and_age(engine, clock):
    first, _ = failed_route(engine)
    clock.advance(timedelta(days=2))
    second = engine.start("correction", {"youth_name": "Ким Алексей"}, business_key="youth-2",
                          org={"school": "school-002", "czn": "czn-1"})
    engine.complete(engine.tasks(instance_id=second)[0].id, {}, actor="petrov")
    engine.start("correction", {}, business_key="youth-3", org={"school": "school-001"})

    def found(**filters):
        return [item.business_key for item in engine.open_incidents(**filters)]

    assert found() == ["youth-1", "youth-2"] and engine.count_open_incidents() == 2
    assert found(org_kind="school", org_id="school-002") == ["youth-2"]
    assert found(org_kind="czn", org_id="czn-1") == ["youth-2"]
    assert found(older_than=timedelta(days=1)) == ["youth-1"]
    assert found(process_key="approval") == [] and found(operation="test.lookup") == ["youth-1", "youth-2"]
    assert found(limit=1, offset=1) == ["youth-2"]
    assert engine.count_open_incidents(org_kind="school", org_id="school-001") == 1
    assert engine.open_incident_operations() == ["test.lookup"]
    [item] = engine.open_incidents(org_kind="school", org_id="school-001")
    assert (item.attributes["person"], item.org, item.incident.element_id) == (
        "Орлова Мария", {"school": "school-001"}, "lookup")
    assert engine.incident(item.incident.id) == item.incident
    with pytest.raises(NotFound):
        engine.incident("nope")
    with pytest.raises(ValidationError):
        engine.open_incidents(org_kind="school")
    engine.send_back(first, "enter_amount", actor="admin", reason="Сумма")
    assert found() == ["youth-2"]


def test_no_task_before_a_join_of_parallel_branches_is_offered(engine):
    instance_id = engine.start("parallel_checks", {}, business_key="youth-4", org={"school": "school-001"})
    engine.complete(engine.tasks(instance_id=instance_id)[0].id, {}, actor="ivanova")
    for task in engine.tasks(instance_id=instance_id):
        engine.complete(task.id, {}, actor="ivanova")
    assert engine.instance(instance_id).has_incident
    assert engine.earlier_user_tasks(instance_id) == []
    before = snapshot(engine)
    for element_id in ("check_a", "check_b", "intake"):
        with pytest.raises(InvalidState, match="not a user task"):
            engine.send_back(instance_id, element_id, actor="admin", reason="Причина")
    assert snapshot(engine) == before


def test_an_incident_of_the_whole_route_has_nothing_to_retry(engine, clock):
    from engine.store.models import Incident

    instance_id = engine.start("correction", {}, business_key="youth-5", org={"school": "school-001"})
    with engine.db.write() as session, session.begin():
        session.add(Incident(id="stall-1", instance_id=instance_id, task_id="", element_id=None, operation=None,
                             error_type="Stalled", error="waits for nothing", attempts=1, status="waiting_admin",
                             next_retry_at=None, created_at=clock.now()))
    before = snapshot(engine)
    with pytest.raises(InvalidState, match="whole route"):
        engine.retry("stall-1", actor="admin")
    assert snapshot(engine) == before
    engine.cancel(instance_id, actor="admin", reason="Маршрут завис")
    assert engine.incident("stall-1").status == "resolved"
