"""The OpenAPI document itself: every API route is documented, every documented answer is reachable, and each
answer matches its documented schema; every form is documented with its fields."""
from __future__ import annotations

from pathlib import Path

import jsonschema_rs
import pytest
from sqlalchemy import select

import forms
from domain.route_starts import SCHOOL_ROUTE
from engine import Engine
from handlers.registry import REGISTRY
from profroute.wiring import SEARCH_ATTRIBUTES
from tests.route_registry import seed_two_schools
from tests.web.conftest import PROCESSES as TEST_PROCESSES
from tests.web.conftest import open_task, start_visit
from web.db import session_factory
from web.models import User
from web.tokens import issue_token

PROCESSES = Path(__file__).resolve().parents[2] / "processes"
FORM = "school_year_results"
ANSWER = {"hours_done": 30, "career_intent": "work", "diagnostics_done": True}


@pytest.fixture
def engine(migrated_url):
    """The real routes and handlers over a registry of two schools, and the web's test visit."""
    engine = Engine(migrated_url, handlers=REGISTRY, search_attributes=SEARCH_ATTRIBUTES)
    engine.deploy([PROCESSES, TEST_PROCESSES], actor="test")
    seed_two_schools(migrated_url)
    yield engine
    engine.close()


@pytest.fixture
def bearer(app, make_user):
    def issue(user_login: str, **user) -> dict[str, str]:
        make_user(user_login, **user)
        with session_factory(app)() as session:
            token = issue_token(session, session.scalars(select(User).filter_by(login=user_login)).one(), "test")
            session.commit()
        return {"Authorization": f"Bearer {token}"}

    return issue


def documented_operations(document: dict) -> set[tuple[str, str]]:
    return {(path, method) for path, item in document["paths"].items() for method in item}


def test_every_api_route_is_documented(app, client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"] == "3.1.0"
    routed = {
        (rule.rule.removeprefix("/api/v1").replace("<", "{").replace(">", "}"), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routed == documented_operations(document)


def test_every_form_is_documented_with_its_fields(client):
    document = client.get("/api/v1/openapi.json").json
    schemas = document["components"]["schemas"]
    body = document["paths"]["/tasks/{task_id}/complete"]["post"]["requestBody"]["content"]["application/json"]
    assert sorted(body["schema"]["discriminator"]["mapping"]) == forms.available_keys()
    data = schemas[f"FormData_{FORM}"]
    assert data["required"] == ["career_intent", "hours_done"] and data["additionalProperties"] is False
    assert data["properties"]["hours_done"] == {"type": "integer", "minimum": 0, "maximum": 300}
    assert data["properties"]["career_intent"]["enum"] == ["spo", "vo", "work", "undecided"]
    assert schemas[f"Complete_{FORM}"]["properties"]["form_key"]["const"] == FORM
    start = document["paths"]["/instances"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert SCHOOL_ROUTE in start["properties"]["process_key"]["enum"] and start["additionalProperties"] is False


def test_every_documented_answer_is_reachable_and_matches_its_schema(engine, client, bearer):
    document = client.get("/api/v1/openapi.json").json
    school1, school2 = bearer("school1", groups=("school",)), bearer("school2", org_id="school-002", groups=("school",))
    auditor = bearer("audit", role="auditor", org_kind="region", org_id="region")
    task = open_task(engine, start_visit(engine, "youth-1", "school-001"))
    other = open_task(engine, start_visit(engine, "youth-2", "school-001"))
    api, seen = "/api/v1", set()

    def expect(method: str, path: str, status: int, url: str, headers: dict | None = None, **body) -> None:
        response = client.open(f"{api}{url}", method=method.upper(), headers=headers or {}, **body)
        assert response.status_code == status, (method, url, response.get_data(as_text=True))
        answer = document["paths"][path][method]["responses"][str(status)]
        schema = answer["content"]["application/json"]["schema"]
        validator = jsonschema_rs.validator_for({**schema, "components": document["components"]})
        errors = [error.message for error in validator.iter_errors(response.json)]
        assert not errors, (method, url, errors)
        seen.add((path, method, str(status)))

    expect("get", "/openapi.json", 200, "/openapi.json")
    expect("get", "/tasks", 200, "/tasks?tab=all&priority=3&youth=", school1)
    expect("get", "/tasks", 400, "/tasks?priority=9", school1)
    expect("get", "/tasks", 401, "/tasks")
    expect("get", "/tasks/{task_id}", 200, f"/tasks/{task.id}", school1)
    expect("get", "/tasks/{task_id}", 401, f"/tasks/{task.id}")
    expect("get", "/tasks/{task_id}", 403, f"/tasks/{task.id}", school2)
    expect("get", "/tasks/{task_id}", 404, "/tasks/nope", school1)
    expect("post", "/tasks/{task_id}/claim", 401, f"/tasks/{task.id}/claim")
    expect("post", "/tasks/{task_id}/claim", 403, f"/tasks/{task.id}/claim", auditor)
    expect("post", "/tasks/{task_id}/claim", 404, "/tasks/nope/claim", school1)
    expect("post", "/tasks/{task_id}/claim", 200, f"/tasks/{task.id}/claim", school1)
    other_school1 = bearer("school1b", groups=("school",))
    expect("post", "/tasks/{task_id}/claim", 409, f"/tasks/{task.id}/claim", other_school1)
    complete = f"/tasks/{task.id}/complete"
    expect("post", "/tasks/{task_id}/complete", 400, complete, school1, json={"data": ANSWER})
    expect("post", "/tasks/{task_id}/complete", 401, complete, json={"form_key": FORM, "data": ANSWER})
    expect("post", "/tasks/{task_id}/complete", 403, complete, school2, json={"form_key": FORM, "data": ANSWER})
    expect("post", "/tasks/{task_id}/complete", 404, "/tasks/nope/complete", school1,
           json={"form_key": FORM, "data": ANSWER})
    expect("post", "/tasks/{task_id}/complete", 409, f"/tasks/{other.id}/complete", school1,
           json={"form_key": FORM, "data": ANSWER})
    expect("post", "/tasks/{task_id}/complete", 422, complete, school1, json={"form_key": FORM, "data": {}})
    expect("post", "/tasks/{task_id}/complete", 200, complete, school1, json={"form_key": FORM, "data": ANSWER})
    start = {"process_key": SCHOOL_ROUTE, "youth_id": "pupil-1"}
    expect("post", "/instances", 400, "/instances", school1, json={**start, "data": {}})
    expect("post", "/instances", 401, "/instances", json=start)
    expect("post", "/instances", 403, "/instances", school1, json={**start, "youth_id": "pupil-2"})
    expect("post", "/instances", 404, "/instances", school1, json={**start, "youth_id": "nobody"})
    expect("post", "/instances", 201, "/instances", school1, json=start)
    expect("post", "/instances", 409, "/instances", school1, json=start)
    [route] = engine.instances(process_key=SCHOOL_ROUTE)
    expect("get", "/instances", 200, "/instances?business_key=pupil-1&status=active&page=1", school1)
    expect("get", "/instances", 400, "/instances?status=running", school1)
    expect("get", "/instances", 401, "/instances")
    expect("get", "/instances/{instance_id}", 200, f"/instances/{route.id}", school1)
    expect("get", "/instances/{instance_id}", 401, f"/instances/{route.id}")
    expect("get", "/instances/{instance_id}", 403, f"/instances/{route.id}", school2)
    expect("get", "/instances/{instance_id}", 404, "/instances/nope", school1)
    documented = {(path, method, status) for path, item in document["paths"].items()
                  for method, operation in item.items() for status in operation["responses"]}
    assert seen == documented
