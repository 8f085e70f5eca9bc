"""Static checks of processes/: the engine parses the bundle (XSD included), bpmnlint passes, every box of
the map is a named element with a diagram shape, and the diagrams follow the BPMN conventions of
docs/contracts.md."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from process_driver import PROCESSES, bpmn_files, deployable_files, read_tree

from engine.parsing import parse_bundle

ROOT = PROCESSES.parent
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NS = {"bpmn": BPMN, "bpmndi": BPMNDI, "spiffworkflow": SPIFF}
BOXES = Path(__file__).parent / "data" / "boxes.tsv"
SHARED_BOXES = next((folder / "shared" / "map" / "boxes.tsv" for folder in ROOT.parents
                     if (folder / "shared" / "map" / "boxes.tsv").exists()), None)
README = PROCESSES / "README.md"
LANES = {"school", "edu_org", "czn", "employer", "youth", "ecp", "my_business"}
EXECUTABLE = {
    "proc_school_career_guidance", "proc_employer_staffing_need", "proc_admission_target_training",
    "proc_student_support", "sub_individual_plan", "proc_graduate_routing", "sub_entrepreneurship_referral",
    "proc_young_specialist_adaptation", "proc_practice_library",
}
SHAPED = {"task", "userTask", "serviceTask", "scriptTask", "businessRuleTask", "sendTask", "receiveTask",
          "manualTask", "callActivity", "subProcess", "startEvent", "endEvent", "intermediateCatchEvent",
          "intermediateThrowEvent", "boundaryEvent", "exclusiveGateway", "parallelGateway", "inclusiveGateway",
          "eventBasedGateway", "complexGateway", "lane", "participant", "dataObjectReference",
          "dataStoreReference", "group", "textAnnotation"}
EDGED = {"sequenceFlow", "messageFlow", "association"}
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


def trees() -> list[tuple[Path, etree._ElementTree]]:
    return [(path, read_tree(path)) for path in bpmn_files()]


def executable_processes(tree: etree._ElementTree) -> list[etree._Element]:
    return tree.xpath("//bpmn:process[@isExecutable='true']", namespaces=NS)


def all_executable() -> list[tuple[str, etree._Element]]:
    return [(path.name, process) for path, tree in trees() for process in executable_processes(tree)]


def test_engine_parses_the_whole_bundle_with_schema_validation():
    bundle = parse_bundle([(path.name, path.read_bytes()) for path in deployable_files()], known_operations=None)
    assert set(bundle.processes) >= EXECUTABLE
    assert set(bundle.decisions) == {"student_risk_level", "ip_service_set", "graduate_outcome", "need_segment",
                                     "minor_working_hours"}


def test_bpmnlint_recommended_rules_pass_on_every_diagram():
    binary = ROOT / "node_modules" / ".bin" / "bpmnlint"
    assert binary.exists() and shutil.which("node"), "bpmnlint is not installed: run `npm ci` (scripts/setup-test.sh)"
    result = subprocess.run([str(binary), *[p.name for p in bpmn_files()]], cwd=PROCESSES,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stdout, result.stdout


def norm(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[«»\"'“”„]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def box_labels() -> list[tuple[str, str]]:
    rows = []
    for line in BOXES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("key\t") or not line.strip():
            continue
        key, _kind, label = line.split("\t")
        rows.append((key, label))
    return rows


def test_box_list_copy_matches_the_map_when_the_shared_folder_is_present():
    if SHARED_BOXES is None:
        pytest.skip("shared/map/boxes.tsv is not in a folder above the repository")
    assert BOXES.read_text(encoding="utf-8") == SHARED_BOXES.read_text(encoding="utf-8")


def test_every_box_of_the_map_is_a_named_element():
    names: set[str] = set()
    for _path, tree in trees():
        values = {el.get("id"): el.get("value") or "" for el in tree.iter(f"{{{BPMN}}}categoryValue")}
        for el in tree.iter():
            if not isinstance(el.tag, str) or not el.tag.startswith(f"{{{BPMN}}}"):
                continue
            if el.get("name"):
                names.add(norm(el.get("name")))
            if etree.QName(el).localname == "group" and el.get("categoryValueRef") in values:
                names.add(norm(values[el.get("categoryValueRef")]))
    boxes = box_labels()
    missing = [key for key, label in boxes if norm(label) not in names]
    assert len(boxes) == 67
    assert missing == []


def named_elements() -> dict[str, list[str]]:
    """Normalised name -> ["`file` → `id` (kind)"] over the diagrams, the overview last."""
    found: dict[str, list[str]] = {}
    for path, tree in sorted(trees(), key=lambda item: (item[0].name == "overview.bpmn", item[0].name)):
        values = {el.get("id"): el.get("value") for el in tree.iter(f"{{{BPMN}}}categoryValue")}
        for el in tree.iter():
            if not isinstance(el.tag, str) or etree.QName(el).namespace != BPMN or not el.get("id"):
                continue
            kind = etree.QName(el).localname
            name = values.get(el.get("categoryValueRef")) if kind == "group" else el.get("name")
            if name:
                found.setdefault(norm(name), []).append(f"`{path.name}` → `{el.get('id')}` ({kind})")
    return found


def test_the_readme_box_table_says_where_each_box_is_drawn():
    """The README's "box → file → element id" table is written by hand; the diagrams decide what is true."""
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `([a-z0-9_]+)` \| (phase|task|event|branch) \| [^|]+ \| (.+) \|$", line)
        if match:
            rows[match.group(1)] = match.group(3)
    elements = named_elements()
    expected = {key: "; ".join(elements.get(norm(label), [])) for key, label in box_labels()}
    assert rows == expected


def test_every_element_has_a_diagram_shape_or_edge():
    undrawn = []
    for path, tree in trees():
        shapes = {el.get("bpmnElement") for el in tree.iter(f"{{{BPMNDI}}}BPMNShape")}
        edges = {el.get("bpmnElement") for el in tree.iter(f"{{{BPMNDI}}}BPMNEdge")}
        for el in tree.iter():
            if not isinstance(el.tag, str) or not el.tag.startswith(f"{{{BPMN}}}") or not el.get("id"):
                continue
            tag = etree.QName(el).localname
            if tag in SHAPED and el.get("id") not in shapes or tag in EDGED and el.get("id") not in edges:
                undrawn.append(f"{path.name}: {tag} {el.get('id')}")
    assert undrawn == []


def test_ids_are_english_snake_case_and_flow_nodes_carry_russian_names():
    problems = []
    for name, process in all_executable():
        for el in process.iter():
            if not isinstance(el.tag, str) or etree.QName(el).namespace != BPMN or not el.get("id"):
                continue
            tag = etree.QName(el).localname
            if not SNAKE.match(el.get("id")):
                problems.append(f"{name}: id {el.get('id')}")
            is_join = tag.endswith("Gateway") and len(el.findall("bpmn:outgoing", NS)) < 2
            is_join = is_join or tag == "parallelGateway"
            needs_name = tag in SHAPED - {"group", "lane", "participant", "textAnnotation"} and not is_join
            if needs_name and not re.search("[а-яА-Я]", el.get("name") or ""):
                problems.append(f"{name}: {tag} {el.get('id')} has no Russian name")
    assert problems == []


def lane_of(process: etree._Element) -> dict[str, str]:
    lanes = {}
    for lane in process.iter(f"{{{BPMN}}}lane"):
        for ref in lane.findall("bpmn:flowNodeRef", NS):
            lanes[ref.text] = lane.get("id").removeprefix("lane_")
    return lanes


def properties(task: etree._Element) -> dict[str, str]:
    return {p.get("name"): p.get("value") for p in task.iterfind(".//spiffworkflow:property", NS)}


def test_every_user_task_has_a_form_and_a_candidate_group():
    problems = []
    for name, process in all_executable():
        lanes = lane_of(process)
        for task in process.iter(f"{{{BPMN}}}userTask"):
            props = properties(task)
            group = props.get("candidateGroup") or lanes.get(task.get("id"))
            if not props.get("formKey") or group not in LANES or group in {"youth", "ecp"}:
                problems.append(f"{name}: {task.get('id')} form={props.get('formKey')} group={group}")
            if task.find(".//spiffworkflow:variableName", NS) is None:
                problems.append(f"{name}: {task.get('id')} has no variableName")
    assert problems == []


def test_every_service_task_names_a_stage_operation_and_a_result_variable():
    problems = []
    for name, process in all_executable():
        for task in process.iter(f"{{{BPMN}}}serviceTask"):
            operator = task.find(".//spiffworkflow:serviceTaskOperator", NS)
            if operator is None or not re.match(r"^[a-z_]+\.[a-z_]+$", operator.get("id") or ""):
                problems.append(f"{name}: {task.get('id')}")
            elif not operator.get("resultVariable"):
                problems.append(f"{name}: {task.get('id')} has no resultVariable")
    assert problems == []


def test_timer_literals_are_quoted_and_dates_carry_a_zone():
    texts = []
    for name, process in all_executable():
        for definition in process.iter(f"{{{BPMN}}}timerEventDefinition"):
            for child in definition:
                texts.append((name, (child.text or "").strip()))
    assert texts
    for name, text in texts:
        if text.startswith('"'):
            literal = text.strip('"')
            assert re.match(r"^(R\d*/)?P", literal) or re.search(r"([+-]\d\d:\d\d|Z)$", literal), (name, text)
        else:
            assert re.match(r"^[a-z_]+(\[\"[a-z_]+\"\])+$", text), f"{name}: timer expression {text!r}"


def test_exclusive_gateways_that_split_have_named_branches_and_a_default():
    problems = []
    for name, process in all_executable():
        flows = {f.get("id"): f for f in process.iter(f"{{{BPMN}}}sequenceFlow")}
        for gateway in process.iter(f"{{{BPMN}}}exclusiveGateway"):
            outgoing = [flows[o.text] for o in gateway.findall("bpmn:outgoing", NS)]
            if len(outgoing) < 2:
                continue
            if gateway.get("default") not in {f.get("id") for f in outgoing}:
                problems.append(f"{name}: {gateway.get('id')} has no default flow")
            for flow in outgoing:
                conditional = flow.find("bpmn:conditionExpression", NS) is not None
                if not flow.get("name") or conditional == (flow.get("id") == gateway.get("default")):
                    problems.append(f"{name}: {flow.get('id')}")
    assert problems == []


def test_the_four_map_decisions_carry_the_map_labels():
    labels: dict[str, set[str]] = {}
    for _name, process in all_executable():
        for flow in process.iter(f"{{{BPMN}}}sequenceFlow"):
            labels.setdefault(flow.get("sourceRef"), set()).add(flow.get("name") or "")
    assert {"В школьниках", "В выпускниках ВУЗа / СУЗа"} <= labels["need_segment_gateway"]
    assert {"Высокий уровень риска", "Приемлемый уровень риска"} <= labels["risk_level_gateway"]
    assert {"Трудоустройство", "Смена карьерной траектории", "Отсутствие занятости"} <= labels[
        "graduate_outcome_gateway"]
    assert "При наличии запроса на реализацию предпринимательского проекта" in labels["entrepreneurship_gateway"]


def test_processes_start_with_one_none_start_or_with_message_starts_only():
    for name, process in all_executable():
        starts = process.findall("bpmn:startEvent", NS)
        with_message = [s for s in starts if s.find("bpmn:messageEventDefinition", NS) is not None]
        assert len(starts) == 1 or len(with_message) == len(starts), name


def test_youth_milestones_are_throw_events_without_definition_in_the_youth_lane():
    milestones = []
    for name, process in all_executable():
        lanes = lane_of(process)
        for event in process.iter(f"{{{BPMN}}}intermediateThrowEvent"):
            assert len(event) == sum(1 for c in event if etree.QName(c).localname in ("incoming", "outgoing")), name
            if lanes.get(event.get("id")) == "youth":
                milestones.append(event.get("name"))
    assert {"Абитуриент", "Производственная практика", "Стажировка", "Работа по специальности",
            "Адаптация на рабочем месте", "Удержание в профессии", "Развитие профессиональных компетенций",
            "Переобучение"} <= set(milestones)


def test_the_overview_draws_the_entrepreneurship_decision_and_the_czn_referral():
    """The overview mirrors graduate routing: after the individual plan the entrepreneurship decision, and the
    ЦЗН (not «Мой бизнес») refers the graduate."""
    request = "При наличии запроса на реализацию предпринимательского проекта"
    for file, plan, referral in (("overview.bpmn", "stage_individual_plan", "stage_entrepreneurship"),
                                 ("graduate_routing.bpmn", "individual_plan_graduate", "entrepreneurship_referral")):
        process = read_tree(PROCESSES / file).xpath("//bpmn:process[bpmn:laneSet]", namespaces=NS)[0]
        flows = list(process.iter(f"{{{BPMN}}}sequenceFlow"))
        [after_plan] = [f.get("targetRef") for f in flows if f.get("sourceRef") == plan]
        gateway = process.xpath(f".//*[@id='{after_plan}']")[0]
        assert etree.QName(gateway).localname == "exclusiveGateway", file
        assert gateway.get("name") == "Есть запрос на предпринимательский проект?", file
        branches = {f.get("name"): f.get("targetRef") for f in flows if f.get("sourceRef") == after_plan}
        assert branches[request] == referral, file
        if file == "overview.bpmn":
            assert lane_of(process)[referral] == "czn"
