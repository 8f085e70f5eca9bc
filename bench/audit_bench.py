"""Audit benchmark: how fast `verify` checks hash chains.

Fills N chains of M events straight into the tables (through the contract's hash definition), then times a
full verify and a one-instance verify through the facade (`Engine.verify`, as the auditors' workbench and
`profroute audit verify` call it) and an anchor. The baseline, measured in the same run on the same events, is bare
re-hashing in memory (no database, no checks): the ratio says what reading and checking add to it.

    .venv/bin/python bench/audit_bench.py --chains 10000 --events 10        # SQLite file in a temp folder
"""
from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, insert
from sqlalchemy.orm import sessionmaker

from engine import Engine
from engine.audit.anchors import write_anchor
from engine.chain import GENESIS, event_hash
from engine.store.models import AuditEvent, Base, ProcessDefinition, ProcessInstance

START = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)


def fill(sessions, chains: int, per_chain: int) -> tuple[list[dict], str]:
    events, instances = [], []
    with sessions() as session, session.begin():
        definition = ProcessDefinition(id=str(uuid.uuid4()), key="bench", version=1, content_hash="0" * 64,
                                       start_messages=[], deployed_at=START)
        session.add(definition)
        session.flush()
        for _ in range(chains):
            instance_id, prev = str(uuid.uuid4()), GENESIS
            for seq in range(1, per_chain + 1):
                fields = {"instance_id": instance_id, "seq": seq, "kind": "step",
                          "at": START + timedelta(seconds=seq), "actor": "operator", "element_id": f"e{seq}",
                          "task_id": None, "payload": {"completed": [f"e{seq}"], "data_after": {"n": seq}}}
                digest = event_hash(prev, fields)
                events.append({**fields, "hash": digest})
                prev = digest
            instances.append({"id": instance_id, "definition_id": definition.id, "process_key": "bench",
                              "status": "active", "state": b"", "version": 1, "org": {}, "audit_seq": per_chain,
                              "audit_head": prev, "created_at": START, "updated_at": START,
                              "legal_hold": False, "has_incident": False})
        session.execute(insert(ProcessInstance), instances)
        for start in range(0, len(events), 5000):
            session.execute(insert(AuditEvent), events[start:start + 5000])
    return events, instances[len(instances) // 2]["id"]


def bare_rehash(events: list[dict]) -> float:
    started, prev = time.perf_counter(), GENESIS
    for event in events:
        event_hash(GENESIS if event["seq"] == 1 else prev, event)
        prev = event["hash"]
    return time.perf_counter() - started


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def bench_verify(chains: int, per_chain: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/audit.sqlite"
        database = create_engine(url)
        Base.metadata.create_all(database)
        sessions = sessionmaker(database)
        events, some_instance = fill(sessions, chains, per_chain)
        with sessions() as session, session.begin():
            anchor_time, _ = timed(lambda: write_anchor(session, START + timedelta(days=1)))
        engine = Engine(url)
        full, report = timed(engine.verify)
        one, _ = timed(lambda: engine.verify(some_instance))
        engine.close()
        database.dispose()
    baseline = bare_rehash(events)
    print(report.summary())
    print(f"verify all     {full:8.2f} s   {len(events) / full:10,.0f} events/s")
    print(f"bare re-hash   {baseline:8.2f} s   {len(events) / baseline:10,.0f} events/s   "
          f"(verify / bare = {full / baseline:.1f}x)")
    print(f"verify one     {one * 1000:8.1f} ms")
    print(f"write anchor   {anchor_time * 1000:8.1f} ms over {chains} chain(s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=10, help="events per chain")
    args = parser.parse_args()
    bench_verify(args.chains, args.events)


if __name__ == "__main__":
    main()
