"""The sandbox: known escapes fail and analysts' code works (inside SpiffWorkflow: test_sandbox_workflows.py)."""
from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from engine import sandbox
from engine.errors import SandboxError
from engine.sandbox import (
    MAX_SEQUENCE_LENGTH,
    SandboxEnvironment,
    check_expression,
    check_script,
)

FIXTURES = Path(__file__).parent / "fixtures" / "sandbox"
SHORT_BUDGET = 0.05


@pytest.fixture
def env() -> SandboxEnvironment:
    return SandboxEnvironment(time_budget=SHORT_BUDGET)


# --- escapes -------------------------------------------------------------------------------------------

ESCAPE_EXPRESSIONS = [
    ("().__class__.__subclasses__()", "__class__"),
    ("__import__('os')", "__import__"),
    ("open('/etc/passwd')", "open"),
    ("[x for x in range(10**12)]", "range()"),
    ("9**9**9", "power"),
    ("getattr(x, '__class__')", "getattr"),
    ("eval('1')", "eval"),
    ("'a' * 10**10", "repetition"),
    ("x.__class__", "__class__"),
    ("globals()", "globals"),
    ("compile('1', 'f', 'eval')", "compile"),
    ("'{0.__class__}'.format(x)", "format"),
    ("1 << 10**6", "left shift"),
    ("'x'.ljust(10**9)", "padding"),
    ("('ab' * 1000).replace('', 'x' * 1000)", "replace"),
    ("('x' * 1000).join(['y'] * 10000)", "join"),
    ("[0] * 600000 + [0] * 600000", "concatenation"),
    ("(1).to_bytes(10**9, 'big')", "int.to_bytes"),
    ("('a' * 1000).translate({97: 'b' * 1000})", "str.translate"),
    ("'%0999999999d' % 1", "f-string"),
    ("f'{x:>999999999}'", "format width"),
    ("f'{x:>{10**9}}'", "format width"),
    ("str.mro()", "str.mro"),
    ("bool.mro()", "mro"),
    ("ValueError.mro()", "mro"),
    ("str.join('x' * 1000, ['y'] * 10000)", "on a value"),
]


@pytest.mark.parametrize(("expression", "named"), ESCAPE_EXPRESSIONS)
def test_escape_expressions_fail_with_sandbox_error(env, expression, named):
    with pytest.raises(SandboxError) as caught:
        env.evaluate(expression, {"x": 1})
    assert named in str(caught.value)


ESCAPE_SCRIPTS = [
    ("import os", "import"),
    ("from os import path", "import"),
    ("exec('a=1')", "Exec"),
    ("print('hi')", "print"),
    ("class Thing:\n    pass", "class"),
    ("try:\n    x = 1\nexcept:\n    pass", "bare 'except:'"),
    ("def numbers():\n    yield 1", "generators"),
]


@pytest.mark.parametrize(("script", "named"), ESCAPE_SCRIPTS)
def test_escape_scripts_are_rejected_before_running(env, script, named):
    data = {"keep": 1}
    with pytest.raises(SandboxError) as caught:
        env.execute(script, data)
    assert named in str(caught.value)
    assert data == {"keep": 1}


RUNAWAY_SCRIPTS = [
    "while True:\n    pass",
    "while True:\n    try:\n        x = [n for n in range(10)]\n    except Exception:\n        pass",
    "def grow(n):\n    return grow(n - 1) + grow(n - 1) if n else 1\nresult = grow(60)",
    "grow = lambda n: grow(n - 1) + grow(n - 1) if n else 1\nresult = grow(60)",
    "result = sum(len(str(a * b)) for a in range(100000) for b in range(100000))",
]


@pytest.mark.parametrize("script", RUNAWAY_SCRIPTS)
def test_runaway_scripts_stop_at_the_time_budget(env, script):
    with pytest.raises(SandboxError, match="exceeded its time budget of 0.05 s"):
        env.execute(script, {})


def test_a_base_exception_raised_inside_does_not_escape():
    def leak():
        raise BaseException("from below")

    env = SandboxEnvironment({"leak": leak})
    with pytest.raises(SandboxError, match="BaseException: from below"):
        env.execute("leak()", {})


def test_swallowed_budget_failure_is_still_reported(env):
    # the first failure is caught by user code through a NameError raised while matching the handler
    script = (
        "try:\n"
        "    try:\n"
        "        while True:\n"
        "            pass\n"
        "    except BaseException:\n"
        "        pass\n"
        "except Exception:\n"
        "    pass\n"
        "done = True"
    )
    data: dict = {}
    with pytest.raises(SandboxError, match="time budget"):
        env.execute(script, data)
    assert data == {}


def test_time_budget_is_configurable():
    env = SandboxEnvironment(time_budget=0.2)
    started = time.perf_counter()
    with pytest.raises(SandboxError, match="0.2 s"):
        env.evaluate("[n for n in range(100000) for m in range(100000)]", {})
    assert time.perf_counter() - started >= 0.2


def test_modules_and_underscore_names_cannot_be_injected():
    import os

    with pytest.raises(ValueError, match="module"):
        SandboxEnvironment({"os": os})
    with pytest.raises(ValueError, match="must not start"):
        SandboxEnvironment({"_secret": 1})
    with pytest.raises(ValueError, match="positive"):
        SandboxEnvironment(time_budget=0)


def test_task_data_cannot_replace_the_guards(env):
    data = {"_getattr_": lambda obj, name: getattr(obj, name), "x": 1}
    with pytest.raises(SandboxError, match="__class__"):
        env.evaluate("x.__class__", data)


# --- what analysts need ----------------------------------------------------------------------------------

def test_gateway_conditions(env):
    data = {"risk_level": "high", "age": 17, "services": ["career", "practice"], "org": {"school": "s1"}}
    assert env.evaluate('risk_level == "high" and age < 18', data) is True
    assert env.evaluate('"practice" in services and org["school"] == "s1"', data) is True
    assert env.evaluate("len([s for s in services if s.startswith('c')]) == 1", data) is True
    assert env.evaluate("profile.get('x') is None", {"profile": {}}) is True


def test_script_with_loops_dicts_dates_and_fstrings(env):
    data = {"youth_name": "Иван", "scores": [40, 80, 90], "subjects": ["математика", "физика", "химия"]}
    env.execute(
        "total = 0\n"
        "for score in scores:\n"
        "    total += score\n"
        "by_subject = {subject: score for subject, score in zip(subjects, scores)}\n"
        "passed = sorted((s for s in scores if s >= 50), reverse=True)\n"
        "moscow = timezone(timedelta(hours=3))\n"
        "review = (datetime(2026, 9, 1, 9, tzinfo=moscow) + timedelta(weeks=6)).isoformat()\n"
        "opened = datetime(2026, 9, 1, 9, tzinfo=moscow)\n"
        "del moscow\n"
        "label = f'{youth_name}: {total / len(scores):.1f}'\n"
        "first, *rest = scores\n"
        "pairs = [(i, s) for i, s in enumerate(scores)]\n"
        "del subjects",
        data,
    )
    assert data["total"] == 210
    assert data["by_subject"]["физика"] == 80
    assert data["passed"] == [90, 80]
    assert data["review"] == "2026-10-13T09:00:00+03:00"
    assert data["label"] == "Иван: 70.0"
    assert data["first"] == 40 and data["rest"] == [80, 90]
    assert data["pairs"][2] == (2, 90)
    assert "subjects" not in data
    assert data["opened"].utcoffset() == timedelta(hours=3)
    assert not any(name.startswith("_") or name in ("datetime", "timedelta") for name in data)


@pytest.mark.parametrize(("script", "named"), [
    ("zone = timezone.utc", "'zone' holding a timezone"),
    ("pairs = {(1, 2): 'a'}", "'pairs' holding a dict with a key"),
    ("nested = [[1, timezone.utc]]", "'nested' holding a timezone"),
    ("deep = []\nfor n in range(100):\n    deep = [deep]", "nested deeper"),
])
def test_script_cannot_leave_unstorable_values(env, script, named):
    data = {"keep": True}
    with pytest.raises(SandboxError, match=named):
        env.execute(script, data)
    assert data == {"keep": True}


def test_many_allowed_allocations_add_up_to_a_limit(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_TOTAL_ITEMS", 300_000)
    env = SandboxEnvironment(time_budget=5.0)
    with pytest.raises(SandboxError, match="items in total"):
        env.execute("chunks = [list(range(100000)) for n in range(100)]", {})
    with pytest.raises(SandboxError, match="items in total|extend"):
        env.execute("items = [0] * 1000\nfor n in range(30):\n    items.extend(items)", {})
    data: dict = {}
    env.execute("items = [1, 2]\nitems.extend([3])\nitems.extend(n for n in range(2))", data)
    assert data["items"] == [1, 2, 3, 0, 1]


@pytest.mark.parametrize("copies", [
    "[big[:] for n in range(10)]",
    "[list(big) for n in range(10)]",
    "[sorted(big) for n in range(10)]",
    "[[*big] for n in range(10)]",
    "[(*big,) for n in range(10)]",
    "[{**index} for n in range(10)]",
    "[big.copy() for n in range(10)]",
    "[index.copy() for n in range(10)]",
])
def test_repeated_copies_count_against_the_limit(monkeypatch, copies):
    monkeypatch.setattr(sandbox, "MAX_TOTAL_ITEMS", 300_000)
    env = SandboxEnvironment(time_budget=5.0)
    data = {"big": list(range(50_000)), "index": {str(n): n for n in range(50_000)}}
    with pytest.raises(SandboxError, match="items in total"):
        env.evaluate(copies, data)


def test_item_limits_are_counted_per_call_and_thread(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(sandbox, "MAX_TOTAL_ITEMS", 300_000)
    env = SandboxEnvironment(time_budget=5.0)
    expression = "len([list(range(50000)) for n in range(5)])"  # 250 000 items: under the limit alone
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: env.evaluate(expression, {}), range(8)))
    assert results == [5] * 8


def test_copies_and_unpacking_still_work(env):
    data = {"a": [3, 1, 2], "b": (4, 5), "d": {"k": 1}}
    env.execute("first, *rest = a\nx, y = b\nmerged = {**d, 'm': 2}\nc = a.copy()\nc.append(9)\n"
                "joined = [*a, *b][1:4]\nordered = sorted(set(a) | {7})", data)
    assert (data["first"], data["rest"], data["x"], data["y"]) == (3, [1, 2], 4, 5)
    assert data["merged"] == {"k": 1, "m": 2} and data["c"] == [3, 1, 2, 9] and data["a"] == [3, 1, 2]
    assert data["joined"] == [1, 2, 4] and data["ordered"] == [1, 2, 3, 7]


@pytest.mark.parametrize("expression", ["(n for n in items)", "lambda: 1", "map(str, items)", "[timezone.utc]"])
def test_expressions_must_produce_data(env, expression):
    with pytest.raises(SandboxError, match="expressions must produce data"):
        env.evaluate(expression, {"items": [1, 2]})


def test_script_drops_callables_and_keeps_helper_shadowing_data(env):
    data = {"date": "2026-09-01"}
    env.execute("helper = lambda v: v + 1\nnext_value = helper(1)\nsame = date", data)
    assert data == {"date": "2026-09-01", "next_value": 2, "same": "2026-09-01"}


def test_failing_script_leaves_task_data_untouched(env):
    data = {"plan": {"steps": [1]}, "count": 1}
    with pytest.raises(SandboxError) as caught:
        env.execute("plan['steps'].append(2)\ncount = 2\nboom = 1 / 0", data)
    assert caught.value.line == 3
    assert "on line 3" in str(caught.value) and "ZeroDivisionError" in str(caught.value)
    assert isinstance(caught.value.__cause__, ZeroDivisionError)
    assert data == {"plan": {"steps": [1]}, "count": 1}


def test_runtime_errors_name_the_expression(env):
    with pytest.raises(SandboxError, match="'missing > 1' failed: NameError"):
        env.evaluate("missing > 1", {})


def test_methods_and_formatting_analysts_use(env):
    data = {"x": 3.14159, "names": ["борис", "Анна"], "when": datetime(2026, 9, 1, tzinfo=UTC), "n": 7}
    assert env.evaluate("f'{x:.2f}|{n:>3}|{when:%d.%m.%Y}|{n!r}'", data) == "3.14|  7|01.09.2026|7"
    assert env.evaluate("sorted(names, key=str.lower)", data) == ["Анна", "борис"]
    assert env.evaluate("', '.join(name.title() for name in names)", data) == "Борис, Анна"
    assert env.evaluate("n % 4 == 3 and (n // 2, divmod(n, 2))", data) == (3, (3, 1))
    assert env.evaluate("dict.fromkeys(['a'], 0) | {'b': 1}", data) == {"a": 0, "b": 1}
    assert env.evaluate("{1, 2}.union({3}) and 'a,b'.split(',')", data) == ["a", "b"]
    assert env.evaluate("when.isoformat()", data) == "2026-09-01T00:00:00+00:00"
    assert env.evaluate("next((name for name in names if name.startswith('А')), None)", data) == "Анна"


def test_big_but_allowed_values_work(env):
    assert env.evaluate("len('a' * n)", {"n": MAX_SEQUENCE_LENGTH}) == MAX_SEQUENCE_LENGTH
    assert env.evaluate("2 ** 100", {}) == 2**100
    assert env.evaluate("sum(range(100000))", {}) == sum(range(100000))
    expected = "ab".replace("a", "xyz").center(9, "-")
    assert env.evaluate("'ab'.replace('a', 'xyz').center(9, '-')", {}) == expected


def test_check_helpers_compile_without_running():
    check_expression('"P" + str(weeks) + "W"')
    check_script("x = 1\nwhile x < 10:\n    x += 1")
    with pytest.raises(SandboxError, match="import"):
        check_script("import os")
    with pytest.raises(SandboxError, match="SyntaxError"):
        check_expression("P6W(")


@pytest.mark.parametrize("source", ["-" * 100_000 + "1", "(" * 5000 + "1" + ")" * 5000, "a\x00b"])
def test_pathological_sources_fail_as_sandbox_errors(source):
    with pytest.raises(SandboxError):
        check_expression(source)
