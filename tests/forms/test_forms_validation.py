import json

import pytest
from marshmallow import Schema, fields
from werkzeug.datastructures import MultiDict

import forms

VALID = {
    "name": "Иван Петров",
    "hours": "4,5",
    "consent": "on",
    "level": "high",
}
CONTEXT = {"risk_level": "acceptable", "curators": [{"label": "Смирнова А. А.", "value": "cur-1"}, "cur-2"]}


def check(definition, raw, *, locale="ru", context=CONTEXT):
    return forms.validate(definition, raw, locale=locale, context=context)


def test_valid_post_gives_typed_json_able_data(sink):
    raw = MultiDict([
        *VALID.items(), ("email", "navigator@school12.ru"), ("phone", "+7 (912) 345-67-89"),
        ("age", "17"), ("services", "cv"), ("services", "other"), ("other_service", "Тренинг"),
        ("course", "2"), ("curator_id", "cur-1"), ("tags", "ovz"), ("start_date", "01.09.2026"),
        ("meeting_time", "14:30"), ("meeting_at", "2026-09-01T10:00"), ("plan.needed", "true"),
        ("plan.goal", "Трудоустройство по специальности"),
    ])
    data, errors = check(sink, raw)
    assert errors == {}
    assert data["hours"] == 4.5 and data["age"] == 17 and isinstance(data["age"], int)
    assert data["consent"] is True
    assert data["services"] == ["cv", "other"]
    assert data["course"] == 2  # the option's typed value, not the posted text
    assert data["start_date"] == "2026-09-01"
    assert data["meeting_time"] == "14:30"
    assert data["meeting_at"] == "2026-09-01T10:00+03:00"
    assert data["plan"] == {"needed": True, "goal": "Трудоустройство по специальности"}
    assert data["curator_id"] == "cur-1"
    assert "curator_note" not in data  # hidden: the risk level in task data is not high
    assert "youth_name" not in data  # readonly: never taken from a post
    json.dumps(data)


def test_absent_inputs_are_null_false_or_empty(sink):
    data, errors = check(sink, VALID)
    assert errors == {}
    assert data["notes"] is None and data["start_date"] is None
    assert data["services"] == [] and data["tags"] == []
    assert data["plan"] == {"needed": False}
    assert "other_service" not in data and "goal" not in data["plan"]


@pytest.mark.parametrize(
    ("raw", "field", "ru", "en"),
    [
        ({"name": ""}, "name", "Заполните это поле.", "This field is required."),
        ({"name": "Ив"}, "name", "Введите не менее 3 символов.", "Enter at least 3 characters."),
        ({"name": "Ivan Petrov"}, "name", "Значение не соответствует формату.", "The value does not match the format."),
        ({"notes": "x" * 21}, "notes", "Введите не более 20 символов.", "Enter at most 20 characters."),
        ({"email": "navigator@"}, "email", "Введите адрес электронной почты, например name@example.ru.",
         "Enter an email address, for example name@example.com."),
        ({"phone": "звоните"}, "phone", "Введите номер телефона, например +7 912 345-67-89.",
         "Enter a phone number, for example +7 912 345-67-89."),
        ({"hours": "много"}, "hours", "Введите число.", "Enter a number."),
        ({"hours": "-1"}, "hours", "Значение должно быть не меньше 0.", "The value must be at least 0."),
        ({"hours": "18"}, "hours", "Значение должно быть не больше 17,5.", "The value must be at most 17.5."),
        ({"age": "16.5"}, "age", "Введите целое число.", "Enter a whole number."),
        ({"hours": "4.25"}, "hours", "Допускается не более 1 знака после запятой.",
         "Use at most 1 digit after the decimal point."),
        ({"hours": "4.2"}, "hours", "Значение должно быть кратно 0,5; ближайшие допустимые: 4 и 4,5.",
         "The value must be a multiple of 0.5; the nearest valid values are 4 and 4.5."),
        ({"consent": ""}, "consent", "Отметьте этот пункт.", "Please tick this box."),
        ({"level": ""}, "level", "Выберите значение.", "Please choose a value."),
        ({"level": "medium"}, "level", "Выберите значение из списка.", "Choose a value from the list."),
        ({"course": "3"}, "course", "Выберите значение из списка.", "Choose a value from the list."),
        ({"curator_id": "cur-9"}, "curator_id", "Выберите значение из списка.", "Choose a value from the list."),
        ({"services": ["cv", "spam"]}, "services", "Выберите значение из списка.", "Choose a value from the list."),
        ({"start_date": "31.02.2026"}, "start_date", "Введите дату в формате ДД.ММ.ГГГГ.",
         "Enter a date as YYYY-MM-DD."),
        ({"meeting_time": "25:00"}, "meeting_time", "Введите время в формате ЧЧ:ММ.", "Enter a time as HH:MM."),
        ({"meeting_at": "завтра"}, "meeting_at", "Введите дату и время в формате ДД.ММ.ГГГГ ЧЧ:ММ.",
         "Enter a date and time as YYYY-MM-DD HH:MM."),
        ({"level": ["high", "acceptable"]}, "level", "Ожидается одно значение.", "A single value is expected."),
        ({"csrf_token": "abc"}, "csrf_token", "Такого поля нет в форме.", "This field is not part of the form."),
        ({"services": ["other"]}, "other_service", "Заполните это поле.", "This field is required."),
        ({"plan.needed": "on"}, "plan.goal", "Заполните это поле.", "This field is required."),
    ],
)
def test_errors_in_russian_and_english_next_to_the_field(sink, raw, field, ru, en):
    post = MultiDict(VALID)
    for key, value in raw.items():
        post.setlist(key, value if isinstance(value, list) else [value])
    for locale, expected in (("ru", ru), ("en", en)):
        data, errors = check(sink, post, locale=locale)
        assert data == {}
        assert expected in errors[field]


def test_all_errors_come_back_together(sink):
    data, errors = check(sink, {"hours": "x"})
    assert data == {}
    assert set(errors) == {"name", "hours", "consent", "level"}


def test_hidden_required_fields_are_not_required_and_posted_values_are_dropped(sink):
    data, errors = check(sink, {**VALID, "other_service": "лишнее", "curator_note": "лишнее"})
    assert errors == {}
    assert "other_service" not in data and "curator_note" not in data


def test_group_condition_on_task_data_requires_its_inputs_when_shown(sink):
    data, errors = check(sink, VALID, context={"risk_level": "high"})
    assert errors == {"curator_note": ["Заполните это поле."]}
    data, errors = check(sink, {**VALID, "curator_note": "Еженедельные встречи"}, context={"risk_level": "high"})
    assert errors == {} and data["curator_note"] == "Еженедельные встречи"


def test_decimal_comma_only_in_russian(sink):
    assert check(sink, {**VALID, "hours": "4,5"}, locale="en")[1]["hours"] == ["Enter a number."]
    assert check(sink, {**VALID, "hours": " 4.5 "}, locale="ru")[0]["hours"] == 4.5


def test_plain_mapping_with_lists_is_accepted(sink):
    data, errors = check(sink, {**VALID, "services": ["cv", "interview"], "tags": "orphan"})
    assert errors == {}
    assert data["services"] == ["cv", "interview"] and data["tags"] == ["orphan"]


def test_schema_for_builds_a_marshmallow_schema_with_typed_fields(sink):
    schema = forms.schema_for(sink, context=CONTEXT)
    assert isinstance(schema, Schema)
    assert isinstance(schema.fields["name"], fields.String) and schema.fields["name"].required
    assert isinstance(schema.fields["consent"], fields.Boolean)
    assert isinstance(schema.fields["services"], fields.List)
    assert not schema.fields["other_service"].required  # conditional: checked only while visible
    assert "youth_name" not in schema.fields
    loaded = schema.load({"name": "Анна", "hours": 3, "consent": True, "level": "acceptable", "course": 1})
    assert loaded["hours"] == 3 and loaded["course"] == 1


def test_schema_rejects_non_finite_numbers(sink):
    from marshmallow import ValidationError

    with pytest.raises(ValidationError) as caught:
        forms.schema_for(sink).load({**VALID, "hours": float("nan")})
    assert caught.value.messages == {"hours": ["Введите число."]}


def test_schema_rejects_unknown_fields_with_our_message(sink):
    from marshmallow import ValidationError

    with pytest.raises(ValidationError) as caught:
        forms.schema_for(sink, locale="en").load({**VALID, "hours": "4.5", "is_admin": "1"})
    assert caught.value.messages == {"is_admin": ["This field is not part of the form."]}


def test_a_post_that_is_not_a_mapping_is_a_form_error(sink):
    assert forms.validate(sink, ["name"]) == ({}, {"_form": ["Неверный формат данных формы."]})
    with pytest.raises(TypeError, match="mapping of posted values"):
        forms.coerce_draft(sink, ["name"])


def test_unsupported_locale_is_a_clear_error(sink):
    with pytest.raises(ValueError, match="unsupported locale 'de'"):
        forms.validate(sink, VALID, locale="de")


def test_draft_keeps_what_parses_and_the_raw_text_of_the_rest(sink):
    raw = MultiDict([("name", "Ив"), ("hours", "четыре"), ("age", "17"), ("services", "cv"),
                     ("services", "spam"), ("start_date", "01.09.2026"), ("meeting_at", "когда-нибудь"),
                     ("level", ""), ("plan.goal", "Цель"), ("csrf_token", "t"), ("youth_name", "подмена")])
    draft = forms.coerce_draft(sink, raw)
    assert draft["name"] == "Ив"  # too short, but a draft does not validate
    assert draft["hours"] == "четыре"
    assert draft["age"] == 17
    assert draft["services"] == ["cv", "spam"]
    assert draft["start_date"] == "2026-09-01"
    assert draft["meeting_at"] == "когда-нибудь"
    assert draft["level"] is None
    assert draft["consent"] is False
    assert draft["plan"] == {"needed": False, "goal": "Цель"}
    assert "csrf_token" not in draft and "youth_name" not in draft
    json.dumps(draft)


def test_draft_round_trips_through_render_and_validate(sink):
    draft = forms.coerce_draft(sink, {**VALID, "hours": "4,5", "age": "abc"})
    html = forms.render(sink, data=draft, errors={}, context=CONTEXT)
    assert 'value="abc"' in html and 'value="4.5"' in html


def test_disallow_passed_dates(write_form):
    definition = forms.load_file(write_form([
        {"id": "a", "type": "datetime", "key": "due", "subtype": "date", "dateLabel": "Срок",
         "disallowPassedDates": True},
        {"id": "b", "type": "datetime", "key": "meet", "subtype": "datetime", "dateLabel": "Встреча",
         "disallowPassedDates": True},
    ]))
    data, errors = forms.validate(definition, {"due": "2999-01-01", "meet": "2999-01-01T10:00"})
    assert errors == {} and data["due"] == "2999-01-01"
    _, errors = forms.validate(definition, {"due": "01.01.2000", "meet": "2000-01-01T10:00"})
    assert errors == {"due": ["Дата не может быть в прошлом."], "meet": ["Дата не может быть в прошлом."]}
    html = forms.render(definition, data={})
    assert 'name="due" value="" min="' in html and 'name="meet" value="" min="' in html
