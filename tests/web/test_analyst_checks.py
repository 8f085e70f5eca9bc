"""The server's checks of an edited diagram (every problem at once, each naming its element), and the rules of
proposing and approving a deploy."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from forms.loader import available_keys
from tests.web.incidents_support import INCIDENT_PROCESS, JobRegistry
from web.analyst import proposals
from web.analyst.checks import Known, check_bundle
from web.db import db_session
from web.models import DeployStep, User

KNOWN = Known(forms=frozenset(available_keys()), operations=frozenset({"test.register_job"}))
ORIGINAL = INCIDENT_PROCESS.read_text(encoding="utf-8")
TIMER_EVENT = ('<bpmn:intermediateCatchEvent id="job_registered" name="Занятость учтена">'
               '<bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>'
               '<bpmn:timerEventDefinition id="wait_def"><bpmn:{kind} xsi:type="bpmn:tFormalExpression"'
               ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{text}</bpmn:{kind}>'
               '</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>')
THROW_EVENT = ('<bpmn:intermediateThrowEvent id="job_registered" name="Занятость учтена">\n'
               '      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>\n'
               '    </bpmn:intermediateThrowEvent>')


@pytest.fixture
def web_handlers() -> dict:
    return {"test.register_job": JobRegistry()}


@pytest.fixture
def extra_processes() -> list:
    return [INCIDENT_PROCESS]


def check(app, text: str) -> list[tuple[str | None, str]]:
    with app.test_request_context():
        return [(p.element_id, p.message) for p in check_bundle([("incident_visit.bpmn", text.encode())], KNOWN)]


def edited(*replacements: tuple[str, str]) -> str:
    text = ORIGINAL
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return text


def test_a_deployable_diagram_has_no_problems(app):
    assert check(app, ORIGINAL) == []


def test_every_problem_is_listed_at_once_with_its_element(app):
    problems = check(app, edited(('value="school_year_results"', 'value="no_such_form"'),
                                 ('id="test.register_job"', 'id="test.removed_job"'),
                                 (THROW_EVENT, TIMER_EVENT.format(kind="timeDate", text='"2027-09-01T09:00:00"'))))
    assert problems == [
        ("year_results", "Неизвестная форма «no_such_form»"),
        ("register_job", "Неизвестная операция «test.removed_job»"),
        ("job_registered", "Таймер: дата без часового пояса, укажите смещение, например +03:00"),
    ]


def test_user_task_fields_are_checked(app):
    problems = check(app, edited(('<spiffworkflow:property name="formKey" value="school_year_results"/>',
                                  '<spiffworkflow:property name="dueIn" value="три дня"/>'
                                  '<spiffworkflow:property name="priority" value="9"/>')))
    assert [element for element, _message in problems] == ["year_results"] * 3
    assert problems[0][1] == "У пользовательской задачи не выбрана форма"
    assert "Приоритет" in problems[1][1]
    assert problems[2][1].startswith("Срок: «три дня» — не длительность ISO 8601")


def test_a_business_rule_task_needs_a_known_decision(app):
    problems = check(app, edited(
        ('<bpmn:serviceTask id="register_job"', '<bpmn:businessRuleTask id="register_job"'),
        ('</bpmn:serviceTask>', '</bpmn:businessRuleTask>'),
        ('<spiffworkflow:serviceTaskOperator id="test.register_job" resultVariable="job_request">',
         '<spiffworkflow:calledDecisionId>no_such_table</spiffworkflow:calledDecisionId><!--'),
        ('</spiffworkflow:serviceTaskOperator>', '-->')))
    assert problems == [("register_job", "Неизвестная таблица решений «no_such_table»")]


def test_zoned_literals_and_expressions_pass_and_the_engine_has_the_last_word(app):
    zoned = TIMER_EVENT.format(kind="timeDate", text='"2027-09-01T09:00:00+03:00"')
    assert check(app, edited((THROW_EVENT, zoned))) == []
    broken = TIMER_EVENT.format(kind="timeDuration", text="P3D(")
    [(element, message)] = check(app, edited((THROW_EVENT, broken)))
    assert message.startswith("Развёртывание отклонит диаграмму:") and "timeDuration" in message


def test_unreadable_xml_is_one_problem(app):
    [(_element, message)] = check(app, "<bpmn:definitions")
    assert message.startswith("Файл incident_visit.bpmn не читается")


def test_a_proposal_needs_a_change_and_another_person_and_an_unchanged_base(app, engine, make_user):
    make_user("anna", role="analyst", org_kind="region", org_id="region")
    make_user("boris", role="analyst", org_kind="region", org_id="region")
    with app.test_request_context():
        session = db_session()
        anna, boris = (session.scalar(select(User).filter_by(login=login)) for login in ("anna", "boris"))
        proposals.save_draft(session, engine, anna, "process", "incident_visit", ORIGINAL)
        with pytest.raises(proposals.ProposalError, match="не отличается"):
            proposals.propose(session, engine, anna, "process", "incident_visit", "")
        proposals.save_draft(session, engine, anna, "process", "incident_visit", edited(
            ('<spiffworkflow:property name="formKey" value="school_year_results"/>',
             '<spiffworkflow:property name="formKey" value="school_year_results"/>'
             '<spiffworkflow:property name="dueIn" value="P5D"/>')))
        proposal = proposals.propose(session, engine, anna, "process", "incident_visit", "срок пять дней")
        with pytest.raises(proposals.ProposalError, match="другой аналитик"):
            proposals.approve(session, engine, anna, proposal, "")
        with pytest.raises(proposals.ProposalError, match="что проверено"):
            proposals.approve(session, engine, boris, proposal, " ")
        proposals.approve(session, engine, boris, proposal, "да")
        assert proposal.status == "deployed"
        assert sorted(d.version for d in engine.definitions("incident_visit")) == [1, 2]
        steps = session.scalars(select(DeployStep).filter_by(proposal_id=proposal.id).order_by(DeployStep.id)).all()
        assert [(s.kind, s.actor) for s in steps] == [("proposed", "anna"), ("approved", "boris"),
                                                       ("deployed", "boris")]
        assert steps[0].content_hash == proposal.content_hash
        with pytest.raises(proposals.ProposalError, match="уже принято"):
            proposals.reject(session, engine, boris, proposal, "поздно")
