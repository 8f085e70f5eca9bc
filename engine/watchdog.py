"""The watchdog: an active route that waits for nothing — no open human task, no timer (due or ahead), no
message subscription, no active child route and no open incident — can never move on by itself. The step
that leaves a route so records an incident of the whole route (`error_type` "Stalled", operation
"engine.watchdog") in its own transaction; the worker's sweep (`Engine.run_due`) finds the routes left so
by earlier code or by hand and runs a `watchdog` step on each, which records the same incident.

The instance row's counters (`open_tasks`, `waiting_timers`, `waiting_messages`, `has_incident`) are what a
step's projections wrote, so both checks read them instead of the workflow."""
from __future__ import annotations

from sqlalchemy import Connection, and_, exists, select
from sqlalchemy.orm import aliased

from engine.records import InstanceRecord
from engine.step import Failure
from engine.store.models import IDLE_ROUTE, ProcessInstance

STALLED = "Stalled"
OPERATION = "engine.watchdog"
WAITS_FOR_NOTHING = "the route waits for nothing: no open task, timer, message subscription, child route or incident"

_CHILD = aliased(ProcessInstance)
_LIVE_CHILD = exists().where(_CHILD.parent_id == ProcessInstance.id, _CHILD.status == "active")
_STALLED = and_(IDLE_ROUTE, ~_LIVE_CHILD)
"""In the words of the partial index that holds the idle routes, so the sweep reads only them."""


def waits_for_nothing(connection: Connection, instance: InstanceRecord) -> bool:
    """Whether the instance, as its row now says, waits for nothing (its counters are already synced)."""
    if (instance.status != "active" or instance.has_incident or instance.open_tasks or instance.waiting_timers
            or instance.waiting_messages):
        return False
    child = select(ProcessInstance.id).where(ProcessInstance.parent_id == instance.id,
                                             ProcessInstance.status == "active").limit(1)
    return connection.execute(child).first() is None


def stalled(active: list[str]) -> Failure:
    """The failure a step records for a route it leaves waiting for nothing; `active` names where it stands."""
    where = ", ".join(sorted(set(active))) or "none"
    return Failure(task_id="", element_id=None, operation=OPERATION, error_type=STALLED,
                   error=f"{WAITS_FOR_NOTHING} (active elements: {where})", retryable=False)


def stalled_routes(connection: Connection, limit: int) -> list[str]:
    """Active routes that wait for nothing and have no incident yet, oldest change first."""
    query = select(ProcessInstance.id).where(_STALLED).order_by(ProcessInstance.updated_at).limit(limit)
    return list(connection.execute(query).scalars())
