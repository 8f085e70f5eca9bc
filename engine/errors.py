"""Errors raised by the engine. Every message is English and names what went wrong."""
from __future__ import annotations


class EngineError(Exception):
    """Base of every error the engine raises on purpose."""


class NotFound(EngineError):
    """A definition, instance, task or incident does not exist."""


class Conflict(EngineError):
    """The task was already completed or the instance changed under us (stale version)."""


class InvalidState(EngineError):
    """The command does not fit the current state (e.g. completing a cancelled task)."""


class ValidationError(EngineError):
    """Input data was rejected."""


class SandboxError(EngineError):
    """A script, condition, timer text or DMN cell broke a sandbox rule or failed.

    ``line`` is the line of the script where it failed, when known.
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class DeployError(EngineError):
    """A deployment bundle was rejected. Names the file, the element id and the line when known."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        element_id: str | None = None,
        line: int | None = None,
    ) -> None:
        self.file = file
        self.element_id = element_id
        self.line = line
        self.reason = message
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"file {self.file!r}")
        if self.element_id is not None:
            where.append(f"element {self.element_id!r}")
        if self.line is not None:
            where.append(f"line {self.line}")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason
