import json
import os

import pytest

import forms
from forms import FormDefinitionError, FormNotFoundError


def _problems(path):
    with pytest.raises(FormDefinitionError) as caught:
        forms.load_file(path)
    return caught.value


def test_fixture_loads_every_component_type(sink):
    types = {component.type for component in sink.components} | {
        child.type for component in sink.components for child in component.components
    }
    assert types == {"text", "textfield", "textarea", "number", "checkbox", "checklist", "radio", "select",
                     "taglist", "datetime", "separator", "spacer", "group"}
    names = [component.name for component in sink.inputs()]
    assert "plan.needed" in names and "plan.goal" in names
    assert "curator_note" in names  # a group without a path keeps its children at the top


def test_load_caches_and_rereads_a_changed_file(write_form):
    path = write_form([{"id": "a", "type": "textfield", "key": "name", "label": "Имя"}])
    first = forms.load("sample", directory=path.parent)
    assert forms.load("sample", directory=path.parent) is first
    document = json.loads(path.read_text(encoding="utf-8"))
    document["components"][0]["label"] = "Фамилия"
    path.write_text(json.dumps(document), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert forms.load("sample", directory=path.parent).inputs()[0].label == "Фамилия"


def test_available_keys_lists_definition_files(write_form, tmp_path):
    write_form([], name="b_form")
    write_form([], name="a_form")
    (tmp_path / "notes.txt").write_text("x")
    assert forms.available_keys(directory=tmp_path) == ["a_form", "b_form"]


@pytest.mark.parametrize("key", ["missing", "../secrets", "a/b", "", "x.form"])
def test_unknown_or_unsafe_form_key_is_not_found(key, tmp_path):
    with pytest.raises(FormNotFoundError):
        forms.load(key, directory=tmp_path)


def test_invalid_json_names_the_file_and_line(write_form):
    path = write_form(document='{"id": "x",\n "type": }')
    error = _problems(path)
    assert str(path) in str(error)
    assert "line 2" in str(error)


def test_top_level_fields_are_checked(write_form):
    error = _problems(write_form(document={"type": "custom", "schemaVersion": "16", "components": {}}))
    text = str(error)
    assert '"type" must be "default"' in text
    assert '"id" must be a non-empty string' in text
    assert '"schemaVersion" must be a positive integer' in text
    assert '"components" must be a list' in text


def test_unknown_type_names_component_and_lists_supported(write_form):
    error = _problems(write_form([{"id": "Image_1", "type": "image"}]))
    assert "component 'Image_1': unknown type 'image'" in str(error)
    assert "textfield" in str(error)


def test_button_is_refused_with_a_reason(write_form):
    error = _problems(write_form([{"id": "Submit", "type": "button", "label": "Отправить"}]))
    assert "page provides its own buttons" in str(error)


def test_duplicate_and_missing_keys_and_ids(write_form):
    error = _problems(write_form([
        {"id": "a", "type": "textfield", "key": "name", "label": "Имя"},
        {"id": "b", "type": "textarea", "key": "name", "label": "Имя ещё раз"},
        {"id": "a", "type": "number", "label": "Без ключа"},
        {"id": "c", "type": "checkbox", "key": "bad key", "label": "Пробел"},
        {"type": "checkbox", "key": "no_id", "label": "Без id"},
    ]))
    problems = error.problems
    assert any("component 'b': duplicate key 'name'" in p for p in problems)
    assert any("component 'a': duplicate id" in p for p in problems)
    assert any("component 'a': \"key\" must be an identifier" in p for p in problems)
    assert any("component 'c': \"key\" must be an identifier" in p for p in problems)
    assert any("component #5: \"id\" must be a non-empty string" in p for p in problems)


def test_group_path_collisions_are_duplicates(write_form):
    error = _problems(write_form([
        {"id": "g", "type": "group", "path": "plan", "components": [
            {"id": "a", "type": "textfield", "key": "goal", "label": "Цель"}]},
        {"id": "b", "type": "textfield", "key": "plan.goal", "label": "Цель"},
        {"id": "c", "type": "textfield", "key": "plan", "label": "План"},
    ]))
    assert any("duplicate key 'plan.goal'" in p for p in error.problems)
    assert any("nested under field 'plan'" in p for p in error.problems)


@pytest.mark.parametrize(
    ("component", "expected"),
    [
        ({"type": "textfield", "key": "k", "label": ""}, '"label" must be a non-empty string'),
        ({"type": "datetime", "key": "k", "subtype": "date"}, '"dateLabel" must be a non-empty string'),
        ({"type": "datetime", "key": "k", "subtype": "week", "dateLabel": "Д"}, '"subtype" must be one of'),
        ({"type": "number", "key": "k", "label": "Ч", "validate": {"min": 5, "max": 1}}, "greater than"),
        ({"type": "number", "key": "k", "label": "Ч", "validate": {"min": "пять"}}, '"min" must be a number'),
        ({"type": "number", "key": "k", "label": "Ч", "increment": -1}, '"increment" must be positive'),
        ({"type": "number", "key": "k", "label": "Ч", "decimalDigits": 1.5}, '"decimalDigits" must be'),
        ({"type": "textfield", "key": "k", "label": "Т", "validate": {"minLength": -1}}, "non-negative integer"),
        ({"type": "textfield", "key": "k", "label": "Т", "validate": {"pattern": "([a-z"}}, "not a valid regular"),
        ({"type": "textfield", "key": "k", "label": "Т", "validate": {"validationType": "url"}}, "email or phone"),
        ({"type": "textfield", "key": "k", "label": "Т", "validate": {"required": "yes"}}, "true or false"),
        ({"type": "textfield", "key": "k", "label": "Т", "readonly": "=done"}, "expressions are not supported"),
        ({"type": "select", "key": "k", "label": "В"}, 'exactly one of "values"'),
        ({"type": "select", "key": "k", "label": "В", "values": []}, "non-empty list"),
        ({"type": "radio", "key": "k", "label": "В", "values": [{"label": "А", "value": "a"},
                                                              {"label": "Б", "value": "a"}]}, "duplicate option"),
        ({"type": "radio", "key": "k", "label": "В", "values": [{"value": "a"}]}, "needs a text label"),
        ({"type": "radio", "key": "k", "label": "В", "values": [{"label": "А", "value": "a"}],
          "defaultValue": "b"}, "is not one of the options"),
        ({"type": "textfield", "key": "k", "label": "Т", "values": [{"label": "А", "value": "a"}]}, "do not apply"),
        ({"type": "textfield", "key": "k", "label": "Т", "conditional": {"hide": "=a =="}}, "conditional.hide"),
        ({"type": "textfield", "key": "k", "label": "Т", "layout": {"columns": 20}}, "from 1 to 16"),
        ({"type": "text", "text": 5}, '"text" must be a string'),
        ({"type": "group", "components": {}}, '"components" must be a list'),
        ({"type": "group", "path": "a-b", "components": []}, '"path" must be a dotted identifier'),
        ({"type": "textfield", "key": "k", "label": "Т", "properties": {"label_en": 5}}, "map names to texts"),
        ({"type": "select", "key": "k", "label": "В", "valuesExpression": "=opts"}, '"valuesExpression" is not'),
        ({"type": "number", "key": "k", "label": "Ч", "serializeToString": True}, "stored as JSON numbers"),
        ({"type": "group", "components": [], "isRepeating": True}, "repeating groups"),
        ({"type": "textfield", "key": "k", "label": "=name"}, '"label" is an expression'),
        ({"type": "text", "text": "Ученик: {{youth_name}}"}, '"text" uses templating'),
        ({"type": "datetime", "key": "k", "dateLabel": "Д", "disallowPassedDates": "yes"}, "true or false"),
        ({"type": "radio", "key": "k", "label": "В", "values": [{"label": "А", "value": "a"}],
          "properties": {"option_en.b": "B"}}, "names no option"),
    ],
)
def test_bad_values_are_reported_with_the_component(write_form, component, expected):
    error = _problems(write_form([{"id": "Broken", **component}]))
    assert any(p.startswith("component 'Broken'") and expected in p for p in error.problems), error.problems


def test_all_problems_are_reported_at_once(write_form):
    error = _problems(write_form([
        {"id": "a", "type": "image"},
        {"id": "b", "type": "textfield", "label": "Без ключа"},
    ]))
    assert len(error.problems) == 2
    assert error.source.endswith("sample.form")
