"""The real definitions against the process catalogue (processes/README.md) and the diagrams."""
import json
import re
from pathlib import Path

import pytest

import forms
from engine.parsing.documents import parse_xml

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = ROOT / "processes"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
KEYS = forms.available_keys()
TYPE_COMPONENTS = {
    "bool": {"checkbox"},
    "int": {"number"},
    "number": {"number"},
    "str": {"textfield", "textarea"},
    "date": {"datetime"},
    "select": {"select", "radio"},
    "list": {"checklist", "taglist"},
}
_ROW_FORM = re.compile(r"`(\w+)` → `(\w+)`")
_FIELD = re.compile(r"`(\w+)`: (bool|int|number|str|date|select|list)\b(?:[^\[;]*\[([^\]]*)\])?")


def catalogue() -> dict[str, list[tuple[str, str, list[str]]]]:
    """formKey → [(field, type, choice values)] from the user-task tables of processes/README.md."""
    found: dict[str, list[tuple[str, str, list[str]]]] = {}
    for line in (PROCESSES / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split(" | ")]
        for index, cell in enumerate(cells):
            match = _ROW_FORM.fullmatch(cell)
            if match and index + 1 < len(cells):
                fields = [(name, kind, re.findall(r"`(\w+)`", choices or ""))
                          for name, kind, choices in _FIELD.findall(cells[index + 1])]
                if fields:
                    found[match.group(1)] = fields
                else:
                    found.setdefault(match.group(1), [])
    return found


def bpmn_form_keys(paths) -> set[str]:
    keys = set()
    for path in paths:
        tree = parse_xml(path.name, path.read_bytes())
        for prop in tree.iterfind(
            f".//{{{BPMN}}}userTask/{{{BPMN}}}extensionElements//{{{SPIFF}}}property[@name='formKey']"
        ):
            keys.add(prop.get("value"))
    return keys


def test_there_are_definitions():
    assert len(KEYS) >= 19


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("locale", ["ru", "en"])
def test_definition_loads_builds_a_schema_and_renders(key, locale):
    definition = forms.load(key)
    schema = forms.schema_for(definition, locale=locale)
    assert set(schema.fields) == {c.name for c in definition.inputs() if c.accepts_post}
    html = forms.render(definition, data={}, errors={}, locale=locale)
    for component in definition.inputs():
        assert f'name="{component.name}"' in html


@pytest.mark.parametrize("key", KEYS)
def test_definition_opens_in_camunda_modeler(key):
    document = json.loads((forms.DEFINITIONS_DIR / f"{key}.form").read_text(encoding="utf-8"))
    assert document["type"] == "default" and document["schemaVersion"] == 16
    assert document["id"] and isinstance(document["components"], list)

    def check(components):
        for component in components:
            assert component.get("id") and component.get("type"), component
            if component["type"] in {"group", "text", "separator", "spacer"}:
                check(component.get("components", []))
                continue
            assert component.get("key"), component
            label = component.get("dateLabel") if component["type"] == "datetime" else component.get("label")
            assert label and re.search("[А-Яа-яЁё]", label), component

    check(document["components"])


@pytest.mark.parametrize("key", KEYS)
def test_every_text_has_an_english_version(key):
    definition = forms.load(key)

    def check(components):
        for component in components:
            for name, russian in (("label", component.label), ("description", component.description),
                                  ("text", component.text)):
                if russian:
                    english = component.translated(name, "en", russian)
                    assert english != russian, f"{key}/{component.id}: no English {name}"
            for choice in component.choices:
                english = component.translated(f"option.{choice.html_value}", "en", choice.label)
                assert english != choice.label, f"{key}/{component.id}: no English option {choice.value}"
            check(component.components)

    check(definition.components)


@pytest.mark.parametrize("key", KEYS)
def test_submitting_an_empty_form_gives_russian_errors_or_data(key):
    definition = forms.load(key)
    data, errors = forms.validate(definition, {})
    assert bool(data) != bool(errors)
    for messages in errors.values():
        assert all(re.search("[А-Яа-яЁё]", text) for text in messages)


def test_every_catalogue_form_key_has_a_definition():
    assert set(catalogue()) - set(KEYS) == set()


def test_every_definition_is_used_by_the_catalogue():
    assert set(KEYS) - set(catalogue()) == set()


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_field_keys_types_and_choices_match_the_catalogue(key):
    definition = forms.load(key)
    inputs = {component.name: component for component in definition.inputs()}
    listed = catalogue()[key]
    if listed:
        assert set(inputs) == {name for name, _, _ in listed}, f"{key}: inputs differ from the catalogue"
    for name, kind, choices in listed:
        assert name in inputs, f"{key}: missing field {name}"
        component = inputs[name]
        assert component.type in TYPE_COMPONENTS[kind], f"{key}.{name}: {component.type} for {kind}"
        if kind == "int":
            assert component.decimal_digits == 0, f"{key}.{name} must be a whole number"
        if kind == "date":
            assert component.subtype == "date"
        if choices:
            assert [choice.value for choice in component.choices] == choices, f"{key}.{name}"


def test_form_keys_are_read_from_user_tasks_only():
    fixture = Path(__file__).resolve().parent / "fixtures" / "user_task.bpmn"
    assert bpmn_form_keys([fixture]) == {"retention_checkpoint"}


def test_every_form_key_in_the_diagrams_has_a_definition():
    diagrams = sorted(PROCESSES.glob("*.bpmn"))
    assert diagrams, f"no diagrams in {PROCESSES}"
    keys = bpmn_form_keys(diagrams)
    assert keys, "diagrams have user tasks with formKey properties"
    assert keys - set(KEYS) == set()
