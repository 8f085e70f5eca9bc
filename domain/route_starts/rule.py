"""The one rule for starting a route, for every way in (web, API, CLI, demo, simulation): the subject is in
the registries, it belongs to the starter's organisation (region-wide starters may start any), and the same
route does not already run for it. A refused start writes nothing.

The engine is reached through the few facade methods named in `RouteEngine` (this room imports no engine)."""
from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.orm import Session

from domain.route_starts.builders import build_start
from domain.route_starts.catalogue import RouteStart, RunningRoute, StartedRoute, Starter, StartRefused

#: instance statuses of a route that has not ended
RUNNING_STATUSES = ("active", "suspended")


class RouteEngine(Protocol):
    def definitions(self, key: str | None = None) -> list[Any]: ...

    def instances(self, **filters: Any) -> list[Any]: ...

    def start(self, process_key: str, data: dict[str, Any] | None = None, business_key: str | None = None,
              actor: str | None = None, org: dict[str, Any] | None = None) -> str: ...

    def correlate(self, message_name: str, correlation_key: str | None, payload: Any = None,
                  message_id: str | None = None) -> list[str]: ...


def running_route(engine: RouteEngine, process_key: str, business_key: str) -> RunningRoute | None:
    for status in RUNNING_STATUSES:
        for instance in engine.instances(business_key=business_key, process_key=process_key, status=status,
                                         limit=1):
            return RunningRoute(instance.id, instance.process_key, instance.created_at)
    return None


def prepare_start(engine: RouteEngine, session: Session, starter: Starter, process_key: str,
                  subject_id: str) -> RouteStart:
    """The checked start, or StartRefused; reads only."""
    start = build_start(session, process_key, subject_id)
    if start.message is not None and not engine.definitions(process_key):
        raise StartRefused("process", f"process {process_key!r} is not deployed")
    if not start.owned_by(starter):
        raise StartRefused("organisation", f"{start.subject_name} does not belong to {starter.org_kind} "
                           f"{starter.org_id}", subject_name=start.subject_name)
    running = running_route(engine, start.process_key, start.business_key)
    if running is not None:
        raise StartRefused("running", f"the route already runs for {start.subject_name} since "
                           f"{running.started_at:%Y-%m-%d}", subject_name=start.subject_name, running=running)
    return start


def start_route(engine: RouteEngine, session: Session, starter: Starter, process_key: str,
                subject_id: str) -> StartedRoute:
    """Starts the route (a none start, or the stage message of a message-started one) after the rule."""
    start = prepare_start(engine, session, starter, process_key, subject_id)
    if start.message is None:
        instance_id = engine.start(start.process_key, data=start.data, business_key=start.business_key,
                                   actor=starter.login, org=start.org)
        return StartedRoute(instance_id, start)
    engine.correlate(start.message, start.business_key, start.data)
    running = running_route(engine, start.process_key, start.business_key)
    if running is None:
        raise StartRefused("process", f"message {start.message!r} started no {start.process_key!r}")
    return StartedRoute(running.instance_id, start)
