"""Deploy-time contract checks of a bundle: what the parser refuses beyond unsafe or broken XML (service
operations, called processes, messages, forms and the other rules a deployment must satisfy)."""
from __future__ import annotations

import pytest

from engine.parsing import parse_bundle
from tests.engine.test_parsing import BAD, BUNDLE, OPERATIONS, bad, bundle_files, edited, line_of, rejected

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
