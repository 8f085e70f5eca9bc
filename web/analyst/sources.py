"""Where an analyst's edit starts and what it is checked against: a process's latest version, the diagram
file that defines the process, the bundle with the edited file in its place, and what the server knows
(forms on disk, the engine's service operations with their parameters, the deployed decision tables)."""
from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable

from flask import abort

from engine import Engine
from engine.model import DefinitionInfo
from engine.parsing.documents import parse_xml
from forms.loader import available_keys
from web.analyst.checks import Known

CONTEXT_PARAMETERS = {"ctx", "context"}


def latest(engine: Engine, process_key: str) -> DefinitionInfo:
    versions = engine.definitions(process_key)
    if not versions:
        abort(404)
    return max(versions, key=lambda definition: definition.version)


def diagram_file(engine: Engine, definition: DefinitionInfo) -> tuple[str, bytes]:
    """The name and content of the BPMN file that defines the process of this version."""
    filename = engine.element_index(definition.id).files[definition.key]
    return filename, engine.definition_files(definition.id)[filename]


def bundle_with(engine: Engine, definition: DefinitionInfo, filename: str, content: bytes) -> list[tuple[str, bytes]]:
    files = dict(engine.definition_files(definition.id))
    files[filename] = content
    return sorted(files.items())


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def known(engine: Engine) -> Known:
    return Known(forms=frozenset(available_keys()), operations=frozenset(engine.handlers))


def operation_parameters(handler: Callable) -> list[str]:
    """The parameters a BPMN service task passes to a handler (its signature without the context)."""
    try:
        parameters = inspect.signature(handler).parameters
    except (TypeError, ValueError):
        return []
    return [name for name, parameter in parameters.items() if name not in CONTEXT_PARAMETERS
            and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)]


def decisions(engine: Engine) -> dict[str, str]:
    """decision id -> its name, from the DMN files of every process's latest version."""
    found: dict[str, str] = {}
    for key in {definition.key for definition in engine.definitions()}:
        for filename, content in engine.definition_files(latest(engine, key).id).items():
            if filename.endswith(".dmn"):
                found.update({element.get("id"): element.get("name") or element.get("id")
                              for element in parse_xml(filename, content).iter("{*}decision")})
    return found
