"""Task instructions (`spiffworkflow:instructionsForEndUser`): Jinja on task data, in a sandbox."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

_ENVIRONMENT = ImmutableSandboxedEnvironment(autoescape=True)


def render_instructions(template: str | None, data: Mapping[str, Any] | None) -> Markup | None:
    """Escaped text with the task data filled in; the template as plain text if it does not render."""
    if not template:
        return None
    try:
        return Markup(_ENVIRONMENT.from_string(template).render(**(data or {})))  # noqa: S704 - autoescaped
    except TemplateError:
        return Markup.escape(template)
