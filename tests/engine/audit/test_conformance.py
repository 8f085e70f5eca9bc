"""Token-replay fitness of the exported log against the model (pm4py)."""
from __future__ import annotations

import pytest
from lxml import etree
from sqlalchemy import update

from engine.audit.conformance import conformance, normalised_process
from engine.errors import NotFound
from engine.parsing.elements import BPMN_NS as BPMN
from engine.store.models import AuditEvent

from .conftest import run_approvals


def test_a_simulated_run_fits_the_model(engine, clock):
    run_approvals(engine, clock)
    with engine.db.read() as session:
        report = conformance(session, "approval")
    assert (report.process_key, report.version, report.traces) == ("approval", 1, 3), "completed ones only"
    assert report.log_fitness == pytest.approx(1.0)
    assert report.fitting_traces_percent == pytest.approx(100.0)
    assert "log fitness 1.000" in report.summary()


def test_a_trace_that_skips_a_step_lowers_the_fitness(engine, clock):
    ids = run_approvals(engine, clock)
    with engine.db.write() as session, session.begin():
        first_step = session.query(AuditEvent).filter_by(instance_id=ids["approved"], kind="step").first()
        payload = dict(first_step.payload)
        payload["completed"] = [e for e in payload["completed"] if e != "lookup"]
        session.execute(update(AuditEvent).where(AuditEvent.id == first_step.id).values(payload=payload))
    with engine.db.read() as session:
        report = conformance(session, "approval")
    assert report.log_fitness < 1.0
    assert report.fitting_traces_percent == pytest.approx(200 / 3)


def test_model_is_normalised_for_the_converter(engine):
    definition = engine.definitions("approval")[0]
    root = normalised_process(engine.definition_files(definition.id), "approval")
    kinds = {etree.QName(e).localname for e in root.iter(f"{{{BPMN}}}*")}
    assert "boundaryEvent" not in kinds and "intermediateThrowEvent" not in kinds
    flows = {(f.get("sourceRef"), f.get("targetRef")) for f in root.iter(f"{{{BPMN}}}sequenceFlow")}
    assert ("choice_before_review", "timeout") in flows and ("choice_before_lookup", "lookup_failed") in flows
    ids = {e.get("id") for e in root.iter()}
    assert not ids & {"reminder", "remind", "remind_end"}, "the non-interrupting side path is dropped"


def test_unknown_process_or_version(engine):
    with engine.db.read() as session:
        with pytest.raises(NotFound, match="'nope' is not deployed"):
            conformance(session, "nope")
        with pytest.raises(NotFound, match="version 9"):
            conformance(session, "approval", version=9)
