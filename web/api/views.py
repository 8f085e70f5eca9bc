"""API routes: list tasks and routes, get/claim/complete a task, start and get a route, the OpenAPI document.
Requests are checked and answers shaped by the schemas of `web.api.schemas`, which the document is made of."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from domain.route_starts import StartRefused
from web.api import schemas
from web.api.auth import api_scope, token_required
from web.api.openapi import openapi_document
from web.db import db_session
from web.engine_access import get_engine
from web.errors import api_error
from web.inbox.query import InboxQuery
from web.inbox.service import inbox_page
from web.instances import service as instances
from web.tasks import service as tasks
from web.tasks.service import ACTION_MESSAGES, TaskActionError

bp = Blueprint("api", __name__, url_prefix="/api/v1")

ACTION_STATUS = {"closed": 409, "taken": 409, "not_assignee": 409, "form": 500}
START_STATUS = {"process": 404, "lane": 403, "youth_id": 404, "subject": 404, "organisation": 403, "grade": 409,
                "running": 409}


@bp.url_value_preprocessor
def _path_without_nul(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    for name, value in (values or {}).items():
        if isinstance(value, str):
            values[name] = value.replace(schemas.NUL, "")  # type: ignore[index]


def json_as_form(data: dict[str, Any]) -> MultiDict[str, str]:
    """JSON values as the strings a browser would post (lists become repeated keys)."""
    pairs: list[tuple[str, str]] = []
    for key, value in data.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if item is None:
                continue
            if isinstance(item, bool):
                item = "true" if item else ""
            elif isinstance(item, float):
                item = format(Decimal(repr(item)), "f")  # 5e-05 as 0.00005, the way a person types it
            pairs.append((str(key), str(item)))
    return MultiDict(pairs)


def _invalid(fields: dict[str, list[str]], error: str = "invalid_request") -> ResponseReturnValue:
    return api_error(400, error, _("Запрос не прошёл проверку: см. поля."), fields)


def _refused(error: TaskActionError) -> ResponseReturnValue:
    return api_error(ACTION_STATUS.get(error.reason, 400), error.reason, str(ACTION_MESSAGES[error.reason]))


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_document(instances.route_keys(get_engine())))


@bp.get("/tasks")
@token_required
def list_tasks() -> ResponseReturnValue:
    values, errors = schemas.load(schemas.TaskQuerySchema(), request.args.to_dict())
    if errors:
        return _invalid(errors, "invalid_filter")
    query = InboxQuery.parse(MultiDict({name: str(value) for name, value in values.items()}))
    page = inbox_page(get_engine(), api_scope(), query, current_app.config["INBOX_PAGE_SIZE"],
                      current_app.config["INBOX_COUNT_CAP"])
    return jsonify(schemas.TaskPageSchema().dump(
        {"total": page.total, "more": page.more, "page": page.page, "pages": page.pages, "tasks": page.tasks}))


@bp.get("/tasks/<task_id>")
@token_required
def get_task(task_id: str) -> ResponseReturnValue:
    return jsonify(schemas.TaskSchema().dump(tasks.visible_task(get_engine(), api_scope(), task_id)))


@bp.post("/tasks/<task_id>/claim")
@token_required
def claim_task(task_id: str) -> ResponseReturnValue:
    engine = get_engine()
    task = tasks.visible_task(engine, api_scope(), task_id)
    try:
        tasks.claim(engine, api_scope(), task)
    except TaskActionError as error:
        return _refused(error)
    return jsonify(schemas.TaskSchema().dump(engine.task(task_id)))


@bp.post("/tasks/<task_id>/complete")
@token_required
def complete_task(task_id: str) -> ResponseReturnValue:
    """Checks the body, then the task (visible, same form), then the form's data against the task's form."""
    engine = get_engine()
    body, errors = schemas.load(schemas.CompleteSchema(), schemas.without_nul(request.get_json(silent=True)))
    if errors:
        return _invalid(errors)
    task = tasks.visible_task(engine, api_scope(), task_id)
    if body["form_key"] != task.form_key:
        return api_error(409, "form_key", _("У этой задачи другая форма: %(form)s.", form=task.form_key or "—"))
    try:
        result = tasks.complete(engine, db_session(), api_scope(), task, json_as_form(body["data"]),
                                str(get_locale() or "ru"))
    except TaskActionError as error:
        return _refused(error)
    if not result.done:
        return api_error(422, "invalid_form", _("Форма заполнена с ошибками: см. поля."), result.errors)
    return jsonify(schemas.TaskSchema().dump(engine.task(task_id)))


@bp.post("/instances")
@token_required
def start_instance() -> ResponseReturnValue:
    """Starts a youth's route; its start data comes from the registries, so a body names only the two."""
    body, errors = schemas.load(schemas.StartSchema(), request.get_json(silent=True))
    if errors:
        return _invalid(errors)
    engine = get_engine()
    try:
        instance_id = instances.start_route(engine, db_session(), api_scope(), body["process_key"], body["youth_id"])
    except StartRefused as refused:
        return api_error(START_STATUS[refused.reason], refused.reason, instances.refusal_message(engine, refused))
    return jsonify(schemas.InstanceSchema().dump(engine.instance(instance_id))), 201


@bp.get("/instances")
@token_required
def list_instances() -> ResponseReturnValue:
    """The routes the caller may see, one page; `has_more` when the next page may hold more."""
    values, errors = schemas.load(schemas.InstanceQuerySchema(), request.args.to_dict())
    if errors:
        return _invalid(errors, "invalid_filter")
    size = current_app.config["INBOX_PAGE_SIZE"]
    page = values.get("page", 1)
    found = instances.instances_page(get_engine(), api_scope(), status=values.get("status"),
                                     business_key=values.get("business_key") or None,
                                     offset=(page - 1) * size, limit=size + 1)
    return jsonify(schemas.InstancePageSchema().dump(
        {"page": page, "per_page": size, "has_more": len(found) > size, "instances": found[:size]}))


@bp.get("/instances/<instance_id>")
@token_required
def get_instance(instance_id: str) -> ResponseReturnValue:
    return jsonify(schemas.InstanceSchema().dump(instances.visible_instance(get_engine(), api_scope(), instance_id)))
