"""An operator's answer sent through the form exactly as the browser would post it, then validated by
`forms.validate`, so every completed task proves the form accepts realistic input."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import forms


@dataclass(frozen=True)
class FormRejection:
    """A simulated answer the form refused: a bug in the form or in the simulation, never hidden."""

    form_key: str
    element_id: str
    business_key: str | None
    errors: dict[str, list[str]]
    answer: dict[str, Any]


def submit(form_key: str, answer: Mapping[str, Any], task_data: Mapping[str, Any],
           now: datetime) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """`(validated data, {})` or `({}, errors)` from the form's own validation, on the simulated clock's `now`."""
    return forms.validate(forms.load(form_key), forms.as_post(answer), locale="ru", context=task_data, now=now)
