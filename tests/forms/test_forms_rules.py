"""Rules across fields: declared in a definition's `rules` list, checked with the other validations, in
Russian and English; a wrong rule is a definition problem naming the rule."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

import forms
from forms.parsing import today


def date_input(key, label):
    return {"id": f"Field_{key}", "type": "datetime", "subtype": "date", "key": key, "dateLabel": label,
            "properties": {"label_en": label.upper()}}


def document(rules, components=None):
    group = {"id": "Group_period", "type": "group", "label": "Период", "path": "period", "components": [
        date_input("start", "Начало"), date_input("end", "Окончание")]}
    numbers = [{"id": f"Field_{key}", "type": "number", "key": key, "label": label}
               for key, label in (("low", "Минимум"), ("high", "Максимум"))]
    return {"id": "Form_rules", "type": "default", "schemaVersion": 16, "rules": rules,
            "components": components or [date_input("signed", "Дата подписания"), date_input("until", "Действует до"),
                                         group, *numbers]}


def load(write_form, rules):
    return forms.load("sample", directory=write_form(document=document(rules)).parent)


def day(offset: int) -> str:
    return (date.fromisoformat(today()) + timedelta(days=offset)).isoformat()


def test_the_agreement_form_refuses_valid_until_before_signing_and_signing_in_the_future():
    agreement = forms.load("assistance_agreement")
    counts = {key: "1" for key in ("proftour_slots_per_year", "vacancies_for_youth", "practice_slots",
                                   "internship_slots")}
    _, errors = forms.validate(agreement, {"number": "45", "signed_at": "05.12.2026", "valid_to": "01.01.2025",
                                           **counts})
    assert errors["valid_to"] == ["Значение должно быть позже, чем «Дата заключения»."]
    _, errors = forms.validate(agreement, {"number": "45", "signed_at": day(1), "valid_to": day(400), **counts})
    assert errors == {"signed_at": ["Дата не может быть в будущем."]}
    data, errors = forms.validate(agreement, {"number": "45", "signed_at": day(0), "valid_to": day(365), **counts})
    assert errors == {} and data["valid_to"] == day(365)


def test_today_is_the_callers_day_on_a_moved_clock():
    """The simulation runs on a moved clock: its today, not the wall clock's, bounds "not in the future"."""
    agreement = forms.load("assistance_agreement")
    counts = {key: "1" for key in ("proftour_slots_per_year", "vacancies_for_youth", "practice_slots",
                                   "internship_slots")}
    later = {"number": "45", "signed_at": "2030-03-01", "valid_to": "2031-03-01", **counts}
    _, errors = forms.validate(agreement, later)
    assert errors == {"signed_at": ["Дата не может быть в будущем."]}
    # 2030-02-28 21:00 UTC is already 1 March in Moscow.
    data, errors = forms.validate(agreement, later, now=datetime(2030, 2, 28, 21, 0, tzinfo=UTC))
    assert errors == {} and data["signed_at"] == "2030-03-01"
    _, errors = forms.validate(agreement, later, now=datetime(2030, 2, 28, 20, 0, tzinfo=UTC))
    assert errors == {"signed_at": ["Дата не может быть в будущем."]}


def test_rules_compare_dates_in_groups_and_numbers(write_form):
    definition = load(write_form, [{"field": "period.end", "notBefore": "period.start"},
                                   {"field": "high", "after": "low"}, {"field": "signed", "before": "until"}])
    _, errors = forms.validate(definition, {"period.start": "2026-09-10", "period.end": "2026-09-01",
                                            "low": "5", "high": "5", "signed": "2027-01-01", "until": "2026-01-01"})
    assert errors == {"period.end": ["Значение не может быть раньше, чем «Начало»."],
                      "high": ["Значение должно быть позже, чем «Минимум»."],
                      "signed": ["Значение должно быть раньше, чем «Действует до»."]}
    _, errors = forms.validate(definition, {"period.start": "2026-09-01", "period.end": "2026-09-01",
                                            "low": "5", "high": "5,5", "signed": "2026-01-01", "until": "2027-01-01"})
    assert errors == {}


def test_a_rule_is_skipped_while_a_value_is_empty_and_shows_beside_other_errors(write_form):
    definition = load(write_form, [{"field": "until", "after": "signed"}, {"field": "signed", "notAfter": "today"}])
    assert forms.validate(definition, {"until": "2020-01-01"}) == (
        {"signed": None, "until": "2020-01-01", "period": {"start": None, "end": None}, "low": None, "high": None}, {})
    _, errors = forms.validate(definition, {"signed": day(1), "until": day(0), "low": "x"}, locale="en")
    assert errors == {"low": ["Enter a number."], "signed": ["The date cannot be in the future."],
                      "until": ["Must be later than “ДАТА ПОДПИСАНИЯ”."]}


@pytest.mark.parametrize(("rules", "problem"), [
    ({"field": "signed"}, "rules: must be a list of rules"),
    ([{"field": "signed", "after": "today", "before": "until"}], "rule #1: must be"),
    ([{"field": "nothing", "after": "signed"}], "field 'nothing' is not a date or number input"),
    ([{"field": "low", "after": "today"}], '"today" compares with dates only'),
    ([{"field": "low", "after": "signed"}], "after 'signed' must name another number input"),
    ([{"field": "signed", "after": "signed"}], "after 'signed' must name another date input"),
    ([{"field": "signed", "later": "until"}], "rule #1: must be"),
])
def test_a_wrong_rule_is_a_definition_problem(write_form, rules, problem):
    with pytest.raises(forms.FormDefinitionError, match=problem):
        load(write_form, rules)
