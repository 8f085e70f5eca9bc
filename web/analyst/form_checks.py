"""The server's check of an edited form: the forms room must build it (the same builder that renders the
task page and makes its marshmallow validation), else every problem it lists is refused, each pointing at
its component when the room names one."""
from __future__ import annotations

import re

from flask_babel import gettext as _

import forms
from web.analyst.checks import Problem

COMPONENT = re.compile(r"component '([^']+)': ")


def check_form(form_key: str, content: bytes) -> list[Problem]:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return [Problem(None, _("Файл формы не в кодировке UTF-8."))]
    try:
        forms.parse_text(text, form_key)
    except forms.FormDefinitionError as err:
        return [_problem(problem) for problem in err.problems]
    return []


def _problem(problem: str) -> Problem:
    match = COMPONENT.match(problem)
    return Problem(match.group(1) if match else None,
                   _("Модуль форм не соберёт форму: %(problem)s", problem=problem))
