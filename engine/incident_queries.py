"""Read-side queries over incidents: one route's, one by id, and the open incidents of the region with the
filters the administrators' incidents page offers (process, operation, organisation, age)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from engine.errors import InvalidState, NotFound, ValidationError
from engine.model import IncidentInfo, OpenIncident
from engine.search import SearchAttributes
from engine.store.models import Incident, ProcessInstance

OPEN = ("open", "waiting_admin")
LIVE_ROUTES = ("active", "suspended")
MAX_PAGE = 500


def _info(row: Incident) -> IncidentInfo:
    return IncidentInfo(id=row.id, instance_id=row.instance_id, task_id=row.task_id, element_id=row.element_id,
                        operation=row.operation, error_type=row.error_type, error=row.error, attempts=row.attempts,
                        status=row.status, next_retry_at=row.next_retry_at, created_at=row.created_at)


def incidents(session: Session, instance_id: str | None, status: str | None) -> list[IncidentInfo]:
    query = select(Incident).order_by(Incident.created_at)
    if instance_id:
        query = query.where(Incident.instance_id == instance_id)
    if status:
        query = query.where(Incident.status == status)
    return [_info(row) for row in session.scalars(query)]


def incident(session: Session, incident_id: str) -> IncidentInfo:
    row = session.get(Incident, incident_id)
    if row is None:
        raise NotFound(f"incident {incident_id} does not exist")
    return _info(row)


def retry_target(session: Session, incident_id: str) -> tuple[str, str]:
    """(instance id, failed task id) of an incident a person may retry."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"incident {incident_id} does not exist")
    if incident.status == "resolved":
        raise InvalidState(f"incident {incident_id} is already resolved")
    if not incident.task_id:
        raise InvalidState(f"incident {incident_id} concerns the whole route; it has no failed step to "
                           f"retry (send the route back to a user task or cancel it)")
    return incident.instance_id, incident.task_id


def _open(query: Select, *, process_key: str | None = None, operation: str | None = None,
          org_kind: str | None = None, org_id: str | None = None, created_before: datetime | None = None) -> Select:
    query = (query.join(ProcessInstance, ProcessInstance.id == Incident.instance_id)
             .where(Incident.status.in_(OPEN), ProcessInstance.status.in_(LIVE_ROUTES)))
    if process_key:
        query = query.where(ProcessInstance.process_key == process_key)
    if operation:
        query = query.where(Incident.operation == operation)
    if org_kind or org_id:
        if not (org_kind and org_id):
            raise ValidationError("an organisation filter needs both its kind and its id")
        query = query.where(ProcessInstance.org[org_kind].as_string() == org_id)
    if created_before is not None:
        query = query.where(Incident.created_at <= created_before)
    return query


def open_incidents(session: Session, search: SearchAttributes, *, limit: int = 50, offset: int = 0,
                   **filters) -> list[OpenIncident]:
    """Open incidents of active or suspended routes, oldest first, with what names their route."""
    if not 0 < limit <= MAX_PAGE or offset < 0:
        raise ValidationError(f"limit must be 1..{MAX_PAGE} and offset not negative")
    query = _open(select(Incident, ProcessInstance), **filters).order_by(Incident.created_at, Incident.id)
    return [OpenIncident(incident=_info(row), process_key=route.process_key, definition_id=route.definition_id,
                         business_key=route.business_key, attributes=search.named(route), org=dict(route.org or {}),
                         instance_status=route.status)
            for row, route in session.execute(query.limit(limit).offset(offset))]


def count_open_incidents(session: Session, **filters) -> int:
    return session.scalar(_open(select(func.count(Incident.id)), **filters))


def open_incident_operations(session: Session) -> list[str]:
    """The service operations that have open incidents (choices for the operation filter)."""
    query = _open(select(Incident.operation).distinct()).where(Incident.operation.is_not(None))
    return sorted(session.scalars(query))
