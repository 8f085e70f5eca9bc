"""Starting routes and reading one instance with its executed path, inside the user's scope."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from domain import route_starts
from domain.route_attributes import ORG_SCOPES
from domain.route_starts import START_MESSAGE, SUBJECT_KIND, StartRefused
from engine import Engine
from web.access import Scope, require
from web.incident_causes import IncidentCause, route_incidents
from web.instances.history import event_elements, events_by_element
from web.models import Role
from web.naming import version_label
from web.organisations import process_names
from web.route_map import ProcessMap, process_maps

MAX_BUSINESS_KEY = 200
YOUTH_LANE = "youth"


@dataclass(frozen=True)
class InstanceView:
    instance: Any
    process_name: str
    version: str
    maps: list[ProcessMap]
    tasks: list[Any]
    events: list[Any]
    event_elements: dict[int, str]
    incidents: list[IncidentCause]


def route_keys(engine: Engine) -> list[str]:
    """The deployed youth routes that are started by hand: the route rule starts them for a youth, and no stage
    message does."""
    return sorted(key for key in process_names(engine) if SUBJECT_KIND.get(key) == "youth" and key not in START_MESSAGE)


def startable_processes(engine: Engine, scope: Scope) -> list[tuple[str, str]]:
    """The youth routes (`route_keys`) this person may start: those with a youth lane and, unless the person
    sees the whole region, a lane of their group."""
    names = process_names(engine)
    startable = []
    for key in route_keys(engine):
        latest = engine.definitions(key)[-1]
        lanes = engine.element_index(latest.id).lanes
        if YOUTH_LANE in lanes and (scope.region_wide or lanes & set(scope.groups)):
            startable.append((key, names[key]))
    return sorted(startable, key=lambda item: item[1])


def start_route(engine: Engine, session: Session, scope: Scope, process_key: str, youth_id: str) -> str:
    """Starts `process_key` for a youth by the route rule (domain.route_starts); StartRefused says why not."""
    require(scope.starts_routes())
    if process_key not in route_keys(engine):
        raise StartRefused("process", f"{process_key!r} is not a youth route")
    if process_key not in dict(startable_processes(engine, scope)):
        raise StartRefused("lane", f"{process_key!r} is not a route this person may start")
    youth_id = youth_id.strip()
    if not youth_id or len(youth_id) > MAX_BUSINESS_KEY:
        raise StartRefused("youth_id", "no youth given")
    return route_starts.start_route(engine, session, scope.starter(), process_key, youth_id).instance_id


def refusal_message(engine: Engine, refused: StartRefused) -> str:
    """Why a start was refused, in the user's language, naming people and routes, never ids."""
    if refused.reason == "running" and refused.running is not None:
        process = process_names(engine).get(refused.running.process_key, refused.running.process_key)
        return _("Маршрут «%(process)s» для %(name)s уже идёт с %(date)s.", process=process,
                 name=refused.subject_name, date=format_date(refused.running.started_at, "short"))
    if refused.reason == "organisation":
        return _("%(name)s не относится к вашей организации: запустить маршрут нельзя.", name=refused.subject_name)
    if refused.reason == "grade":
        return _("Маршрут профориентации школьника идёт с 6 по 11 класс: для ученика другого класса его не "
                 "запускают.")
    if refused.reason == "subject":
        return _("Такого молодого человека нет в реестрах.")
    if refused.reason == "lane":
        return _("Этот маршрут запускает другая служба.")
    if refused.reason == "youth_id":
        return _("Укажите молодого человека.")
    return _("Выберите процесс из списка.")


def visible_instance(engine: Engine, scope: Scope, instance_id: str) -> Any:
    instance = engine.instance(instance_id)
    require(scope.sees_instance(instance))
    return instance


def instance_view(engine: Engine, scope: Scope, instance_id: str) -> InstanceView:
    instance = visible_instance(engine, scope, instance_id)
    if scope.role == Role.AUDITOR:
        engine.log_audit_view(instance.id, scope.login, "instance", instance.business_key)
    names = process_names(engine)
    index = engine.element_index(instance.definition_id)
    incidents = route_incidents(engine, instance)
    path = engine.executed_path(instance.id)
    events = engine.audit_events(instance.id)
    return InstanceView(
        instance=instance,
        process_name=names.get(instance.process_key, instance.process_key),
        version=version_label(engine, instance.process_key, instance.definition_id),
        maps=process_maps(index, instance.process_key, completed=path.completed, active=path.active,
                          flows=path.flows, failed=[cause.incident.element_id for cause in incidents
                                                    if cause.incident.element_id]),
        tasks=[task for task in engine.tasks(instance_id=instance.id, status="any", limit=500)
               if scope.sees_task(task)],
        events=events,
        event_elements=event_elements(events, index),
        incidents=incidents,
    )


def diagram_file(engine: Engine, scope: Scope, instance_id: str, process_key: str) -> bytes:
    """The deployed BPMN file holding `process_key`'s diagram, for a route of that version this person sees."""
    instance = visible_instance(engine, scope, instance_id)
    file_name = engine.element_index(instance.definition_id).files.get(process_key)
    if file_name is None:
        abort(404)
    return engine.definition_files(instance.definition_id)[file_name]


def element_events(engine: Engine, scope: Scope, instance_id: str, upto: int | None) -> dict[str, Any]:
    """The route's events per element (up to event `upto`), for the diagram's click."""
    instance = visible_instance(engine, scope, instance_id)
    return events_by_element(engine.audit_events(instance.id), engine.element_index(instance.definition_id), upto)


def instances_page(engine: Engine, scope: Scope, *, status: str | None, offset: int, limit: int,
                   business_key: str | None = None) -> list[Any]:
    """The region's routes for region-wide roles; a school's, college's or employer's routes by its search
    attribute; for other organisations the routes of the tasks of their groups, newest first. `business_key` keeps one
    youth's routes."""
    if scope.region_wide:
        return engine.instances(status=status, business_key=business_key, limit=limit, offset=offset)
    attribute = ORG_SCOPES.get(scope.org_kind)
    if attribute is not None:
        found = engine.instances(status=status, business_key=business_key, limit=limit, offset=offset,
                                 attributes={attribute: scope.org_id})
    else:
        tasks = engine.tasks(**scope.task_filter(), business_key=business_key, status="any", limit=limit,
                             offset=offset, order="-created")
        found = [engine.instance(instance_id) for instance_id in dict.fromkeys(task.instance_id for task in tasks)]
        found = [instance for instance in found if status is None or instance.status == status]
    return [instance for instance in found if scope.sees_instance(instance)]


def resume(engine: Engine, scope: Scope, instance_id: str, reason: str) -> None:
    """Suspending and cancelling ask for a confirmation with a reason (`web.admin.incidents`); resuming
    puts a suspended route back as it was, so it is one click."""
    if scope.role != Role.ADMIN:
        abort(403)
    instance = visible_instance(engine, scope, instance_id)
    engine.resume(instance.id, scope.login, reason.strip() or "resume")
