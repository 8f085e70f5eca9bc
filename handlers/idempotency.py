"""One call per (instance, task): the `service_operation` decorator stores each result in `service_call`
and answers a repeated call of the same task with the stored result, so domain rows are written once."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from domain.models import ServiceCall
from handlers.context import HandlerContext

Handler = Callable[..., dict[str, Any]]


def service_operation(operation: str) -> Callable[[Handler], Handler]:
    """Mark a function as the handler of a BPMN service operation (its `operation` attribute)."""

    def decorate(function: Handler) -> Handler:
        @functools.wraps(function)
        def handler(ctx: HandlerContext, **params: Any) -> dict[str, Any]:
            earlier = ctx.session.scalar(
                select(ServiceCall).where(
                    ServiceCall.instance_id == ctx.instance_id, ServiceCall.task_id == ctx.task_id
                )
            )
            if earlier is not None:
                if earlier.operation != operation:
                    raise RuntimeError(
                        f"task {ctx.task_id} of instance {ctx.instance_id} already ran {earlier.operation!r}, "
                        f"not {operation!r}"
                    )
                return earlier.result
            result = function(ctx, **params)
            ctx.session.add(
                ServiceCall(
                    instance_id=ctx.instance_id,
                    task_id=ctx.task_id,
                    operation=operation,
                    element_id=ctx.element_id,
                    business_key=ctx.business_key,
                    result=result,
                    called_at=ctx.now,
                )
            )
            ctx.session.flush()
            return result

        handler.operation = operation  # type: ignore[attr-defined]
        return handler

    return decorate
