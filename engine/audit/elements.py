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

    @classmethod
    def from_files(cls, files: Mapping[str, bytes]) -> ElementIndex:
        names: dict[str, str] = {}
        kinds: dict[str, str] = {}
        flows: dict[tuple[str, str], str] = {}
        for file_name in sorted(files):
            if not file_name.endswith(".bpmn"):
                continue
            for element in parse_xml(file_name, files[file_name]).iter(f"{{{BPMN}}}*"):
                kind = etree.QName(element).localname
                element_id = element.get("id")
                if element_id is None:
                    continue
                if kind in FLOW_NODES:
                    kinds[element_id] = kind
                    names[element_id] = " ".join((element.get("name") or "").split()) or element_id
                elif kind == "sequenceFlow":
                    flows.setdefault((element.get("sourceRef", ""), element.get("targetRef", "")), element_id)
        return cls(names, kinds, flows)

    def name(self, element_id: str | None) -> str:
        if element_id is None:
            return ""
        return self.names.get(element_id, element_id)

    def is_gateway(self, element_id: str) -> bool:
        return self.kinds.get(element_id) in GATEWAYS
