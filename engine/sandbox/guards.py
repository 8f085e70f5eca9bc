"""Run time: the guards that compiled sandbox code calls instead of the plain operations.

``+``, ``*``, ``**``, ``<<`` (also as augmented assignments) refuse to build huge strings, lists or ints;
``%`` refuses to format text; f-string format specs, slices and copies are size-checked; attribute access
follows ``engine.sandbox.methods``. ``GUARDS`` maps the names ``SandboxPolicy`` inserts to the guards.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

from RestrictedPython.Guards import full_write_guard, guarded_iter_unpack_sequence, guarded_unpack_sequence

from engine.errors import SandboxError
from engine.sandbox import limits
from engine.sandbox.budget import check_length
from engine.sandbox.methods import guarded_getattr

_SEQUENCES = (str, bytes, list, tuple)


def _check_bits(bits: int, what: str) -> None:
    if bits > limits.MAX_INT_BITS:
        raise SandboxError(f"{what} would build an integer of about {bits} bits; "
                           f"the sandbox allows {limits.MAX_INT_BITS}")


def _check_add(left: Any, right: Any) -> None:
    if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
        check_length(len(left) + len(right), "concatenation")


def _check_mul(left: Any, right: Any) -> None:
    if isinstance(left, _SEQUENCES) and isinstance(right, int):
        check_length(len(left) * right, "repetition")
    elif isinstance(right, _SEQUENCES) and isinstance(left, int):
        check_length(len(right) * left, "repetition")
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
        check_length(int(number), "format width")
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


def _guarded_getitem(obj: Any, index: Any) -> Any:
    if isinstance(index, slice) and isinstance(obj, _SEQUENCES):
        check_length(len(range(*index.indices(len(obj)))), "slice")
    return obj[index]


def _counted(value: Any) -> Any:
    """Count a copy made by list()/tuple()/set()/dict()/sorted() or a starred display."""
    check_length(len(value), "copy")
    return value


def _apply(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return function(*args, **kwargs)


GUARDS: dict[str, Any] = {
    "_getattr_": guarded_getattr,
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
