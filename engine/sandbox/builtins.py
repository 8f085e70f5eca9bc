"""The names every piece of sandboxed code sees: the safe builtins and the default helpers."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from engine.errors import SandboxError
from engine.sandbox import limits

DEFAULT_HELPERS: dict[str, Any] = {
    "datetime": datetime,
    "date": date,
    "timedelta": timedelta,
    "timezone": timezone,
}


def _capped_range(*args: int) -> range:
    numbers = range(*args)
    try:
        size = len(numbers)
    except OverflowError:
        size = limits.MAX_RANGE + 1
    if size > limits.MAX_RANGE:
        raise SandboxError(f"range() of more than {limits.MAX_RANGE} numbers is not allowed")
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
