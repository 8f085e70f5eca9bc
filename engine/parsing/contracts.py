"""The contracts of ``docs/contracts.md`` for the processes and decisions of a bundle.

A DMN file holds exactly one decision with one decision table of a supported hit policy; decision and
process ids are unique in the bundle. Every executable process and every process it calls is checked:
call activities resolve inside the bundle, to a process with a none start, without cycles; service
operators are known; business rule tasks call decisions of the bundle; start events are either one none
start or message starts only; user tasks carry a ``formKey`` and well-formed priorities and durations;
messages resolve; and the code the process carries compiles in the sandbox (``engine.parsing.code``).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from lxml import etree

from engine.errors import DeployError
from engine.parsing.code import ISO_DURATION, check_process_code
from engine.parsing.documents import Document, element_error, message_name
from engine.parsing.elements import (
    event_definition,
    flow_nodes,
    local,
    service_operator,
    spiff_properties,
    spiff_text,
    xpath,
)

_HIT_POLICIES = frozenset({"UNIQUE", "FIRST", "COLLECT"})


def index_decisions(dmn: list[Document]) -> dict[str, Document]:
    decisions: dict[str, Document] = {}
    for doc in dmn:
        found = [child for child in doc.root if local(child) == "decision"]
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


def _check_decision_table(doc: Document, decision: etree._Element) -> None:
    """SpiffWorkflow evaluates one decision table per decision; hit policies other than UNIQUE, FIRST and
    COLLECT (and COLLECT aggregations) would silently behave as first match, so they are refused."""
    tables = [child for child in decision if local(child) == "decisionTable"]
    if len(tables) != 1:
        raise element_error(doc, decision, "a decision must hold exactly one decisionTable")
    policy = tables[0].get("hitPolicy", "UNIQUE").upper()
    if policy not in _HIT_POLICIES:
        raise element_error(doc, tables[0], f"hit policy {policy} is not supported; use UNIQUE, FIRST or COLLECT")
    if tables[0].get("aggregation"):
        raise element_error(doc, tables[0], "COLLECT aggregations are not supported; aggregate in a handler")


def index_processes(bpmn: list[Document]) -> dict[str, tuple[Document, etree._Element]]:
    processes: dict[str, tuple[Document, etree._Element]] = {}
    for doc in bpmn:
        for element in xpath(doc.root, "bpmn:process"):
            process_id = element.get("id")
            if process_id in processes:
                other = processes[process_id][0].name
                raise element_error(doc, element, f"process {process_id!r} is also defined in {other!r}")
            processes[process_id] = (doc, element)
    return processes


def check_reachable(executable: list[str], processes: Mapping[str, tuple[Document, etree._Element]],
                    decisions: Mapping[str, Document], known_operations: set[str] | None) -> set[str]:
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
                       processes: Mapping[str, tuple[Document, etree._Element]]) -> None:
    """A process must not call itself, directly or through other processes: the nesting would never end."""
    finished: set[str] = set()

    def visit(process_id: str, path: list[str]) -> None:
        for target, call_activity in calls[process_id]:
            if target in path:
                cycle = " -> ".join([*path[path.index(target):], target])
                raise element_error(processes[process_id][0], call_activity, f"call activities form a cycle: {cycle}")
            if target not in finished:
                visit(target, [*path, target])
        finished.add(process_id)

    for process_id in sorted(calls):
        if process_id not in finished:
            visit(process_id, [process_id])


def _check_process(doc: Document, process: etree._Element,
                   processes: Mapping[str, tuple[Document, etree._Element]],
                   decisions: Mapping[str, Document], known_operations: set[str] | None,
                   ) -> list[tuple[str, etree._Element]]:
    """Check one process against the contracts; return (called process id, call activity) pairs."""
    start_kind_of(doc, process)
    called = []
    for node in flow_nodes(process):
        kind = local(node)
        if kind == "callActivity":
            called.append((_check_call_activity(doc, node, processes), node))
        elif kind == "serviceTask":
            operator = service_operator(node)
            if operator is None or not operator.get("id"):
                raise element_error(doc, node, "service task without spiffworkflow:serviceTaskOperator id")
            if known_operations is not None and operator.get("id") not in known_operations:
                raise element_error(doc, operator,
                                    f"service operation {operator.get('id')!r} has no registered handler")
        elif kind == "businessRuleTask":
            decision_id = spiff_text(node, "calledDecisionId")
            if not decision_id:
                raise element_error(doc, node, "business rule task without spiffworkflow:calledDecisionId")
            if decision_id not in decisions:
                raise element_error(doc, node, f"business rule task calls decision {decision_id!r}, "
                                               "which is not in the bundle")
        elif kind == "userTask":
            _check_user_task(doc, node)
        message_name(doc, node)
    check_process_code(doc, process)
    return called


def _check_call_activity(doc: Document, node: etree._Element,
                         processes: Mapping[str, tuple[Document, etree._Element]]) -> str:
    target = node.get("calledElement")
    if not target:
        raise element_error(doc, node, "call activity without calledElement")
    if target not in processes:
        raise element_error(doc, node, f"call activity calls process {target!r}, which is not in the bundle")
    target_doc, target_process = processes[target]
    if start_kind_of(target_doc, target_process)[0] != "none":
        raise element_error(doc, node, f"call activity calls process {target!r}, which has no none start event")
    return target


def _check_user_task(doc: Document, node: etree._Element) -> None:
    properties = spiff_properties(node)
    if not properties.get("formKey", "").strip():
        raise element_error(doc, node, "user task without a formKey property")
    priority = properties.get("priority")
    if priority is not None and (not priority.strip().isdigit() or not 1 <= int(priority) <= 5):
        raise element_error(doc, node, f"priority must be an integer from 1 (high) to 5 (low), not {priority!r}")
    for name in ("dueIn", "followUpIn"):
        value = properties.get(name)
        if value is not None and not ISO_DURATION.fullmatch(value.strip()):
            raise element_error(doc, node, f"{name} must be an ISO 8601 duration such as P3D or PT4H, not {value!r}")


def start_kind_of(doc: Document, process: etree._Element) -> tuple[Literal["none", "message"], frozenset[str]]:
    starts = [child for child in process if local(child) == "startEvent"]
    none_starts, messages = [], set()
    for start in starts:
        definition = event_definition(start)
        if definition is None:
            none_starts.append(start)
        elif local(definition) == "messageEventDefinition":
            messages.add(message_name(doc, start))
        else:
            raise element_error(doc, start, f"start events must be none or message starts, not {local(definition)}")
    where = {"file": doc.name, "element_id": process.get("id"), "line": process.sourceline}
    if not starts:
        raise DeployError("process has no start event", **where)
    if none_starts and messages:
        raise DeployError("process has both a none start event and message start events", **where)
    if len(none_starts) > 1:
        raise DeployError("process has more than one none start event", **where)
    return ("message", frozenset(messages)) if messages else ("none", frozenset())
