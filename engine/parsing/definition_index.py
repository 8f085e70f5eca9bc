"""What the people who look at a definition version need to know about its elements (labels, kinds,
lanes, milestones, which flow joins two elements, which process an element belongs to), read with the
same hardened reader and element index the deployment uses."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from engine.parsing.documents import read_documents
from engine.parsing.elements import GATEWAY_TYPES, xpath
from engine.parsing.index import element_index


@dataclass(frozen=True)
class DefinitionIndex:
    names: dict[str, str] = field(default_factory=dict)
    """flow node or process id -> its label with whitespace collapsed (the id when it has none)"""
    kinds: dict[str, str] = field(default_factory=dict)
    """flow node id -> BPMN element name (``userTask``, ``exclusiveGateway``, ...)"""
    flows: dict[tuple[str, str], str] = field(default_factory=dict)
    """(source, target) -> id of the sequence flow joining them"""
    processes: dict[str, str] = field(default_factory=dict)
    """flow node id -> id of the process it belongs to"""
    lanes: frozenset[str] = frozenset()
    """candidate groups of the lanes (lane ids without the ``lane_`` prefix)"""
    milestones: frozenset[str] = frozenset()
    """ids of the milestone events the diagrams declare"""
    files: dict[str, str] = field(default_factory=dict)
    """process id -> name of the BPMN file that defines it (and holds its diagram)"""

    def name(self, element_id: str | None) -> str:
        if element_id is None:
            return ""
        return self.names.get(element_id, element_id)

    def is_gateway(self, element_id: str) -> bool:
        return self.kinds.get(element_id) in GATEWAY_TYPES

    def processes_run(self, element_ids: set[str]) -> list[str]:
        """Ids of the processes these elements belong to, sorted."""
        return sorted({self.processes[element_id] for element_id in element_ids if element_id in self.processes})


def definition_index(files: Mapping[str, bytes]) -> DefinitionIndex:
    """The index of every process in the BPMN files of one definition version (DMN files are skipped)."""
    index = DefinitionIndex()
    lanes: set[str] = set()
    milestones: set[str] = set()
    for doc in read_documents(sorted(files.items())):
        if doc.kind != "bpmn":
            continue
        for process in xpath(doc.root, "bpmn:process"):
            process_id = process.get("id", "")
            index.files[process_id] = doc.name
            index.names[process_id] = _label(process.get("name")) or process_id
            lanes.update(lane.get("id", "").removeprefix("lane_") for lane in xpath(process, ".//bpmn:lane"))
            elements = element_index(doc, process)
            for node in elements.nodes.values():
                index.names[node.id] = _label(node.name) or node.id
                index.kinds[node.id] = node.type
                index.processes.setdefault(node.id, process_id)
                if node.milestone:
                    milestones.add(node.id)
            for flow in elements.flows.values():
                index.flows.setdefault((flow.source, flow.target), flow.id)
    return DefinitionIndex(names=index.names, kinds=index.kinds, flows=index.flows, processes=index.processes,
                           lanes=frozenset(lanes), milestones=frozenset(milestones), files=index.files)


def _label(name: str | None) -> str:
    return " ".join((name or "").split())
