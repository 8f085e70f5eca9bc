"""The analysts' catalogue: every process with its versions (who deployed it and when, content hash, open and
finished routes), every decision table with the versions of its file, and every form with the processes
whose user tasks show it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from engine import Engine
from engine.catalogue import route_counts
from engine.model import DefinitionInfo
from engine.parsing.documents import parse_xml
from engine.parsing.elements import SPIFF_NS
from forms.loader import available_keys, definition_path


@dataclass(frozen=True)
class Version:
    definition: DefinitionInfo
    open_routes: int = 0
    finished_routes: int = 0


@dataclass
class ProcessEntry:
    key: str
    name: str
    versions: list[Version] = field(default_factory=list)
    """newest first"""

    @property
    def latest(self) -> DefinitionInfo:
        return self.versions[0].definition


@dataclass(frozen=True)
class FileVersion:
    """One content of a DMN file, from the first process version that carried it."""
    number: int
    sha256: str
    first: DefinitionInfo


@dataclass
class DecisionEntry:
    id: str
    name: str
    filename: str
    versions: list[FileVersion] = field(default_factory=list)


@dataclass
class FormEntry:
    key: str
    sha256: str
    tasks: list[tuple[str, str]] = field(default_factory=list)
    """(process name, user task label) of the latest versions that show the form"""


def processes(engine: Engine) -> list[ProcessEntry]:
    counts = route_counts(engine)
    entries: dict[str, ProcessEntry] = {}
    for definition in sorted(engine.definitions(), key=lambda d: (d.key, -d.version)):
        entry = entries.setdefault(definition.key, ProcessEntry(definition.key, definition.name or definition.key))
        entry.versions.append(Version(definition, *counts.get(definition.id, (0, 0))))
    return sorted(entries.values(), key=lambda entry: entry.name)


def decisions(engine: Engine, entries: list[ProcessEntry]) -> list[DecisionEntry]:
    """Each decision table with the contents its file had, numbered in the order they were first deployed."""
    names: dict[tuple[str, str], str] = {}
    firsts: dict[tuple[str, str], dict[str, DefinitionInfo]] = {}
    for entry in entries:
        for version in entry.versions:
            for filename, content in engine.definition_files(version.definition.id).items():
                if not filename.endswith(".dmn"):
                    continue
                digest = hashlib.sha256(content).hexdigest()
                for element in parse_xml(filename, content).iter("{*}decision"):
                    ident = (filename, element.get("id"))
                    names[ident] = element.get("name") or element.get("id")
                    seen = firsts.setdefault(ident, {})
                    if digest not in seen or seen[digest].deployed_at > version.definition.deployed_at:
                        seen[digest] = version.definition
    result = []
    for (filename, decision_id), by_hash in firsts.items():
        ordered = sorted(by_hash.items(), key=lambda item: item[1].deployed_at)
        result.append(DecisionEntry(decision_id, names[(filename, decision_id)], filename,
                                    [FileVersion(number, digest, first)
                                     for number, (digest, first) in enumerate(ordered, start=1)]))
    return sorted(result, key=lambda decision: decision.name)


def forms(engine: Engine, entries: list[ProcessEntry]) -> list[FormEntry]:
    found = {key: FormEntry(key, hashlib.sha256(definition_path(key).read_bytes()).hexdigest())
             for key in available_keys()}
    for entry in entries:
        for filename, content in engine.definition_files(entry.latest.id).items():
            if not filename.endswith(".bpmn"):
                continue
            for task in parse_xml(filename, content).iter("{*}userTask"):
                key = _form_key(task)
                if key in found:
                    found[key].tasks.append((entry.name, " ".join((task.get("name") or task.get("id")).split())))
    return list(found.values())


def _form_key(task) -> str | None:
    for prop in task.iter(f"{{{SPIFF_NS}}}property"):
        if prop.get("name") == "formKey":
            return (prop.get("value") or "").strip()
    return None
