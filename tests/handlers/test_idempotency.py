"""The service_operation wrapper: one effect per (instance, task), recorded in the step's transaction."""
from __future__ import annotations

import inspect

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from domain.models import Region, ServiceCall
from handlers.errors import BusinessError
from handlers.idempotency import service_operation

calls: list[str] = []


@service_operation("test.add_region")
def add_region(ctx, code: str) -> dict:
    """Adds a region row (a stand-in for any domain write)."""
    calls.append(code)
    ctx.session.add(Region(code=code, name_ru=f"Регион {code}"))
    return {"code": code}


@service_operation("test.refuse")
def refuse(ctx) -> dict:
    """Always a business failure."""
    raise BusinessError("nothing_found", "Ничего не найдено", {"why": "test"})


@service_operation("test.raced")
def raced(ctx) -> dict:
    """Another worker records the same task while this call runs (committed meanwhile on PostgreSQL)."""
    ctx.session.execute(insert(ServiceCall), {"instance_id": ctx.instance_id, "task_id": ctx.task_id,
                                              "operation": "test.raced", "result": {}, "called_at": ctx.now})
    return {"raced": True}


@pytest.fixture(autouse=True)
def _reset():
    calls.clear()


def test_a_repeated_task_returns_the_first_result_without_acting(session, make_ctx, count):
    ctx = make_ctx()
    assert add_region(ctx, code="77") == {"code": "77"}
    assert add_region(make_ctx(same=ctx), code="77") == {"code": "77"}
    assert calls == ["77"] and count(Region) == 1
    record = session.query(ServiceCall).one()
    assert (record.instance_id, record.task_id, record.operation, record.result) == (
        ctx.instance_id, ctx.task_id, "test.add_region", {"code": "77"})


def test_another_task_acts_again(session, make_ctx, count):
    add_region(make_ctx(), code="77")
    add_region(make_ctx(), code="78")
    assert calls == ["77", "78"] and count(ServiceCall) == 2


def test_a_task_id_reused_for_another_operation_is_an_error(session, make_ctx):
    ctx = make_ctx()
    add_region(ctx, code="77")
    with pytest.raises(RuntimeError, match="already ran 'test.add_region'"):
        refuse(make_ctx(same=ctx))


def test_a_business_error_records_nothing(session, make_ctx, count):
    with pytest.raises(BusinessError) as caught:
        refuse(make_ctx())
    assert (caught.value.bpmn_error_code, caught.value.payload, str(caught.value)) == (
        "nothing_found", {"why": "test"}, "Ничего не найдено")
    assert count(ServiceCall) == 0


def test_the_wrapper_keeps_name_signature_and_operation():
    assert add_region.__name__ == "add_region" and add_region.operation == "test.add_region"
    assert list(inspect.signature(add_region).parameters) == ["ctx", "code"]


def test_the_record_is_written_at_once_so_a_concurrent_call_fails_inside_the_handler(session, make_ctx):
    ctx = make_ctx()
    add_region(ctx, code="77")
    assert not any(isinstance(row, ServiceCall) for row in session.new)
    with pytest.raises(IntegrityError):
        raced(make_ctx())
