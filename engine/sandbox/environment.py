"""``SandboxEnvironment``: SpiffWorkflow's script environment, with all code run through the sandbox.

It compiles with ``engine.sandbox.policy``, runs under a ``Budget`` with the guards and safe builtins in
scope, turns every failure into a SandboxError, and lets a script leave in task data only values that
the serializer can store.
"""
from __future__ import annotations

import copy
import types
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

from engine.errors import SandboxError
from engine.sandbox import limits
from engine.sandbox.budget import Budget, BudgetExceeded, counting
from engine.sandbox.builtins import DEFAULT_HELPERS, SAFE_BUILTINS
from engine.sandbox.guards import GUARDS
from engine.sandbox.policy import SANDBOX_FILENAME, compile_code, summary

_RESERVED = frozenset({*GUARDS, "_tick_", "__builtins__"})

_STORABLE_SCALARS = (str, int, float, bool, type(None), datetime, date, timedelta, Decimal, UUID)
_JSON_KEYS = (str, int, float, bool, type(None))
_STORABLE_KINDS = "text, numbers, booleans, None, lists, dicts, dates, date-times and durations"


def _storage_problem(value: Any) -> str | None:
    """What in ``value`` the serializer of task data could not store, or None when all of it can be."""
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        current, depth = pending.pop()
        if depth > limits.MAX_STORED_DEPTH:
            return f"values nested deeper than {limits.MAX_STORED_DEPTH} levels"
        if isinstance(current, _STORABLE_SCALARS):
            continue
        if isinstance(current, (list, tuple)):
            pending.extend((item, depth + 1) for item in current)
        elif isinstance(current, dict):
            if not all(isinstance(key, _JSON_KEYS) for key in current):
                return "a dict with a key that is not text or a number"
            pending.extend((item, depth + 1) for item in current.values())
        else:
            return f"a {type(current).__name__}"
    return None


def _failing_line(error: BaseException) -> int | None:
    line = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == SANDBOX_FILENAME:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


class SandboxEnvironment(BasePythonScriptEngineEnvironment):
    """SpiffWorkflow script environment that runs everything through the sandbox.

    Data semantics follow ``TaskDataEnvironment``: ``evaluate`` sees helpers, external context and task
    data (task data wins); ``execute`` runs a script with the task data as globals and writes back new or
    changed non-callable variables (deleted ones are removed), never the injected helpers. Unlike the
    library, a failing script leaves the task data exactly as it was (the script works on a deep copy),
    and a task-data variable named like a helper simply shadows it.

    ``helpers`` are extra names visible to all code (classes or functions, never modules).
    ``time_budget`` bounds the wall time of each evaluate/execute call in seconds.
    """

    def __init__(self, helpers: Mapping[str, Any] | None = None, *,
                 time_budget: float = limits.DEFAULT_TIME_BUDGET) -> None:
        merged = {**DEFAULT_HELPERS, **(helpers or {})}
        for name, value in merged.items():
            if name.startswith("_"):
                raise ValueError(f"helper name {name!r} must not start with '_'")
            if isinstance(value, types.ModuleType):
                raise ValueError(f"helper {name!r} is a module; inject classes or functions only")
        if time_budget <= 0:
            raise ValueError("time_budget must be positive")
        super().__init__(merged)
        self.time_budget = time_budget
        self._base: dict[str, Any] = {"__builtins__": SAFE_BUILTINS, **merged}

    def evaluate(self, expression: str, context: Mapping[str, Any],
                 external_context: Mapping[str, Any] | None = None) -> Any:
        """Evaluate ``expression`` over task data ``context``; any failure is a SandboxError.

        The result must be data (what task data may hold): a generator or a function made by the
        expression would run later, outside the time budget.
        """
        code = compile_code(expression, "eval")
        budget = Budget(self.time_budget)
        scope = self._scope(context, external_context, budget)
        result = self._run(code, scope, budget, "expression", expression)
        if not isinstance(result, _STORABLE_SCALARS):
            problem = _storage_problem(result)
            if problem:
                raise SandboxError(f"expression {summary(expression)!r} produced {problem}; "
                                   f"expressions must produce data ({_STORABLE_KINDS})")
        return result

    def execute(self, script: str, context: dict[str, Any],
                external_context: Mapping[str, Any] | None = None) -> bool:
        """Run ``script`` with task data ``context`` as globals and write the results back into it."""
        code = compile_code(script, "exec")
        try:
            working = copy.deepcopy(context)
        except Exception as err:
            raise SandboxError(f"task data cannot be copied for script {summary(script)!r}: {err}") from err
        budget = Budget(self.time_budget)
        scope = self._scope(working, external_context, budget)
        self._run(code, scope, budget, "script", script)
        injected = {**self.globals, **(external_context or {})}
        result: dict[str, Any] = {}
        for name, value in scope.items():
            if name in _RESERVED:
                if name in context:
                    result[name] = context[name]
                continue
            if callable(value):
                continue
            if name not in context and name in injected and value is injected[name]:
                continue
            problem = _storage_problem(value)
            if problem:
                raise SandboxError(f"script {summary(script)!r} left {name!r} holding {problem} in task data; "
                                   f"only {_STORABLE_KINDS} can be stored (convert the value or del the variable)")
            result[name] = value
        context.clear()
        context.update(result)
        return True

    def call_service(self, context: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("service tasks are dispatched by the script engine from make_script_engine")

    def _scope(self, data: Mapping[str, Any], external_context: Mapping[str, Any] | None,
               budget: Budget) -> dict[str, Any]:
        scope = dict(self._base)
        if external_context:
            scope.update(external_context)
        scope.update(data)
        scope.update(GUARDS)
        scope["__builtins__"] = SAFE_BUILTINS
        scope["_tick_"] = budget.tick
        return scope

    @staticmethod
    def _run(code: types.CodeType, scope: dict[str, Any], budget: Budget, kind: str, source: str) -> Any:
        over_budget = SandboxError(
            f"{kind} {summary(source)!r} exceeded its time budget of {budget.seconds:g} s")
        with counting(budget):
            try:
                if kind == "expression":
                    result = eval(code, scope)  # noqa: S307 - code was compiled by RestrictedPython under SandboxPolicy
                else:
                    exec(code, scope)  # noqa: S102 - code was compiled by RestrictedPython under SandboxPolicy
                    result = None
            except BudgetExceeded:
                raise over_budget from None
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as err:  # user code can raise BaseException itself; it must not escape
                if budget.exceeded:
                    raise over_budget from err
                line = _failing_line(err)
                where = f" on line {line}" if line is not None and kind == "script" else ""
                raise SandboxError(f"{kind} {summary(source)!r} failed{where}: {type(err).__name__}: {err}",
                                   line=line) from err
        if budget.exceeded:
            raise over_budget
        return result
