"""Business failures a diagram handles with an error boundary event."""

from __future__ import annotations

from typing import Any


class BusinessError(Exception):
    """Raised by a handler when the diagram has an error boundary for `bpmn_error_code`; the engine throws
    it as a BPMN error. `payload` lands in the error event's data."""

    def __init__(self, bpmn_error_code: str, message: str, payload: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.bpmn_error_code = bpmn_error_code
        self.payload = payload or {}
