"""Every BPMN service operation id → its handler (wired into the engine by `profroute/wiring.py`)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from handlers import (
    adaptation,
    admission,
    employer_need,
    enrolment,
    entrepreneurship,
    graduate,
    individual_plan,
    practice_library,
    school,
    student_employment,
    student_navigation,
    student_practice,
    student_risk,
)

STAGES: tuple[ModuleType, ...] = (
    school,
    employer_need,
    admission,
    enrolment,
    student_navigation,
    student_risk,
    student_practice,
    student_employment,
    individual_plan,
    graduate,
    entrepreneurship,
    adaptation,
    practice_library,
)


def _collect(modules: tuple[ModuleType, ...]) -> dict[str, Callable[..., dict[str, Any]]]:
    registry: dict[str, Callable[..., dict[str, Any]]] = {}
    for module in modules:
        for value in vars(module).values():
            operation = getattr(value, "operation", None)
            if not callable(value) or not isinstance(operation, str):
                continue
            if operation in registry and registry[operation] is not value:
                raise RuntimeError(f"service operation {operation!r} has two handlers")
            registry[operation] = value
    return dict(sorted(registry.items()))


REGISTRY: dict[str, Callable[..., dict[str, Any]]] = _collect(STAGES)
