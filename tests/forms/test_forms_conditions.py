from decimal import Decimal

import pytest

from forms.conditions import parse_condition
from forms.errors import ConditionSyntaxError


@pytest.mark.parametrize(
    ("source", "scope", "hidden"),
    [
        ("=consent", {"consent": True}, True),
        ("=consent", {"consent": False}, False),
        ("=consent", {}, False),
        ("=not(consent)", {}, True),
        ("=not(consent)", {"consent": True}, False),
        ('=level = "high"', {"level": "high"}, True),
        ('=level = "high"', {"level": "acceptable"}, False),
        ('=level != "high"', {"level": "acceptable"}, True),
        ("=course = 2", {"course": 2}, True),
        ("=course = 2", {"course": 2.0}, True),
        ("=course = 2", {"course": "2"}, False),
        ("=age < 18", {"age": 16}, True),
        ("=age >= 18", {"age": 16}, False),
        ("=age < 18", {"age": None}, False),
        ("=answer = null", {}, True),
        ("=flag = true", {"flag": True}, True),
        ('=a and b = "x"', {"a": True, "b": "x"}, True),
        ('=a and b = "x"', {"a": False, "b": "x"}, False),
        ("=a or b", {"a": False, "b": True}, True),
        ("=not(a or b) and c", {"a": False, "b": False, "c": True}, True),
        ("=(a or b) and c", {"a": True, "c": False}, False),
        ("=plan.needed", {"plan": {"needed": True}}, True),
        ("=plan.needed", {"plan": "text"}, False),
        ('=list contains(services, "other")', {"services": ["cv", "other"]}, True),
        ('=list contains(services, "other")', {"services": None}, False),
        ('=name = "say \\"hi\\""', {"name": 'say "hi"'}, True),
        ('=since >= "2026-09-01"', {"since": "2026-10-01"}, True),
    ],
)
def test_condition_evaluates_like_the_analyst_expects(source, scope, hidden):
    assert parse_condition(source).hides(scope) is hidden


@pytest.mark.parametrize(
    "source",
    ["consent", "=", "=a ==", "=not a", "=a b", "=(a", "=a = $", "=__import__('os')", "=a.__class__", "=and",
     '=list contains(a "x")', "=a = 'x'", 42],
)
def test_invalid_or_unsafe_expressions_are_rejected(source):
    with pytest.raises(ConditionSyntaxError):
        parse_condition(source)


def test_condition_reports_the_names_it_reads():
    condition = parse_condition('=not(plan.needed) and list contains(tags, "x") or age > 3')
    assert condition.names() == {"plan.needed", "tags", "age"}


def test_number_literals_are_exact_decimals():
    condition = parse_condition("=share = 0.1")
    assert condition.hides({"share": Decimal("0.1")})
    assert condition.hides({"share": 0.1})
