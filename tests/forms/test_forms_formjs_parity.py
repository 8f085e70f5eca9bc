"""Our validation flags the same fields as form-js itself.

The expected field sets were recorded by importing `fixtures/kitchen_sink.form` into
@bpmn-io/form-js-viewer 1.23.0 (Node 20 + jsdom), setting the same values and calling `form.submit()`;
every real definition also imported there without warnings. Re-record when the fixture changes.
One intended difference: a `pattern` must match the whole value here (as the HTML `pattern`
attribute does), while form-js accepts a match anywhere in the value.
"""
import pytest

import forms

VALID = {"name": "Иван Петров", "hours": "4.5", "consent": "on", "level": "high"}

CASES = [
    ({}, set()),
    ({"hours": "4.2"}, {"Field_hours"}),
    ({"name": "Ив", "hours": "18", "age": "16.5", "email": "x@", "phone": "abc"},
     {"Field_name", "Field_email", "Field_phone", "Field_hours", "Field_age"}),
    ({"name": "Иван", "services": ["other"], "plan.needed": "on"}, {"Field_other", "Field_plan_goal"}),
    ({"name": "", "hours": "", "consent": "", "level": ""}, {"Field_name", "Field_hours", "Field_consent",
                                                            "Field_level"}),
]


@pytest.mark.parametrize(("changes", "formjs_errors"), CASES)
def test_same_fields_are_invalid_as_in_formjs(sink, changes, formjs_errors):
    by_id = {component.id: component.name for component in sink.inputs()}
    expected = {by_id[ident] for ident in formjs_errors}
    raw = {key: value for key, value in {**VALID, **changes}.items() if value != ""}
    _, errors = forms.validate(sink, raw, context={"risk_level": "acceptable"})
    assert set(errors) == expected


def test_increment_message_names_the_same_nearest_values_as_formjs(sink):
    _, errors = forms.validate(sink, {**VALID, "hours": "4.2"}, locale="en", context={})
    # form-js: "Please select a valid value, the two nearest valid values are 4 and 4.5."
    assert errors["hours"] == ["The value must be a multiple of 0.5; the nearest valid values are 4 and 4.5."]
