"""``parse_bundle``: a bundle read, validated and parsed by SpiffWorkflow into one ParsedProcess per
executable process, with the files each one needs and their content hash."""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask
from SpiffWorkflow.spiff.parser import SpiffBpmnParser

from engine.errors import DeployError
from engine.parsing.code import check_dmn_code
from engine.parsing.contracts import check_reachable, index_decisions, index_processes, start_kind_of
from engine.parsing.documents import Document, read_documents
from engine.parsing.index import ElementIndex, element_index
from engine.parsing.schema import check_unique_ids, first_line, validate_schema

# lxml validators keep per-call state (error_log); SpiffWorkflow's parser is not meant for threads.
_PARSE_LOCK = threading.Lock()


@dataclass(frozen=True)
class ParsedProcess:
    """An executable process of the bundle, ready to instantiate.

    ``files`` are the files it needs (its own, those of the processes it calls and the DMN files of the
    decisions they use, transitively). ``content_hash`` is the sha256 hex digest of the lines
    ``"<file name>\\t<sha256 hex of its bytes>\\n"`` of those files in name order, so it changes exactly when
    one of them does. ``start_kind`` is ``"none"`` (started by ``engine.start``) or ``"message"`` (started
    by one of ``start_messages``).
    """

    id: str
    name: str | None
    spec: BpmnProcessSpec
    subprocess_specs: Mapping[str, BpmnProcessSpec]
    files: frozenset[str]
    content_hash: str
    start_kind: Literal["none", "message"]
    start_messages: frozenset[str]
    index: ElementIndex


@dataclass(frozen=True)
class Bundle:
    """The parsed bundle: executable processes by id, the raw files and where each decision lives."""

    processes: Mapping[str, ParsedProcess]
    files: Mapping[str, bytes]
    decisions: Mapping[str, str]

    def files_of(self, process_id: str) -> dict[str, bytes]:
        """The bytes of every file ``process_id`` depends on (what a definition version stores)."""
        return {name: self.files[name] for name in sorted(self.processes[process_id].files)}

    def message_starts(self) -> dict[str, list[str]]:
        """Message name -> ids of the processes a message of that name starts."""
        starts: dict[str, list[str]] = {}
        for process in self.processes.values():
            for message in process.start_messages:
                starts.setdefault(message, []).append(process.id)
        return {name: sorted(ids) for name, ids in starts.items()}


def parse_bundle(files: list[tuple[str, bytes]], *, known_operations: set[str] | None) -> Bundle:
    """Parse and validate a deployment bundle of ``(file name, bytes)`` pairs.

    ``known_operations``: the registered service operations; ``None`` skips that check.
    Raises ``DeployError`` (naming file, element id and line) on the first problem found.
    """
    if not files:
        raise DeployError("the bundle contains no files")
    documents = read_documents(files)
    bpmn = [doc for doc in documents if doc.kind == "bpmn"]
    dmn = [doc for doc in documents if doc.kind == "dmn"]
    with _PARSE_LOCK:
        for doc in documents:
            validate_schema(doc)
    for doc in documents:
        check_unique_ids(doc)
    decisions = index_decisions(dmn)
    processes = index_processes(bpmn)
    for doc in dmn:
        check_dmn_code(doc)

    executable = [pid for pid, (_, element) in processes.items() if element.get("isExecutable") == "true"]
    if not executable:
        raise DeployError("the bundle contains no executable process (isExecutable=\"true\")")
    checked = check_reachable(executable, processes, decisions, known_operations)
    indexes = {pid: element_index(*processes[pid]) for pid in checked}
    specs = _build_specs(documents, executable)
    digests = {doc.name: hashlib.sha256(doc.data).hexdigest() for doc in documents}

    parsed: dict[str, ParsedProcess] = {}
    for process_id in executable:
        doc, element = processes[process_id]
        spec, subprocess_specs = specs[process_id]
        needed = _dependencies(process_id, processes, decisions, indexes)
        start_kind, start_messages = start_kind_of(doc, element)
        parsed[process_id] = ParsedProcess(
            id=process_id,
            name=element.get("name"),
            spec=spec,
            subprocess_specs=subprocess_specs,
            files=frozenset(needed),
            content_hash=_content_hash((name, digests[name]) for name in needed),
            start_kind=start_kind,
            start_messages=start_messages,
            index=indexes[process_id],
        )
    return Bundle(
        processes=parsed,
        files={doc.name: doc.data for doc in documents},
        decisions={decision_id: doc.name for decision_id, doc in decisions.items()},
    )


def _build_specs(documents: list[Document], executable: list[str],
                 ) -> dict[str, tuple[BpmnProcessSpec, dict[str, BpmnProcessSpec]]]:
    by_name = {doc.name: doc for doc in documents}
    with _PARSE_LOCK:
        parser = SpiffBpmnParser()
        current = None
        try:
            for doc in documents:
                current = doc
                if doc.kind == "bpmn":
                    parser.add_bpmn_xml(doc.root, filename=doc.name)
                else:
                    parser.add_dmn_xml(doc.root, filename=doc.name)
            for dmn_parser in parser.dmn_parsers.values():
                current = by_name.get(dmn_parser.filename)
                dmn_parser.parse()
            specs = {}
            for process_id in executable:
                current = None
                spec, subprocess_specs = parser.get_spec(process_id), parser.get_subprocess_specs(process_id)
                for process_spec in (spec, *subprocess_specs.values()):
                    connect_loops(process_spec)
                specs[process_id] = (spec, subprocess_specs)
        except ValidationException as err:
            doc = by_name.get(err.file_name) or current
            line = err.line_number if isinstance(err.line_number, int) else None
            if line is None and doc is not None and err.id:
                line = _line_of(doc, err.id)
            raise DeployError(first_line(err), file=doc.name if doc else None, element_id=err.id or None,
                              line=line) from err
        except Exception as err:
            raise DeployError(f"SpiffWorkflow could not parse the bundle: {type(err).__name__}: {err}",
                              file=current.name if current else None) from err
    return specs


def connect_loops(spec: BpmnProcessSpec) -> None:
    """Connect every loop's child completion to the loop's merge, as the library's serializer does when it
    rebuilds a spec from JSON (`BpmnProcessSpecConverter.from_dict`). The parser leaves it unconnected and
    the library connects it only when a loop creates a child, so a workflow restored mid-loop onto a freshly
    parsed spec (a restarted process, another worker) would never advance past the running iteration."""
    for task_spec in spec.task_specs.values():
        if isinstance(task_spec, LoopTask):
            child_completed = spec.task_specs[task_spec.task_spec].completed_event
            if not child_completed.is_connected(task_spec.merge_child):
                child_completed.connect(task_spec.merge_child)


def _line_of(doc: Document, element_id: str) -> int | None:
    for element in doc.root.iter():
        if element.get("id") == element_id:
            return element.sourceline
    return None


def _dependencies(process_id: str, processes: Mapping[str, tuple[Document, etree._Element]],
                  decisions: Mapping[str, Document], indexes: Mapping[str, ElementIndex]) -> set[str]:
    """File names ``process_id`` needs, closed over whole files: every checked process that shares a
    needed file brings its own dependencies too, so the stored files of a version always re-parse alone."""
    by_file: dict[str, list[str]] = {}
    for checked_id in indexes:
        by_file.setdefault(processes[checked_id][0].name, []).append(checked_id)
    needed: set[str] = set()
    visited: set[str] = set()
    pending = [process_id]
    while pending:
        current = pending.pop()
        if current in visited:
            continue
        visited.add(current)
        file_name = processes[current][0].name
        if file_name not in needed:
            needed.add(file_name)
            pending.extend(by_file[file_name])
        for node in indexes[current].nodes.values():
            if node.called_element:
                pending.append(node.called_element)
            if node.decision_id:
                needed.add(decisions[node.decision_id].name)
    return needed


def _content_hash(named_digests: Iterable[tuple[str, str]]) -> str:
    combined = hashlib.sha256()
    for name, digest in sorted(named_digests):
        combined.update(f"{name}\t{digest}\n".encode())
    return combined.hexdigest()
