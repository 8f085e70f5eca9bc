"""The sandbox for every piece of Python a diagram carries.

Gateway conditions, script tasks, timer texts, DMN cells, service-task parameters and message payloads are
compiled with RestrictedPython under a tightened policy and run with guards, safe builtins and a time
budget. There is deliberately no way to turn the sandbox off. The modules, in the order code meets them:

* ``policy``: compile time; the RestrictedPython policy and ``check_expression``/``check_script``;
* ``limits``: the time budget and size limits;
* ``budget``: the deadline and the count of items one call builds;
* ``guards`` and ``methods``: the run-time guards of operators, items and attributes of builtin values;
* ``builtins``: the safe builtins and default helpers all code sees;
* ``environment``: ``SandboxEnvironment``, which runs code and keeps task data storable;
* ``script_engine``: ``make_script_engine``, the SpiffWorkflow script engine built on it.

A limit set on this package (``engine.sandbox.MAX_TOTAL_ITEMS = ...``) is set in ``limits``, where the
guards read it.
"""
from __future__ import annotations

import sys
import types
from typing import Any

from engine.sandbox import limits
from engine.sandbox.environment import SandboxEnvironment
from engine.sandbox.limits import (
    DEFAULT_TIME_BUDGET,
    MAX_INT_BITS,
    MAX_RANGE,
    MAX_SEQUENCE_LENGTH,
    MAX_STORED_DEPTH,
    MAX_TOTAL_ITEMS,
)
from engine.sandbox.policy import check_expression, check_script
from engine.sandbox.script_engine import make_script_engine

__all__ = [
    "DEFAULT_TIME_BUDGET",
    "MAX_INT_BITS",
    "MAX_RANGE",
    "MAX_SEQUENCE_LENGTH",
    "MAX_STORED_DEPTH",
    "MAX_TOTAL_ITEMS",
    "SandboxEnvironment",
    "check_expression",
    "check_script",
    "make_script_engine",
]

_LIMITS = frozenset(name for name in vars(limits) if name.isupper())


class _Package(types.ModuleType):
    """This package, with its limits forwarded to ``limits`` when they are set."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LIMITS:
            setattr(limits, name, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
