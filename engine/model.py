"""Plain dataclasses the facade returns (never ORM rows)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class DefinitionInfo:
    id: str
    key: str
    name: str | None
    version: int
    content_hash: str
    deployed_at: datetime
    deployed_by: str | None
    start_messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DeployResult:
    definitions: list[DefinitionInfo]
    created: list[DefinitionInfo]

    @property
    def unchanged(self) -> bool:
        return not self.created


@dataclass(frozen=True)
class InstanceInfo:
    id: str
    process_key: str
    definition_id: str
    version: int
    business_key: str | None
    parent_id: str | None
    status: str
    has_incident: bool
    data: dict[str, Any]
    org: dict[str, Any]
    attributes: dict[str, str | None]
    """The deployment's search attributes (engine.search), by name."""
    milestone: str | None
    """The name of the last milestone the route passed."""
    created_at: datetime
    updated_at: datetime
    ended_at: datetime | None
    legal_hold: bool = False


@dataclass(frozen=True)
class TaskInfo:
    id: str
    instance_id: str
    process_key: str
    business_key: str | None
    element_id: str
    name: str | None
    form_key: str | None
    candidate_group: str | None
    org_scope: str | None
    assignee: str | None
    priority: int
    due_at: datetime | None
    follow_up_at: datetime | None
    status: str
    created_at: datetime
    claimed_at: datetime | None
    completed_at: datetime | None
    completed_by: str | None
    attributes: dict[str, str | None]
    """The route's search attributes as the task was last synchronised."""
    data: dict[str, Any] | None = None
    instructions: str | None = None


@dataclass(frozen=True)
class StepResult:
    instance_id: str
    status: str
    opened_tasks: list[str]
    incident_id: str | None = None


@dataclass(frozen=True)
class IncidentInfo:
    id: str
    instance_id: str
    task_id: str
    element_id: str | None
    operation: str | None
    error_type: str
    error: str
    attempts: int
    status: str
    next_retry_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class OpenIncident:
    """An open incident with what names its route (for lists across the region)."""

    incident: IncidentInfo
    process_key: str
    definition_id: str
    business_key: str | None
    attributes: dict[str, str | None]
    org: dict[str, Any]
    instance_status: str


@dataclass(frozen=True)
class AuditEventInfo:
    instance_id: str
    seq: int
    kind: str
    at: datetime
    actor: str | None
    element_id: str | None
    task_id: str | None
    payload: Any
    prev_hash: str
    """The hash of the event before it in the log as stored (not a column: each event is chained to it)."""
    hash: str


@dataclass(frozen=True)
class CommentInfo:
    task_id: str
    author: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class ExecutedPath:
    completed: dict[str, int]
    active: set[str]
    flows: dict[str, int]


@dataclass(frozen=True)
class DueWork:
    """What one `Engine.run_due` round did."""
    fired_timers: tuple[str, ...] = ()
    """Instances whose due timers fired."""
    retried_incidents: tuple[tuple[str, str], ...] = ()
    """(incident id, instance id) of each failed step retried."""
    delivered_messages: int = 0
    expired_messages: int = 0
    outbox_sent: int = 0
    outbox_failed: int = 0
    stalled_routes: tuple[str, ...] = ()
    """Active routes the watchdog's sweep found waiting for nothing; each now has a Stalled incident."""

    @property
    def stepped(self) -> bool:
        """Whether any instance moved on (a timer fired, a retry ran, a message was delivered)."""
        return bool(self.fired_timers or self.retried_incidents or self.delivered_messages)

    @property
    def idle(self) -> bool:
        return not (self.stepped or self.expired_messages or self.outbox_sent or self.outbox_failed)

    def lines(self) -> list[str]:
        """One English line per thing done, for logs and the command line."""
        done = [f"timer fired on instance {instance_id}" for instance_id in self.fired_timers]
        done += [f"retried incident {incident_id} on instance {instance_id}"
                 for incident_id, instance_id in self.retried_incidents]
        if self.delivered_messages:
            done.append(f"delivered {self.delivered_messages} message(s)")
        if self.expired_messages:
            done.append(f"expired {self.expired_messages} unmatched message(s)")
        if self.outbox_sent or self.outbox_failed:
            done.append(f"outbox: {self.outbox_sent} sent, {self.outbox_failed} failed attempt(s)")
        done += [f"route {instance_id} waits for nothing: incident opened" for instance_id in self.stalled_routes]
        return done


@dataclass(frozen=True)
class RouteRepair:
    """A route found stalled inside a loop (issue 17) by `Engine.repair`."""
    instance_id: str
    process_key: str
    business_key: str | None
    loops: tuple[str, ...]
    """Element ids of the loops that never merged a finished child."""
    stalled_steps: tuple[tuple[int, tuple[str, ...]], ...]
    """(seq of the step that left them so, their element ids), as replay found them."""
    repaired: bool = False
    error: str | None = None
    """Why the route was not repaired (its log does not replay even with the stall reproduced)."""


@dataclass(frozen=True)
class RepairReport:
    dry_run: bool
    routes: tuple[RouteRepair, ...] = ()

    @property
    def failed(self) -> tuple[RouteRepair, ...]:
        return tuple(route for route in self.routes if route.error is not None)
