"""The sandbox: known escapes fail, analysts' code works, and SpiffWorkflow runs everything through it."""
from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState

from engine import sandbox
from engine.errors import SandboxError
from engine.sandbox import (
    MAX_SEQUENCE_LENGTH,
    SandboxEnvironment,
    check_expression,
    check_script,
    make_script_engine,
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
    started = time.perf_counter()
    with pytest.raises(SandboxError, match="exceeded its time budget of 0.05 s"):
        env.execute(script, {})
    assert time.perf_counter() - started < 20 * SHORT_BUDGET + 1


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


def test_cached_condition_is_fast(env):
    data = {"risk_level": "high", "age": 17, "org": {"school": "s1"}, "scores": list(range(20))}
    condition = 'risk_level == "high" and age < 18 and org["school"] == "s1"'
    env.evaluate(condition, data)
    rounds = 20_000
    started = time.perf_counter()
    for _ in range(rounds):
        env.evaluate(condition, data)
    per_call_us = (time.perf_counter() - started) / rounds * 1e6
    print(f"cached condition: {per_call_us:.1f} us per evaluate")
    assert per_call_us < 200  # generous: a loaded 2-core CI box; typically ~3 us


# --- through real workflows ------------------------------------------------------------------------------

def _workflow(bpmn: str, process_id: str, engine, dmn: str | None = None) -> BpmnWorkflow:
    parser = SpiffBpmnParser(validator=VALIDATOR)
    parser.add_bpmn_str(bpmn.encode(), filename=f"{process_id}.bpmn")
    if dmn is not None:
        parser.add_dmn_str(dmn.encode(), filename="score_band.dmn")
    return BpmnWorkflow(parser.get_spec(process_id), parser.get_subprocess_specs(process_id),
                        script_engine=engine)


class Registry:
    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[tuple[str, str, dict]] = []
        self.error = error

    def __call__(self, task, operation_name, params):
        self.calls.append((task.task_spec.bpmn_id, operation_name, params))
        if self.error is not None:
            raise self.error
        return {"known": True, "youth": params["youth"]}


def _sandbox_flow(engine, dmn: str | None = None) -> BpmnWorkflow:
    bpmn = (FIXTURES / "sandbox_flow.bpmn").read_text()
    dmn = dmn if dmn is not None else (FIXTURES / "score_band.dmn").read_text()
    workflow = _workflow(bpmn, "sandbox_flow", engine, dmn)
    workflow.task_tree.data.update(
        youth_id="y-1", youth_name="Мария", scores=[60, 90, 75], subjects=["история", "биология", "право"])
    return workflow


def _completed_ids(workflow: BpmnWorkflow) -> set[str]:
    return {t.task_spec.bpmn_id for t in workflow.get_tasks(state=TaskState.COMPLETED) if t.task_spec.bpmn_id}


def test_workflow_runs_script_service_dmn_and_gateway_in_the_sandbox():
    registry = Registry()
    workflow = _sandbox_flow(make_script_engine({}, registry))
    workflow.do_engine_steps()
    assert workflow.is_completed()
    assert registry.calls == [("lookup", "registry.lookup", {"youth": "y-1", "average": 75.0})]
    assert workflow.data["found"] == {"known": True, "youth": "y-1"}
    assert workflow.data["band"] == "high"
    assert workflow.data["label"] == "Мария: 75.0"
    assert workflow.data["review_at"] == "2026-10-13T09:00:00+03:00"
    assert "end_high" in _completed_ids(workflow)


def test_dmn_cells_are_evaluated_in_the_sandbox():
    dmn = (FIXTURES / "score_band.dmn").read_text()
    dmn = dmn.replace("<text>&gt;= 70</text>", "<text>? &gt;= 9**9**9</text>")
    workflow = _sandbox_flow(make_script_engine({}, Registry()), dmn)
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert isinstance(caught.value.__cause__, SandboxError)
    assert "power" in str(caught.value.__cause__)


def test_service_failure_is_a_task_exception_not_name_error():
    error = ConnectionError("registry is down")
    workflow = _sandbox_flow(make_script_engine({}, Registry(error)))
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert caught.value.__cause__ is error
    assert "registry.lookup" in str(caught.value) and "registry is down" in str(caught.value)
    assert caught.value.error_type == "ConnectionError"


def test_service_business_error_propagates_unchanged():
    class BusinessError(Exception):
        bpmn_error_code = "youth_not_found"

    error = BusinessError("нет такого")
    workflow = _sandbox_flow(make_script_engine({}, Registry(error)))
    with pytest.raises(BusinessError) as caught:
        workflow.do_engine_steps()
    assert caught.value is error


def test_service_result_must_be_json():
    workflow = _sandbox_flow(make_script_engine({}, lambda task, name, params: {"when": object()}))
    with pytest.raises(WorkflowTaskException, match="not JSON-serialisable"):
        workflow.do_engine_steps()


def _script_workflow(script: str, budget: float = SHORT_BUDGET) -> BpmnWorkflow:
    bpmn = (FIXTURES / "script_only.bpmn").read_text().replace("SCRIPT_PLACEHOLDER", escape(script))
    return _workflow(bpmn, "script_only", make_script_engine({}, Registry(), time_budget=budget))


def test_script_task_escape_fails_as_task_exception_with_sandbox_cause():
    workflow = _script_workflow("leak = ().__class__.__base__.__subclasses__()")
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert isinstance(caught.value.__cause__, SandboxError)
    assert "leak" not in workflow.get_tasks(state=TaskState.ERROR)[0].data


def test_script_task_infinite_loop_fails_fast():
    workflow = _script_workflow("n = 0\nwhile True:\n    n += 1")
    started = time.perf_counter()
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert time.perf_counter() - started < 2
    assert "time budget" in str(caught.value.__cause__)
    assert caught.value.task.task_spec.bpmn_id == "run"


def test_script_task_error_reports_line_and_suggestion():
    workflow = _script_workflow("a = 1\nb = scroes + 1")
    workflow.task_tree.data["scores"] = 1
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert caught.value.line_number == 2
    assert caught.value.error_line == "b = scroes + 1"
    assert any("scores" in note for note in caught.value.notes)


def test_helpers_from_the_engine_are_visible():
    bpmn = (FIXTURES / "script_only.bpmn").read_text().replace(
        "SCRIPT_PLACEHOLDER", escape("greeting = greet(youth_name)"))
    engine = make_script_engine({"greet": lambda name: f"Здравствуйте, {name}!"}, Registry())
    workflow = _workflow(bpmn, "script_only", engine)
    workflow.task_tree.data["youth_name"] = "Олег"
    workflow.do_engine_steps()
    assert workflow.data["greeting"] == "Здравствуйте, Олег!"
    assert "greet" not in workflow.data


def test_timer_expressions_are_evaluated_in_the_sandbox():
    bpmn = (FIXTURES / "timer_flow.bpmn").read_text()
    workflow = _workflow(bpmn, "timer_flow", make_script_engine({}, Registry()))
    workflow.task_tree.data["weeks"] = 6
    before = datetime.now(UTC)
    workflow.do_engine_steps()
    waiting = [t for t in workflow.get_tasks(state=TaskState.WAITING) if t.task_spec.bpmn_id == "wait"]
    assert len(waiting) == 1
    pending = waiting[0].task_spec.event_definition.details(waiting[0])
    due = TimerEventDefinition.get_datetime(pending.value)
    assert timedelta(weeks=6) <= due - before < timedelta(weeks=6, minutes=1)


def test_bad_timer_expression_fails_in_the_sandbox():
    bpmn = (FIXTURES / "timer_flow.bpmn").read_text().replace('"P" + str(weeks) + "W"', "weeks.__class__")
    workflow = _workflow(bpmn, "timer_flow", make_script_engine({}, Registry()))
    workflow.task_tree.data["weeks"] = 6
    with pytest.raises(WorkflowTaskException) as caught:
        workflow.do_engine_steps()
    assert isinstance(caught.value.__cause__, SandboxError)
