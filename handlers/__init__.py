"""Service-task handlers: one module per stage of the map, plain functions `(ctx, **params) -> dict`.

`handlers.registry.REGISTRY` maps every BPMN service operation id to its function; external systems are
reached only through the outbox (`ctx.emit`) and the adapters in `handlers.adapters`.
"""
