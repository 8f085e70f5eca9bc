"""Step events store what changed (engine.history): on a whole-map journey, time travel, replay, verify,
export and the instance's data give the same answers as with a whole copy of the data in every step event,
whether the log was written that way or migrated from an old form (migrations e0004 and e0006)."""
from __future__ import annotations

import base64
import io
import json
import sys
import uuid
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import select, update

import engine.history as history
from engine.audit.anchors import Head, anchor_hash, heads_digest
from engine.audit.compaction import compact_history
from engine.audit.export import collect_traces, write_csv, write_xes
from engine.audit.verify import verify
from engine.chain import GENESIS, ChainWriter, event_hash
from engine.migrations import MIGRATIONS
from engine.store.models import AuditAnchor, AuditEvent, ProcessInstance
from storage import UTCDateTime

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


def whole_copies(monkeypatch) -> None:
    """The engine writes every step's data in full, as it did before engine.history."""
    monkeypatch.setattr(history, "SNAPSHOT_EVERY", 1)


LEGACY_EVENTS = sa.table(
    "audit_event", sa.column("id", sa.Integer()),
    *(sa.column(name, sa.String()) for name in ("instance_id", "kind", "actor", "element_id", "task_id")),
    sa.column("at", UTCDateTime()), sa.column("seq", sa.Integer()), sa.column("payload", sa.JSON()),
    sa.column("prev_hash", sa.String()), sa.column("hash", sa.String()))
LEGACY_INSTANCES = sa.table("process_instance", sa.column("id", sa.String()), sa.column("audit_head", sa.String()))


def packed_field(name: str, value) -> dict:
    """A step's data field as migration e0004 stored it: long JSON zlib-compressed in base64."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if len(text) <= 400:
        return {name: value}
    return {name + "_zlib": base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")}


def as_old_log(engine, form: str) -> None:
    """Rewrite the log (downgraded to JSON text and hex hashes) in an old form, the chain hashed again:
    "whole" - every step with the whole data, `instance_completed` repeating it (before e0004);
    "e0004" - snapshots and patches with long fields zlib-packed in base64 (e0004 to e0005)."""
    with engine.db.write_engine.begin() as connection:
        rows = connection.execute(sa.select(LEGACY_EVENTS).order_by(LEGACY_EVENTS.c.instance_id,
                                                                    LEGACY_EVENTS.c.seq)).all()
        chain, previous, data, heads = None, GENESIS, {}, {}
        for row in rows:
            if row.instance_id != chain:
                chain, previous, data = row.instance_id, GENESIS, {}
            payload = row.payload
            if row.kind == "step" and form == "whole":
                data = payload["data_after"]
            elif row.kind == "step":
                key = next(key for key in payload if key.startswith("data_"))
                payload = {**{k: v for k, v in payload.items() if k != key}, **packed_field(key, payload[key])}
            elif row.kind == "instance_completed" and form == "whole":
                payload = {"data": data}
            fields = {name: getattr(row, name) for name in FIELDS} | {"payload": payload}
            digest = event_hash(previous, fields)
            connection.execute(LEGACY_EVENTS.update().where(LEGACY_EVENTS.c.id == row.id)
                               .values(payload=payload, prev_hash=previous, hash=digest))
            connection.execute(LEGACY_INSTANCES.update().where(LEGACY_INSTANCES.c.id == row.instance_id)
                               .values(audit_head=digest))
            previous = digest
            heads[row.instance_id] = Head(row.seq, digest)
        anchored = heads_digest(heads)
        connection.execute(sa.insert(AuditAnchor).values(
            created_at=rows[-1].at, chain_count=len(heads), heads_digest=anchored,
            heads={key: [head.seq, head.hash] for key, head in sorted(heads.items())}, purged={},
            prev_hash=GENESIS, hash=anchor_hash(GENESIS, anchored, {}, rows[-1].at)))


def stored_bytes(engine) -> int:
    """Bytes of the payloads and hashes as the database holds them (a JSON value PostgreSQL hands back decoded
    is counted as its compact text)."""
    def size(value) -> int:
        if isinstance(value, bytes | str):
            return len(value.encode("utf-8") if isinstance(value, str) else value)
        return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    with engine.db.write_engine.connect() as connection:
        rows = connection.execute(sa.select(sa.column("payload"), sa.column("hash")).select_from(
            sa.table("audit_event"))).all()
    return sum(size(row.payload) + size(row.hash) for row in rows)


@pytest.mark.parametrize(("form", "downgrade_to"), [("whole", "e0002"), ("e0004", "e0005")])
def test_migration_rewrites_an_old_log_to_the_same_answers(database_url, request, monkeypatch, form, downgrade_to):
    """A log written the old way (JSON text, hex hashes; whole copies or e0004's packed fields) migrates to
    packed payloads and byte hashes, and every answer stays the same."""
    with monkeypatch.context() as patched:
        if form == "whole":
            whole_copies(patched)
        engine = journey(database_url, request)
    before = answers(engine)
    assert before["verify"].startswith("audit log intact")

    MIGRATIONS.downgrade(engine.db.url, downgrade_to)
    as_old_log(engine, form)
    size_before = stored_bytes(engine)
    MIGRATIONS.upgrade(engine.db.url)

    anchored = before | {"verify": before["verify"].replace("0 anchor(s)", "1 anchor(s)")}  # as_old_log's
    assert answers(engine) == anchored
    kinds = {next(key for key in payload if key.startswith("data_")) for payload in step_payloads(engine)}
    assert kinds == {"data_after", "data_patch"}
    assert stored_bytes(engine) < size_before / (2 if form == "whole" else 1.2)


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
    assert kinds == {"data_after", "data_patch"}


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


def test_recent_data_grows_to_the_workflows_an_engine_keeps():
    """An engine keeping more workflows than the recent data holds would read the log back on their steps."""
    recent = history.RecentData(size=2)
    recent.reserve(1)
    assert recent.size == 2
    recent.reserve(3)
    for index in range(3):
        recent.keep(f"i{index}", f"h{index}", {"n": index}, 0)
    assert recent.previous(None, "i0", "h0") == ({"n": 0}, 0)
