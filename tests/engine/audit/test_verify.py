"""Verification of the audit log against edits, deletions, insertions, reordering and lost instances."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update

from engine.audit.anchors import anchor_if_due, compact_anchors, write_anchor
from engine.audit.verify import ANCHOR_BROKEN, DELETED, EDITED, INSERTED, INSTANCE_DELETED, REORDERED, verify
from engine.chain import event_hash
from engine.errors import NotFound
from engine.store.models import AuditAnchor, AuditEvent, ProcessInstance

from .conftest import T0, add_definition, add_instance


def populate(sessions, chains: int = 3, events: int = 6) -> list[str]:
    with sessions() as session, session.begin():
        definition_id = add_definition(session)
        return [add_instance(session, definition_id, events, start=T0 + timedelta(hours=i)) for i in range(chains)]


def check(sessions, instance_id=None):
    with sessions() as session:
        return verify(session, instance_id)


def only_problem(report):
    assert len(report.problems) == 1, report.problems
    return report.problems[0]


def event(session, instance_id, seq) -> AuditEvent:
    return session.scalars(select(AuditEvent).where(AuditEvent.instance_id == instance_id,
                                                    AuditEvent.seq == seq)).one()


def test_intact_log_verifies(sessions):
    populate(sessions)
    with sessions() as session, session.begin():
        write_anchor(session, T0 + timedelta(days=1))
    report = check(sessions)
    assert report.ok, report.problems
    assert (report.chains, report.events, report.anchors) == (3, 18, 1)
    assert report.summary() == "audit log intact: 3 chain(s), 18 event(s), 1 anchor(s) verified"


def test_edited_payload_is_named_with_instance_and_seq(sessions):
    ids = populate(sessions)
    with sessions() as session, session.begin():
        session.execute(update(AuditEvent).where(AuditEvent.instance_id == ids[1], AuditEvent.seq == 4)
                        .values(payload={"data": {"step": 3, "name": "Пётр Иванов"}}))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.instance_id, problem.seq) == (EDITED, ids[1], 4)
    assert "does not match its hash" in str(problem)


def test_edited_actor_and_time_are_detected(sessions):
    ids = populate(sessions, chains=2)
    with sessions() as session, session.begin():
        session.execute(update(AuditEvent).where(AuditEvent.instance_id == ids[0], AuditEvent.seq == 2)
                        .values(actor="someone-else"))
        session.execute(update(AuditEvent).where(AuditEvent.instance_id == ids[1], AuditEvent.seq == 5)
                        .values(at=T0 + timedelta(days=30)))
    report = check(sessions)
    assert {(p.kind, p.instance_id, p.seq) for p in report.problems} == {(EDITED, ids[0], 2), (EDITED, ids[1], 5)}


def test_deleted_event_leaves_a_gap(sessions):
    ids = populate(sessions)
    with sessions() as session, session.begin():
        session.execute(delete(AuditEvent).where(AuditEvent.instance_id == ids[2], AuditEvent.seq == 3))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.instance_id, problem.seq) == (DELETED, ids[2], 3)
    assert "event(s) 3 are missing" in problem.detail


def test_deleted_event_with_renumbering_is_still_found(sessions):
    ids = populate(sessions, chains=1)
    with sessions() as session, session.begin():
        session.execute(delete(AuditEvent).where(AuditEvent.instance_id == ids[0], AuditEvent.seq == 3))
        for seq in (4, 5, 6):
            session.execute(update(AuditEvent).where(AuditEvent.instance_id == ids[0], AuditEvent.seq == seq)
                            .values(seq=seq - 1))
        session.execute(update(ProcessInstance).where(ProcessInstance.id == ids[0]).values(audit_seq=5))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.seq) == (DELETED, 3)
    assert "was number 4" in problem.detail


def test_deleted_last_events_are_found_through_the_instance_head(sessions):
    ids = populate(sessions, chains=1)
    with sessions() as session, session.begin():
        session.execute(delete(AuditEvent).where(AuditEvent.instance_id == ids[0], AuditEvent.seq >= 5))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.seq) == (DELETED, 5)


def test_deleted_last_events_are_found_through_the_anchor(sessions):
    ids = populate(sessions, chains=1)
    with sessions() as session, session.begin():
        write_anchor(session, T0 + timedelta(days=1))
    with sessions() as session, session.begin():
        session.execute(delete(AuditEvent).where(AuditEvent.instance_id == ids[0], AuditEvent.seq == 6))
        session.execute(update(ProcessInstance).where(ProcessInstance.id == ids[0])
                        .values(audit_seq=5, audit_head=event(session, ids[0], 5).hash))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.instance_id, problem.seq) == (DELETED, ids[0], 6)
    assert "anchor 1 fixed the chain at event 6" in problem.detail


def test_inserted_event_with_a_valid_hash_is_found(sessions):
    """The forger inserts a well-formed event 3 and renumbers the rest without re-hashing them."""
    ids = populate(sessions, chains=1)
    with sessions() as session, session.begin():
        for seq in (6, 5, 4, 3):
            session.execute(update(AuditEvent).where(AuditEvent.instance_id == ids[0], AuditEvent.seq == seq)
                            .values(seq=seq + 1))
        before = event(session, ids[0], 2)
        fields = {"instance_id": ids[0], "seq": 3, "kind": "task_completed", "at": before.at, "actor": "forger",
                  "element_id": "task_x", "task_id": None, "payload": {"data": {"approved": True}}}
        session.add(AuditEvent(**fields, hash=event_hash(before.hash, fields)))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.instance_id, problem.seq) == (INSERTED, ids[0], 3)
    assert "event 4 was number 3" in problem.detail


def test_inserted_event_rehashed_to_the_end_is_found_by_the_anchor(sessions):
    """A forger who re-hashes the whole rest of the chain still cannot match the anchored head."""
    ids = populate(sessions, chains=1)
    with sessions() as session, session.begin():
        write_anchor(session, T0 + timedelta(days=1))
    with sessions() as session, session.begin():
        rows = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == ids[0])
                               .order_by(AuditEvent.seq)).all()
        rows[2].payload = {"data": {"approved": True}}
        prev = rows[1].hash
        for row in rows[2:]:
            fields = {"instance_id": row.instance_id, "seq": row.seq, "kind": row.kind, "at": row.at,
                      "actor": row.actor, "element_id": row.element_id, "task_id": row.task_id,
                      "payload": row.payload}
            row.hash = event_hash(prev, fields)
            prev = row.hash
        session.execute(update(ProcessInstance).where(ProcessInstance.id == ids[0]).values(audit_head=prev))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.instance_id, problem.seq) == (EDITED, ids[0], 6)
    assert "anchor 1" in problem.detail


def test_reordered_events_are_named(sessions):
    ids = populate(sessions, chains=1)
    with sessions() as session, session.begin():
        session.execute(update(AuditEvent).where(AuditEvent.instance_id == ids[0], AuditEvent.seq == 2)
                        .values(seq=-2))
        session.execute(update(AuditEvent).where(AuditEvent.instance_id == ids[0], AuditEvent.seq == 3)
                        .values(seq=2))
        session.execute(update(AuditEvent).where(AuditEvent.instance_id == ids[0], AuditEvent.seq == -2)
                        .values(seq=3))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.seq) == (REORDERED, 2)


def test_deleted_instance_is_found_by_the_anchor(sessions):
    ids = populate(sessions)
    with sessions() as session, session.begin():
        write_anchor(session, T0 + timedelta(days=1))
    with sessions() as session, session.begin():
        session.execute(delete(AuditEvent).where(AuditEvent.instance_id == ids[1]))
        session.execute(delete(ProcessInstance).where(ProcessInstance.id == ids[1]))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.instance_id) == (INSTANCE_DELETED, ids[1])


def test_chain_deleted_under_a_live_instance(sessions):
    ids = populate(sessions, chains=1)
    with sessions() as session, session.begin():
        session.execute(delete(AuditEvent).where(AuditEvent.instance_id == ids[0]))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.instance_id) == (DELETED, ids[0])


def test_altered_and_deleted_anchors(sessions):
    populate(sessions)
    with sessions() as session, session.begin():
        for day in (1, 2, 3):
            write_anchor(session, T0 + timedelta(days=day))
    with sessions() as session, session.begin():
        session.execute(update(AuditAnchor).where(AuditAnchor.id == 1).values(created_at=T0))
    assert only_problem(check(sessions)).kind == ANCHOR_BROKEN
    with sessions() as session, session.begin():
        session.execute(update(AuditAnchor).where(AuditAnchor.id == 1).values(created_at=T0 + timedelta(days=1)))
        session.execute(delete(AuditAnchor).where(AuditAnchor.id == 2))
    problem = only_problem(check(sessions))
    assert problem.kind == ANCHOR_BROKEN and "anchor 3 does not follow" in problem.detail


def test_one_instance_is_verified_alone(sessions):
    ids = populate(sessions)
    with sessions() as session, session.begin():
        session.execute(update(AuditEvent).where(AuditEvent.instance_id == ids[0], AuditEvent.seq == 1)
                        .values(kind="cancelled"))
    assert check(sessions, ids[1]).ok
    report = check(sessions, ids[0])
    assert report.chains == 1 and only_problem(report).seq == 1


def test_periodic_anchor_is_written_only_when_due(sessions):
    populate(sessions, chains=1)
    every = timedelta(hours=1)
    with sessions() as session, session.begin():
        assert anchor_if_due(session, T0, every).id == 1
        assert anchor_if_due(session, T0 + timedelta(minutes=59), every) is None
        assert anchor_if_due(session, T0 + timedelta(minutes=61), every).id == 2
    assert check(sessions).anchors == 2


def test_compacted_anchors_keep_the_chain_verifiable(sessions):
    ids = populate(sessions, chains=2)
    with sessions() as session, session.begin():
        for day in (1, 2, 3):
            write_anchor(session, T0 + timedelta(days=day))
        assert compact_anchors(session, keep=1) == 2
    with sessions() as session:
        assert [bool(a.heads) for a in session.scalars(select(AuditAnchor).order_by(AuditAnchor.id))] == [
            False, False, True]
    assert check(sessions).ok
    with sessions() as session, session.begin():
        session.execute(delete(AuditEvent).where(AuditEvent.instance_id == ids[0]))
        session.execute(delete(ProcessInstance).where(ProcessInstance.id == ids[0]))
    assert only_problem(check(sessions)).kind == INSTANCE_DELETED, "the newest anchor still lists it"
    with sessions() as session, session.begin():
        session.execute(update(AuditAnchor).where(AuditAnchor.id == 3).values(heads={}))
    assert any("the newest anchor 3 lost its heads" in p.detail for p in check(sessions).problems)


def test_an_unknown_instance_is_not_reported_as_intact(sessions):
    populate(sessions, chains=1)
    with sessions() as session, pytest.raises(NotFound, match="no audit events"):
        verify(session, "no-such-instance")


def test_an_event_numbered_before_the_first_is_an_insertion(sessions):
    ids = populate(sessions, chains=1)
    with sessions() as session, session.begin():
        first = event(session, ids[0], 1)
        session.add(AuditEvent(instance_id=ids[0], seq=0, kind="comment", at=first.at, actor="forger",
                               element_id=None, task_id=None, payload={}, hash=first.hash))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.seq) == (INSERTED, 0)


def test_an_instance_row_deleted_without_its_chain_is_found(sessions):
    ids = populate(sessions, chains=2)
    with sessions() as session, session.begin():
        session.execute(delete(ProcessInstance).where(ProcessInstance.id == ids[0]))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.instance_id, problem.reason) == (INSTANCE_DELETED, ids[0], "row_gone")


def test_a_backdated_route_missing_from_the_newest_anchor_is_an_insertion(sessions):
    populate(sessions, chains=1)
    with sessions() as session, session.begin():
        write_anchor(session, T0 + timedelta(days=2))
    with sessions() as session, session.begin():
        definition_id = add_definition(session, "forged")
        forged = add_instance(session, definition_id, 3, start=T0 + timedelta(days=1))
        recent = add_instance(session, definition_id, 3, start=T0 + timedelta(days=2, minutes=-5))
    problem = only_problem(check(sessions))
    assert (problem.kind, problem.instance_id, problem.seq, problem.reason) == (INSERTED, forged, 1, "unanchored")
    assert recent != forged, "a route that began minutes before the anchor may still have been committing"
