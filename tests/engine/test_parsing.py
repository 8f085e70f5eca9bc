"""Deployment bundles: what a good bundle yields, and how each kind of bad input is rejected."""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from engine.errors import DeployError
from engine.parsing import parse_bundle
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


def test_billion_laughs_is_rejected_fast():
    started = time.perf_counter()
    error = rejected(bad("billion_laughs.bpmn"))
    assert time.perf_counter() - started < 1
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


# --- contract checks --------------------------------------------------------------------------------------------

def test_unknown_called_element_is_rejected():
    error = rejected(bad("unknown_called.bpmn"))
    assert (error.file, error.element_id) == ("unknown_called.bpmn", "call_missing")
    assert error.line == line_of("unknown_called.bpmn", 'id="call_missing"', BAD)
    assert "'missing_process'" in str(error)


def test_call_activity_needs_the_called_process_in_the_same_bundle():
    files = [(name, data) for name, data in bundle_files() if name != "plan.bpmn"]
    error = rejected(files)
    assert (error.file, error.element_id) == ("guidance.bpmn", "make_plan")


def test_unregistered_operation_is_rejected_unless_the_check_is_off():
    error = rejected(bundle_files(), known_operations={"employer.record_need"})
    assert (error.file, error.element_id) == ("guidance.bpmn", "register")
    assert error.line == line_of("guidance.bpmn", 'serviceTaskOperator id="school.register_youth"')
    assert "school.register_youth" in str(error)
    assert "school_guidance" in parse_bundle(bundle_files(), known_operations=None).processes


def test_missing_decision_is_rejected():
    error = rejected([(n, d) for n, d in bundle_files() if n != "risk_level.dmn"])
    assert (error.file, error.element_id) == ("guidance.bpmn", "assess_risk")
    assert "'risk_level'" in str(error)


def test_both_start_kinds_are_rejected():
    error = rejected(bad("both_starts.bpmn"))
    assert (error.file, error.element_id) == ("both_starts.bpmn", "both_starts")
    assert "both a none start event and message start events" in str(error)


def test_timer_start_is_not_a_contract_start_kind():
    timer_start = edited("plan.bpmn", '<bpmn:outgoing>to_services</bpmn:outgoing>',
                         '<bpmn:outgoing>to_services</bpmn:outgoing><bpmn:timerEventDefinition id="t">'
                         '<bpmn:timeDuration>"P1D"</bpmn:timeDuration></bpmn:timerEventDefinition>')
    error = rejected(bundle_files(**timer_start))
    assert error.element_id == "plan_start" and "timer" in str(error)


def test_call_activity_cycles_are_rejected():
    plan = (BUNDLE / "plan.bpmn").read_text().replace(
        '<bpmn:scriptTask id="build_plan" name="Собрать план">',
        '<bpmn:callActivity id="back_to_guidance" calledElement="school_guidance">'
        '<bpmn:incoming>to_build</bpmn:incoming><bpmn:outgoing>to_again</bpmn:outgoing></bpmn:callActivity>'
        '<bpmn:sequenceFlow id="to_again" sourceRef="back_to_guidance" targetRef="build_plan"/>'
        '<bpmn:scriptTask id="build_plan" name="Собрать план">').replace(
        '<bpmn:sequenceFlow id="to_build" sourceRef="choose_services" targetRef="build_plan"/>',
        '<bpmn:sequenceFlow id="to_build" sourceRef="choose_services" targetRef="back_to_guidance"/>').replace(
        '<bpmn:incoming>to_build</bpmn:incoming>\n      <bpmn:outgoing>to_plan_end</bpmn:outgoing>',
        '<bpmn:incoming>to_again</bpmn:incoming>\n      <bpmn:outgoing>to_plan_end</bpmn:outgoing>')
    error = rejected(bundle_files(**{"plan.bpmn": plan.encode()}))
    assert (error.file, error.element_id) == ("guidance.bpmn", "make_plan")
    assert "call activities form a cycle: individual_plan -> school_guidance -> individual_plan" in str(error)


def test_call_activity_to_a_message_started_process_is_rejected():
    files = bundle_files(**edited("guidance.bpmn", 'calledElement="individual_plan"',
                                  'calledElement="employer_intake"'))
    error = rejected(files)
    assert error.element_id == "make_plan" and "no none start event" in str(error)


def test_user_task_without_form_key_is_rejected():
    files = bundle_files(**edited("guidance.bpmn", 'name="formKey" value="youth_profile"', 'name="color" value="red"'))
    error = rejected(files)
    assert (error.file, error.element_id) == ("guidance.bpmn", "fill_profile")
    assert error.line == line_of("guidance.bpmn", 'id="fill_profile"')
    assert "formKey" in str(error)


@pytest.mark.parametrize(("old", "new", "named"), [
    ('name="priority" value="2"', 'name="priority" value="urgent"', "priority"),
    ('name="priority" value="2"', 'name="priority" value="9"', "priority"),
    ('name="dueIn" value="P3D"', 'name="dueIn" value="3 days"', "dueIn"),
])
def test_bad_user_task_properties_are_rejected(old, new, named):
    error = rejected(bundle_files(**edited("guidance.bpmn", old, new)))
    assert error.element_id == "fill_profile" and named in str(error)


@pytest.mark.parametrize(("timer", "named"), [
    ('"P6W" +', "does not compile"),
    ("weeks.__class__", "does not compile"),
    ('"six weeks"', "not an ISO 8601 duration"),
    ("42", "must evaluate to a text"),
])
def test_bad_timer_expressions_are_rejected(timer, named):
    error = rejected(bundle_files(**edited("guidance.bpmn", '"P6W"', timer)))
    assert (error.file, error.element_id) == ("guidance.bpmn", "wait_review_timer")
    assert error.line == line_of("guidance.bpmn", "<bpmn:timeDuration")
    assert named in str(error)


def test_computed_timer_expressions_are_accepted():
    files = bundle_files(**edited("guidance.bpmn", '"P6W"', '"P" + str(review_weeks) + "W"'))
    assert "school_guidance" in parse_bundle(files, known_operations=OPERATIONS).processes


def test_time_date_literals_need_a_zone():
    def with_date(value: str):
        return bundle_files(**edited(
            "guidance.bpmn", '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"P6W"</bpmn:timeDuration>',
            f'<bpmn:timeDate xsi:type="bpmn:tFormalExpression">"{value}"</bpmn:timeDate>'))

    assert "no time zone" in str(rejected(with_date("2026-09-01T09:00:00")))
    parse_bundle(with_date("2026-09-01T09:00:00+03:00"), known_operations=OPERATIONS)


def test_time_cycle_literals_are_checked():
    def with_cycle(value: str):
        return bundle_files(**edited(
            "guidance.bpmn", '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"P6W"</bpmn:timeDuration>',
            f'<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">"{value}"</bpmn:timeCycle>'))

    parse_bundle(with_cycle("R/P6W"), known_operations=OPERATIONS)
    parse_bundle(with_cycle("R3/2026-09-01T09:00:00+03:00/P1W"), known_operations=OPERATIONS)
    assert "repeating interval" in str(rejected(with_cycle("every week")))
    assert "neither a duration" in str(rejected(with_cycle("R/2026-09-01T09:00:00/P1W")))


def test_scripts_conditions_and_payloads_must_compile_in_the_sandbox():
    script = rejected(bundle_files(**edited("plan.bpmn", "plan = {", "import os\nplan = {")))
    assert (script.file, script.element_id) == ("plan.bpmn", "build_plan") and "import" in str(script)
    condition = rejected(bundle_files(**edited("guidance.bpmn", 'risk == "high"', "risk.__class__")))
    assert condition.element_id == "to_curator" and "__class__" in str(condition)
    payload = rejected(bundle_files(**edited("guidance.bpmn", '"risk": risk}', '"risk": open("x")}')))
    assert payload.element_id == "guidance_passed_message" and "open" in str(payload)
    parameter = rejected(bundle_files(**edited("guidance.bpmn", 'value="youth_id"', 'value="youth_id)"')))
    assert parameter.element_id == "register" and "service parameter" in str(parameter)


def test_dmn_cells_must_compile_in_the_sandbox():
    error = rejected(bundle_files(**edited("plan_services.dmn", "9 &lt;= ? &lt;= 11", "?.__class__")))
    assert (error.file, error.element_id) == ("plan_services.dmn", "senior_in")
    output = rejected(bundle_files(**edited("risk_level.dmn", '"high"', "eval('1')")))
    assert (output.file, output.element_id) == ("risk_level.dmn", "risk_high_out")


@pytest.mark.parametrize(("old", "new", "named"), [
    ('hitPolicy="UNIQUE"', 'hitPolicy="PRIORITY"', "hit policy PRIORITY"),
    ('hitPolicy="UNIQUE"', 'hitPolicy="COLLECT" aggregation="SUM"', "aggregations"),
])
def test_dmn_semantics_spiffworkflow_would_ignore_are_rejected(old, new, named):
    error = rejected(bundle_files(**edited("risk_level.dmn", old, new)))
    assert (error.file, error.element_id) == ("risk_level.dmn", "risk_level_table") and named in str(error)


def test_message_without_name_is_rejected():
    error = rejected(bundle_files(**edited("intake.bpmn", 'name="candidate_found"', "")))
    assert error.file == "intake.bpmn" and "has no name" in str(error)


def test_deploy_error_message_names_file_element_and_line():
    error = rejected(bad("unknown_called.bpmn"))
    text = str(error)
    assert "unknown_called.bpmn" in text and "call_missing" in text and f"line {error.line}" in text


# --- speed -------------------------------------------------------------------------------------------------------

def test_ten_file_bundle_parses_quickly():
    files = bundle_files()
    plan = (BUNDLE / "plan.bpmn").read_text()
    for number in range(5):
        variant = plan.replace("individual_plan", f"individual_plan_{number}").replace("defs_plan", f"defs_{number}")
        files.append((f"plan_{number}.bpmn", variant.encode()))
    assert len(files) == 10
    parse_bundle(files, known_operations=OPERATIONS)
    rounds = 5
    started = time.perf_counter()
    for _ in range(rounds):
        parsed = parse_bundle(files, known_operations=OPERATIONS)
    per_bundle_ms = (time.perf_counter() - started) / rounds * 1000
    print(f"10-file bundle: {per_bundle_ms:.1f} ms per parse")
    assert len(parsed.processes) == 8
    assert per_bundle_ms < 2000  # generous for a loaded CI box; typically ~15 ms
