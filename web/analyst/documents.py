"""The three kinds of document an analyst edits, drafts, proposes and deploys: a process's diagram, a
decision table and a form. Each kind says what an edit starts from, how the server checks an edit and what
deploying it means:

- process: the BPMN file of the process's latest version; deployed by the engine (a new version when the
  bundle changed);
- decision: a DMN file, as the newest process version that carries it has it; deployed by deploying again
  every process that carries it (web/analyst/decision_sources.py);
- form: `forms/definitions/<key>.form`, the file the forms room reads whenever a task page is shown (forms
  have no versions in the engine); deployed by putting the approved text in place of that file."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort
from flask_babel import gettext as _

import forms
from engine import Engine
from web.analyst import decision_sources, sources
from web.analyst.checks import Problem, check_bundle
from web.analyst.decision_checks import check_decision
from web.analyst.form_checks import check_form


@dataclass(frozen=True)
class Base:
    """What is deployed now: the file an edit replaces and, for a process, the version it belongs to."""
    filename: str
    content: bytes
    definition_id: str | None = None


@dataclass(frozen=True)
class Outcome:
    status: str
    """deployed or unchanged"""
    definition_id: str | None
    content_hash: str


class DeployFailed(Exception):
    """Deploying an approved document failed; the message is for the reader."""


@dataclass(frozen=True)
class Kind:
    base: Callable[[Engine, str], Base]
    check: Callable[[Engine, str, bytes], list[Problem]]
    deploy: Callable[[Engine, str, bytes, str], Outcome]


def _process_base(engine: Engine, key: str) -> Base:
    definition = sources.latest(engine, key)
    filename, content = sources.diagram_file(engine, definition)
    return Base(filename, content, definition.id)


def _process_check(engine: Engine, key: str, content: bytes) -> list[Problem]:
    definition = sources.latest(engine, key)
    filename, _deployed = sources.diagram_file(engine, definition)
    return check_bundle(sources.bundle_with(engine, definition, filename, content), sources.known(engine))


def _process_deploy(engine: Engine, key: str, content: bytes, actor: str) -> Outcome:
    definition = sources.latest(engine, key)
    filename, _deployed = sources.diagram_file(engine, definition)
    result = engine.deploy_files(sources.bundle_with(engine, definition, filename, content), actor=actor)
    created = [info for info in result.created if info.key == key]
    if created:
        return Outcome("deployed", created[0].id, created[0].content_hash)
    return Outcome("unchanged", definition.id, definition.content_hash)


def _decision_base(engine: Engine, filename: str) -> Base:
    return Base(filename, decision_sources.deployed(engine, filename))


def _decision_deploy(engine: Engine, filename: str, content: bytes, actor: str) -> Outcome:
    carriers = {definition.key for definition in decision_sources.users(engine, filename)}
    result = engine.deploy_files(decision_sources.bundle_with(engine, filename, content), actor=actor)
    created = sorted((info for info in result.created if info.key in carriers), key=lambda info: info.key)
    return Outcome("deployed" if created else "unchanged", created[0].id if created else None,
                   sources.content_hash(content))


def _form_base(_engine: Engine, key: str) -> Base:
    if key not in forms.available_keys():
        abort(404)
    path = forms.definition_path(key)
    return Base(path.name, path.read_bytes())


def _form_deploy(_engine: Engine, key: str, content: bytes, _actor: str) -> Outcome:
    try:
        forms.replace(key, content.decode("utf-8"))
    except OSError as err:
        raise DeployFailed(_("Файл формы не удалось записать на сервере: %(reason)s", reason=err.strerror)) from err
    return Outcome("deployed", None, sources.content_hash(content))


KINDS: dict[str, Kind] = {
    "process": Kind(_process_base, _process_check, _process_deploy),
    "decision": Kind(_decision_base, check_decision, _decision_deploy),
    "form": Kind(_form_base, lambda _engine, key, content: check_form(key, content), _form_deploy),
}
