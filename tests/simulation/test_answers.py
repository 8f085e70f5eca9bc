"""Every user task of the map has a simulated operator, and every answer it gives — over many personas and
random draws, in the situations the task data describes — is accepted by the task's form."""
from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

import forms
from engine.parsing.documents import parse_xml
from forms import as_post
from simulation.answers import ANSWERS, AnswerContext
from simulation.personas import draw_persona
from simulation.posting import submit
from simulation.region_facts import RegionFacts, YouthFacts

PROCESSES = Path(__file__).resolve().parents[2] / "processes"
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NOW = datetime(2027, 3, 1, 6, 0, tzinfo=UTC)
REGION = RegionFacts(employer_ids=("emp-1", "emp-2", "emp-3"),
                     employers_by_specialty={"15.02.16": ("emp-1",), "09.02.07": ("emp-2", "emp-3")},
                     youths={"y-1": YouthFacts("y-1", ("orphan", "disability"))})

SITUATIONS: dict[str, list[dict]] = {
    "school_year_results": [{"school_year_plan": {"grade": grade, "age_at_start": grade + 6}} for grade in (6, 9, 11)],
    "admission_result": [{"application": {"edu_org_id": "college-1", "programme_code": "15.02.16",
                                          "target_offer_id": offer}} for offer in (None, "offer-1")] + [{}],
    "organize_practices": [{"practice_offer": {"placement_id": placement}} for placement in ("p-1", None)],
    "profiling_periodic": [{"current_checkpoint": {"final_year": final}} for final in (False, True)],
    "individual_plan_profiling": [{"ip_context": context} for context in ("student", "graduate")],
    "ip_results": [{"ip_context": context} for context in ("student", "graduate")],
    "confirm_graduate_status": [{"outcome_checkpoint": {"months": months},
                                 "route": {"enrollment": {"okso_code": code}}}
                                for months in (0, 6, 12, 24) for code in ("15.02.16", "44.02.01")],
    "agreement_target_contract": [{"staffing_need": {"qty": qty}} for qty in (1, 12)],
    "employer_in_programs": [{"need": {"okso_codes": ["15.02.16", "09.02.07"]}}, {"need": {}}],
}


def user_tasks() -> dict[str, str]:
    """Element id → form key of every user task in the executable diagrams."""
    found = {}
    for path in PROCESSES.glob("*.bpmn"):
        for task in parse_xml(path.name, path.read_bytes()).iter(f"{{{BPMN}}}userTask"):
            keys = [prop.get("value") for prop in task.iter(f"{{{SPIFF}}}property") if prop.get("name") == "formKey"]
            found[task.get("id")] = keys[0]
    return found


def make_context(element_id: str, data: dict, draw: int = 0) -> AnswerContext:
    return AnswerContext(element_id=element_id, process_key="proc", data=data, now=NOW,
                         rng=random.Random(f"{element_id}:{draw}"), case_persona=draw_persona(random.Random(draw)),
                         youth=REGION.youths["y-1"] if draw % 2 else None, region=REGION, round=draw % 4)


def contexts(element_id: str, draws: int):
    for data in SITUATIONS.get(element_id, [{}]):
        for draw in range(draws):
            yield make_context(element_id, data, draw)


def test_every_user_task_of_the_map_has_a_simulated_operator():
    assert set(user_tasks()) == set(ANSWERS)


@pytest.mark.parametrize("element_id", sorted(ANSWERS))
def test_the_form_accepts_every_simulated_answer(element_id):
    form_key = user_tasks()[element_id]
    for context in contexts(element_id, draws=60):
        answer = ANSWERS[element_id](context)
        data, errors = submit(form_key, answer, context.data, NOW)
        assert errors == {}, (answer, errors)
        assert set(data) <= {component.name for component in forms.load(form_key).inputs()}


def test_answers_follow_the_task_data():
    no_place = make_context("organize_practices", {"practice_offer": {"placement_id": None}})
    assert ANSWERS["organize_practices"](no_place) == {"confirmed": False}
    last_grade = make_context("school_year_results", {"school_year_plan": {"grade": 11, "age_at_start": 17}})
    assert ANSWERS["school_year_results"](last_grade)["leaves_school"] is True
    target = {"application": {"edu_org_id": "college-1", "programme_code": "15.02.16", "target_offer_id": "offer-1"}}
    enrolled = [ANSWERS["admission_result"](make_context("admission_result", target, draw)) for draw in range(40)]
    assert any(a["enrolled"] for a in enrolled)
    assert all(a["funding"] == "target" and a["edu_org_id"] == "college-1" for a in enrolled if a["enrolled"])


def test_a_graduate_employed_at_a_checkpoint_stays_employed_at_the_later_ones():
    for draw in range(200):
        persona = draw_persona(random.Random(draw))
        employed = []
        for months in (0, 6, 12, 24):
            context = AnswerContext(element_id="confirm_graduate_status", process_key="proc", now=NOW,
                                    data={"outcome_checkpoint": {"months": months},
                                          "route": {"enrollment": {"okso_code": "09.02.07"}}},
                                    rng=random.Random(draw), case_persona=persona, youth=None, region=REGION,
                                    round=0)
            employed.append(ANSWERS["confirm_graduate_status"](context)["employed"])
        assert employed == sorted(employed), employed


def test_the_post_is_what_a_browser_sends():
    assert as_post({"a": True, "b": False, "c": ["x", "y"], "d": None, "e": "", "f": 3, "g": {"h": "i"}}) == {
        "a": "true", "c": ["x", "y"], "f": "3", "g.h": "i"}


def test_a_wrong_answer_is_refused_by_the_form_not_hidden():
    data, errors = submit("admission_result", {"enrolled": True, "edu_org_id": "c-1", "okso_code": "15-02-16",
                                               "funding": "budget"}, {}, NOW)
    assert data == {} and "okso_code" in errors
