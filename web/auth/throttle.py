"""Slows password guessing: after a few failed sign-ins a login is refused for a while (per process)."""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from threading import Lock

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


class LoginThrottle:
    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = Lock()

    def _recent(self, login: str) -> deque[float]:
        failures = self._failures.setdefault(login.casefold(), deque())
        while failures and self.clock() - failures[0] > self.window:
            failures.popleft()
        return failures

    def blocked(self, login: str) -> bool:
        with self._lock:
            return len(self._recent(login)) >= self.max_failures

    def failed(self, login: str) -> None:
        with self._lock:
            self._recent(login).append(self.clock())

    def succeeded(self, login: str) -> None:
        with self._lock:
            self._failures.pop(login.casefold(), None)
