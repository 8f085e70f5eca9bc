"""API routes: list tasks, get/claim/complete a task, start and get an instance, the OpenAPI document."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from domain.route_starts import StartRefused
from web.api.auth import api_scope, token_required
from web.api.openapi import openapi_document
from web.api.serialize import instance_json, task_json
from web.db import db_session
from web.engine_access import get_engine
from web.inbox.query import InboxQuery
from web.inbox.service import inbox_page
from web.instances import service as instances
from web.tasks import service as tasks
from web.tasks.service import TaskActionError

bp = Blueprint("api", __name__, url_prefix="/api/v1")

ACTION_STATUS = {"closed": 409, "taken": 409, "not_assignee": 409, "form": 500}
START_STATUS = {"process": 400, "youth_id": 400, "subject": 404, "organisation": 403, "grade": 422, "running": 409}


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400)
    return body


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
            pairs.append((str(key), str(item)))
    return MultiDict(pairs)


def _refused(error: TaskActionError) -> ResponseReturnValue:
    return jsonify(error=error.reason), ACTION_STATUS.get(error.reason, 400)


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_document())


@bp.get("/tasks")
@token_required
def list_tasks() -> ResponseReturnValue:
    query = InboxQuery.parse(request.args)
    if query.errors:
        return jsonify(error="invalid_filter", fields=query.errors), 400
    page = inbox_page(get_engine(), api_scope(), query, current_app.config["INBOX_PAGE_SIZE"])
    return jsonify(total=page.total, page=page.page, pages=page.pages,
                   tasks=[task_json(task) for task in page.tasks])


@bp.get("/tasks/<task_id>")
@token_required
def get_task(task_id: str) -> ResponseReturnValue:
    return jsonify(task_json(tasks.visible_task(get_engine(), api_scope(), task_id)))


@bp.post("/tasks/<task_id>/claim")
@token_required
def claim_task(task_id: str) -> ResponseReturnValue:
    engine = get_engine()
    task = tasks.visible_task(engine, api_scope(), task_id)
    try:
        tasks.claim(engine, api_scope(), task)
    except TaskActionError as error:
        return _refused(error)
    return jsonify(task_json(engine.task(task_id)))


@bp.post("/tasks/<task_id>/complete")
@token_required
def complete_task(task_id: str) -> ResponseReturnValue:
    engine = get_engine()
    body = _json_body()
    data = body.get("data", {})
    if not isinstance(data, dict):
        abort(400)
    task = tasks.visible_task(engine, api_scope(), task_id)
    try:
        result = tasks.complete(engine, db_session(), api_scope(), task, json_as_form(data),
                                body.get("locale", "ru") if body.get("locale") in ("ru", "en") else "ru")
    except TaskActionError as error:
        return _refused(error)
    if not result.done:
        return jsonify(error="invalid_form", fields=result.errors), 422
    return jsonify(task_json(engine.task(task_id)))


@bp.post("/instances")
@token_required
def start_instance() -> ResponseReturnValue:
    """Starts a youth's route; its start data comes from the registries, so a body names only the two."""
    body = _json_body()
    unexpected = sorted(set(body) - {"process_key", "youth_id"})
    if unexpected:
        return jsonify(error="unexpected_fields", fields={name: "unknown field" for name in unexpected}), 400
    engine = get_engine()
    try:
        instance_id = instances.start_route(engine, db_session(), api_scope(), str(body.get("process_key", "")),
                                            str(body.get("youth_id", "")))
    except StartRefused as refused:
        return jsonify(error=refused.reason, message=instances.refusal_message(engine, refused)), \
            START_STATUS[refused.reason]
    return jsonify(instance_json(engine.instance(instance_id))), 201


@bp.get("/instances")
@token_required
def list_instances() -> ResponseReturnValue:
    """The routes of one youth (business key) that the caller may see."""
    business_key = request.args.get("business_key", "").strip()
    if not business_key or len(business_key) > instances.MAX_BUSINESS_KEY:
        return jsonify(error="business_key"), 400
    found = get_engine().instances(business_key=business_key, limit=200)
    return jsonify(instances=[instance_json(instance) for instance in found if api_scope().sees_instance(instance)])


@bp.get("/instances/<instance_id>")
@token_required
def get_instance(instance_id: str) -> ResponseReturnValue:
    return jsonify(instance_json(instances.visible_instance(get_engine(), api_scope(), instance_id)))
