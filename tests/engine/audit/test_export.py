"""XES and CSV export of the audit log, read back by pm4py."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from engine.audit.export import CSV_COLUMNS, collect_traces, write_csv, write_xes

from .conftest import run_approvals


@pytest.fixture
def history(engine, clock):
    started = clock.now()
    ids = run_approvals(engine, clock)
    return engine, ids, started


def export(engine, writer, out, **filters):
    with engine.db.read() as session:
        return writer(collect_traces(session, **filters), out)


def test_xes_is_read_by_pm4py_with_the_right_counts(history, tmp_path):
    import pm4py  # a dependency (pyproject.toml), imported here because it takes seconds to load
    engine, ids, _ = history
    path = tmp_path / "log.xes"
    with path.open("wb") as out:
        counts = export(engine, write_xes, out, process_key="approval")
    log = pm4py.read_xes(str(path))
    assert counts.traces == 4 == log["case:concept:name"].nunique()
    assert counts.events == len(log)
    approved = log[log["case:concept:name"] == ids["approved"]]
    assert list(approved["concept:name"]) == ["Заявка", "Балл", "Проверка", "Напоминание", "Напомнить",
                                              "Напомнено", "Рассмотрение", "Одобрено", "Готово"]
    review = approved[approved["concept:name"] == "Рассмотрение"].iloc[0]
    assert review["org:resource"] == "ivanova"
    assert review["profroute:kind"] == "task_completed"
    assert approved[approved["concept:name"] == "Проверка"].iloc[0]["profroute:kind"] == "service_called"
    assert set(approved["lifecycle:transition"]) == {"complete"}
    assert approved["time:timestamp"].is_monotonic_increasing


def test_csv_has_the_same_rows(history):
    engine, ids, _ = history
    text = io.StringIO()
    counts = export(engine, write_csv, text)
    rows = list(csv.DictReader(io.StringIO(text.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == counts.events and len({r["case_id"] for r in rows}) == counts.traces == 4
    rejected = [r["activity"] for r in rows if r["case_id"] == ids["rejected"]]
    assert rejected == ["Заявка", "Балл", "Проверка", "Отказ"], "gateways are left out"


def test_filters_by_process_and_period(history, clock):
    engine, ids, started = history
    assert export(engine, write_csv, io.StringIO(), process_key="other").traces == 0
    late = io.StringIO()
    counts = export(engine, write_csv, late, since=started + timedelta(days=2))
    cases = {r["case_id"] for r in csv.DictReader(io.StringIO(late.getvalue()))}
    assert cases == {ids["waiting"], ids["timed_out"]} and counts.traces == 2
    early = export(engine, write_csv, io.StringIO(), until=started + timedelta(minutes=1))
    assert early.traces == 3


def test_the_engine_finds_and_exports_routes_with_the_same_filters_piece_by_piece(history):
    from engine import AuditFilters

    engine, ids, started = history
    one = AuditFilters(text="  молодой ЧЕЛОВЕК youth-2")
    assert [i.id for i in engine.audit_instances(one)] == [ids["rejected"]], "a name prefix in any case"
    chunks = list(engine.export_log("csv", one))
    assert len(chunks) > 1, "streamed: the header and each trace come as separate pieces"
    rows = list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8"))))
    assert {r["case_id"] for r in rows} == {ids["rejected"]}
    xes = b"".join(engine.export_log("xes", AuditFilters(status="active")))
    assert xes.count(b"<trace>") == len(engine.audit_instances(AuditFilters(status="active"))) >= 1
    late = AuditFilters(since=started + timedelta(days=2))
    assert {i.id for i in engine.audit_instances(late)} >= {ids["waiting"], ids["timed_out"]}
    assert ids["rejected"] not in {i.id for i in engine.audit_instances(late)}, "ended before the period"
    with pytest.raises(ValueError, match="unknown export format"):
        list(engine.export_log("pdf", one))
