"""Attribute access on builtin values: an allowlist of harmless methods, size-checked where a result can grow.

Anything not on the list (to_bytes, translate, mro, format, ...) is refused, so no method can turn a small
input into a huge result. Other objects get RestrictedPython's ``safer_getattr_raise``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from RestrictedPython.Guards import safer_getattr_raise

from engine.errors import SandboxError
from engine.sandbox.budget import check_length


def _width_checked(method: Callable[..., Any]) -> Callable[..., Any]:
    def padded(width: int, *args: Any) -> Any:
        check_length(width, "padding")
        return method(width, *args)
    return padded


def _replace_checked(text: str | bytes) -> Callable[..., Any]:
    def replace(old: Any, new: Any, count: int = -1) -> Any:
        if len(new) > len(old):
            occurrences = text.count(old)
            if count >= 0:
                occurrences = min(occurrences, count)
            check_length(len(text) + occurrences * (len(new) - len(old)), "replace")
        return text.replace(old, new, count)
    return replace


def _expandtabs_checked(text: str | bytes) -> Callable[..., Any]:
    def expandtabs(tabsize: int = 8) -> Any:
        tab = "\t" if isinstance(text, str) else b"\t"
        check_length(len(text) + text.count(tab) * max(tabsize, 0), "expandtabs")
        return text.expandtabs(tabsize)
    return expandtabs


def _join_checked(separator: str | bytes) -> Callable[[Iterable[Any]], Any]:
    def join(items: Iterable[Any]) -> Any:
        parts = list(items)
        total = len(separator) * max(len(parts) - 1, 0)
        total += sum(len(part) for part in parts if isinstance(part, (str, bytes)))
        check_length(total, "join")
        return separator.join(parts)
    return join


def _extend_checked(target: list[Any]) -> Callable[[Iterable[Any]], None]:
    def extend(items: Iterable[Any]) -> None:
        items = items if isinstance(items, (list, tuple, str, bytes, dict, set, frozenset)) else list(items)
        check_length(len(target) + len(items), "extend")
        target.extend(items)
    return extend


_WIDTH_METHODS = frozenset({"ljust", "rjust", "center", "zfill"})

# Methods of the builtin types reachable from task data, as an allowlist.
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
        check_length(len(source), "copy")
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


def guarded_getattr(obj: Any, name: str) -> Any:
    """The ``_getattr_`` guard: ``obj.name`` as the allowlists permit it."""
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
