"""One call per (instance, task): the `service_operation` decorator stores each result in `service_call`
and answers a repeated call of the same task with the stored result, so domain rows are written once.

The look-up and the record are Core statements built once (bound parameters, no ORM loading, no flush):
they run straight on the step's connection (the session's execute path costs more than they do), inside its
savepoint, and the INSERT executes at once, so a concurrent call of the same task fails on the unique
(instance, task) right here, within the handler's savepoint. The handler's own rows are flushed by the engine
after the call, in the same savepoint."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam, insert, select

from domain.models import ServiceCall
from handlers.context import HandlerContext

Handler = Callable[..., dict[str, Any]]

_CALLS = ServiceCall.__table__
_EARLIER = select(_CALLS.c.operation, _CALLS.c.result).where(
    _CALLS.c.instance_id == bindparam("instance_id"), _CALLS.c.task_id == bindparam("task_id")
)
_RECORD = insert(_CALLS)


def service_operation(operation: str) -> Callable[[Handler], Handler]:
    """Mark a function as the handler of a BPMN service operation (its `operation` attribute)."""

    def decorate(function: Handler) -> Handler:
        @functools.wraps(function)
        def handler(ctx: HandlerContext, **params: Any) -> dict[str, Any]:
            key = {"instance_id": ctx.instance_id, "task_id": ctx.task_id}
            connection = ctx.session.connection()
            earlier = connection.execute(_EARLIER, key).first()
            if earlier is not None:
                if earlier.operation != operation:
                    raise RuntimeError(
                        f"task {ctx.task_id} of instance {ctx.instance_id} already ran {earlier.operation!r}, "
                        f"not {operation!r}"
                    )
                return earlier.result
            result = function(ctx, **params)
            connection.execute(
                _RECORD,
                {
                    **key,
                    "operation": operation,
                    "element_id": ctx.element_id,
                    "business_key": ctx.business_key,
                    "result": result,
                    "called_at": ctx.now,
                },
            )
            return result

        handler.operation = operation  # type: ignore[attr-defined]
        return handler

    return decorate
