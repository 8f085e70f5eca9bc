"""Rules across fields, declared in the form definition and checked on the server with the other validations.

A definition may carry a top-level list `rules` (form-js keeps unknown top-level keys, as it keeps
`exporter`); each rule compares one input with another input of the same kind, or a date with today:

    "rules": [
      {"field": "signed_at", "notAfter": "today"},
      {"field": "valid_to", "after": "signed_at"}
    ]

Operators: `after` (strictly later / greater), `notBefore` (the same or later), `before`, `notAfter`.
Operands are input names (`group_path.key`) of date inputs (`datetime` with subtype `date`) or numbers;
`today` (Europe/Moscow) compares with dates only. A rule is skipped while either value is empty or its
input hidden: emptiness is the `required` rule's business. The message names the other field by its label.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from forms.messages import message
from forms.model import Component, Rule

TODAY = "today"
#: operator -> (holds(value, other), message name)
OPERATORS: dict[str, tuple[Callable[[Any, Any], bool], str]] = {
    "after": (lambda value, other: value > other, "rule_after"),
    "notBefore": (lambda value, other: value >= other, "rule_not_before"),
    "before": (lambda value, other: value < other, "rule_before"),
    "notAfter": (lambda value, other: value <= other, "rule_not_after"),
}


def is_broken(rule: Rule, values: Mapping[str, Any], current_day: str) -> bool:
    """Whether the typed `values` (input name -> value) break the rule, `today` being `current_day` (ISO);
    empty values break nothing."""
    value = values.get(rule.field)
    other = current_day if rule.other == TODAY else values.get(rule.other)
    if value is None or other is None:
        return False
    holds, _ = OPERATORS[rule.operator]
    if isinstance(value, int | float | Decimal):
        return not holds(Decimal(str(value)), Decimal(str(other)))
    return not holds(str(value)[:10], str(other)[:10])


def rule_message(rule: Rule, inputs: Mapping[str, Component], locale: str) -> str:
    _, name = OPERATORS[rule.operator]
    if rule.other == TODAY:
        return message(f"{name}_today", locale)
    other = inputs[rule.other]
    return message(name, locale, other=other.translated("label", locale, other.label))


def _kind(component: Component) -> str | None:
    if component.type == "number":
        return "number"
    if component.type == "datetime" and component.subtype == "date":
        return "date"
    return None


def read_rules(raw: Any, inputs: Mapping[str, Component], problem: Callable[[str, str], None]) -> tuple[Rule, ...]:
    """The definition's `rules`, checked against its inputs; every mistake is reported through `problem`."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problem("rules", "must be a list of rules")
        return ()
    rules = []
    for index, item in enumerate(raw):
        where = f"rule #{index + 1}"
        if not isinstance(item, dict) or set(item) - {"field", *OPERATORS} or len(set(item) & set(OPERATORS)) != 1:
            problem(where, f'must be {{"field": <input>, <one of {", ".join(OPERATORS)}>: <input or "today">}}')
            continue
        operator = next(key for key in item if key in OPERATORS)
        field, other = item.get("field"), item[operator]
        kind = _kind(inputs[field]) if field in inputs else None
        if kind is None:
            problem(where, f"field {field!r} is not a date or number input of this form")
            continue
        if other == TODAY:
            if kind != "date":
                problem(where, f'"today" compares with dates only, and {field!r} is a number')
                continue
        elif other not in inputs or _kind(inputs[other]) != kind or other == field:
            problem(where, f"{operator} {other!r} must name another {kind} input of this form, or \"today\"")
            continue
        rules.append(Rule(field, operator, other))
    return tuple(rules)
