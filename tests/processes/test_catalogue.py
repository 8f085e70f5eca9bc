"""The diagrams, the catalogue in processes/README.md, the handlers and the forms agree: every operation
has a registered handler, every form key a form definition, and every form field a diagram reads exists."""
from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

from process_driver import PROCESSES, bpmn_files, read_tree

from profroute.wiring import WIRING

FORMS = PROCESSES.parent / "forms" / "definitions"
README = (PROCESSES / "README.md").read_text(encoding="utf-8")
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
      "spiffworkflow": "http://spiffworkflow.org/bpmn/schema/1.0/core"}


def operations() -> set[str]:
    return {op.get("id") for path in bpmn_files()
            for op in read_tree(path).iterfind(".//spiffworkflow:serviceTaskOperator", NS)}


def user_tasks() -> list[tuple[Path, str, str, str]]:
    """(file, element id, form key, variable name) of every user task."""
    found = []
    for path in bpmn_files():
        for task in read_tree(path).iterfind(".//bpmn:userTask", NS):
            form = task.find(".//spiffworkflow:property[@name='formKey']", NS).get("value")
            variable = task.find(".//spiffworkflow:variableName", NS).text
            found.append((path, task.get("id"), form, variable))
    return found


def form_keys(definition: dict) -> set[str]:
    keys = set()
    for component in definition.get("components", []):
        if component.get("key"):
            keys.add(component["key"])
        keys |= form_keys(component)
    return keys


def expressions_of(path: Path) -> str:
    """Every piece of Python a diagram and the decision tables carry, as one text to search."""
    tree = read_tree(path)
    texts = [el.text or "" for el in tree.iter() if isinstance(el.tag, str)]
    texts += [el.get("value") or "" for el in tree.iterfind(".//spiffworkflow:parameter", NS)]
    texts += [dmn.read_text(encoding="utf-8") for dmn in PROCESSES.glob("*.dmn")]
    return "\n".join(texts)


def test_every_operation_has_a_registered_handler():
    registered = set(WIRING.handlers)
    assert sorted(operations() - registered) == []


def service_calls() -> list[tuple[str, str, list[str]]]:
    """(file, operation, parameter names) of every service task."""
    calls = []
    for path in bpmn_files():
        for op in read_tree(path).iterfind(".//spiffworkflow:serviceTaskOperator", NS):
            names = [p.get("id") for p in op.iterfind(".//spiffworkflow:parameter", NS)]
            calls.append((path.name, op.get("id"), names))
    return calls


def test_registered_handlers_accept_the_parameters_the_diagrams_pass():
    registered = WIRING.handlers
    problems = []
    for file, operation, names in service_calls():
        if operation not in registered:
            continue
        try:
            inspect.signature(registered[operation]).bind(object(), **dict.fromkeys(names))
        except TypeError as err:
            problems.append(f"{file}: {operation}({', '.join(names)}): {err}")
    assert problems == []


def test_every_form_key_has_a_form_definition():
    missing = sorted({form for _path, _task, form, _var in user_tasks() if not (FORMS / f"{form}.form").exists()})
    assert missing == []


def test_every_form_field_a_diagram_reads_is_on_the_form():
    problems = []
    for path, task, form, variable in user_tasks():
        fields = set(re.findall(rf'\b{variable}\["([a-z_]+)"\]', expressions_of(path)))
        definition = json.loads((FORMS / f"{form}.form").read_text(encoding="utf-8"))
        problems += [f"{path.name}: {task} reads {variable}[{field!r}]" for field in fields - form_keys(definition)]
    assert problems == []


def named_work_elements() -> set[str]:
    tags = ("userTask", "serviceTask", "businessRuleTask", "callActivity", "boundaryEvent", "subProcess")
    return {el.get("id") for path in bpmn_files() if path.name != "overview.bpmn"
            for tag in tags for el in read_tree(path).iterfind(f".//bpmn:{tag}", NS)}


def test_the_catalogue_names_every_operation_form_and_task():
    names = operations() | {form for *_rest, form, _var in user_tasks()} | named_work_elements()
    assert sorted(name for name in names if f"`{name}`" not in README) == []


def test_the_box_table_points_at_elements_that_carry_the_box_label():
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| (?:phase|task|event|branch) \| (.+?) \| (.+) \|$", README, re.M)
    assert len(rows) == 67
    documents = {path.name: read_tree(path) for path in bpmn_files()}
    problems = []
    for key, label, places in rows:
        for file, element in re.findall(r"`([a-z_]+\.bpmn)` → `([a-z0-9_]+)`", places):
            found = documents[file].xpath(f"//*[@id='{element}']")
            if not found:
                problems.append(f"{key}: {file} has no {element}")
                continue
            name = found[0].get("name") or "".join(
                documents[file].xpath(f"//*[@id='{found[0].get('categoryValueRef')}']/@value"))
            if re.sub(r"[«»\"\s]", "", name).lower().replace("ё", "е") != re.sub(
                    r"[«»\"\s]", "", label).lower().replace("ё", "е"):
                problems.append(f"{key}: {file} {element} is named {name!r}")
    assert problems == []


def catalogue_service_rows() -> dict[str, tuple[str, dict[str, str], str]]:
    """element id -> (operation, {parameter: expression}, result variable) from the catalogue's tables."""
    rows = {}
    row = re.compile(r"^\| (`[a-z0-9_]+`(?: / `[a-z0-9_]+`)*) \| [^|]+ \| `([a-z_.]+)` \| (.*?) \| `([a-z_]+)` ")
    for line in README.splitlines():
        match = row.match(line)
        if not match:
            continue
        params = {}
        for item in re.findall(r"`([^`]+)`", match.group(3)):
            name, _, expression = item.partition("=")
            params[name] = expression or name
        for element in re.findall(r"`([a-z0-9_]+)`", match.group(1)):
            rows[element] = (match.group(2), params, match.group(4))
    return rows


def test_the_catalogue_rows_of_service_tasks_match_the_diagrams():
    rows = catalogue_service_rows()
    problems = []
    for path in bpmn_files():
        for task in read_tree(path).iterfind(".//bpmn:serviceTask", NS):
            operator = task.find(".//spiffworkflow:serviceTaskOperator", NS)
            params = {p.get("id"): p.get("value") for p in operator.iterfind(".//spiffworkflow:parameter", NS)}
            actual = (operator.get("id"), params, operator.get("resultVariable"))
            documented = rows.get(task.get("id"))
            if documented != actual:
                problems.append(f"{path.name}: {task.get('id')} is {actual}, the catalogue says {documented}")
    assert problems == []


def test_the_catalogue_rows_of_user_tasks_match_the_diagrams():
    row = re.compile(r"^\| `([a-z0-9_]+)` \| [^|]+ \| ([a-z_]+) \| `([a-z_]+)` → `([a-z_]+)` \|")
    rows = {m.group(1): (m.group(2), m.group(3), m.group(4)) for m in map(row.match, README.splitlines()) if m}
    problems = []
    for path, task, form, variable in user_tasks():
        lanes = {ref.text: lane.get("id").removeprefix("lane_")
                 for lane in read_tree(path).iterfind(".//bpmn:lane", NS)
                 for ref in lane.iterfind("bpmn:flowNodeRef", NS)}
        if rows.get(task) != (lanes.get(task), form, variable):
            problems.append(f"{path.name}: {task} is {(lanes.get(task), form, variable)}, catalogue {rows.get(task)}")
    assert problems == []
