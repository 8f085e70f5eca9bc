"""Conformance: token-based replay fitness of the exported log against the process model, computed by
pm4py on the Petri net it derives from the BPMN.

Activities are matched by element id, not by name (names repeat: a boundary timer and the end event after
it are often both «Просрочено»). pm4py's BPMN conversion only knows tasks, start/end events and
exclusive/parallel/inclusive gateways; other elements would cut the net apart. The model is therefore
normalised first: intermediate events, call activities and sub-processes become tasks (a sub-process's
inner elements are not part of the top-level net, and the replay ignores log events of elements the net
does not know), event-based and complex gateways become exclusive ones. An interrupting boundary event
becomes a task that is an alternative to its activity; a non-interrupting one is dropped with the path
only it leads to, so those side paths neither help nor hurt the fitness.
"""
from __future__ import annotations

import contextlib
import copy
import io
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.audit.export import collect_traces
from engine.errors import NotFound
from engine.parsing.documents import parse_xml
from engine.parsing.elements import BPMN_NS as BPMN
from engine.parsing.elements import FLOW_NODE_TYPES, local
from engine.specs import definition_files
from engine.store.models import ProcessDefinition

AS_TASK = ("intermediateCatchEvent", "intermediateThrowEvent", "callActivity", "subProcess", "transaction",
           "adHocSubProcess", "boundaryEvent")
AS_EXCLUSIVE = ("eventBasedGateway", "complexGateway")
KEEP = FLOW_NODE_TYPES | {"sequenceFlow"}


@dataclass(frozen=True)
class ConformanceReport:
    process_key: str
    version: int
    traces: int
    events: int
    log_fitness: float
    average_trace_fitness: float
    fitting_traces_percent: float

    def summary(self) -> str:
        return (f"{self.process_key} v{self.version}: {self.traces} trace(s), {self.events} event(s); "
                f"log fitness {self.log_fitness:.3f}, average trace fitness {self.average_trace_fitness:.3f}, "
                f"{self.fitting_traces_percent:.1f}% of traces fit perfectly")


def conformance(session: Session, process_key: str, *, version: int | None = None,
                since: datetime | None = None, until: datetime | None = None) -> ConformanceReport:
    """Fitness of the completed instances of one definition version (the latest by default): a running
    instance's trace is unfinished by nature and would count as not fitting."""
    definition = _definition(session, process_key, version)
    model = normalised_process(definition_files(session, definition.id), process_key)
    rows = [(trace.instance_id, event.element_id, event.timestamp)
            for trace in collect_traces(session, process_key=process_key, since=since, until=until,
                                        definition_id=definition.id, statuses=("completed",))
            for event in trace.events]
    traces = len({row[0] for row in rows})
    if not rows:
        return ConformanceReport(process_key, definition.version, 0, 0, 1.0, 1.0, 100.0)
    fitness = _token_replay(model, rows)
    return ConformanceReport(process_key, definition.version, traces, len(rows), float(fitness["log_fitness"]),
                             float(fitness["average_trace_fitness"]), float(fitness["perc_fit_traces"]))


def _definition(session: Session, process_key: str, version: int | None) -> ProcessDefinition:
    query = select(ProcessDefinition).where(ProcessDefinition.key == process_key)
    query = query.where(ProcessDefinition.version == version) if version is not None else \
        query.order_by(ProcessDefinition.version.desc()).limit(1)
    definition = session.scalars(query).first()
    if definition is None:
        what = f"version {version} of process" if version is not None else "process"
        raise NotFound(f"{what} {process_key!r} is not deployed")
    return definition


def normalised_process(files: dict[str, bytes], process_key: str) -> etree._Element:
    """A <definitions> holding only the process, rewritten into what pm4py's converter understands."""
    for name in sorted(files):
        if not name.endswith(".bpmn"):
            continue
        root = parse_xml(name, files[name])
        for process in root.iterchildren(f"{{{BPMN}}}process"):
            if process.get("id") == process_key:
                return _rewrite(copy.deepcopy(process))
    raise NotFound(f"process {process_key!r} is not in the files of its definition")


def _rewrite(process: etree._Element) -> etree._Element:
    definitions = etree.Element(f"{{{BPMN}}}definitions", nsmap={"bpmn": BPMN})
    definitions.append(process)
    for child in list(process):
        if local(child) not in KEEP:
            process.remove(child)
    for ref in process.iter(f"{{{BPMN}}}incoming", f"{{{BPMN}}}outgoing"):
        ref.getparent().remove(ref)
    boundaries = list(process.iterchildren(f"{{{BPMN}}}boundaryEvent"))
    _drop_paths(process, [b.get("id", "") for b in boundaries if b.get("cancelActivity") == "false"])
    _alternatives_before(process, [b for b in boundaries if b.get("cancelActivity") != "false"])
    for child in process:
        kind = etree.QName(child).localname
        if kind in AS_TASK:
            _as_task(child)
        elif kind in AS_EXCLUSIVE:
            child.tag = f"{{{BPMN}}}exclusiveGateway"
        if etree.QName(child).localname.lower().endswith("task"):
            child.set("name", child.get("id", ""))
    return definitions


def _flows(process: etree._Element) -> list[etree._Element]:
    return list(process.iterchildren(f"{{{BPMN}}}sequenceFlow"))


def _drop_paths(process: etree._Element, starts: list[str]) -> None:
    """Remove non-interrupting boundary events and what only they lead to; the replay then ignores
    those side paths' log events instead of misjudging them."""
    removed = set(starts)
    grew = True
    while grew:
        grew = False
        for flow in _flows(process):
            target = flow.get("targetRef", "")
            if flow.get("sourceRef") in removed and target not in removed and all(
                    other.get("sourceRef") in removed for other in _flows(process)
                    if other.get("targetRef") == target):
                removed.add(target)
                grew = True
    for child in list(process):
        if child.get("id") in removed or child.get("sourceRef") in removed or child.get("targetRef") in removed:
            process.remove(child)


def _alternatives_before(process: etree._Element, boundaries: list[etree._Element]) -> None:
    """An interrupting boundary event replaces its activity: an exclusive choice in front of the activity
    leads either to it or to the boundary path."""
    by_activity: dict[str, list[str]] = {}
    for boundary in boundaries:
        by_activity.setdefault(boundary.get("attachedToRef", ""), []).append(boundary.get("id", ""))
    for activity, boundary_ids in by_activity.items():
        choice = f"choice_before_{activity}"
        for flow in _flows(process):
            if flow.get("targetRef") == activity:
                flow.set("targetRef", choice)
        etree.SubElement(process, f"{{{BPMN}}}exclusiveGateway", id=choice)
        for target in [activity, *boundary_ids]:
            etree.SubElement(process, f"{{{BPMN}}}sequenceFlow", id=f"{choice}_to_{target}", sourceRef=choice,
                             targetRef=target)


def _as_task(element: etree._Element) -> None:
    for inner in list(element):
        element.remove(inner)
    for attribute in list(element.attrib):
        if attribute not in ("id", "name"):
            del element.attrib[attribute]
    element.tag = f"{{{BPMN}}}task"


def _token_replay(model: etree._Element, rows: list[tuple[str, str, datetime]]) -> dict[str, Any]:
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        import pandas as pd
        import pm4py
        from pm4py.objects.bpmn.importer.variants.lxml import import_xml_tree_from_root

        net, initial, final = pm4py.convert_to_petri_net(import_xml_tree_from_root(model))
        frame = pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp"])
        return pm4py.fitness_token_based_replay(frame, net, initial, final)
