"""Where an edit of a decision table starts and what it is checked and deployed with. A DMN file has no
version of its own: it is deployed inside the bundles of the processes that call its decisions, so its
deployed content is the one the newest of those process versions carries, and deploying an edit deploys
those processes again with the edited file in its place (a process gets a new version when its files
changed)."""
from __future__ import annotations

from flask import abort

from engine import Engine
from engine.model import DefinitionInfo
from engine.parsing.documents import parse_xml

SUFFIX = ".dmn"


def users(engine: Engine, filename: str) -> list[DefinitionInfo]:
    """The latest version of every process whose files include `filename`, the oldest deploy first."""
    found = [definition for definition in _latest_versions(engine)
             if filename in engine.definition_files(definition.id)]
    return sorted(found, key=lambda definition: (definition.deployed_at, definition.key))


def tables(engine: Engine) -> dict[str, str]:
    """DMN file name -> the name of its first decision, for the files the latest process versions carry."""
    found: dict[str, str] = {}
    for definition in _latest_versions(engine):
        for filename, content in engine.definition_files(definition.id).items():
            if filename.endswith(SUFFIX) and filename not in found:
                decision = next(parse_xml(filename, content).iter("{*}decision"), None)
                found[filename] = (decision.get("name") or decision.get("id")) if decision is not None else filename
    return found


def deployed(engine: Engine, filename: str) -> bytes:
    """The content of `filename` in the newest process version that carries it (404 when none does)."""
    carriers = users(engine, filename)
    if not filename.endswith(SUFFIX) or not carriers:
        abort(404)
    return engine.definition_files(carriers[-1].id)[filename]


def bundle_with(engine: Engine, filename: str, content: bytes) -> list[tuple[str, bytes]]:
    """The files of every process that carries `filename` (a newer deploy's copy of a shared file wins), with
    the edited content in its place."""
    files: dict[str, bytes] = {}
    for definition in users(engine, filename):
        files.update(engine.definition_files(definition.id))
    files[filename] = content
    return sorted(files.items())


def _latest_versions(engine: Engine) -> list[DefinitionInfo]:
    latest: dict[str, DefinitionInfo] = {}
    for definition in engine.definitions():
        if definition.key not in latest or definition.version > latest[definition.key].version:
            latest[definition.key] = definition
    return [latest[key] for key in sorted(latest)]
