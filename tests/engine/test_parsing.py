"""Deployment bundles: what a good bundle yields, and how unsafe or broken XML is rejected (contract checks:
test_parsing_contracts.py)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from engine.errors import DeployError
from engine.parsing import parse_bundle
from engine.parsing.definition_index import definition_index
from engine.sandbox import make_script_engine

FIXTURES = Path(__file__).parent / "fixtures"
BUNDLE = FIXTURES / "bundle"
BAD = FIXTURES / "bad"
OPERATIONS = {"school.register_youth", "employer.record_need"}


def bundle_files(**replacements: bytes) -> list[tuple[str, bytes]]:
    """The good bundle, with some files replaced (name -> bytes)."""
    files = {path.name: path.read_bytes() for path in sorted(BUNDLE.iterdir())}
    files.update(replacements)
    return list(files.items())


def edited(name: str, old: str, new: str) -> dict[str, bytes]:
    text = (BUNDLE / name).read_text()
    assert old in text, f"fixture {name} does not contain {old!r}"
    return {name: text.replace(old, new).encode()}


def line_of(name: str, needle: str, folder: Path = BUNDLE) -> int:
    for number, line in enumerate((folder / name).read_text().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {name}")


def rejected(files: list[tuple[str, bytes]], known_operations: set[str] | None = OPERATIONS) -> DeployError:
    with pytest.raises(DeployError) as caught:
        parse_bundle(files, known_operations=known_operations)
    return caught.value


def bad(name: str) -> list[tuple[str, bytes]]:
    return [(name, (BAD / name).read_bytes())]


# --- a good bundle -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle():
    return parse_bundle(bundle_files(), known_operations=OPERATIONS)


def test_every_executable_process_is_parsed(bundle):
    assert set(bundle.processes) == {"school_guidance", "individual_plan", "employer_intake"}
    guidance = bundle.processes["school_guidance"]
    assert guidance.name == "Профориентация в школе"
    assert guidance.spec.name == "school_guidance"
    assert set(guidance.subprocess_specs) == {"individual_plan"}
    assert bundle.decisions == {"risk_level": "risk_level.dmn", "plan_services": "plan_services.dmn"}


def test_files_follow_call_activities_and_decisions_transitively(bundle):
    assert bundle.processes["school_guidance"].files == {
        "guidance.bpmn", "plan.bpmn", "risk_level.dmn", "plan_services.dmn"}
    assert bundle.processes["individual_plan"].files == {"plan.bpmn", "plan_services.dmn"}
    assert bundle.processes["employer_intake"].files == {"intake.bpmn"}
    assert set(bundle.files_of("individual_plan")) == {"plan.bpmn", "plan_services.dmn"}


def test_content_hash_is_defined_over_the_files_needed(bundle):
    plan = bundle.processes["individual_plan"]
    expected = hashlib.sha256()
    for name in sorted(plan.files):
        expected.update(f"{name}\t{hashlib.sha256((BUNDLE / name).read_bytes()).hexdigest()}\n".encode())
    assert plan.content_hash == expected.hexdigest()


def test_content_hash_changes_only_for_processes_that_use_the_changed_file(bundle):
    reordered = parse_bundle(list(reversed(bundle_files())), known_operations=OPERATIONS)
    changed = parse_bundle(bundle_files(**edited("plan.bpmn", "Собрать план", "Собрать план заново")),
                           known_operations=OPERATIONS)
    for key, process in bundle.processes.items():
        assert reordered.processes[key].content_hash == process.content_hash
    assert changed.processes["school_guidance"].content_hash != bundle.processes["school_guidance"].content_hash
    assert changed.processes["individual_plan"].content_hash != bundle.processes["individual_plan"].content_hash
    assert changed.processes["employer_intake"].content_hash == bundle.processes["employer_intake"].content_hash


def test_stored_files_of_a_process_reparse_alone_with_the_same_hash(bundle):
    for key, process in bundle.processes.items():
        alone = parse_bundle(sorted(bundle.files_of(key).items()), known_operations=None)
        assert alone.processes[key].content_hash == process.content_hash


def test_start_kinds_and_message_starts(bundle):
    assert bundle.processes["school_guidance"].start_kind == "none"
    assert bundle.processes["school_guidance"].start_messages == frozenset()
    intake = bundle.processes["employer_intake"]
    assert intake.start_kind == "message"
    assert intake.start_messages == {"vacancy_published", "need_declared"}
    assert bundle.message_starts() == {"vacancy_published": ["employer_intake"],
                                       "need_declared": ["employer_intake"]}


def test_element_index_of_user_tasks_lanes_and_operations(bundle):
    index = bundle.processes["school_guidance"].index
    profile = index.nodes["fill_profile"]
    assert (profile.type, profile.name) == ("userTask", "Заполнить анкету")
    assert (profile.lane_id, profile.lane_name) == ("lane_youth", "Молодой человек")
    assert (profile.form_key, profile.priority, profile.due_in, profile.follow_up_in) == (
        "youth_profile", 2, "P3D", "P1D")
    assert profile.effective_candidate_group == "youth"
    assert profile.line == line_of("guidance.bpmn", 'id="fill_profile"')
    review = index.nodes["curator_review"]
    assert (review.candidate_group, review.effective_candidate_group, review.priority) == ("curator", "curator", 3)
    assert (profile.org_key, profile.effective_org_key) == (None, "youth")
    assert (review.org_key, review.effective_org_key) == ("czn", "czn")
    assert index.nodes["register"].operator == "school.register_youth"
    assert index.nodes["assess_risk"].decision_id == "risk_level"
    assert index.nodes["make_plan"].called_element == "individual_plan"
    assert index.nodes["wait_review"].event_definition == "timer"
    assert [task.id for task in index.user_tasks()] == ["fill_profile", "curator_review"]


def test_element_index_of_flows_and_messages(bundle):
    index = bundle.processes["school_guidance"].index
    flow = index.flows["to_curator"]
    assert (flow.name, flow.source, flow.target) == ("да", "risk_gateway", "curator_review")
    assert len(index.flows) == 10
    assert index.nodes["guidance_passed"].message_name == "guidance_done"
    assert index.thrown_messages == {"guidance_done"}
    intake = bundle.processes["employer_intake"].index
    assert intake.caught_messages == {"candidate_found"}
    assert intake.start_messages == {"vacancy_published", "need_declared"}
    assert intake.thrown_messages == frozenset()


def test_parsed_specs_run_in_the_sandbox(bundle):
    guidance = bundle.processes["school_guidance"]
    calls = []

    def service(task, operation, params):
        calls.append((operation, params))
        return {"registered": True}

    workflow = BpmnWorkflow(guidance.spec, dict(guidance.subprocess_specs),
                            script_engine=make_script_engine({}, service))
    workflow.task_tree.data.update(youth_id="y-7", grade=10, absences=25)
    workflow.do_engine_steps()
    [profile] = workflow.get_tasks(state=TaskState.READY, manual=True)
    assert profile.task_spec.bpmn_id == "fill_profile"
    profile.run()
    workflow.do_engine_steps()
    [review] = workflow.get_tasks(state=TaskState.READY, manual=True)
    assert review.task_spec.bpmn_id == "curator_review"
    assert review.data["risk"] == "high"
    assert review.data["plan"] == {"services": ["практика", "профпробы"], "steps": [0, 1, 2]}
    assert calls == [("school.register_youth", {"youth_id": "y-7"})]
    review.run()
    workflow.do_engine_steps()
    [event] = workflow.get_events()
    assert (event.event_definition.name, event.payload) == ("guidance_done", {"youth_id": "y-7", "risk": "high"})
    waiting = [t.task_spec.bpmn_id for t in workflow.get_tasks(state=TaskState.WAITING)]
    assert "wait_review" in waiting


# --- unsafe or broken XML -----------------------------------------------------------------------------------

def test_xxe_is_rejected():
    error = rejected(bad("xxe.bpmn"))
    assert (error.file, error.line) == ("xxe.bpmn", 2)
    assert "DOCTYPE" in str(error) and "xxe.bpmn" in str(error)


def test_xxe_in_utf16_is_rejected_by_the_parser_check():
    text = (BAD / "xxe.bpmn").read_text().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    error = rejected([("xxe16.bpmn", text.encode("utf-16"))])
    assert "DOCTYPE" in str(error) and error.file == "xxe16.bpmn"


def test_doctype_the_text_scan_cannot_see_is_caught_after_parsing():
    text = (
        '<?xml version="1.0" encoding="UTF-16BE"?>\n'
        '<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/hostname">]>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" '
        'targetNamespace="t"><bpmn:documentation>&e;</bpmn:documentation></bpmn:definitions>'
    )
    error = rejected([("no_bom.bpmn", text.encode("utf-16-be"))])
    assert "DOCTYPE" in str(error) and error.file == "no_bom.bpmn"


def test_billion_laughs_is_rejected():
    error = rejected(bad("billion_laughs.bpmn"))
    assert "DOCTYPE" in str(error) and error.file == "billion_laughs.bpmn"


def test_malformed_xml_names_file_and_line():
    error = rejected(bad("malformed.bpmn"))
    assert error.file == "malformed.bpmn"
    assert error.line == line_of("malformed.bpmn", "</bpmn:process>", BAD)
    assert "malformed XML" in str(error)


def test_schema_invalid_bpmn_names_file_element_and_line():
    error = rejected(bad("schema_invalid.bpmn"))
    assert (error.file, error.element_id) == ("schema_invalid.bpmn", "misordered_task")
    assert error.line == line_of("schema_invalid.bpmn", "<bpmn:extensionElements>", BAD)
    assert "not valid BPMN" in str(error) and "extensionElements" in str(error)


def test_schema_invalid_dmn_is_rejected():
    error = rejected(bundle_files(**edited("risk_level.dmn", 'hitPolicy="UNIQUE"', 'hitPolicy="SOMETIMES"')))
    assert error.file == "risk_level.dmn"
    assert "not valid DMN" in str(error)


def test_a_file_that_is_neither_bpmn_nor_dmn_is_rejected():
    error = rejected(bad("not_bpmn.xml"))
    assert (error.file, error.line) == ("not_bpmn.xml", 2)
    assert "neither a BPMN nor a DMN file" in str(error)


def test_unsupported_dmn_version_is_named():
    dmn14 = edited("risk_level.dmn", "https://www.omg.org/spec/DMN/20191111/MODEL/",
                   "https://www.omg.org/spec/DMN/20211108/MODEL/")
    error = rejected(bundle_files(**dmn14))
    assert error.file == "risk_level.dmn" and "unsupported DMN version" in str(error)


def test_bundle_without_executable_process_is_rejected():
    files = [(name, data) for name, data in bundle_files() if name.endswith(".dmn")]
    assert "no executable process" in str(rejected(files))
    overview = edited("intake.bpmn", 'isExecutable="true"', 'isExecutable="false"')
    assert "no executable process" in str(rejected([("intake.bpmn", overview["intake.bpmn"])]))


def test_oversized_file_is_rejected_before_parsing():
    error = rejected([("huge.bpmn", b"<a>" + b" " * 5_000_000 + b"</a>")])
    assert error.file == "huge.bpmn" and "limit" in str(error)


def test_empty_bundle_and_duplicate_names_are_rejected():
    assert "no files" in str(rejected([]))
    files = bundle_files()
    assert "twice" in str(rejected(files + [files[0]]))


def test_extension_ids_must_not_reuse_element_ids():
    error = rejected(bundle_files(**edited("guidance.bpmn", 'parameter id="youth_id"', 'parameter id="register"')))
    assert (error.file, error.element_id) == ("guidance.bpmn", "register")
    assert error.line == line_of("guidance.bpmn", 'parameter id="youth_id"')
    task_line = line_of("guidance.bpmn", '<bpmn:serviceTask id="register"')
    assert f"parameter id 'register' is also the id of the flow node on line {task_line}" in str(error)


def test_extension_ids_may_repeat_each_other_and_non_node_ids():
    shared = edited("guidance.bpmn", '<spiffworkflow:parameter id="youth_id" type="str" value="youth_id"/>',
                    '<spiffworkflow:parameter id="youth_id" type="str" value="youth_id"/>\n'
                    '            <spiffworkflow:parameter id="school.register_youth" type="str" value="1"/>\n'
                    '            <spiffworkflow:parameter id="to_register" type="str" value="2"/>')
    parse_bundle(bundle_files(**shared), known_operations=OPERATIONS)


def test_duplicate_process_ids_across_files_are_rejected():
    copy = (BUNDLE / "plan.bpmn").read_bytes()
    error = rejected(bundle_files(**{"plan_copy.bpmn": copy}))
    assert error.element_id == "individual_plan" and "also defined" in str(error)


def test_milestones_and_the_correlation_key_field_are_declared_by_the_process(bundle):
    index = bundle.processes["school_guidance"].index
    assert {node.id for node in index.nodes.values() if node.milestone} == {"guidance_passed"}
    assert index.correlation_key_field == "youth_id"
    undeclared = parse_bundle(bundle_files(**edited(
        "guidance.bpmn", '<spiffworkflow:property name="milestoneLane" value="lane_youth" />', "")),
        known_operations=OPERATIONS).processes["school_guidance"].index
    assert index.nodes["guidance_passed"].lane_id == "lane_youth"
    assert not any(node.milestone for node in undeclared.nodes.values()), "no lane declared, no milestones"


def test_the_definition_index_reads_with_the_hardened_parser():
    payload = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    with pytest.raises(DeployError, match="DOCTYPE"):
        definition_index({"evil.bpmn": payload})
