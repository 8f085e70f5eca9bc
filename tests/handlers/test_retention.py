"""A retention purge (`profroute audit purge`) removes the purged instances' service-call records through the
handlers' purge hook; other instances' records and the domain registry stay."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from domain.models import ServiceCall, Youth
from engine import Engine, ManualClock
from engine.audit.retention import set_history_ttl, set_legal_hold
from handlers.context import HandlerContext
from handlers.idempotency import service_operation
from handlers.retention import forget_service_calls
from profroute.cli import main
from profroute.wiring import WIRING
from tests.handlers.factories import add_youth, seed_region

LONG_AGO = datetime.fromisoformat("2025-01-06T06:00:00+00:00")
PROCESS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
                  id="defs_purge_probe" targetNamespace="http://profroute.test/purge">
  <bpmn:process id="purge_probe" name="Проверка очистки" isExecutable="true">
    <bpmn:startEvent id="probe_start"><bpmn:outgoing>to_look_up</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="look_up" name="Сведения о молодом человеке">
      <bpmn:extensionElements>
        <spiffworkflow:serviceTaskOperator id="test.look_up_youth" resultVariable="youth">
          <spiffworkflow:parameters>
            <spiffworkflow:parameter id="youth_id" type="str" value="youth_id"/>
          </spiffworkflow:parameters>
        </spiffworkflow:serviceTaskOperator>
      </bpmn:extensionElements>
      <bpmn:incoming>to_look_up</bpmn:incoming>
      <bpmn:outgoing>to_end</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="probe_end"><bpmn:incoming>to_end</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to_look_up" sourceRef="probe_start" targetRef="look_up"/>
    <bpmn:sequenceFlow id="to_end" sourceRef="look_up" targetRef="probe_end"/>
  </bpmn:process>
</bpmn:definitions>
"""


@service_operation("test.look_up_youth")
def look_up_youth(ctx: HandlerContext, youth_id: str) -> dict:
    """Stores personal data in its service-call record, as real handlers do."""
    youth = ctx.session.get(Youth, youth_id)
    return {"youth_id": youth.id, "name": youth.full_name}


def test_the_purge_hook_is_registered():
    assert forget_service_calls in WIRING.purge_hooks


@pytest.fixture
def engine(database_url, tmp_path):
    WIRING.upgrade(database_url)
    database = create_engine(database_url)
    with Session(database) as session:
        seed_region(session)
        add_youth(session, "youth-purged", birth_date=date(2008, 3, 14))
        add_youth(session, "youth-held", birth_date=date(2008, 5, 1))
        session.commit()
    database.dispose()
    engine = Engine(database_url, clock=ManualClock(LONG_AGO), handlers={"test.look_up_youth": look_up_youth})
    path = tmp_path / "purge_probe.bpmn"
    path.write_text(PROCESS, encoding="utf-8")
    engine.deploy([path], actor="tests")
    yield engine
    engine.close()


def service_calls(engine: Engine) -> dict[str, list[str]]:
    with engine.db.read() as session:
        rows = session.execute(select(ServiceCall.instance_id, ServiceCall.result)).all()
    calls: dict[str, list[str]] = {}
    for instance_id, result in rows:
        calls.setdefault(instance_id, []).append(result["youth_id"])
    return calls


def test_purge_forgets_the_service_calls_of_purged_instances_only(engine, database_url, monkeypatch):
    purged = engine.start("purge_probe", {"youth_id": "youth-purged"}, business_key="youth-purged")
    held = engine.start("purge_probe", {"youth_id": "youth-held"}, business_key="youth-held")
    assert service_calls(engine) == {purged: ["youth-purged"], held: ["youth-held"]}
    with engine.db.write() as session, session.begin():
        set_history_ttl(session, "purge_probe", 1)
        set_legal_hold(session, held, True, actor="auditor-1", reason="Запрос суда", now=LONG_AGO + timedelta(hours=1))

    monkeypatch.setenv("PROFROUTE_DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["audit", "purge"], catch_exceptions=False)

    assert result.output.startswith("purged 1 instance(s); 1 on legal hold kept"), result.output
    assert [info.id for info in engine.instances(limit=10)] == [held]
    assert service_calls(engine) == {held: ["youth-held"]}
    with engine.db.read() as session:
        assert session.get(Youth, "youth-purged") is not None, "the registry of record is not purged"
