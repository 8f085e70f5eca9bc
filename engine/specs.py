"""Parsed process versions, cached in process by content hash: parse once per version, never per step."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import NotFound
from engine.parsing import parse_bundle
from engine.parsing.index import FlowNodeInfo
from engine.store.models import DefinitionBlob, DefinitionFile, ProcessDefinition


@dataclass(frozen=True)
class ParsedProcess:
    key: str
    name: str | None
    content_hash: str
    spec: Any
    subprocess_specs: dict[str, Any]
    files: tuple[str, ...]
    start_messages: tuple[str, ...]
    elements: dict[str, FlowNodeInfo] = field(default_factory=dict)
    """the flow nodes of the process and of the processes it calls, by id"""
    flows: dict[tuple[str, str], str] = field(default_factory=dict)
    correlation_key_field: str | None = None
    """the payload field keying the messages the instance throws without a correlation property of their own
    (declared by the process, ``correlationKeyField``); without it the instance's business key does"""

    def element(self, element_id: str | None) -> FlowNodeInfo | None:
        return self.elements.get(element_id) if element_id else None

    def candidate_group(self, element_id: str) -> str | None:
        info = self.elements.get(element_id)
        return info.effective_candidate_group if info else None

    def is_milestone(self, element_id: str) -> bool:
        info = self.elements.get(element_id)
        return bool(info and info.milestone)


def parse_processes(files: list[tuple[str, bytes]], known_operations: set[str] | None) -> dict[str, ParsedProcess]:
    """Validate and parse a bundle; one ParsedProcess per executable process id. A process's element index
    includes the elements of the processes it calls (their user tasks open in its instances)."""
    bundle = parse_bundle(files, known_operations=known_operations)
    indexes = {key: _elements(process) for key, process in bundle.processes.items()}
    parsed = {}
    for key, process in bundle.processes.items():
        elements: dict[str, FlowNodeInfo] = {}
        flows: dict[tuple[str, str], str] = {}
        for called in [*sorted(process.subprocess_specs), key]:
            if called in indexes:
                elements.update(indexes[called][0])
                flows.update(indexes[called][1])
        parsed[key] = ParsedProcess(
            key=key, name=process.name, content_hash=process.content_hash, spec=process.spec,
            subprocess_specs=dict(process.subprocess_specs), files=tuple(sorted(process.files)),
            start_messages=tuple(sorted(process.start_messages)), elements=elements, flows=flows,
            correlation_key_field=process.index.correlation_key_field)
    return parsed


def _elements(process) -> tuple[dict[str, FlowNodeInfo], dict[tuple[str, str], str]]:
    flows = {(flow.source, flow.target): flow.id for flow in process.index.flows.values()}
    return dict(process.index.nodes), flows


class SpecCache:
    """(content hash, process key) -> ParsedProcess; processes of one file share a content hash.
    Thread-safe; filled lazily from the stored files. With `keep=False` nothing is kept: every lookup parses
    the stored files afresh, as a newly started process does (the engine's cold mode)."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self._by_hash: dict[tuple[str, str], ParsedProcess] = {}
        self._lock = threading.Lock()

    def put(self, process: ParsedProcess) -> None:
        if self.keep:
            with self._lock:
                self._by_hash.setdefault((process.content_hash, process.key), process)

    def get(self, session: Session, definition: ProcessDefinition) -> ParsedProcess:
        cached = self._by_hash.get((definition.content_hash, definition.key))
        if cached is not None:
            return cached
        files = definition_files(session, definition.id)
        parsed = parse_processes(sorted(files.items()), known_operations=None)
        if definition.key not in parsed:
            raise NotFound(f"stored files of definition {definition.id} do not contain process {definition.key!r}")
        process = parsed[definition.key]
        self.put(process)
        return self._by_hash.get((definition.content_hash, definition.key), process)


def definition_files(session: Session, definition_id: str) -> dict[str, bytes]:
    rows = session.execute(
        select(DefinitionFile.filename, DefinitionBlob.content)
        .join(DefinitionBlob, DefinitionBlob.sha256 == DefinitionFile.sha256)
        .where(DefinitionFile.definition_id == definition_id)
    ).all()
    if not rows:
        raise NotFound(f"definition {definition_id} has no stored files")
    return {row.filename: row.content for row in rows}
