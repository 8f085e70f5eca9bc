"""Errors raised by the forms package (English messages: they are read by analysts and developers)."""
from __future__ import annotations


class FormDefinitionError(ValueError):
    """A form definition file is missing, unreadable or breaks the supported form-js subset.

    `problems` lists every problem found, each naming the file and the component.
    """

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        super().__init__(f"{source}: " + "; ".join(self.problems))


class FormNotFoundError(FormDefinitionError):
    """No definition file exists for the requested form key."""


class ConditionSyntaxError(ValueError):
    """A `conditional.hide` expression is outside the supported subset."""
