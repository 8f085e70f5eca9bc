"""What the auditors' tools need to know about a definition version's elements: names, kinds and which
sequence flow joins two elements. Read from the stored BPMN files with a parser that refuses DTDs."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
GATEWAYS = frozenset({"exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway",
                      "complexGateway"})
FLOW_NODES = frozenset({"task", "userTask", "serviceTask", "scriptTask", "businessRuleTask", "sendTask",
                        "receiveTask", "manualTask", "callActivity", "subProcess", "transaction",
                        "adHocSubProcess", "startEvent", "endEvent", "intermediateCatchEvent",
                        "intermediateThrowEvent", "boundaryEvent"}) | GATEWAYS


class UnsafeXml(ValueError):
    pass


def parse_xml(name: str, data: bytes) -> etree._Element:
    if b"<!DOCTYPE" in data:
        raise UnsafeXml(f"{name}: DOCTYPE declarations are not allowed")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnsafeXml(f"{name}: not well-formed XML: {exc}") from exc
    if root.getroottree().docinfo.doctype:
        raise UnsafeXml(f"{name}: DOCTYPE declarations are not allowed")
    return root


@dataclass(frozen=True)
class ElementIndex:
    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    flows: dict[tuple[str, str], str] = field(default_factory=dict)
    processes: dict[str, str] = field(default_factory=dict)
    """element id -> id of the process it belongs to; process id -> its name under `names`"""

    @classmethod
    def from_files(cls, files: Mapping[str, bytes]) -> ElementIndex:
        index = cls()
        for file_name in sorted(files):
            if file_name.endswith(".bpmn"):
                for process in parse_xml(file_name, files[file_name]).iterchildren(f"{{{BPMN}}}process"):
                    index._add_process(process)
        return index

    def _add_process(self, process: etree._Element) -> None:
        process_id = process.get("id", "")
        self.names[process_id] = " ".join((process.get("name") or "").split()) or process_id
        for element in process.iter(f"{{{BPMN}}}*"):
            kind = etree.QName(element).localname
            element_id = element.get("id")
            if element_id is None:
                continue
            if kind in FLOW_NODES:
                self.kinds[element_id] = kind
                self.names[element_id] = " ".join((element.get("name") or "").split()) or element_id
                self.processes.setdefault(element_id, process_id)
            elif kind == "sequenceFlow":
                self.flows.setdefault((element.get("sourceRef", ""), element.get("targetRef", "")), element_id)

    def processes_run(self, element_ids: set[str]) -> list[str]:
        """Ids of the processes these elements belong to, sorted."""
        return sorted({self.processes[element_id] for element_id in element_ids if element_id in self.processes})

    def name(self, element_id: str | None) -> str:
        if element_id is None:
            return ""
        return self.names.get(element_id, element_id)

    def is_gateway(self, element_id: str) -> bool:
        return self.kinds.get(element_id) in GATEWAYS
