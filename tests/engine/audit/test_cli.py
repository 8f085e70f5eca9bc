"""`profroute audit ...` end to end on a simulated history."""
from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from engine.store.models import AuditEvent
from profroute.cli import main

from .conftest import run_approvals


@pytest.fixture
def cli(engine, clock, database_url, monkeypatch):
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", database_url)
    ids = run_approvals(engine, clock)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["audit", *args], catch_exceptions=False)

    return invoke, ids, engine


def test_verify_anchor_and_tamper(cli):
    invoke, ids, engine = cli
    result = invoke("verify")
    assert result.exit_code == 0, result.output
    assert "audit log intact: 4 chain(s)" in result.output
    anchored = invoke("anchor")
    assert anchored.exit_code == 0 and anchored.output.startswith("anchor 1 over 4 chain(s): ")
    skipped = invoke("anchor", "--if-older-than", "60")
    assert skipped.output.strip() == "the last anchor is younger than 60 minute(s); none written"
    with engine.db.write() as session, session.begin():
        session.execute(update(AuditEvent).where(AuditEvent.instance_id == ids["approved"], AuditEvent.seq == 2)
                        .values(actor="mallory"))
    damaged = invoke("verify")
    assert damaged.exit_code == 1
    assert f"edited: instance {ids['approved']}, event 2: content does not match its hash" in damaged.output
    assert invoke("verify", "--instance", ids["waiting"]).exit_code == 0


def test_export_to_a_file(cli, tmp_path):
    invoke, ids, _ = cli
    target = tmp_path / "approval.csv"
    result = invoke("export", "--format", "csv", "--process", "approval", "--output", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert {row["case_id"] for row in rows} == set(ids.values())
    xes = tmp_path / "approval.xes"
    assert invoke("export", "--since", "2026-09-01", "-o", str(xes)).exit_code == 0
    assert xes.read_bytes().startswith(b"<?xml")


def test_bad_input_is_refused_clearly(cli):
    invoke, ids, _ = cli
    result = invoke("export", "--since", "yesterday")
    assert result.exit_code == 2 and "'yesterday' is not an ISO 8601 date" in result.output
    assert invoke("ttl", "approval", "soon").exit_code == 2
    unknown = invoke("ttl", "nope", "5")
    assert unknown.exit_code == 2 and "process 'nope' is not deployed" in unknown.output


def test_retention_commands(cli):
    invoke, ids, _ = cli
    assert invoke("ttl", "approval", "7").output.strip() == "approval: history kept 7 day(s) (1 version(s))"
    held = invoke("hold", ids["approved"], "--on", "--reason", "Жалоба родителей", "--actor", "auditor-1")
    assert held.exit_code == 0
    dry = invoke("purge", "--dry-run")
    assert dry.output.splitlines()[0] == "would purge 2 instance(s); 1 on legal hold are kept"
    result = invoke("purge")
    assert result.output.startswith("purged 2 instance(s); 1 on legal hold kept; anchor ")
    assert invoke("verify").exit_code == 0


def test_conformance_command(cli):
    invoke, _, _ = cli
    result = invoke("conformance", "approval")
    assert result.exit_code == 0, result.output
    assert "approval v1: 3 trace(s)" in result.output and "log fitness 1.000" in result.output


def test_replay_command(cli):
    invoke, ids, _ = cli
    result = invoke("replay", ids["approved"])
    assert result.exit_code == 0, result.output
    assert "the result matches the stored state" in result.output
    every = invoke("replay", "--process", "approval")
    assert every.exit_code == 0 and every.output.strip() == "4 instance(s) replayed, 0 diverge"
    assert invoke("replay").exit_code == 2
    missing = invoke("replay", "no-such-instance")
    assert missing.exit_code == 2 and "instance no-such-instance does not exist" in missing.output


def test_state_as_of_an_event(cli):
    invoke, ids, engine = cli
    first_step = next(e.seq for e in engine.audit_events(ids["waiting"]) if e.kind == "step")
    result = invoke("state", ids["waiting"], "--at", str(first_step))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"event {first_step} of ") and lines[0].endswith(": active")
    assert "Рассмотрение" in lines[1]
    assert lines[2].startswith("open task ") and "unclaimed" in lines[2]
    assert '"amount": 40' in result.output
    assert invoke("state", ids["waiting"], "--at", "999").exit_code == 2


def test_compact_anchors_command(cli):
    invoke, _, _ = cli
    for _ in range(3):
        invoke("anchor")
    result = invoke("compact-anchors", "--keep", "1")
    assert result.output.strip() == "2 older anchor(s) hold no heads; the newest 1 keep theirs"
    assert invoke("verify").exit_code == 0
