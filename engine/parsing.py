"""Safe, validated parsing of a deployment bundle (BPMN and DMN files).

``parse_bundle`` is the only way diagrams enter the engine. Each file is parsed by lxml with entity
resolution, DTD loading and network access off; any DOCTYPE or entity declaration is rejected outright.
BPMN files are validated against the BPMN 2.0 + spiffworkflow XSD, DMN files against their DMN schema.
The checks of ``docs/contracts.md`` follow (call activities resolve inside the bundle, service operators
are known, decisions exist, start events are either one none start or message starts only, user tasks
carry a ``formKey``, priorities and durations are well formed), and every piece of Python the diagrams
carry (scripts, conditions, timer texts, service parameters, message payloads, DMN cells) must compile
in the sandbox. Only then are the files handed to SpiffWorkflow's parser. Every rejection is a
``DeployError`` naming the file, the element id and the line.
"""
from __future__ import annotations

import ast
import codecs
import hashlib
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Literal

from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnValidator
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec
from SpiffWorkflow.dmn.parser.BpmnDmnParser import SCHEMAS as DMN_SCHEMAS
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

from engine.errors import DeployError, SandboxError
from engine.sandbox import check_expression, check_script

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
DEFAULT_PRIORITY = 3
MAX_FILE_BYTES = 5_000_000

FLOW_NODE_TYPES = frozenset({
    "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
    "task", "userTask", "manualTask", "scriptTask", "serviceTask", "businessRuleTask", "sendTask",
    "receiveTask", "callActivity", "subProcess", "transaction", "adHocSubProcess",
    "exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway",
})
_THROWING = frozenset({"intermediateThrowEvent", "endEvent", "sendTask"})
_EXPRESSION_TAGS = frozenset({
    "conditionExpression", "loopCardinality", "completionCondition", "loopCondition",
})
_TIMER_TAGS = ("timeDate", "timeDuration", "timeCycle")
_HIT_POLICIES = frozenset({"UNIQUE", "FIRST", "COLLECT"})
_ISO_DURATION = re.compile(
    r"P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?", re.IGNORECASE)

# lxml validators keep per-call state (error_log); SpiffWorkflow's parser is not meant for threads.
_PARSE_LOCK = threading.Lock()


# --- public result types --------------------------------------------------------------------------

@dataclass(frozen=True)
class FlowNodeInfo:
    """One flow node of a process as written in the diagram.

    ``type`` is the BPMN element name (``userTask``, ``exclusiveGateway``, ...). ``candidate_group`` is the
    ``candidateGroup`` property as written; ``effective_candidate_group`` applies the lane rule.
    ``event_definition`` is the kind of the event's definition (``message``, ``timer``, ``error``, ...).
    """

    id: str
    name: str | None
    type: str
    line: int | None
    lane_id: str | None = None
    lane_name: str | None = None
    form_key: str | None = None
    candidate_group: str | None = None
    priority: int | None = None
    due_in: str | None = None
    follow_up_in: str | None = None
    operator: str | None = None
    decision_id: str | None = None
    called_element: str | None = None
    event_definition: str | None = None
    message_name: str | None = None
    attached_to: str | None = None

    @property
    def effective_candidate_group(self) -> str | None:
        """The ``candidateGroup`` property, else the lane id without its ``lane_`` prefix."""
        if self.candidate_group:
            return self.candidate_group
        if self.lane_id:
            return self.lane_id.removeprefix("lane_")
        return None


@dataclass(frozen=True)
class SequenceFlowInfo:
    id: str
    name: str | None
    source: str
    target: str


@dataclass(frozen=True)
class ElementIndex:
    """Compact description of one process: its flow nodes, sequence flows and the messages it uses."""

    nodes: Mapping[str, FlowNodeInfo]
    flows: Mapping[str, SequenceFlowInfo]
    thrown_messages: frozenset[str]
    caught_messages: frozenset[str]
    start_messages: frozenset[str]

    def user_tasks(self) -> list[FlowNodeInfo]:
        return [node for node in self.nodes.values() if node.type == "userTask"]


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


# --- entry point ----------------------------------------------------------------------------------

def parse_bundle(files: list[tuple[str, bytes]], *, known_operations: set[str] | None) -> Bundle:
    """Parse and validate a deployment bundle of ``(file name, bytes)`` pairs.

    ``known_operations``: the registered service operations; ``None`` skips that check.
    Raises ``DeployError`` (naming file, element id and line) on the first problem found.
    """
    if not files:
        raise DeployError("the bundle contains no files")
    documents = _read_documents(files)
    bpmn = [doc for doc in documents if doc.kind == "bpmn"]
    dmn = [doc for doc in documents if doc.kind == "dmn"]
    with _PARSE_LOCK:
        for doc in documents:
            _validate_schema(doc)
    for doc in documents:
        _check_unique_ids(doc)
    decisions = _index_decisions(dmn)
    processes = _index_processes(bpmn)
    for doc in dmn:
        _check_dmn_code(doc)

    executable = [pid for pid, (_, element) in processes.items() if element.get("isExecutable") == "true"]
    if not executable:
        raise DeployError("the bundle contains no executable process (isExecutable=\"true\")")
    checked = _check_reachable(executable, processes, decisions, known_operations)
    indexes = {pid: _element_index(*processes[pid]) for pid in checked}
    specs = _build_specs(documents, executable)
    digests = {doc.name: hashlib.sha256(doc.data).hexdigest() for doc in documents}

    parsed: dict[str, ParsedProcess] = {}
    for process_id in executable:
        doc, element = processes[process_id]
        spec, subprocess_specs = specs[process_id]
        needed = _dependencies(process_id, processes, decisions, indexes)
        start_kind, start_messages = _start_kind(doc, element)
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


# --- reading and schema validation ----------------------------------------------------------------

@dataclass(frozen=True)
class _Document:
    name: str
    data: bytes
    root: etree._Element
    kind: Literal["bpmn", "dmn"]
    messages: Mapping[str, str | None]  # bpmn:message id -> name


def _read_documents(files: list[tuple[str, bytes]]) -> list[_Document]:
    seen: set[str] = set()
    documents = []
    for name, data in files:
        if name in seen:
            raise DeployError("the bundle contains this file name twice", file=name)
        seen.add(name)
        documents.append(_read_document(name, data))
    return documents


def _read_document(name: str, data: bytes) -> _Document:
    if len(data) > MAX_FILE_BYTES:
        raise DeployError(f"the file has {len(data)} bytes; the limit is {MAX_FILE_BYTES}", file=name)
    text = _as_text(data)
    for marker in ("<!DOCTYPE", "<!ENTITY"):
        position = text.find(marker)
        if position >= 0:
            raise DeployError("DOCTYPE and entity declarations are not allowed", file=name,
                              line=text.count("\n", 0, position) + 1)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise DeployError(f"malformed XML: {err.msg}", file=name, line=err.lineno) from err
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DeployError("DOCTYPE and entity declarations are not allowed", file=name, line=1)
    kind = _kind_of(name, root)
    messages = {message.get("id"): message.get("name")
                for message in _bpmn(root, "bpmn:message")} if kind == "bpmn" else {}
    return _Document(name=name, data=data, root=root, kind=kind, messages=messages)


def _as_text(data: bytes) -> str:
    """The document as text for the DOCTYPE scan: UTF-16/32 by byte-order mark, else Latin-1, which maps
    every byte and keeps ASCII markers in place for UTF-8 and all ASCII-compatible encodings."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    return data.decode("latin-1")


def _kind_of(name: str, root: etree._Element) -> Literal["bpmn", "dmn"]:
    qname = etree.QName(root)
    if qname.localname == "definitions" and qname.namespace == BPMN_NS:
        return "bpmn"
    if qname.localname == "definitions" and qname.namespace in DMN_SCHEMAS:
        return "dmn"
    if qname.localname == "definitions" and "/DMN/" in (qname.namespace or ""):
        raise DeployError(f"unsupported DMN version (namespace {qname.namespace}); save it as DMN 1.1, 1.2 or 1.3",
                          file=name, line=root.sourceline)
    raise DeployError(f"neither a BPMN nor a DMN file (root element {root.tag})", file=name,
                      line=root.sourceline)


@cache
def _dmn_validator(namespace: str) -> BpmnValidator:
    return BpmnValidator(DMN_SCHEMAS[namespace])


def _validate_schema(doc: _Document) -> None:
    validator = VALIDATOR if doc.kind == "bpmn" else _dmn_validator(etree.QName(doc.root).namespace)
    try:
        validator.validate(doc.root, doc.name)
    except ValidationException as err:
        line = err.line_number if isinstance(err.line_number, int) else None
        raise DeployError(f"not valid {doc.kind.upper()}: {_first_line(err)}", file=doc.name,
                          element_id=_element_id_at_line(doc.root, line), line=line) from err


def _check_unique_ids(doc: _Document) -> None:
    """Element ids are unique in a file, and no spiffworkflow extension element (service parameter,
    operator) reuses the id of a flow node: SpiffWorkflow indexes every ``@id`` of a process and finds the
    target of a sequence flow by id, so a parameter ``id="score"`` would shadow a task ``id="score"``.
    Extension elements may share ids among themselves (two tasks passing ``youth_id``)."""
    element_lines: dict[str, int | None] = {}
    flow_nodes: set[str] = set()
    extensions: list[etree._Element] = []
    for element in doc.root.iter():
        if not isinstance(element.tag, str) or element.get("id") is None:
            continue
        if etree.QName(element).namespace == SPIFF_NS:
            extensions.append(element)
            continue
        element_id = element.get("id")
        if element_id in element_lines:
            raise DeployError(f"id {element_id!r} is used twice (first on line {element_lines[element_id]}); "
                              "every element id in a file must be unique", file=doc.name,
                              element_id=element_id, line=element.sourceline)
        element_lines[element_id] = element.sourceline
        if _local(element) in FLOW_NODE_TYPES:
            flow_nodes.add(element_id)
    for extension in extensions:
        element_id = extension.get("id")
        if element_id in flow_nodes:
            raise DeployError(f"{_local(extension)} id {element_id!r} is also the id of the flow node on line "
                              f"{element_lines[element_id]}; rename one of them", file=doc.name,
                              element_id=_owner_id(extension), line=extension.sourceline)


def _first_line(err: Exception) -> str:
    text = err.args[0] if err.args else str(err)
    return str(text).splitlines()[0] if text else type(err).__name__


def _element_id_at_line(root: etree._Element, line: int | None) -> str | None:
    """The id of the first element starting on ``line``, or of the element that contains it."""
    if line is None:
        return None
    for element in root.iter():
        if element.sourceline == line and isinstance(element.tag, str):
            return _owner_id(element)
    return None


# --- XML helpers ----------------------------------------------------------------------------------

def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _bpmn(element: etree._Element, path: str) -> list[etree._Element]:
    return element.xpath(path, namespaces={"bpmn": BPMN_NS, "spiff": SPIFF_NS})


def _owner_id(element: etree._Element) -> str | None:
    """The id of the element itself or of its nearest ancestor that has one (spiffworkflow extension
    elements use ``id`` for other things, e.g. the operation name, so they are skipped)."""
    current: etree._Element | None = element
    while current is not None:
        if current.get("id") and etree.QName(current).namespace != SPIFF_NS:
            return current.get("id")
        current = current.getparent()
    return None


def _flow_nodes(process: etree._Element) -> Iterator[etree._Element]:
    for element in process.iter():
        if _local(element) in FLOW_NODE_TYPES and etree.QName(element).namespace == BPMN_NS:
            yield element


def _properties(node: etree._Element) -> dict[str, str]:
    return {prop.get("name"): prop.get("value", "")
            for prop in _bpmn(node, "bpmn:extensionElements/spiff:properties/spiff:property")}


def _spiff_text(node: etree._Element, tag: str) -> str | None:
    found = _bpmn(node, f"bpmn:extensionElements/spiff:{tag}")
    return found[0].text.strip() if found and found[0].text else None


def _operator(node: etree._Element) -> etree._Element | None:
    found = _bpmn(node, "bpmn:extensionElements/spiff:serviceTaskOperator")
    return found[0] if found else None


def _event_definition(node: etree._Element) -> etree._Element | None:
    for child in node:
        if _local(child).endswith("EventDefinition"):
            return child
    return None


def _event_kind(definition: etree._Element | None) -> str | None:
    return _local(definition).removesuffix("EventDefinition") if definition is not None else None


def _message_name(doc: _Document, node: etree._Element) -> str | None:
    """Name of the message an event or send/receive task refers to; DeployError if it cannot be found."""
    definition = _event_definition(node)
    if _local(node) in ("sendTask", "receiveTask"):
        ref = node.get("messageRef")
        carrier = node
    elif definition is not None and _local(definition) == "messageEventDefinition":
        ref = definition.get("messageRef")
        carrier = definition
    else:
        return None
    if not ref:
        raise _error(doc, carrier, "message event without messageRef")
    if ref not in doc.messages:
        raise _error(doc, carrier, f"messageRef {ref!r} names no bpmn:message of this file")
    if not doc.messages[ref]:
        raise _error(doc, carrier, f"message {ref!r} has no name")
    return doc.messages[ref]


# --- indexes of the bundle ------------------------------------------------------------------------

def _index_decisions(dmn: list[_Document]) -> dict[str, _Document]:
    decisions: dict[str, _Document] = {}
    for doc in dmn:
        found = [child for child in doc.root if _local(child) == "decision"]
        if len(found) != 1:
            raise DeployError(f"a DMN file must contain exactly one decision, found {len(found)}",
                              file=doc.name, line=doc.root.sourceline)
        _check_decision_table(doc, found[0])
        decision_id = found[0].get("id")
        if decision_id in decisions:
            raise DeployError(f"decision {decision_id!r} is also defined in {decisions[decision_id].name!r}",
                              file=doc.name, element_id=decision_id, line=found[0].sourceline)
        decisions[decision_id] = doc
    return decisions


def _check_decision_table(doc: _Document, decision: etree._Element) -> None:
    """SpiffWorkflow evaluates one decision table per decision; hit policies other than UNIQUE, FIRST and
    COLLECT (and COLLECT aggregations) would silently behave as first match, so they are refused."""
    tables = [child for child in decision if _local(child) == "decisionTable"]
    if len(tables) != 1:
        raise _error(doc, decision, "a decision must hold exactly one decisionTable")
    policy = tables[0].get("hitPolicy", "UNIQUE").upper()
    if policy not in _HIT_POLICIES:
        raise _error(doc, tables[0], f"hit policy {policy} is not supported; use UNIQUE, FIRST or COLLECT")
    if tables[0].get("aggregation"):
        raise _error(doc, tables[0], "COLLECT aggregations are not supported; aggregate in a handler")


def _index_processes(bpmn: list[_Document]) -> dict[str, tuple[_Document, etree._Element]]:
    processes: dict[str, tuple[_Document, etree._Element]] = {}
    for doc in bpmn:
        for element in _bpmn(doc.root, "bpmn:process"):
            process_id = element.get("id")
            if process_id in processes:
                other = processes[process_id][0].name
                raise _error(doc, element, f"process {process_id!r} is also defined in {other!r}")
            processes[process_id] = (doc, element)
    return processes


# --- contract checks ------------------------------------------------------------------------------

def _check_reachable(executable: list[str], processes: Mapping[str, tuple[_Document, etree._Element]],
                     decisions: Mapping[str, _Document], known_operations: set[str] | None) -> set[str]:
    """Check the executable processes and every process they call; return the ids checked."""
    calls: dict[str, list[tuple[str, etree._Element]]] = {}
    pending = list(executable)
    while pending:
        process_id = pending.pop()
        if process_id in calls:
            continue
        doc, element = processes[process_id]
        calls[process_id] = _check_process(doc, element, processes, decisions, known_operations)
        pending.extend(target for target, _ in calls[process_id])
    _check_call_cycles(calls, processes)
    return set(calls)


def _check_call_cycles(calls: Mapping[str, list[tuple[str, etree._Element]]],
                       processes: Mapping[str, tuple[_Document, etree._Element]]) -> None:
    """A process must not call itself, directly or through other processes: the nesting would never end."""
    finished: set[str] = set()

    def visit(process_id: str, path: list[str]) -> None:
        for target, call_activity in calls[process_id]:
            if target in path:
                cycle = " -> ".join([*path[path.index(target):], target])
                raise _error(processes[process_id][0], call_activity, f"call activities form a cycle: {cycle}")
            if target not in finished:
                visit(target, [*path, target])
        finished.add(process_id)

    for process_id in sorted(calls):
        if process_id not in finished:
            visit(process_id, [process_id])


def _error(doc: _Document, element: etree._Element, message: str) -> DeployError:
    return DeployError(message, file=doc.name, element_id=_owner_id(element), line=element.sourceline)


def _check_process(doc: _Document, process: etree._Element,
                   processes: Mapping[str, tuple[_Document, etree._Element]],
                   decisions: Mapping[str, _Document], known_operations: set[str] | None,
                   ) -> list[tuple[str, etree._Element]]:
    """Check one process against the contracts; return (called process id, call activity) pairs."""
    _start_kind(doc, process)
    called = []
    for node in _flow_nodes(process):
        kind = _local(node)
        if kind == "callActivity":
            called.append((_check_call_activity(doc, node, processes), node))
        elif kind == "serviceTask":
            operator = _operator(node)
            if operator is None or not operator.get("id"):
                raise _error(doc, node, "service task without spiffworkflow:serviceTaskOperator id")
            if known_operations is not None and operator.get("id") not in known_operations:
                raise _error(doc, operator,
                             f"service operation {operator.get('id')!r} has no registered handler")
        elif kind == "businessRuleTask":
            decision_id = _spiff_text(node, "calledDecisionId")
            if not decision_id:
                raise _error(doc, node, "business rule task without spiffworkflow:calledDecisionId")
            if decision_id not in decisions:
                raise _error(doc, node, f"business rule task calls decision {decision_id!r}, "
                                        "which is not in the bundle")
        elif kind == "userTask":
            _check_user_task(doc, node)
        _message_name(doc, node)
    _check_process_code(doc, process)
    return called


def _check_call_activity(doc: _Document, node: etree._Element,
                         processes: Mapping[str, tuple[_Document, etree._Element]]) -> str:
    target = node.get("calledElement")
    if not target:
        raise _error(doc, node, "call activity without calledElement")
    if target not in processes:
        raise _error(doc, node, f"call activity calls process {target!r}, which is not in the bundle")
    target_doc, target_process = processes[target]
    if _start_kind(target_doc, target_process)[0] != "none":
        raise _error(doc, node, f"call activity calls process {target!r}, which has no none start event")
    return target


def _check_user_task(doc: _Document, node: etree._Element) -> None:
    properties = _properties(node)
    if not properties.get("formKey", "").strip():
        raise _error(doc, node, "user task without a formKey property")
    priority = properties.get("priority")
    if priority is not None and (not priority.strip().isdigit() or not 1 <= int(priority) <= 5):
        raise _error(doc, node, f"priority must be an integer from 1 (high) to 5 (low), not {priority!r}")
    for name in ("dueIn", "followUpIn"):
        value = properties.get(name)
        if value is not None and not _ISO_DURATION.fullmatch(value.strip()):
            raise _error(doc, node, f"{name} must be an ISO 8601 duration such as P3D or PT4H, not {value!r}")


def _start_kind(doc: _Document, process: etree._Element) -> tuple[Literal["none", "message"], frozenset[str]]:
    starts = [child for child in process if _local(child) == "startEvent"]
    none_starts, messages = [], set()
    for start in starts:
        definition = _event_definition(start)
        if definition is None:
            none_starts.append(start)
        elif _local(definition) == "messageEventDefinition":
            messages.add(_message_name(doc, start))
        else:
            raise _error(doc, start, f"start events must be none or message starts, not {_local(definition)}")
    where = {"file": doc.name, "element_id": process.get("id"), "line": process.sourceline}
    if not starts:
        raise DeployError("process has no start event", **where)
    if none_starts and messages:
        raise DeployError("process has both a none start event and message start events", **where)
    if len(none_starts) > 1:
        raise DeployError("process has more than one none start event", **where)
    return ("message", frozenset(messages)) if messages else ("none", frozenset())


def _check_process_code(doc: _Document, process: etree._Element) -> None:
    for element in process.iter():
        kind = _local(element)
        text = (element.text or "").strip() if isinstance(element.tag, str) else ""
        namespace = etree.QName(element).namespace if isinstance(element.tag, str) else None
        if kind == "script" and namespace == BPMN_NS or kind in ("preScript", "postScript"):
            _check_code(doc, element, text, check_script, "script")
        elif kind in _EXPRESSION_TAGS or kind == "messagePayload":
            _check_code(doc, element, text, check_expression, kind)
        elif kind == "parameter" and namespace == SPIFF_NS:
            _check_code(doc, element, element.get("value", ""), check_expression, "service parameter")
        elif kind in _TIMER_TAGS:
            if not text:
                raise _error(doc, element, f"empty {kind} timer expression")
            _check_code(doc, element, text, check_expression, f"{kind} timer expression")
            _check_timer_literal(doc, element, kind, text)


def _check_code(doc: _Document, element: etree._Element, text: str, check, what: str) -> None:
    if not text.strip():
        return
    try:
        check(text)
    except SandboxError as err:
        raise _error(doc, element, f"{what} does not compile in the sandbox: {err}") from err


def _check_timer_literal(doc: _Document, element: etree._Element, kind: str, text: str) -> None:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return  # computed at run time (a variable or an expression)
    problem = _timer_literal_problem(kind, value) if isinstance(value, str) else (
        f"{kind} must evaluate to a text, not {type(value).__name__}")
    if problem:
        raise _error(doc, element, problem)


def _timer_literal_problem(kind: str, value: str) -> str | None:
    if kind == "timeDate":
        return _zoned_datetime_problem(value)
    if kind == "timeDuration":
        return None if _ISO_DURATION.fullmatch(value) else f"{value!r} is not an ISO 8601 duration"
    parts = value.split("/")
    if not re.fullmatch(r"R\d*", parts[0]) or len(parts) not in (2, 3):
        return (f"{value!r} is not an ISO 8601 repeating interval "
                "such as R/P6W or R3/2026-09-01T09:00+03:00/P1W")
    for part in parts[1:]:
        if not _ISO_DURATION.fullmatch(part) and _zoned_datetime_problem(part):
            return f"{part!r} in {value!r} is neither a duration nor a date-time with a zone"
    return None


def _zoned_datetime_problem(value: str) -> str | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not an ISO 8601 date-time"
    if moment.tzinfo is None:
        return f"{value!r} has no time zone; write an offset such as +03:00"
    return None


def _check_dmn_code(doc: _Document) -> None:
    for element in doc.root.iter():
        kind = _local(element)
        if kind != "text" or element.getparent() is None:
            continue
        text = (element.text or "").strip()
        parent = _local(element.getparent())
        if parent in ("inputExpression", "outputEntry"):
            _check_code(doc, element, text, check_expression, f"DMN {parent}")
        elif parent == "inputEntry" and text not in ("", "-"):
            _check_code(doc, element, _dmn_cell_expression(text), check_expression, "DMN inputEntry")


def _dmn_cell_expression(cell: str) -> str:
    """The expression SpiffWorkflow's DMN engine will evaluate for a cell, with a stand-in input."""
    if "?" in cell:
        return cell.replace("?", "dmninput")
    try:
        ast.parse(cell, mode="eval")
    except SyntaxError:
        return f"dmninput {cell}"
    return f"(dmninput) == ({cell})"


# --- SpiffWorkflow specs --------------------------------------------------------------------------

def _build_specs(documents: list[_Document], executable: list[str],
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
                specs[process_id] = (parser.get_spec(process_id), parser.get_subprocess_specs(process_id))
        except ValidationException as err:
            doc = by_name.get(err.file_name) or current
            line = err.line_number if isinstance(err.line_number, int) else None
            if line is None and doc is not None and err.id:
                line = _line_of(doc, err.id)
            raise DeployError(_first_line(err), file=doc.name if doc else None, element_id=err.id or None,
                              line=line) from err
        except Exception as err:
            raise DeployError(f"SpiffWorkflow could not parse the bundle: {type(err).__name__}: {err}",
                              file=current.name if current else None) from err
    return specs


def _line_of(doc: _Document, element_id: str) -> int | None:
    for element in doc.root.iter():
        if element.get("id") == element_id:
            return element.sourceline
    return None


# --- element index --------------------------------------------------------------------------------

def _lanes(process: etree._Element) -> dict[str, tuple[str, str | None]]:
    """Flow node id -> (lane id, lane name); the innermost lane wins."""
    lanes: dict[str, tuple[str, str | None]] = {}
    for lane in _bpmn(process, ".//bpmn:lane"):
        for ref in _bpmn(lane, "bpmn:flowNodeRef"):
            if ref.text:
                lanes[ref.text.strip()] = (lane.get("id"), lane.get("name"))
    return lanes


def _element_index(doc: _Document, process: etree._Element) -> ElementIndex:
    lanes = _lanes(process)
    nodes: dict[str, FlowNodeInfo] = {}
    thrown, caught = set(), set()
    _, start_messages = _start_kind(doc, process)
    for node in _flow_nodes(process):
        node_id = node.get("id")
        kind = _local(node)
        lane_id, lane_name = _inherited_lane(node, lanes)
        properties = _properties(node) if kind == "userTask" else {}
        operator = _operator(node) if kind == "serviceTask" else None
        definition = _event_definition(node)
        message = _message_name(doc, node)
        if message is not None:
            if kind in _THROWING:
                thrown.add(message)
            elif not (kind == "startEvent" and node.getparent() is process):
                caught.add(message)
        nodes[node_id] = FlowNodeInfo(
            id=node_id,
            name=node.get("name"),
            type=kind,
            line=node.sourceline,
            lane_id=lane_id,
            lane_name=lane_name,
            form_key=properties.get("formKey") or None,
            candidate_group=properties.get("candidateGroup") or None,
            priority=int(properties.get("priority", DEFAULT_PRIORITY)) if kind == "userTask" else None,
            due_in=properties.get("dueIn") or None,
            follow_up_in=properties.get("followUpIn") or None,
            operator=operator.get("id") if operator is not None else None,
            decision_id=_spiff_text(node, "calledDecisionId") if kind == "businessRuleTask" else None,
            called_element=node.get("calledElement"),
            event_definition=_event_kind(definition),
            message_name=message,
            attached_to=node.get("attachedToRef"),
        )
    flows = {
        flow.get("id"): SequenceFlowInfo(id=flow.get("id"), name=flow.get("name"),
                                         source=flow.get("sourceRef"), target=flow.get("targetRef"))
        for flow in _bpmn(process, ".//bpmn:sequenceFlow")
    }
    return ElementIndex(nodes=nodes, flows=flows, thrown_messages=frozenset(thrown),
                        caught_messages=frozenset(caught), start_messages=start_messages)


def _inherited_lane(node: etree._Element, lanes: Mapping[str, tuple[str, str | None]],
                    ) -> tuple[str | None, str | None]:
    current: etree._Element | None = node
    while current is not None:
        if current.get("id") in lanes:
            return lanes[current.get("id")]
        current = current.getparent()
    return None, None


# --- dependencies and hashes ----------------------------------------------------------------------

def _dependencies(process_id: str, processes: Mapping[str, tuple[_Document, etree._Element]],
                  decisions: Mapping[str, _Document], indexes: Mapping[str, ElementIndex]) -> set[str]:
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
