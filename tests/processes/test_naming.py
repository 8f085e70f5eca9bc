"""One naming rule for a user task across the rooms: the element id says where the task stands in the
diagram (and keys what opens there: the simulated operators' answers, the tests' answers); the form key
names what is filled in: the form file `forms/definitions/<formKey>.form` and the simulated answer's
function, so two tasks sharing a form share one answer. A stage is named by its key in domain/stages.py (every
process of the map but the overview belongs to one: tests/domain/test_stages.py), and a simulated answer sits in
the module of its task's stage (`simulation/answers/<stage key>.py`)."""
from __future__ import annotations

import pytest
from process_driver import PROCESSES, deployable_files

from domain.stages import stage_of
from engine.parsing import parse_bundle
from simulation.answers import ANSWERS

BUNDLE = parse_bundle([(path.name, path.read_bytes()) for path in deployable_files()], known_operations=None)
USER_TASKS = {node.id: node for process in BUNDLE.processes.values() for node in process.index.user_tasks()}
PROCESS_OF = {node.id: key for key, process in BUNDLE.processes.items() for node in process.index.user_tasks()}
FORMS = PROCESSES.parent / "forms" / "definitions"


@pytest.mark.parametrize("element_id", sorted(USER_TASKS))
def test_the_form_and_the_simulated_answer_are_named_by_the_form_key(element_id):
    form_key = USER_TASKS[element_id].form_key
    assert (FORMS / f"{form_key}.form").is_file(), f"{element_id}: no form file {form_key}.form"
    assert element_id in ANSWERS, f"{element_id}: no simulated answer"
    assert ANSWERS[element_id].__name__ == form_key, (
        f"{element_id}: the simulated answer {ANSWERS[element_id].__name__} is not named by its form key {form_key}")


def test_every_answer_and_every_form_belongs_to_a_user_task():
    assert set(ANSWERS) <= set(USER_TASKS), "answers for elements that are no user task"
    used = {node.form_key for node in USER_TASKS.values()}
    assert {path.stem for path in FORMS.glob("*.form")} <= used, "forms no user task opens"


@pytest.mark.parametrize("element_id", sorted(USER_TASKS))
def test_the_simulated_answer_sits_in_the_module_of_its_stage(element_id):
    stage = stage_of(PROCESS_OF[element_id])
    assert stage is not None, f"{element_id}: process {PROCESS_OF[element_id]} belongs to no stage"
    assert ANSWERS[element_id].__module__ == f"simulation.answers.{stage.key}"

