"""The OpenAPI 3.1 document of the API (kept beside the routes; a test checks they match)."""
from __future__ import annotations

from typing import Any

TASK_SCHEMA = {
    "type": "object",
    "properties": {
        name: {"type": kind}
        for name, kind in {
            "id": "string", "instance_id": "string", "process_key": "string", "business_key": "string",
            "element_id": "string", "name": "string", "form_key": "string", "candidate_group": "string",
            "org_scope": "string", "assignee": "string", "priority": "integer", "due_at": "string",
            "follow_up_at": "string", "status": "string", "created_at": "string", "completed_at": "string",
            "completed_by": "string", "youth_name": "string", "stage": "string", "risk_level": "string",
        }.items()
    },
}
INSTANCE_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "string"}, "process_key": {"type": "string"}, "version": {"type": "integer"},
        "business_key": {"type": "string"}, "status": {"type": "string"}, "stage": {"type": "string"},
        "youth_name": {"type": "string"}, "risk_level": {"type": "string"}, "org": {"type": "object"},
        "data": {"type": "object"}, "created_at": {"type": "string"}, "updated_at": {"type": "string"},
        "ended_at": {"type": "string"},
    },
}
ERROR_SCHEMA = {"type": "object", "properties": {"error": {"type": "string"}, "message": {"type": "string"}}}


def _response(description: str, schema: str | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description}
    if schema:
        response["content"] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}
    return response


ERRORS = {
    "401": _response("No or invalid bearer token", "Error"),
    "403": _response("Outside the caller's organisation or role (auditors are read-only)", "Error"),
    "404": _response("Not found", "Error"),
}
TASK_ID = {"name": "task_id", "in": "path", "required": True, "schema": {"type": "string"}}
FILTERS = [
    {"name": name, "in": "query", "required": False, "schema": {"type": kind}, "description": text}
    for name, kind, text in [
        ("tab", "string", "mine | groups (unassigned, default) | all"),
        ("process", "string", "process key"),
        ("stage", "string", "stage (last youth milestone)"),
        ("youth", "string", "youth name prefix"),
        ("school", "string", "school id"),
        ("edu_org", "string", "college / university id"),
        ("due", "string", "overdue | day | week"),
        ("priority", "integer", "1 (high) … 5 (low)"),
        ("sort", "string", "created | -created | due | priority"),
        ("page", "integer", "page number, from 1"),
    ]
]


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "ProfRoute API", "version": "1.0.0",
                 "description": "Tasks and routes of the youth career-guidance map. Every call is "
                                "limited to the caller's organisation and role, as in the web inbox."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "Per-user token issued on the «API-токены» page"}},
            "schemas": {"Task": TASK_SCHEMA, "Instance": INSTANCE_SCHEMA, "Error": ERROR_SCHEMA},
        },
        "paths": {
            "/tasks": {"get": {
                "operationId": "listTasks", "summary": "Open tasks visible to the caller",
                "parameters": FILTERS,
                "responses": {"200": {"description": "One page of tasks", "content": {"application/json": {
                    "schema": {"type": "object", "properties": {
                        "total": {"type": "integer"}, "page": {"type": "integer"},
                        "pages": {"type": "integer"},
                        "tasks": {"type": "array", "items": {"$ref": "#/components/schemas/Task"}}}}}}},
                    "400": _response("Invalid filter", "Error"), **ERRORS}}},
            "/tasks/{task_id}": {"get": {
                "operationId": "getTask", "summary": "One task", "parameters": [TASK_ID],
                "responses": {"200": _response("The task", "Task"), **ERRORS}}},
            "/tasks/{task_id}/claim": {"post": {
                "operationId": "claimTask", "summary": "Claim the task for the caller", "parameters": [TASK_ID],
                "responses": {"200": _response("The claimed task", "Task"),
                              "409": _response("Closed or claimed by someone else", "Error"), **ERRORS}}},
            "/tasks/{task_id}/complete": {"post": {
                "operationId": "completeTask", "summary": "Submit the task's form (the caller must hold it)",
                "parameters": [TASK_ID],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["data"],
                    "properties": {"data": {"type": "object"}, "locale": {"type": "string"}}}}}},
                "responses": {"200": _response("The completed task", "Task"),
                              "400": _response("Body is not a JSON object", "Error"),
                              "409": _response("Not held by the caller, or closed", "Error"),
                              "422": _response("Form errors by field", "Error"), **ERRORS}}},
            "/instances": {"get": {
                "operationId": "listInstances", "summary": "The routes of one youth visible to the caller",
                "parameters": [{"name": "business_key", "in": "query", "required": True,
                                "schema": {"type": "string"}, "description": "the youth's id"}],
                "responses": {"200": {"description": "Routes", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"instances": {
                        "type": "array", "items": {"$ref": "#/components/schemas/Instance"}}}}}}},
                    "400": _response("No business_key", "Error"), **ERRORS}}, "post": {
                "operationId": "startInstance", "summary": "Start a route for a youth",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["process_key", "youth_id"], "additionalProperties": False,
                    "description": "The start data comes from the registries (name, birth date, grade, school).",
                    "properties": {"process_key": {"type": "string"}, "youth_id": {"type": "string"}}}}}},
                "responses": {**ERRORS, "201": _response("The started instance", "Instance"),
                              "400": _response("Unknown process, missing youth id or an unknown field", "Error"),
                              "403": _response("The youth is not in the caller's organisation", "Error"),
                              "404": _response("No such youth in the registries", "Error"),
                              "409": _response("The same route already runs for the youth", "Error"),
                              "422": _response("The pupil's grade is outside the route's grades", "Error")}}},
            "/instances/{instance_id}": {"get": {
                "operationId": "getInstance", "summary": "One instance",
                "parameters": [{"name": "instance_id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": _response("The instance", "Instance"), **ERRORS}}},
        },
    }
