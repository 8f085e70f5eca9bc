"""The JSON API: bearer tokens, the same scope as the pages, task work, routes, the OpenAPI document."""
from __future__ import annotations

import pytest

from tests.web.conftest import login, open_task, post, start_visit
from web.db import session_factory
from web.models import User
from web.tokens import issue_token


@pytest.fixture
def token_for(app, make_user):
    def issue(user_login: str, **user) -> dict[str, str]:
        make_user(user_login, **user)
        with session_factory(app)() as session:
            user_row = session.query(User).filter_by(login=user_login).one()
            token = issue_token(session, user_row, "test")
            session.commit()
        return {"Authorization": f"Bearer {token}"}

    return issue


def test_no_or_a_wrong_token_is_401_in_json(client):
    assert client.get("/api/v1/tasks").status_code == 401
    response = client.get("/api/v1/tasks", headers={"Authorization": "Bearer prt_nonsense"})
    assert response.status_code == 401
    assert response.json == {"error": "unauthorized", "message": "Войдите в систему, чтобы продолжить.", "fields": {}}


def test_list_tasks_is_scoped_to_the_callers_organisation(engine, client, token_for):
    start_visit(engine, "youth-1", "school-001", "Петров Пётр")
    start_visit(engine, "youth-2", "school-002", "Сидорова Анна")
    headers = token_for("ivanova")
    body = client.get("/api/v1/tasks", headers=headers).json
    assert body["total"] == 1 and [task["youth_name"] for task in body["tasks"]] == ["Петров Пётр"]
    assert body["more"] is False
    assert client.get("/api/v1/tasks?priority=x", headers=headers).status_code == 400


def test_claim_and_complete_through_the_api(engine, client, token_for):
    task = open_task(engine, start_visit(engine))
    headers = token_for("ivanova")
    claimed = client.post(f"/api/v1/tasks/{task.id}/claim", headers=headers)
    assert claimed.status_code == 200 and claimed.json["assignee"] == "ivanova"
    invalid = client.post(f"/api/v1/tasks/{task.id}/complete", headers=headers,
                          json={"form_key": "school_year_results", "data": {"hours_done": "x"}})
    assert (invalid.status_code, invalid.json["error"]) == (422, "invalid_form")
    assert "hours_done" in invalid.json["fields"]
    other_form = client.post(f"/api/v1/tasks/{task.id}/complete", headers=headers,
                             json={"form_key": "final_exams", "data": {}})
    assert other_form.status_code == 409 and other_form.json["error"] == "form_key"
    done = client.post(f"/api/v1/tasks/{task.id}/complete", headers=headers,
                       json={"form_key": "school_year_results",
                             "data": {"hours_done": 30, "career_intent": "work", "diagnostics_done": True}})
    assert done.status_code == 200 and done.json["status"] == "completed"
    result = engine.instance(task.instance_id).data["year_result"]
    assert result["hours_done"] == 30 and result["diagnostics_done"] is True
    not_an_object = client.post(f"/api/v1/tasks/{task.id}/complete", headers=headers, json=[])
    assert not_an_object.status_code == 400 and not_an_object.json["error"] == "invalid_request"


def test_other_organisations_task_and_instance_are_403(engine, client, token_for):
    instance_id = start_visit(engine, "youth-1", "school-001")
    task = open_task(engine, instance_id)
    headers = token_for("other", org_id="school-002")
    assert client.get(f"/api/v1/tasks/{task.id}", headers=headers).status_code == 403
    assert client.post(f"/api/v1/tasks/{task.id}/claim", headers=headers).status_code == 403
    assert client.get(f"/api/v1/instances/{instance_id}", headers=headers).status_code == 403


def test_get_an_instance_and_refuse_an_unknown_process(engine, client, token_for):
    headers = token_for("ivanova")
    instance_id = start_visit(engine, "youth-7")
    assert client.get(f"/api/v1/instances/{instance_id}", headers=headers).json["status"] == "active"
    bad = client.post("/api/v1/instances", headers=headers, json={"process_key": "web_visit", "youth_id": "youth-7"})
    assert bad.status_code == 404 and bad.json["error"] == "process", "the route rule starts no test process"


def test_auditor_token_reads_but_cannot_write(engine, client, token_for):
    task = open_task(engine, start_visit(engine))
    headers = token_for("audit", role="auditor", org_kind="region", org_id="region")
    assert client.get("/api/v1/tasks?tab=all", headers=headers).json["total"] == 1
    assert client.post(f"/api/v1/tasks/{task.id}/claim", headers=headers).status_code == 403


def test_revoked_token_stops_working(engine, client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    page = post(client, "/admin/tokens", {"name": "Интеграция"}).get_data(as_text=True)
    token = page.split('<code class="issued-token">')[1].split("</code>")[0]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/tasks", headers=headers).status_code == 200
    token_id = page.split("/admin/tokens/")[1].split("/revoke")[0]
    post(client, f"/admin/tokens/{token_id}/revoke")
    assert client.get("/api/v1/tasks", headers=headers).status_code == 401


def test_list_a_youths_routes_in_scope(engine, client, token_for):
    own = start_visit(engine, "youth-1", "school-001")
    start_visit(engine, "youth-1", "school-002")
    headers = token_for("ivanova")
    body = client.get("/api/v1/instances?business_key=youth-1", headers=headers).json
    assert [instance["id"] for instance in body["instances"]] == [own]
    assert client.get("/api/v1/instances?business_key=", headers=headers).json["instances"][0]["id"] == own


def test_list_the_callers_routes_page_by_page(app, engine, client, token_for):
    app.config["INBOX_PAGE_SIZE"] = 2
    own = [start_visit(engine, f"youth-{number}", "school-001") for number in range(3)]
    start_visit(engine, "youth-9", "school-002")
    headers = token_for("ivanova")
    first = client.get("/api/v1/instances", headers=headers).json
    second = client.get("/api/v1/instances?page=2", headers=headers).json
    assert (first["page"], first["per_page"], first["has_more"], second["has_more"]) == (1, 2, True, False)
    assert [row["id"] for row in first["instances"] + second["instances"]] == own
    refused = client.get("/api/v1/instances?status=running&page=0", headers=headers)
    assert refused.status_code == 400 and refused.json["error"] == "invalid_filter"
    assert sorted(refused.json["fields"]) == ["page", "status"]


def test_errors_speak_the_requests_language(client, token_for):
    headers = token_for("ivanova")
    english = client.get("/api/v1/tasks?priority=9", headers={**headers, "Accept-Language": "en"}).json
    russian = client.get("/api/v1/tasks?priority=9", headers=headers).json
    assert english["error"] == russian["error"] == "invalid_filter"
    assert english["fields"]["priority"] == ["A whole number from 1 to 5."]
    assert russian["fields"]["priority"] == ["Целое число от 1 до 5."]


def test_nul_characters_never_reach_the_database(engine, client, token_for):
    own = start_visit(engine, "youth-1", "school-001")
    headers = token_for("ivanova")
    assert client.get("/api/v1/tasks?youth=%00", headers=headers).status_code == 200
    assert client.get("/api/v1/instances?business_key=youth-1%00", headers=headers).json["instances"][0]["id"] == own
    assert client.get("/api/v1/tasks/%00", headers=headers).status_code == 404
    start = client.post("/api/v1/instances", headers=headers, json={"process_key": "x\u0000", "youth_id": "\u0000"})
    assert start.status_code == 404


def test_an_undeclared_method_is_405_with_allow_not_the_login_page(client):
    response = client.delete("/api/v1/tasks")
    assert response.status_code == 405 and response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json["error"] == "method_not_allowed"
    page = client.put("/inbox/")
    assert page.status_code == 405 and "Allow" in page.headers


def test_a_repeated_completion_is_done_only_if_it_fits_the_form(engine, client, token_for):
    """schemathesis: a completed task answered 200 to a second completion whatever its data held."""
    task = open_task(engine, start_visit(engine))
    headers = token_for("ivanova")
    client.post(f"/api/v1/tasks/{task.id}/claim", headers=headers)
    body = {"form_key": "school_year_results", "data": {"hours_done": 30, "career_intent": "work"}}
    url = f"/api/v1/tasks/{task.id}/complete"
    assert client.post(url, headers=headers, json=body).status_code == 200
    assert client.post(url, headers=headers, json=body).status_code == 200, "a retried request is done"
    garbage = client.post(url, headers=headers, json={"form_key": "school_year_results", "data": {"x": [1]}})
    assert garbage.status_code == 422 and sorted(garbage.json["fields"]) == ["career_intent", "hours_done", "x"]
