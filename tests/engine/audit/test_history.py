"""Step events store what changed (engine.history): on a whole-map journey, time travel, replay, verify,
export and the instance's data give the same answers as with a whole copy of the data in every step event,
whether the log was written that way or migrated from the old form (migration e0004)."""
from __future__ import annotations

import io
import json
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

import engine.history as history
from engine.audit.anchors import write_anchor
from engine.audit.compaction import compact_history
from engine.audit.export import collect_traces, write_csv, write_xes
from engine.audit.verify import verify
from engine.chain import GENESIS, ChainWriter, event_hash
from engine.migrations import MIGRATIONS
from engine.store.models import AuditEvent, ProcessInstance

PROCESS_TESTS = Path(__file__).resolve().parents[2] / "processes"
sys.path.insert(0, str(PROCESS_TESTS))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from process_driver import Autopilot, new_engine  # noqa: E402
from process_fakes import FakeHandlers  # noqa: E402
from test_replay_map import graduate_with_plan_and_business, whole_route  # noqa: E402

from .conftest import T0, add_definition  # noqa: E402

FIELDS = ("instance_id", "seq", "kind", "at", "actor", "element_id", "task_id", "payload")


def journey(database_url, request):
    engine = new_engine(database_url, FakeHandlers().mapping())
    request.addfinalizer(engine.close)
    pilot = Autopilot(engine)
    whole_route(engine, pilot)
    graduate_with_plan_and_business(engine, pilot)
    pilot.run()
    return engine


def answers(engine) -> dict:
    """Everything the log answers: each instance's state after every event, its replay, its data; the
    exports; whether the log verifies."""
    result = {"verify": engine.verify().summary()}
    for instance in engine.instances(limit=500):
        events = engine.audit_events(instance.id)
        result[instance.id] = {"states": [engine.state_at(instance.id, event.seq) for event in events],
                               "replay": engine.replay(instance.id), "data": instance.data}
    with engine.db.read() as session:
        csv_out, xes_out = io.StringIO(), io.BytesIO()
        write_csv(collect_traces(session), csv_out)
        write_xes(collect_traces(session), xes_out)
    result["csv"], result["xes"] = csv_out.getvalue(), xes_out.getvalue()
    return result


def step_payloads(engine) -> list[dict]:
    with engine.db.read() as session:
        return list(session.scalars(select(AuditEvent.payload).where(AuditEvent.kind == "step")))


def step_bytes(engine) -> int:
    return sum(len(json.dumps(payload, ensure_ascii=False)) for payload in step_payloads(engine))


def whole_copies(monkeypatch) -> None:
    """The engine writes every step's data in full, uncompressed, as it did before engine.history."""
    monkeypatch.setattr(history, "SNAPSHOT_EVERY", 1)
    monkeypatch.setattr(history, "PACK_ABOVE", 10**9)


def as_old_log(engine) -> None:
    """`instance_completed` repeats the last step's data, as it did before (the chain hashed again)."""
    with engine.db.write() as session, session.begin():
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.instance_id, AuditEvent.seq)).all()
        chain, previous, data = None, GENESIS, {}
        for row in rows:
            if row.instance_id != chain:
                chain, previous, data = row.instance_id, GENESIS, {}
            if row.kind == "step":
                data = row.payload["data_after"]
            elif row.kind == "instance_completed":
                row.payload = {"data": data}
            row.prev_hash = previous
            row.hash = previous = event_hash(previous, {name: getattr(row, name) for name in FIELDS})
            session.execute(update(ProcessInstance).where(ProcessInstance.id == row.instance_id)
                            .values(audit_head=row.hash))
        write_anchor(session, rows[-1].at)


def test_migration_rewrites_an_old_log_to_the_same_answers(database_url, request, monkeypatch):
    with monkeypatch.context() as patched:
        whole_copies(patched)
        engine = journey(database_url, request)
    as_old_log(engine)
    assert all("data_after" in payload for payload in step_payloads(engine))
    before, size_before = answers(engine), step_bytes(engine)
    assert before["verify"].startswith("audit log intact")

    MIGRATIONS.downgrade(engine.db.url, "e0002")
    MIGRATIONS.upgrade(engine.db.url)

    assert answers(engine) == before
    assert any("data_patch" in payload or "data_patch_zlib" in payload for payload in step_payloads(engine))
    assert step_bytes(engine) < size_before / 2


@pytest.mark.parametrize("cached", [True, False], ids=["cached", "read-from-log"])
def test_every_step_rebuilds_the_data_it_recorded(database_url, request, monkeypatch, cached):
    recorded: list[dict] = []
    real = history.step_fields

    def recording(previous, data):
        recorded.append(data)
        return real(previous, data)

    monkeypatch.setattr("engine.persist.step_fields", recording)
    if not cached:
        monkeypatch.setattr(history.RECENT, "size", 0)
    engine = journey(database_url, request)
    result = answers(engine)

    assert result["verify"].startswith("audit log intact")
    rebuilt = [state.data for instance in engine.instances(limit=500) for state in result[instance.id]["states"]
               if state.kind == "step"]
    assert sorted(map(repr, rebuilt)) == sorted(map(repr, recorded))
    assert all(result[instance.id]["replay"].ok for instance in engine.instances(limit=500))
    kinds = {next(key for key in payload if key.startswith("data_")) for payload in step_payloads(engine)}
    assert kinds == {"data_after", "data_after_zlib", "data_patch", "data_patch_zlib"}


def test_migration_leaves_a_damaged_chain_as_it_was(sessions):
    """Hashing an altered record again would vouch for it: such a chain keeps its old form and verify
    still names it; the intact one beside it is rewritten and still verifies."""
    with sessions() as session, session.begin():
        definition_id = add_definition(session)
        intact, damaged = (add_steps(session, definition_id) for _ in range(2))
        session.execute(update(AuditEvent).where(AuditEvent.instance_id == damaged, AuditEvent.seq == 2)
                        .values(payload={"command": "start", "completed": [], "active": [],
                                         "data_after": {"n": 99}}))
        before = {row.seq: row.payload for row in session.scalars(
            select(AuditEvent).where(AuditEvent.instance_id == damaged))}
    with sessions() as session, session.begin():
        report = compact_history(session.connection())
    with sessions() as session:
        assert report.damaged == [damaged] and report.rewritten == 1
        assert {row.seq: row.payload for row in session.scalars(
            select(AuditEvent).where(AuditEvent.instance_id == damaged))} == before
        kinds = [next(key for key in row.payload if key.startswith("data_")) for row in session.scalars(
            select(AuditEvent).where(AuditEvent.instance_id == intact, AuditEvent.kind == "step")
            .order_by(AuditEvent.seq))]
        assert kinds == ["data_after"] + ["data_patch"] * 3
        problems = verify(session).problems
        assert [(problem.instance_id, problem.seq) for problem in problems] == [(damaged, 2)]


def add_steps(session, definition_id: str) -> str:
    """An instance whose log has the old form: four step events with the whole data each."""
    row = ProcessInstance(id=str(uuid.uuid4()), definition_id=definition_id, process_key="school_guidance",
                          business_key="youth-1", status="active", state=b"", org={}, audit_seq=0,
                          audit_head=GENESIS, created_at=T0, updated_at=T0)
    session.add(row)
    session.flush()
    writer = ChainWriter(session, row)
    for index in range(4):
        writer.append("step", T0 + timedelta(minutes=index), payload={
            "command": "start" if index == 0 else "complete", "completed": [f"task_{index}"], "active": [],
            "data_after": {"n": index, "youth_name": "Иван Петров", "done": list(range(index))}})
    session.flush()
    return row.id
