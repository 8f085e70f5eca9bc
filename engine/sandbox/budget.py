"""What one evaluate/execute call may spend: wall time until its deadline and the items its guards build.

The deadline check is sticky: once the deadline passed, every later check fails again and the run is
reported as over budget even if user code swallowed the first failure. Items are counted against the
budget of the call running on this thread, so that many allowed allocations in a loop cannot add up to
gigabytes.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from engine.errors import SandboxError
from engine.sandbox import limits


class BudgetExceeded(BaseException):
    """Raised by the deadline check; a BaseException so that ``except Exception`` in user code misses it."""


class Budget:
    __slots__ = ("seconds", "deadline", "exceeded", "items")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.exceeded = False
        self.items = 0

    def tick(self, value: Any = True) -> Any:
        if self.exceeded or time.monotonic() > self.deadline:
            self.exceeded = True
            raise BudgetExceeded
        return value


# The budget of the evaluate/execute call running on this thread.
_active = threading.local()


@contextmanager
def counting(budget: Budget) -> Iterator[None]:
    """Count the items built on this thread against ``budget`` while the block runs."""
    outer = getattr(_active, "budget", None)
    _active.budget = budget
    try:
        yield
    finally:
        _active.budget = outer


def check_length(length: int, what: str) -> None:
    """Refuse to build more than ``MAX_SEQUENCE_LENGTH`` items at once or ``MAX_TOTAL_ITEMS`` in a call."""
    if length > limits.MAX_SEQUENCE_LENGTH:
        raise SandboxError(f"{what} would build {length} items; the sandbox allows {limits.MAX_SEQUENCE_LENGTH}")
    budget = getattr(_active, "budget", None)
    if budget is not None:
        budget.items += max(length, 0)
        if budget.items > limits.MAX_TOTAL_ITEMS:
            raise SandboxError(f"the code builds more than {limits.MAX_TOTAL_ITEMS} items in total")
