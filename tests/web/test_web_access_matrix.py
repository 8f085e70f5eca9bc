"""Who may do what: every demo role × every web and API route and method (read from `app.url_map`, so a new
endpoint fails here until it is given its expected answers) × a resource of the person's own organisation and
one of another, with the status each must answer.

One app and one migrated, seeded database per module; each (role, organisation) case starts its own routes,
incident, attachment, filter, tokens and users to act on, so the cases do not depend on each other's order.
Writes are sent with data the endpoint refuses after its access check, so a 403 is the only answer that says
«not yours»: the statuses tell who gets through the gate, not what the action does."""
from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from engine import Engine
from profroute.wiring import SEARCH_ATTRIBUTES, WIRING
from tests.conftest import BACKENDS, PG_URL, _fresh_postgres_database
from tests.route_registry import seed_two_schools
from tests.web.conftest import PASSWORD, csrf_token, login
from tests.web.incidents_support import INCIDENT_PROCESS, JobRegistry, start_failing_route
from web.app import create_app
from web.attachments import AttachmentStore
from web.db import session_factory
from web.models import ApiToken, SavedFilter, User
from web.tokens import issue_token
from web.users import NewUser, create_user

MATRIX_PROCESS = Path(__file__).parent / "fixtures" / "matrix_visit.bpmn"
#: the demo's accounts (web.demo.demo_accounts): role, organisation kind, own and another organisation, lane
ROLES = {
    "admin": ("admin", "region", "region", "region", "school"),
    "analyst": ("analyst", "region", "region", "region", "school"),
    "auditor": ("auditor", "region", "region", "region", "school"),
    "school": ("operator", "school", "school-001", "school-002", "school"),
    "college": ("operator", "edu_org", "college-001", "college-002", "edu_org"),
    "czn": ("operator", "czn", "czn-001", "czn-002", "czn"),
    "curator": ("curator", "czn", "czn-001", "czn-002", "curator"),
    "employer": ("operator", "employer", "employer-001", "employer-002", "employer"),
}
ORGS = {"own": {"school": "school-001", "edu_org": "college-001", "czn": "czn-001", "employer": "employer-001"},
        "foreign": {"school": "school-002", "edu_org": "college-002", "czn": "czn-002", "employer": "employer-002"}}
YOUTH = {"own": "pupil-1", "foreign": "pupil-2"}


@pytest.fixture(scope="module", params=BACKENDS)
def matrix_app(request, tmp_path_factory):
    """The app over one database with the registries, the matrix route, a failing route and one user per role."""
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'profroute.sqlite'}", None
    else:
        url, drop = _fresh_postgres_database()
    WIRING.upgrade(url)
    engine = Engine(url, handlers={"test.register_job": JobRegistry()}, search_attributes=SEARCH_ATTRIBUTES)
    engine.deploy([MATRIX_PROCESS, INCIDENT_PROCESS], actor="test")
    seed_two_schools(url)
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test-secret", "ENGINE": engine,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                      "ATTACHMENT_DIR": str(tmp_path_factory.mktemp("attachments")),
                      "ATTACHMENT_MAX_BYTES": 64 * 1024, "MAX_CONTENT_LENGTH": 128 * 1024})
    with app.app_context(), session_factory(app)() as session:
        for name, (role, kind, org_id, _other, _lane) in ROLES.items():
            create_user(session, NewUser(login=name, password=PASSWORD, full_name=f"Сотрудник {name}", role=role,
                                         org_kind=kind, org_id=org_id, org_name=org_id))
        session.commit()
    yield app, engine
    session_factory(app).kw["bind"].dispose()
    engine.close()
    if drop is not None:
        drop()
    assert PG_URL or request.param == "sqlite"


class Case:
    """The resources one (role, organisation) case acts on, all made for it."""

    def __init__(self, app, engine: Engine, name: str, ownership: str) -> None:
        role, kind, org_id, other_org, lane = ROLES[name]
        orgs = ORGS[ownership]
        self.youth = YOUTH[ownership]
        self.instance = engine.start("matrix_visit", {"youth_name": "Лебедева Ева"}, business_key=self.youth,
                                     org=orgs)
        [self.task] = [task for task in engine.tasks(instance_id=self.instance) if task.candidate_group == lane]
        failing = start_failing_route(engine, self.youth, orgs["school"])
        [self.incident] = [incident.id for incident in engine.incidents(failing)]
        suffix = uuid.uuid4().hex[:8]
        with app.app_context(), session_factory(app)() as session:
            me = session.scalars(select(User).filter_by(login=name)).one()
            other_kind = kind if kind != "region" else "school"
            victims = {
                where: create_user(session, NewUser(
                    login=f"victim-{where}-{suffix}", password=PASSWORD, full_name="Сотрудник", role="operator",
                    org_kind=other_kind, org_id=org if kind != "region" else ORGS[where]["school"],
                    org_name="Организация"))
                for where, org in (("own", org_id), ("foreign", other_org))}
            session.flush()
            owner = me if ownership == "own" else victims["foreign"]
            self.token = issue_token(session, me, "matrix")
            issue_token(session, owner, "revocable")
            session.flush()
            self.token_id = max(row.id for row in session.scalars(select(ApiToken).filter_by(user_id=owner.id)))
            self.user_id = victims[ownership].id
            saved = SavedFilter(user_id=owner.id, name="Фильтр", query="tab=all")
            session.add(saved)
            upload = FileStorage(io.BytesIO(b"attendance list"), filename="list.txt", content_type="text/plain")
            store = AttachmentStore(Path(app.config["ATTACHMENT_DIR"]), app.config["ATTACHMENT_MAX_BYTES"])
            attachment = store.save(session, upload, task_id=self.task.id, instance_id=self.instance,
                                    uploaded_by="victim")
            session.flush()
            self.filter_id, self.attachment_id = saved.id, attachment.id
            session.commit()
        self.definition = engine.definitions("matrix_visit")[0].id
        self.client = app.test_client()
        login(self.client, name)
        self.csrf = csrf_token(self.client, "/profile")

    def values(self) -> dict[str, str]:
        return {"task_id": self.task.id, "instance_id": self.instance, "youth_id": self.youth,
                "incident_id": self.incident, "token_id": str(self.token_id), "user_id": str(self.user_id),
                "filter_id": str(self.filter_id), "attachment_id": str(self.attachment_id),
                "definition_id": self.definition}


#: (rule, method) → the URL to call (path values from the case), what to send (the API with the case's token),
#: and the status for an admin, an analyst, an auditor and a worker (every operator and the curator); «own/foreign»
#: where the person's own organisation and another one's answer differently
ROLE_CLASS = {"admin": 0, "analyst": 1, "auditor": 2}
ENDPOINTS = {
    ("/", "GET"): ("/", None, "302 302 302 302"),
    ("/healthz", "GET"): ("/healthz", None, "200 200 200 200"),
    ("/static/<path:filename>", "GET"): ("/static/favicon.svg", None, "200 200 200 200"),
    ("/assets/<package>/<path:file_path>", "GET"):
        ("/assets/bootstrap/dist/css/bootstrap.min.css", None, "200 200 200 200"),
    ("/login", "GET"): ("/login", None, "200 200 200 200"),
    ("/login", "POST"): ("/login", {}, "200 200 200 200"),
    ("/locale", "POST"): ("/locale", {"locale": "ru", "next": "/inbox/"}, "302 302 302 302"),
    ("/profile", "GET"): ("/profile", None, "200 200 200 200"),
    ("/profile", "POST"): ("/profile", {"timezone": "Mars/Olympus"}, "422 422 422 422"),
    ("/inbox/", "GET"): ("/inbox/?tab=all", None, "200 200 200 200"),
    ("/inbox/filters", "POST"): ("/inbox/filters", {}, "302 302 403 302"),
    ("/inbox/filters/<int:filter_id>/delete", "POST"):
        ("/inbox/filters/{filter_id}/delete", {}, "302/404 302/404 403 302/404"),
    ("/tasks/<task_id>", "GET"): ("/tasks/{task_id}", None, "200 200 200 200/403"),
    ("/tasks/<task_id>/claim", "POST"): ("/tasks/{task_id}/claim", {}, "403 403 403 303/403"),
    ("/tasks/<task_id>/unclaim", "POST"): ("/tasks/{task_id}/unclaim", {}, "303 403 403 303/403"),
    ("/tasks/<task_id>/assign", "POST"): ("/tasks/{task_id}/assign", {}, "303 403 403 303/403"),
    ("/tasks/<task_id>/delegate", "POST"): ("/tasks/{task_id}/delegate", {}, "403 403 403 303/403"),
    ("/tasks/<task_id>/resolve", "POST"): ("/tasks/{task_id}/resolve", {}, "403 403 403 303/403"),
    ("/tasks/<task_id>/complete", "POST"):
        ("/tasks/{task_id}/complete", {"hours_done": "много"}, "403 403 403 303/403"),
    ("/tasks/<task_id>/draft", "POST"): ("/tasks/{task_id}/draft", {}, "403 403 403 303/403"),
    ("/tasks/<task_id>/comments", "POST"): ("/tasks/{task_id}/comments", {}, "303 403 403 303/403"),
    ("/tasks/<task_id>/dates", "POST"): ("/tasks/{task_id}/dates", {"priority": "9"}, "303 403 403 303/403"),
    ("/tasks/<task_id>/attachments", "POST"): ("/tasks/{task_id}/attachments", {}, "403 403 403 303/403"),
    ("/tasks/<task_id>/attachments/<int:attachment_id>", "GET"):
        ("/tasks/{task_id}/attachments/{attachment_id}", None, "200 200 200 200/403"),
    ("/youth/<youth_id>", "GET"): ("/youth/{youth_id}", None, "200 200 200 200/403"),
    ("/instances/", "GET"): ("/instances/", None, "200 200 200 200"),
    ("/instances/start", "POST"):
        ("/instances/start", {"process_key": "matrix_visit", "youth_id": "{youth_id}"}, "303 403 403 303"),
    ("/instances/<instance_id>", "GET"): ("/instances/{instance_id}", None, "200 200 200 200/403"),
    ("/instances/<instance_id>/diagram/<process_key>.bpmn", "GET"):
        ("/instances/{instance_id}/diagram/matrix_visit.bpmn", None, "200 200 200 200/403"),
    ("/instances/<instance_id>/events.json", "GET"):
        ("/instances/{instance_id}/events.json", None, "200 200 200 200/403"),
    ("/instances/<instance_id>/resume", "POST"): ("/instances/{instance_id}/resume", {}, "409 403 403 403"),
    ("/admin/users", "GET"): ("/admin/users", None, "200 403 403 403"),
    ("/admin/users", "POST"): ("/admin/users", {}, "422 403 403 403"),
    ("/admin/users/<int:user_id>/block", "GET"): ("/admin/users/{user_id}/block", None, "200 403 403 403"),
    ("/admin/users/<int:user_id>/active", "POST"):
        ("/admin/users/{user_id}/active", {"active": "1"}, "303 403 403 403"),
    ("/admin/tokens", "GET"): ("/admin/tokens", None, "200 200 200 200"),
    ("/admin/tokens", "POST"):
        ("/admin/tokens", {"name": "x" * 101}, "200 200 403 200"),
    ("/admin/tokens/<int:token_id>/revoke", "POST"):
        ("/admin/tokens/{token_id}/revoke", {}, "303/404 303/404 403 303/404"),
    ("/admin/incidents", "GET"): ("/admin/incidents", None, "200 403 403 403"),
    ("/admin/incidents/<incident_id>", "GET"): ("/admin/incidents/{incident_id}", None, "200 403 403 403"),
    ("/admin/incidents/<incident_id>/retry", "POST"): ("/admin/incidents/{incident_id}/retry", {}, "303 403 403 403"),
    ("/admin/incidents/<incident_id>/send-back", "GET"):
        ("/admin/incidents/{incident_id}/send-back", None, "200 403 403 403"),
    ("/admin/incidents/<incident_id>/send-back", "POST"):
        ("/admin/incidents/{incident_id}/send-back", {}, "422 403 403 403"),
    ("/admin/instances/<instance_id>/<action>", "GET"):
        ("/admin/instances/{instance_id}/suspend", None, "200 403 403 403"),
    ("/admin/instances/<instance_id>/<action>", "POST"):
        ("/admin/instances/{instance_id}/cancel", {}, "422 403 403 403"),
    ("/audit/", "GET"): ("/audit/", None, "200 403 200 403"),
    ("/audit/export.<fmt>", "GET"): ("/audit/export.csv", None, "200 403 200 403"),
    ("/audit/find", "GET"): ("/audit/find?q={youth_id}", None, "302 302 302 302"),
    ("/audit/verify", "GET"): ("/audit/verify", None, "200 403 200 403"),
    ("/audit/instances/<instance_id>", "GET"): ("/audit/instances/{instance_id}", None, "200 403 200 403"),
    ("/audit/instances/<instance_id>/replay", "GET"):
        ("/audit/instances/{instance_id}/replay", None, "200 403 200 403"),
    ("/audit/youth/<youth_id>", "GET"): ("/audit/youth/{youth_id}", None, "200 403 200 403"),
    ("/versions/migrate", "GET"): ("/versions/migrate?process=matrix_visit", None, "200 200 403 403"),
    ("/versions/migrate/run", "POST"): ("/versions/migrate/run", {"process": "matrix_visit"}, "400 400 403 403"),
    ("/versions/migrate/batch", "POST"): ("/versions/migrate/batch", {}, "400 400 403 403"),
    ("/versions/compare", "GET"): ("/versions/compare?process=matrix_visit", None, "200 200 403 403"),
    ("/versions/diagram/<process_key>/<int:version>.bpmn", "GET"):
        ("/versions/diagram/matrix_visit/1.bpmn", None, "200 200 403 403"),
    ("/analyst/", "GET"): ("/analyst/", None, "200 200 403 403"),
    ("/analyst/definitions/<definition_id>/files.zip", "GET"):
        ("/analyst/definitions/{definition_id}/files.zip", None, "200 200 403 403"),
    ("/analyst/forms/<form_key>.form", "GET"): ("/analyst/forms/school_year_results.form", None, "200 200 403 403"),
    ("/analyst/known.json", "GET"): ("/analyst/known.json", None, "200 200 403 403"),
    ("/analyst/<any(decisions, forms):section>/<key>/edit", "GET"):
        ("/analyst/forms/school_year_results/edit", None, "200 200 403 403"),
    ("/analyst/<any(decisions, forms):section>/<key>/source", "GET"):
        ("/analyst/forms/school_year_results/source", None, "200 200 403 403"),
    ("/analyst/<any(decisions, forms):section>/<key>/draft", "POST"):
        ("/analyst/forms/school_year_results/draft", {}, "422 422 403 403"),
    ("/analyst/<any(decisions, forms):section>/<key>/propose", "POST"):
        ("/analyst/forms/school_year_results/propose", {}, "302 302 403 403"),
    ("/analyst/processes/<process_key>/model", "GET"):
        ("/analyst/processes/matrix_visit/model", None, "200 200 403 403"),
    ("/analyst/processes/<process_key>/diagram.bpmn", "GET"):
        ("/analyst/processes/matrix_visit/diagram.bpmn", None, "200 200 403 403"),
    ("/analyst/processes/<process_key>/draft", "POST"):
        ("/analyst/processes/matrix_visit/draft", {}, "422 422 403 403"),
    ("/analyst/processes/<process_key>/propose", "POST"):
        ("/analyst/processes/matrix_visit/propose", {}, "302 302 403 403"),
    ("/analyst/proposals", "GET"): ("/analyst/proposals", None, "200 200 403 403"),
    ("/analyst/proposals/<int:proposal_id>/approve", "POST"):
        ("/analyst/proposals/999999/approve", {}, "404 404 403 403"),
    ("/analyst/proposals/<int:proposal_id>/reject", "POST"):
        ("/analyst/proposals/999999/reject", {}, "404 404 403 403"),
    ("/analytics/", "GET"): ("/analytics/?org=college-002", None, "200 200 403 200"),
    ("/analytics/export/<key>.<fmt>", "GET"): ("/analytics/export/funnel.xlsx", None, "200 200 403 200"),
    ("/analytics/diagram/<process_key>.bpmn", "GET"):
        ("/analytics/diagram/matrix_visit.bpmn", None, "200 200 403 200"),
    ("/analytics/scenarios/", "GET"): ("/analytics/scenarios/", None, "200 200 403 403"),
    ("/analytics/scenarios/new", "GET"): ("/analytics/scenarios/new", None, "200 200 403 403"),
    ("/analytics/scenarios/new", "POST"): ("/analytics/scenarios/new", {}, "422 422 403 403"),
    ("/analytics/scenarios/<int:scenario_id>", "GET"): ("/analytics/scenarios/999999", None, "404 404 403 403"),
    ("/analytics/scenarios/<int:scenario_id>/run", "POST"):
        ("/analytics/scenarios/999999/run", {}, "404 404 403 403"),
    ("/analytics/scenarios/export", "POST"): ("/analytics/scenarios/export", {"since": "вчера"}, "303 303 403 403"),
    ("/analytics/scenarios/jobs/<job_id>", "GET"): ("/analytics/scenarios/jobs/none", None, "404 404 403 403"),
    ("/analytics/scenarios/jobs/<job_id>/cancel", "POST"):
        ("/analytics/scenarios/jobs/none/cancel", {}, "404 404 403 403"),
    ("/analytics/scenarios/jobs/<job_id>/file", "GET"):
        ("/analytics/scenarios/jobs/none/file", None, "404 404 403 403"),
    ("/api/v1/openapi.json", "GET"): ("/api/v1/openapi.json", None, "200 200 200 200"),
    ("/api/v1/tasks", "GET"): ("/api/v1/tasks?tab=all", None, "200 200 200 200"),
    ("/api/v1/tasks/<task_id>", "GET"): ("/api/v1/tasks/{task_id}", None, "200 200 200 200/403"),
    ("/api/v1/tasks/<task_id>/claim", "POST"): ("/api/v1/tasks/{task_id}/claim", None, "403 403 403 200/403"),
    ("/api/v1/tasks/<task_id>/complete", "POST"):
        ("/api/v1/tasks/{task_id}/complete", {"form_key": "school_year_results", "data": {}}, "403 403 403 422/403"),
    ("/api/v1/instances", "GET"): ("/api/v1/instances", None, "200 200 200 200"),
    ("/api/v1/instances", "POST"):
        ("/api/v1/instances", {"process_key": "matrix_visit", "youth_id": "{youth_id}"}, "404 403 403 404"),
    ("/api/v1/instances/<instance_id>", "GET"): ("/api/v1/instances/{instance_id}", None, "200 200 200 200/403"),
    ("/logout", "POST"): ("/logout", {}, "302 302 302 302"),
}


def call(case: Case, rule: str, method: str) -> int:
    url, body, _expected = ENDPOINTS[(rule, method)]
    values = case.values()
    url = url.format(**values)
    if rule.startswith("/api/"):
        json = {key: value.format(**values) if isinstance(value, str) else value
                for key, value in body.items()} if body is not None else None
        return case.client.open(url, method=method, json=json,
                                headers={"Authorization": f"Bearer {case.token}"}).status_code
    if method == "GET":
        return case.client.get(url).status_code
    data = {key: value.format(**values) for key, value in body.items()}
    return case.client.post(url, data={**data, "csrf_token": case.csrf}).status_code


def test_every_route_and_method_is_in_the_matrix(matrix_app):
    app, _engine = matrix_app
    routed = {(rule.rule, method) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routed == set(ENDPOINTS)


@pytest.mark.parametrize("ownership", ["own", "foreign"])
@pytest.mark.parametrize("name", list(ROLES))
def test_access_matrix(matrix_app, name, ownership):
    app, engine = matrix_app
    case = Case(app, engine, name, ownership)
    wrong = []
    for (rule, method), (_url, _body, statuses) in ENDPOINTS.items():
        expected = statuses.split()[ROLE_CLASS.get(name, 3)].split("/")
        status = call(case, rule, method)
        if status != int(expected[0 if ownership == "own" or len(expected) == 1 else 1]):
            wrong.append(f"{method} {rule}: {status}, expected {'/'.join(expected)}")
    assert not wrong, "\n".join(wrong)
