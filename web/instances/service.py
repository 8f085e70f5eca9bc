"""Starting routes and reading one instance with its executed path, inside the user's scope."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort
from markupsafe import Markup

from domain.models.codes import SCHOOL_ROUTE_GRADES
from web.access import Scope, require
from web.bpmn_names import definition_labels
from web.diagram import render_svg
from web.incident_causes import IncidentCause, route_incidents
from web.models import Role
from web.organisations import process_names

MAX_BUSINESS_KEY = 200
YOUTH_LANE = "youth"


SCHOOL_ROUTE = "proc_school_career_guidance"
SCHOOL_ROUTE_LABELS = {str(grade) for grade in SCHOOL_ROUTE_GRADES}
"""A pupil's grade from the registries or the start data, as text (the API may send it either way)."""


class StartError(ValueError):
    """The route cannot be started as asked; `reason` picks the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class InstanceView:
    instance: Any
    process_name: str
    diagram: Markup | None
    tasks: list[Any]
    events: list[Any]
    element_names: dict[str, str]
    incidents: list[IncidentCause]


def startable_processes(engine: Any, scope: Scope) -> list[tuple[str, str]]:
    """Youth routes this person may start: the latest version of each process without message start
    events that has a youth lane and, unless the person sees the whole region, a lane of their group."""
    latest: dict[str, Any] = {}
    for definition in engine.definitions():
        if definition.key not in latest or definition.version > latest[definition.key].version:
            latest[definition.key] = definition
    startable = []
    for key, definition in latest.items():
        if definition.start_messages:
            continue
        lanes = definition_labels(engine, definition.id).lanes
        if YOUTH_LANE in lanes and (scope.region_wide or lanes & set(scope.groups)):
            startable.append((key, definition.name or key))
    return sorted(startable, key=lambda item: item[1])


def start_route(engine: Any, scope: Scope, process_key: str, youth_id: str,
                data: dict[str, Any] | None = None) -> str:
    """Starts `process_key` for a youth; the organisation of the person starting it is the scope."""
    require(scope.starts_routes())
    if process_key not in dict(startable_processes(engine, scope)):
        raise StartError("process")
    youth_id = youth_id.strip()
    if not youth_id or len(youth_id) > MAX_BUSINESS_KEY:
        raise StartError("youth")
    payload = dict(data or {})
    if process_key == SCHOOL_ROUTE and str(payload.get("grade", SCHOOL_ROUTE_GRADES[0])) not in SCHOOL_ROUTE_LABELS:
        raise StartError("grade")
    org = dict(payload.get("org") or {})
    if not scope.region_wide:
        org[scope.org_kind] = scope.org_id
    payload.update(youth_id=youth_id, org=org)
    return engine.start(process_key, data=payload, business_key=youth_id, actor=scope.login, org=org)


def visible_instance(engine: Any, scope: Scope, instance_id: str) -> Any:
    instance = engine.instance(instance_id)
    require(scope.sees_instance(instance))
    return instance


def _diagram(engine: Any, instance: Any, locale: str) -> Markup | None:
    path = engine.executed_path(instance.id)
    try:
        return render_svg(
            engine.definition_files(instance.definition_id),
            instance.process_key,
            completed=path.completed,
            active=path.active,
            flows=path.flows,
            locale=locale,
        )
    except ValueError:
        return None


def instance_view(engine: Any, scope: Scope, instance_id: str, locale: str) -> InstanceView:
    instance = visible_instance(engine, scope, instance_id)
    if scope.role == Role.AUDITOR:
        engine.log_audit_view(instance.id, scope.login, "instance", instance.business_key)
    names = process_names(engine)
    return InstanceView(
        instance=instance,
        process_name=names.get(instance.process_key, instance.process_key),
        diagram=_diagram(engine, instance, locale),
        tasks=[task for task in engine.tasks(instance_id=instance.id, status="any", limit=500)
               if scope.sees_task(task)],
        events=engine.audit_events(instance.id),
        element_names=definition_labels(engine, instance.definition_id).names,
        incidents=route_incidents(engine, instance),
    )


#: the indexed instance column that names an organisation of that kind
INSTANCE_ORG_COLUMN = {"school": "school_id", "edu_org": "edu_org_id"}


def instances_page(engine: Any, scope: Scope, *, status: str | None, offset: int, limit: int) -> list[Any]:
    """The region's routes for region-wide roles; a school's or college's routes by their indexed column;
    for other organisations the routes of the tasks of their groups, newest first."""
    if scope.region_wide:
        return engine.instances(status=status, limit=limit, offset=offset)
    column = INSTANCE_ORG_COLUMN.get(scope.org_kind)
    if column is not None:
        found = engine.instances(status=status, limit=limit, offset=offset, **{column: scope.org_id})
    else:
        tasks = engine.tasks(**scope.task_filter(), status="any", limit=limit, offset=offset, order="-created")
        found = [engine.instance(instance_id) for instance_id in dict.fromkeys(task.instance_id for task in tasks)]
        found = [instance for instance in found if status is None or instance.status == status]
    return [instance for instance in found if scope.sees_instance(instance)]


def resume(engine: Any, scope: Scope, instance_id: str, reason: str) -> None:
    """Suspending and cancelling ask for a confirmation with a reason (`web.admin.incidents`); resuming
    puts a suspended route back as it was, so it is one click."""
    if scope.role != Role.ADMIN:
        abort(403)
    instance = visible_instance(engine, scope, instance_id)
    engine.resume(instance.id, scope.login, reason.strip() or "resume")
