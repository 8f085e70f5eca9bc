"""Retention: TTL per process definition, legal hold, purge that keeps the log verifiable."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select

from engine.audit.anchors import write_anchor
from engine.audit.retention import purge, set_history_ttl, set_legal_hold
from engine.audit.verify import INSTANCE_DELETED, verify
from engine.errors import InvalidState, NotFound, ValidationError
from engine.store.models import AuditAnchor, AuditEvent, MilestonePass, ProcessInstance

from .conftest import T0, add_definition, add_instance, run_approvals


def count(session, model, **where):
    query = select(func.count()).select_from(model)
    for key, value in where.items():
        query = query.where(getattr(model, key) == value)
    return session.scalar(query)


def test_purge_removes_expired_instances_and_keeps_the_log_verifiable(sessions):
    with sessions() as session, session.begin():
        kept_definition = add_definition(session, "kept_forever")
        short = add_definition(session, "short_lived", ttl_days=30)
        old = add_instance(session, short, 4, ended=T0 + timedelta(days=1), process_key="short_lived")
        young = add_instance(session, short, 4, ended=T0 + timedelta(days=50), process_key="short_lived")
        running = add_instance(session, short, 4, process_key="short_lived")
        forever = add_instance(session, kept_definition, 3, ended=T0, process_key="kept_forever")
        session.add_all([MilestonePass(instance_id=instance, element_id="approved_milestone", at=T0)
                         for instance in (old, young)])
        write_anchor(session, T0 + timedelta(days=2))
    with sessions() as session, session.begin():
        result = purge(session, T0 + timedelta(days=60))
    assert result.purged == [old] and result.held == []
    with sessions() as session:
        assert count(session, ProcessInstance, id=old) == 0
        assert count(session, AuditEvent, instance_id=old) == 0
        assert list(session.scalars(select(MilestonePass.instance_id))) == [young], "passes go with their route"
        assert {young, running, forever} == set(session.scalars(select(ProcessInstance.id)))
        anchor = session.get(AuditAnchor, result.anchor_id)
        assert set(anchor.purged) == {old} and anchor.purged[old][0] == 4
        assert old not in anchor.heads and anchor.chain_count == 3
        report = verify(session)
    assert report.ok, report.problems


def test_legal_hold_keeps_an_instance_and_is_logged(sessions):
    with sessions() as session, session.begin():
        definition = add_definition(session, ttl_days=1)
        held = add_instance(session, definition, 3, ended=T0)
        set_legal_hold(session, held, True, actor="auditor-1", reason="Запрос прокуратуры", now=T0)
    with sessions() as session, session.begin():
        result = purge(session, T0 + timedelta(days=10))
    assert (result.purged, result.held, result.anchor_id) == ([], [held], None)
    with sessions() as session, session.begin():
        last = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == held)
                               .order_by(AuditEvent.seq.desc())).first()
        assert (last.kind, last.actor, last.payload["hold"]) == ("legal_hold", "auditor-1", True)
        set_legal_hold(session, held, False, actor="auditor-1", reason="Проверка завершена", now=T0)
    with sessions() as session, session.begin():
        assert purge(session, T0 + timedelta(days=10)).purged == [held]
    with sessions() as session:
        assert verify(session).ok


def test_deleting_instead_of_purging_is_still_detected(sessions):
    with sessions() as session, session.begin():
        definition = add_definition(session, ttl_days=1)
        victim = add_instance(session, definition, 3, ended=T0)
        write_anchor(session, T0 + timedelta(hours=1))
    with sessions() as session, session.begin():
        session.execute(delete(AuditEvent).where(AuditEvent.instance_id == victim))
        session.execute(delete(ProcessInstance).where(ProcessInstance.id == victim))
        write_anchor(session, T0 + timedelta(days=5))
    with sessions() as session:
        report = verify(session)
    assert [(p.kind, p.instance_id) for p in report.problems] == [(INSTANCE_DELETED, victim)]


def test_settings_reject_bad_input(sessions):
    with sessions() as session, session.begin():
        definition = add_definition(session)
        instance = add_instance(session, definition, 2)
        assert set_history_ttl(session, "school_guidance", 365) == 1
        with pytest.raises(ValidationError):
            set_history_ttl(session, "school_guidance", -1)
        with pytest.raises(NotFound):
            set_history_ttl(session, "nope", 10)
        with pytest.raises(ValidationError):
            set_legal_hold(session, instance, True, actor="a", reason=" ", now=T0)
        with pytest.raises(InvalidState):
            set_legal_hold(session, instance, False, actor="a", reason="x", now=T0)


def test_purge_after_a_real_run(engine, clock):
    ids = run_approvals(engine, clock)
    with engine.db.write() as session, session.begin():
        set_history_ttl(session, "approval", 7)
    clock.advance(timedelta(days=10))
    with engine.db.write() as session, session.begin():
        result = purge(session, clock.now())
    assert set(result.purged) == {ids["approved"], ids["rejected"], ids["timed_out"]}
    assert [i.id for i in engine.instances()] == [ids["waiting"]]
    with engine.db.read() as session:
        assert verify(session).ok


def test_purge_hooks_see_the_purged_ids_in_batches_inside_the_transaction(sessions, monkeypatch):
    monkeypatch.setattr("engine.audit.retention.HOOK_BATCH", 2)
    with sessions() as session, session.begin():
        definition = add_definition(session, ttl_days=1)
        expired = [add_instance(session, definition, 2, ended=T0) for _ in range(3)]
        young = add_instance(session, definition, 2, ended=T0 + timedelta(days=9))
    calls: list[tuple[list[str], int]] = []

    def hook(session, instance_ids):
        remaining = count(session, ProcessInstance)  # the instances are already gone in this transaction
        calls.append((list(instance_ids), remaining))

    with sessions() as session, session.begin():
        result = purge(session, T0 + timedelta(days=5), hooks=[hook])
    assert sorted(result.purged) == sorted(expired)
    assert [ids for ids, _ in calls] == [result.purged[:2], result.purged[2:]]
    assert {remaining for _, remaining in calls} == {1}
    with sessions() as session:
        assert list(session.scalars(select(ProcessInstance.id))) == [young]


def test_a_failing_purge_hook_rolls_the_purge_back(sessions):
    with sessions() as session, session.begin():
        definition = add_definition(session, ttl_days=1)
        expired = add_instance(session, definition, 2, ended=T0)

    def failing(session, instance_ids):
        raise RuntimeError("the other room's table is locked")

    with pytest.raises(RuntimeError), sessions() as session, session.begin():
        purge(session, T0 + timedelta(days=5), hooks=[failing])
    with sessions() as session:
        assert count(session, ProcessInstance, id=expired) == 1
        assert count(session, AuditEvent, instance_id=expired) == 2
        assert count(session, AuditAnchor) == 0
