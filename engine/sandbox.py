"""The sandbox for every piece of Python a diagram carries.

Gateway conditions, script tasks, timer texts, DMN cells, service-task parameters and message payloads are
compiled with RestrictedPython under ``SandboxPolicy``. Besides RestrictedPython's own checks (no names or
attributes starting with ``_``, guarded attribute, item and iteration access) the policy

* rejects imports, class definitions, generators, bare ``except:`` and the names of dangerous builtins;
* inserts a deadline check into every loop body, comprehension, function and lambda, so a script cannot
  run longer than its time budget (the check is sticky: once the deadline passed, every later check
  fails again and the run is reported as over budget even if user code swallowed the first failure);
* routes ``+``, ``*``, ``**``, ``<<``, ``%`` and f-string format specs through guards that refuse to build
  huge strings, lists or ints, and refuses ``%``-formatting of text.

At run time attribute access on builtin values follows an allowlist of harmless methods (size-checked
where a result can grow), every call counts the items its guarded operations build against a total,
and a script may only leave values in task data that the serializer can store. The environment and
``make_script_engine`` plug all of this into SpiffWorkflow. There is deliberately no way to turn the
sandbox off.
"""
from __future__ import annotations

import ast
import copy
import json
import operator
import re
import threading
import time
import types
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from functools import lru_cache
from typing import Any
from uuid import UUID

from RestrictedPython import compile_restricted_eval, compile_restricted_exec
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
    safer_getattr_raise,
)
from RestrictedPython.transformer import RestrictingNodeTransformer
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment
from SpiffWorkflow.exceptions import SpiffWorkflowException

from engine.errors import SandboxError

DEFAULT_TIME_BUDGET = 1.0
MAX_RANGE = 100_000
MAX_SEQUENCE_LENGTH = 1_000_000
MAX_TOTAL_ITEMS = 5_000_000
MAX_STORED_DEPTH = 64
MAX_INT_BITS = 16_384
SANDBOX_FILENAME = "<sandbox>"

DEFAULT_HELPERS: dict[str, Any] = {
    "datetime": datetime,
    "date": date,
    "timedelta": timedelta,
    "timezone": timezone,
}

FORBIDDEN_NAMES = frozenset({
    "open", "exec", "eval", "compile", "globals", "locals", "vars", "getattr", "setattr", "delattr",
    "input", "breakpoint", "help", "memoryview", "print", "exit", "quit",
})

ServiceCaller = Callable[[Any, str, dict[str, Any]], Any]


class _BudgetExceeded(BaseException):
    """Raised by the deadline check; a BaseException so that ``except Exception`` in user code misses it."""


class _Budget:
    __slots__ = ("seconds", "deadline", "exceeded", "items")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.exceeded = False
        self.items = 0

    def tick(self, value: Any = True) -> Any:
        if self.exceeded or time.monotonic() > self.deadline:
            self.exceeded = True
            raise _BudgetExceeded
        return value


# --- compile-time policy -------------------------------------------------------------------------------

def _call(name: str, *args: ast.expr) -> ast.Call:
    return ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=list(args), keywords=[])


_GUARDED_BINOPS: dict[type[ast.operator], str] = {
    ast.Add: "_add_",
    ast.Mult: "_mul_",
    ast.Pow: "_pow_",
    ast.LShift: "_lshift_",
    ast.Mod: "_mod_",
}


_COPYING_BUILTINS = frozenset({"list", "tuple", "set", "frozenset", "dict", "sorted"})


def _has_star(node: ast.List | ast.Tuple | ast.Set) -> bool:
    return any(isinstance(element, ast.Starred) for element in node.elts)


class SandboxPolicy(RestrictingNodeTransformer):
    """RestrictedPython's policy, tightened and instrumented (see the module docstring)."""

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in FORBIDDEN_NAMES:
            self.error(node, f'"{node.id}" is not available in the sandbox.')
            return node
        return super().visit_Name(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.error(node, "import statements are not allowed; ask for a helper or a service task.")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.error(node, "import statements are not allowed; ask for a helper or a service task.")

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.error(node, "class definitions are not allowed.")

    def visit_Yield(self, node: ast.Yield) -> None:
        self.error(node, "generators are not allowed.")

    def visit_YieldFrom(self, node: ast.YieldFrom) -> None:
        self.error(node, "generators are not allowed.")

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.AST:
        if node.type is None:
            self.error(node, "a bare 'except:' is not allowed; name the exception class.")
        return super().visit_ExceptHandler(node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        node = super().visit_BinOp(node)
        guard = _GUARDED_BINOPS.get(type(node.op))
        if guard is None:
            return node
        return ast.copy_location(_call(guard, node.left, node.right), node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        node = super().visit_Call(node)
        if isinstance(node.func, ast.Name) and node.func.id in _COPYING_BUILTINS:
            return ast.copy_location(_call("_counted_", node), node)
        return node

    def visit_List(self, node: ast.List) -> ast.AST:
        return self._count_starred(super().visit_List(node), _has_star(node))

    def visit_Tuple(self, node: ast.Tuple) -> ast.AST:
        return self._count_starred(super().visit_Tuple(node), _has_star(node))

    def visit_Set(self, node: ast.Set) -> ast.AST:
        return self._count_starred(super().visit_Set(node), _has_star(node))

    def visit_Dict(self, node: ast.Dict) -> ast.AST:
        return self._count_starred(super().visit_Dict(node), any(key is None for key in node.keys))

    @staticmethod
    def _count_starred(node: ast.expr, starred: bool) -> ast.AST:
        if not starred or not isinstance(getattr(node, "ctx", ast.Load()), ast.Load):
            return node
        return ast.copy_location(_call("_counted_", node), node)

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.AST:
        node = super().visit_FormattedValue(node)
        if node.format_spec is None:
            return node
        call = _call("_format_", node.value, ast.Constant(node.conversion), node.format_spec)
        return ast.copy_location(ast.FormattedValue(value=call, conversion=-1, format_spec=None), node)

    def visit_While(self, node: ast.While) -> ast.AST:
        node = super().visit_While(node)
        node.body.insert(0, ast.Expr(_call("_tick_")))
        return node

    def visit_For(self, node: ast.For) -> ast.AST:
        node = super().visit_For(node)
        node.body.insert(0, ast.Expr(_call("_tick_")))
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node = super().visit_FunctionDef(node)
        node.body.insert(0, ast.Expr(_call("_tick_")))
        return node

    def visit_Lambda(self, node: ast.Lambda) -> ast.AST:
        node = super().visit_Lambda(node)
        node.body = ast.BoolOp(op=ast.And(), values=[_call("_tick_"), node.body])
        return node

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        node = super().visit_comprehension(node)
        node.ifs.append(_call("_tick_"))
        return node

    def visit_Module(self, node: ast.Module) -> ast.AST:
        return ast.fix_missing_locations(super().visit_Module(node))

    def visit_Expression(self, node: ast.Expression) -> ast.AST:
        return ast.fix_missing_locations(super().visit_Expression(node))


def _summary(source: str) -> str:
    flat = " ".join(source.split())
    return flat if len(flat) <= 80 else flat[:77] + "..."


@lru_cache(maxsize=4096)
def _compile(source: str, mode: str) -> types.CodeType:
    compiler = compile_restricted_eval if mode == "eval" else compile_restricted_exec
    kind = "expression" if mode == "eval" else "script"
    try:
        result = compiler(source, filename=SANDBOX_FILENAME, policy=SandboxPolicy)
    except (RecursionError, MemoryError, ValueError, TypeError) as err:
        raise SandboxError(f"{kind} {_summary(source)!r} cannot be compiled: {type(err).__name__}") from err
    if result.errors:
        raise SandboxError(f"{kind} {_summary(source)!r} is not allowed: {'; '.join(result.errors)}")
    return result.code


def check_expression(expression: str) -> None:
    """Raise SandboxError if ``expression`` does not compile in the sandbox (nothing is evaluated)."""
    _compile(expression, "eval")


def check_script(script: str) -> None:
    """Raise SandboxError if ``script`` does not compile in the sandbox (nothing is executed)."""
    _compile(script, "exec")


# --- run-time guards ------------------------------------------------------------------------------------

_SEQUENCES = (str, bytes, list, tuple)


# The budget of the evaluate/execute call running on this thread, so that the guards can count the
# items they let through: many allowed allocations in a loop must not add up to gigabytes.
_active = threading.local()


def _check_length(length: int, what: str) -> None:
    if length > MAX_SEQUENCE_LENGTH:
        raise SandboxError(f"{what} would build {length} items; the sandbox allows {MAX_SEQUENCE_LENGTH}")
    budget = getattr(_active, "budget", None)
    if budget is not None:
        budget.items += max(length, 0)
        if budget.items > MAX_TOTAL_ITEMS:
            raise SandboxError(f"the code builds more than {MAX_TOTAL_ITEMS} items in total")


def _check_bits(bits: int, what: str) -> None:
    if bits > MAX_INT_BITS:
        raise SandboxError(f"{what} would build an integer of about {bits} bits; "
                           f"the sandbox allows {MAX_INT_BITS}")


def _check_add(left: Any, right: Any) -> None:
    if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
        _check_length(len(left) + len(right), "concatenation")


def _check_mul(left: Any, right: Any) -> None:
    if isinstance(left, _SEQUENCES) and isinstance(right, int):
        _check_length(len(left) * right, "repetition")
    elif isinstance(right, _SEQUENCES) and isinstance(left, int):
        _check_length(len(right) * left, "repetition")
    elif isinstance(left, int) and isinstance(right, int):
        _check_bits(left.bit_length() + right.bit_length(), "multiplication")


def _check_pow(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        _check_bits(exponent * base.bit_length(), "power")


def _check_mod(left: Any, right: Any) -> None:
    if isinstance(left, (str, bytes)):
        raise SandboxError("%-formatting of text is not allowed in the sandbox; use an f-string")


def _check_lshift(value: Any, shift: Any) -> None:
    if isinstance(value, int) and isinstance(shift, int) and shift > 0:
        _check_bits(value.bit_length() + shift, "left shift")


def _guarded_add(left: Any, right: Any) -> Any:
    _check_add(left, right)
    return left + right


def _guarded_mul(left: Any, right: Any) -> Any:
    _check_mul(left, right)
    return left * right


def _guarded_pow(base: Any, exponent: Any) -> Any:
    _check_pow(base, exponent)
    return base**exponent


def _guarded_mod(left: Any, right: Any) -> Any:
    _check_mod(left, right)
    return left % right


_CONVERSIONS: dict[int, Callable[[Any], str]] = {ord("s"): str, ord("r"): repr, ord("a"): ascii}


def _guarded_format(value: Any, conversion: int, spec: str) -> str:
    """An f-string field with a format spec: the widths and precisions in the spec are size-checked."""
    for number in re.findall(r"\d+", spec):
        _check_length(int(number), "format width")
    if conversion in _CONVERSIONS:
        value = _CONVERSIONS[conversion](value)
    return format(value, spec)


def _guarded_lshift(value: Any, shift: Any) -> Any:
    _check_lshift(value, shift)
    return value << shift


_INPLACE: dict[str, tuple[Callable[[Any, Any], None] | None, Callable[[Any, Any], Any]]] = {
    "+=": (_check_add, operator.iadd),
    "*=": (_check_mul, operator.imul),
    "**=": (_check_pow, operator.ipow),
    "<<=": (_check_lshift, operator.ilshift),
    "-=": (None, operator.isub),
    "/=": (None, operator.itruediv),
    "//=": (None, operator.ifloordiv),
    "%=": (_check_mod, operator.imod),
    ">>=": (None, operator.irshift),
    "&=": (None, operator.iand),
    "|=": (None, operator.ior),
    "^=": (None, operator.ixor),
}


def _inplacevar(op: str, target: Any, value: Any) -> Any:
    try:
        check, apply = _INPLACE[op]
    except KeyError:
        raise SandboxError(f"augmented assignment {op!r} is not allowed") from None
    if check is not None:
        check(target, value)
    return apply(target, value)


def _width_checked(method: Callable[..., Any]) -> Callable[..., Any]:
    def padded(width: int, *args: Any) -> Any:
        _check_length(width, "padding")
        return method(width, *args)
    return padded


def _replace_checked(text: str | bytes) -> Callable[..., Any]:
    def replace(old: Any, new: Any, count: int = -1) -> Any:
        if len(new) > len(old):
            occurrences = text.count(old)
            if count >= 0:
                occurrences = min(occurrences, count)
            _check_length(len(text) + occurrences * (len(new) - len(old)), "replace")
        return text.replace(old, new, count)
    return replace


def _expandtabs_checked(text: str | bytes) -> Callable[..., Any]:
    def expandtabs(tabsize: int = 8) -> Any:
        tab = "\t" if isinstance(text, str) else b"\t"
        _check_length(len(text) + text.count(tab) * max(tabsize, 0), "expandtabs")
        return text.expandtabs(tabsize)
    return expandtabs


def _join_checked(separator: str | bytes) -> Callable[[Iterable[Any]], Any]:
    def join(items: Iterable[Any]) -> Any:
        parts = list(items)
        total = len(separator) * max(len(parts) - 1, 0)
        total += sum(len(part) for part in parts if isinstance(part, (str, bytes)))
        _check_length(total, "join")
        return separator.join(parts)
    return join


def _extend_checked(target: list[Any]) -> Callable[[Iterable[Any]], None]:
    def extend(items: Iterable[Any]) -> None:
        items = items if isinstance(items, (list, tuple, str, bytes, dict, set, frozenset)) else list(items)
        _check_length(len(target) + len(items), "extend")
        target.extend(items)
    return extend


_WIDTH_METHODS = frozenset({"ljust", "rjust", "center", "zfill"})

# Methods of the builtin types reachable from task data, as an allowlist: anything else (to_bytes,
# translate, mro, format, ...) is refused, so no method can turn a small input into a huge result.
# Methods that can still grow their result are wrapped with a size check (see _sized_method).
_TEXT_METHODS = frozenset({
    "capitalize", "casefold", "count", "endswith", "find", "index", "isalnum", "isalpha", "isascii",
    "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isprintable", "isspace", "istitle",
    "isupper", "lower", "lstrip", "partition", "removeprefix", "removesuffix", "rfind", "rindex",
    "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title",
    "upper",
})
_SIZED_METHODS: dict[type, frozenset[str]] = {
    str: frozenset({*_WIDTH_METHODS, "replace", "expandtabs", "join"}),
    bytes: frozenset({*_WIDTH_METHODS, "replace", "expandtabs", "join"}),
    list: frozenset({"extend", "copy"}),
    dict: frozenset({"copy"}),
    set: frozenset({"copy"}),
}
_ALLOWED_METHODS: dict[type, frozenset[str]] = {
    str: _TEXT_METHODS | {"encode"},
    bytes: _TEXT_METHODS | {"decode", "hex"},
    int: frozenset({"bit_length", "real", "imag", "numerator", "denominator", "conjugate"}),
    float: frozenset({"is_integer", "real", "imag", "conjugate", "as_integer_ratio"}),
    list: frozenset({"append", "clear", "count", "index", "insert", "pop", "remove", "reverse", "sort"}),
    tuple: frozenset({"count", "index"}),
    dict: frozenset({"clear", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault",
                     "update", "values"}),
    set: frozenset({"add", "clear", "difference", "difference_update", "discard", "intersection",
                    "intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove",
                    "symmetric_difference", "symmetric_difference_update", "union", "update"}),
    frozenset: frozenset({"copy", "difference", "intersection", "isdisjoint", "issubset", "issuperset",
                          "symmetric_difference", "union"}),
}


def _builtin_type(obj: Any) -> type | None:
    """The builtin type whose allowlist governs ``obj`` (bool follows int), or None."""
    for klass in type(obj).__mro__:
        if klass in _ALLOWED_METHODS:
            return klass
    return None


def _copy_counted(source: list[Any] | dict[Any, Any] | set[Any]) -> Callable[[], Any]:
    def copy_() -> Any:
        _check_length(len(source), "copy")
        return source.copy()
    return copy_


def _sized_method(obj: Any, name: str) -> Callable[..., Any]:
    if name == "copy":
        return _copy_counted(obj)
    if isinstance(obj, list):
        return _extend_checked(obj)
    if name in _WIDTH_METHODS:
        return _width_checked(getattr(obj, name))
    if name == "replace":
        return _replace_checked(obj)
    if name == "expandtabs":
        return _expandtabs_checked(obj)
    return _join_checked(obj)


def _guarded_getattr(obj: Any, name: str) -> Any:
    if name == "mro":
        raise SandboxError("'mro' is not available in the sandbox")
    if isinstance(obj, type):
        klass = next((base for base in obj.__mro__ if base in _ALLOWED_METHODS), None)
    else:
        klass = _builtin_type(obj)
    if klass is None:
        return safer_getattr_raise(obj, name)
    if name in _SIZED_METHODS.get(klass, ()):
        if isinstance(obj, type):
            raise SandboxError(f"call '{name}' on a value, not on the class '{klass.__name__}'")
        return _sized_method(obj, name)
    if name in _ALLOWED_METHODS[klass]:
        return safer_getattr_raise(obj, name)
    raise SandboxError(f"'{klass.__name__}.{name}' is not available in the sandbox")


def _guarded_getitem(obj: Any, index: Any) -> Any:
    if isinstance(index, slice) and isinstance(obj, _SEQUENCES):
        _check_length(len(range(*index.indices(len(obj)))), "slice")
    return obj[index]


def _counted(value: Any) -> Any:
    """Count a copy made by list()/tuple()/set()/dict()/sorted() or a starred display."""
    _check_length(len(value), "copy")
    return value


def _apply(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return function(*args, **kwargs)


def _capped_range(*args: int) -> range:
    numbers = range(*args)
    try:
        size = len(numbers)
    except OverflowError:
        size = MAX_RANGE + 1
    if size > MAX_RANGE:
        raise SandboxError(f"range() of more than {MAX_RANGE} numbers is not allowed")
    return numbers


SAFE_BUILTINS: dict[str, Any] = {
    "len": len, "sorted": sorted, "sum": sum, "min": min, "max": max, "abs": abs, "round": round,
    "any": any, "all": all, "list": list, "dict": dict, "set": set, "frozenset": frozenset, "tuple": tuple,
    "str": str, "int": int, "float": float, "bool": bool, "enumerate": enumerate, "zip": zip,
    "range": _capped_range, "isinstance": isinstance, "map": map, "filter": filter, "reversed": reversed,
    "divmod": divmod, "next": next, "None": None, "True": True, "False": False,
    "Exception": Exception, "ValueError": ValueError, "TypeError": TypeError, "KeyError": KeyError,
    "IndexError": IndexError, "LookupError": LookupError, "ArithmeticError": ArithmeticError,
    "ZeroDivisionError": ZeroDivisionError, "AttributeError": AttributeError,
}

_GUARDS: dict[str, Any] = {
    "_getattr_": _guarded_getattr,
    "_getitem_": _guarded_getitem,
    "_getiter_": iter,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_unpack_sequence_": guarded_unpack_sequence,
    "_write_": full_write_guard,
    "_inplacevar_": _inplacevar,
    "_apply_": _apply,
    "_add_": _guarded_add,
    "_mul_": _guarded_mul,
    "_pow_": _guarded_pow,
    "_lshift_": _guarded_lshift,
    "_mod_": _guarded_mod,
    "_format_": _guarded_format,
    "_counted_": _counted,
}
_RESERVED = frozenset({*_GUARDS, "_tick_", "__builtins__"})


_STORABLE_SCALARS = (str, int, float, bool, type(None), datetime, date, timedelta, Decimal, UUID)
_JSON_KEYS = (str, int, float, bool, type(None))
_STORABLE_KINDS = "text, numbers, booleans, None, lists, dicts, dates, date-times and durations"


def _storage_problem(value: Any) -> str | None:
    """What in ``value`` the serializer of task data could not store, or None when all of it can be."""
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        current, depth = pending.pop()
        if depth > MAX_STORED_DEPTH:
            return f"values nested deeper than {MAX_STORED_DEPTH} levels"
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


# --- the environment ------------------------------------------------------------------------------------

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
                 time_budget: float = DEFAULT_TIME_BUDGET) -> None:
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
        code = _compile(expression, "eval")
        budget = _Budget(self.time_budget)
        scope = self._scope(context, external_context, budget)
        result = self._run(code, scope, budget, "expression", expression)
        if not isinstance(result, _STORABLE_SCALARS):
            problem = _storage_problem(result)
            if problem:
                raise SandboxError(f"expression {_summary(expression)!r} produced {problem}; "
                                   f"expressions must produce data ({_STORABLE_KINDS})")
        return result

    def execute(self, script: str, context: dict[str, Any],
                external_context: Mapping[str, Any] | None = None) -> bool:
        """Run ``script`` with task data ``context`` as globals and write the results back into it."""
        code = _compile(script, "exec")
        try:
            working = copy.deepcopy(context)
        except Exception as err:
            raise SandboxError(f"task data cannot be copied for script {_summary(script)!r}: {err}") from err
        budget = _Budget(self.time_budget)
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
                raise SandboxError(f"script {_summary(script)!r} left {name!r} holding {problem} in task data; "
                                   f"only {_STORABLE_KINDS} can be stored (convert the value or del the variable)")
            result[name] = value
        context.clear()
        context.update(result)
        return True

    def call_service(self, context: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("service tasks are dispatched by the script engine from make_script_engine")

    def _scope(self, data: Mapping[str, Any], external_context: Mapping[str, Any] | None,
               budget: _Budget) -> dict[str, Any]:
        scope = dict(self._base)
        if external_context:
            scope.update(external_context)
        scope.update(data)
        scope.update(_GUARDS)
        scope["__builtins__"] = SAFE_BUILTINS
        scope["_tick_"] = budget.tick
        return scope

    @staticmethod
    def _run(code: types.CodeType, scope: dict[str, Any], budget: _Budget, kind: str, source: str) -> Any:
        over_budget = SandboxError(
            f"{kind} {_summary(source)!r} exceeded its time budget of {budget.seconds:g} s")
        outer = getattr(_active, "budget", None)
        _active.budget = budget
        try:
            if kind == "expression":
                result = eval(code, scope)  # noqa: S307 - code was compiled by RestrictedPython under SandboxPolicy
            else:
                exec(code, scope)  # noqa: S102 - code was compiled by RestrictedPython under SandboxPolicy
                result = None
        except _BudgetExceeded:
            raise over_budget from None
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as err:  # user code can raise BaseException itself; it must not escape
            if budget.exceeded:
                raise over_budget from err
            line = _failing_line(err)
            where = f" on line {line}" if line is not None and kind == "script" else ""
            raise SandboxError(f"{kind} {_summary(source)!r} failed{where}: {type(err).__name__}: {err}",
                               line=line) from err
        finally:
            _active.budget = outer
        if budget.exceeded:
            raise over_budget
        return result


# --- the script engine ------------------------------------------------------------------------------------

class SandboxScriptEngine(PythonScriptEngine):
    """PythonScriptEngine that runs all code in a SandboxEnvironment and dispatches service tasks.

    Failures surface as ``WorkflowTaskException`` whose ``__cause__`` is the SandboxError (or the handler's
    exception for service tasks); exceptions carrying ``bpmn_error_code`` propagate unchanged.
    """

    def __init__(self, environment: SandboxEnvironment, service_caller: ServiceCaller) -> None:
        super().__init__(environment=environment)
        self._service_caller = service_caller

    def evaluate(self, task: Any, expression: str, external_context: Mapping[str, Any] | None = None) -> Any:
        try:
            return self.environment.evaluate(expression, task.data, external_context)
        except SpiffWorkflowException as err:
            err.add_note(f"Error evaluating expression '{expression}'")
            raise
        except SandboxError as err:
            raise _task_exception(str(err), task, err) from err

    def execute(self, task: Any, script: str, external_context: Mapping[str, Any] | None = None) -> bool:
        try:
            return self.environment.execute(script, task.data, external_context or {})
        except SpiffWorkflowException:
            raise
        except SandboxError as err:
            lines = script.splitlines()
            error_line = lines[err.line - 1] if err.line and err.line <= len(lines) else None
            raise _task_exception(str(err), task, err, line_number=err.line, error_line=error_line) from err

    def call_service(self, task: Any, operation_name: str, operation_params: Mapping[str, Any],
                     **_: Any) -> str:
        params = {name: spec["value"] for name, spec in operation_params.items()}
        try:
            result = self._service_caller(task, operation_name, params)
        except Exception as err:
            if hasattr(err, "bpmn_error_code"):
                raise
            raise WorkflowTaskException(f"service operation {operation_name!r} failed: "
                                        f"{type(err).__name__}: {err}", task=task, exception=err) from err
        try:
            return json.dumps(result)
        except (TypeError, ValueError) as err:
            raise WorkflowTaskException(f"service operation {operation_name!r} returned a result that is "
                                        f"not JSON-serialisable: {err}", task=task, exception=err) from err


def _task_exception(message: str, task: Any, error: SandboxError, **location: Any) -> WorkflowTaskException:
    wrapped = WorkflowTaskException(message, task=task, exception=error, **location)
    if isinstance(error.__cause__, NameError):
        hint = wrapped.did_you_mean_from_name_error(error.__cause__, list(task.data))
        if hint:
            wrapped.add_note(hint)
    return wrapped


def make_script_engine(globals: Mapping[str, Any], service_caller: ServiceCaller, *,
                       time_budget: float = DEFAULT_TIME_BUDGET) -> SandboxScriptEngine:
    """The script engine the engine core gives every BpmnWorkflow.

    ``globals`` are helpers visible to all code (merged over datetime/date/timedelta/timezone);
    ``service_caller(task, operation_name, params)`` runs a service task's operation and returns a
    JSON-able result.
    """
    return SandboxScriptEngine(SandboxEnvironment(globals, time_budget=time_budget), service_caller)
