"""Decision tables and forms in the analysts' workbench: the server's checks of an edited DMN file (the
engine's hardened parser, the decisions business rule tasks call, the engine's deploy parsing) and of an
edited form (the forms room's own builder), and their drafts, proposals, approvals and deploys."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

import forms
import forms.loader
from tests.web.conftest import csrf_token, login
from web.analyst import proposals
from web.analyst.decision_checks import check_decision
from web.analyst.form_checks import check_form
from web.db import db_session
from web.models import DeployStep, User

FIXTURES = Path(__file__).parent / "fixtures"
DMN_FILE = "visit_level.dmn"
DMN = (FIXTURES / DMN_FILE).read_text(encoding="utf-8")
FORM_KEY = "school_year_results"
RULE_CELL = "<text>&lt; 10</text>"
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
"""for tests whose subject is not the database (the decision table's deploy runs on both backends)"""


@pytest.fixture
def extra_processes() -> list:
    return [FIXTURES / "decision_visit.bpmn", FIXTURES / DMN_FILE]


@pytest.fixture
def form_folder(tmp_path, monkeypatch) -> Path:
    """A copy of the form definitions the app reads and deploys to, so a test never rewrites the real ones."""
    folder = tmp_path / "definitions"
    shutil.copytree(forms.DEFINITIONS_DIR, folder)
    monkeypatch.setattr(forms.loader, "DEFINITIONS_DIR", folder)
    return folder


def decision_problems(app, engine, text: str) -> list[tuple[str | None, str]]:
    with app.test_request_context():
        return [(p.element_id, p.message) for p in check_decision(engine, DMN_FILE, text.encode())]


def users(session, *logins: str) -> list[User]:
    return [session.scalar(select(User).filter_by(login=login)) for login in logins]


@SQLITE_ONLY
def test_an_unchanged_decision_table_passes_and_a_broken_one_is_refused(app, engine):
    assert decision_problems(app, engine, DMN) == []
    [(_element, unreadable)] = decision_problems(app, engine, DMN[:200])
    assert unreadable.startswith(f"Файл {DMN_FILE} не читается")
    entity = DMN.replace("<definitions", '<!DOCTYPE d [<!ENTITY e "x">]>\n<definitions', 1)
    assert decision_problems(app, engine, entity)[0][1].startswith(f"Файл {DMN_FILE} не читается")
    bpmn = (FIXTURES / "decision_visit.bpmn").read_text(encoding="utf-8")
    assert decision_problems(app, engine, bpmn) == [(None, "Это не таблица решений DMN.")]


@SQLITE_ONLY
def test_a_decision_a_business_rule_task_calls_must_stay(app, engine):
    renamed = DMN.replace('<decision id="visit_level"', '<decision id="visit_grade"')
    assert decision_problems(app, engine, renamed) == [(
        "visit_level", "Процесс «Выбор уровня поддержки (тест)» вызывает таблицу «visit_level» в задаче "
                       "«Выбор уровня поддержки», а в файле её больше нет")]


@SQLITE_ONLY
def test_the_engine_checks_every_cell_of_an_edited_table(app, engine):
    [(_element, message)] = decision_problems(app, engine, DMN.replace(RULE_CELL, "<text>&lt; import os</text>"))
    assert message.startswith("Развёртывание отклонит диаграмму:")


def test_an_approved_decision_table_deploys_the_processes_that_call_it(app, engine, make_user):
    make_user("anna", role="analyst", org_kind="region", org_id="region")
    make_user("boris", role="admin", org_kind="region", org_id="region")
    with app.test_request_context():
        session = db_session()
        anna, boris = users(session, "anna", "boris")
        edited = DMN.replace(RULE_CELL, "<text>&lt; 20</text>")
        assert proposals.save_draft(session, engine, anna, "decision", DMN_FILE, edited) == []
        proposal = proposals.propose(session, engine, anna, "decision", DMN_FILE, "порог 20 часов")
        assert (proposal.base_definition_id, proposal.filename) == (None, DMN_FILE)
        proposals.approve(session, engine, boris, proposal, "проверено")
        assert proposal.status == "deployed"
    versions = sorted(engine.definitions("decision_visit"), key=lambda definition: definition.version)
    assert [(d.version, d.deployed_by) for d in versions] == [(1, "test"), (2, "boris")]
    assert engine.definition_files(versions[1].id)[DMN_FILE] == edited.encode()
    route = engine.start("decision_visit", {"hours": 15})
    assert engine.instance(route).data["level"] == "intensive"


@SQLITE_ONLY
def test_the_forms_room_must_build_an_edited_form(app):
    text = forms.definition_path(FORM_KEY).read_text(encoding="utf-8")
    document = json.loads(text)
    with app.test_request_context():
        assert check_form(FORM_KEY, text.encode()) == []
        document["components"][0]["type"] = "button"
        [problem] = check_form(FORM_KEY, json.dumps(document).encode())
        assert problem.element_id == document["components"][0]["id"]
        assert problem.message.startswith("Модуль форм не соберёт форму: component ")
        [broken] = check_form(FORM_KEY, b'{"components": [')
        assert broken.element_id is None and "not valid JSON" in broken.message


@SQLITE_ONLY
def test_an_approved_form_replaces_the_file_the_task_pages_read(app, engine, make_user, form_folder):
    make_user("anna", role="analyst", org_kind="region", org_id="region")
    make_user("boris", role="analyst", org_kind="region", org_id="region")
    document = json.loads((form_folder / f"{FORM_KEY}.form").read_text(encoding="utf-8"))
    first = next(component for component in document["components"] if component.get("label"))
    first["label"] = "Новая подпись поля"
    edited = json.dumps(document, ensure_ascii=False, indent=2)
    with app.test_request_context():
        session = db_session()
        anna, boris = users(session, "anna", "boris")
        proposals.save_draft(session, engine, anna, "form", FORM_KEY, edited)
        proposal = proposals.propose(session, engine, anna, "form", FORM_KEY, "подпись")
        (form_folder / f"{FORM_KEY}.form").write_text(edited.replace("Новая", "Другая"), encoding="utf-8")
        with pytest.raises(proposals.ProposalError, match="развернули другую версию"):
            proposals.approve(session, engine, boris, proposal, "да")
        (form_folder / f"{FORM_KEY}.form").write_bytes((forms.DEFINITIONS_DIR / f"{FORM_KEY}.form").read_bytes())
        proposals.approve(session, engine, boris, proposal, "да")
        steps = session.scalars(select(DeployStep).filter_by(proposal_id=proposal.id).order_by(DeployStep.id)).all()
    assert [(step.kind, step.actor) for step in steps] == [("proposed", "anna"), ("approved", "boris"),
                                                           ("deployed", "boris")]
    assert (form_folder / f"{FORM_KEY}.form").read_text(encoding="utf-8") == edited
    assert any(component.label == "Новая подпись поля" for component in forms.load(FORM_KEY).inputs())
    assert [path.name for path in form_folder.iterdir() if path.name.startswith(".")] == []


@SQLITE_ONLY
def test_the_editor_pages_serve_drafts_to_analysts_only(app, make_user, engine):
    make_user("anna", role="analyst", org_kind="region", org_id="region")
    make_user("olga")
    operator, analyst = app.test_client(), app.test_client()
    login(operator, "olga")
    assert operator.get(f"/analyst/decisions/{DMN_FILE}/edit").status_code == 403
    login(analyst, "anna")
    page = analyst.get(f"/analyst/decisions/{DMN_FILE}/edit").get_data(as_text=True)
    assert "Уровень поддержки (тест)" in page and "build/decision-editor.js" in page
    assert analyst.get("/analyst/decisions/no_such.dmn/edit").status_code == 404
    assert analyst.get("/analyst/forms/no_such_form/edit").status_code == 404
    editor = f"/analyst/forms/{FORM_KEY}/edit"
    assert "build/form-editor.js" in analyst.get(editor).get_data(as_text=True)
    answer = analyst.post(f"/analyst/forms/{FORM_KEY}/draft", data=b'{"type": "default"}',
                          headers={"X-CSRFToken": csrf_token(analyst, editor), "Content-Type": "application/json"})
    assert answer.status_code == 200 and answer.get_json()["problems"]
    source = analyst.get(f"/analyst/forms/{FORM_KEY}/source")
    assert source.data == b'{"type": "default"}' and source.headers["Cache-Control"] == "no-store"
