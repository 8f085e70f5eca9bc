"""One naming rule for a user task across the rooms: the element id says where the task stands in the
diagram (and keys what opens there: the simulated operators' answers, the tests' answers); the form key
names what is filled in: the form file `forms/definitions/<formKey>.form` and the simulated answer's
function, so two tasks sharing a form share one answer."""
from __future__ import annotations

import pytest
from process_driver import PROCESSES, deployable_files

from engine.parsing import parse_bundle
from simulation.answers import ANSWERS

BUNDLE = parse_bundle([(path.name, path.read_bytes()) for path in deployable_files()], known_operations=None)
USER_TASKS = {node.id: node for process in BUNDLE.processes.values() for node in process.index.user_tasks()}
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
