"""Small lxml accessors for BPMN elements: namespaces, local names, ids, flow nodes, event definitions and
the spiffworkflow extension elements (properties, texts, the service task operator)."""
from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"

GATEWAY_TYPES = frozenset({
    "exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway",
})
FLOW_NODE_TYPES = frozenset({
    "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
    "task", "userTask", "manualTask", "scriptTask", "serviceTask", "businessRuleTask", "sendTask",
    "receiveTask", "callActivity", "subProcess", "transaction", "adHocSubProcess",
}) | GATEWAY_TYPES


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def xpath(element: etree._Element, path: str) -> list[etree._Element]:
    return element.xpath(path, namespaces={"bpmn": BPMN_NS, "spiff": SPIFF_NS})


def owner_id(element: etree._Element) -> str | None:
    """The id of the element itself or of its nearest ancestor that has one (spiffworkflow extension
    elements use ``id`` for other things, e.g. the operation name, so they are skipped)."""
    current: etree._Element | None = element
    while current is not None:
        if current.get("id") and etree.QName(current).namespace != SPIFF_NS:
            return current.get("id")
        current = current.getparent()
    return None


def flow_nodes(process: etree._Element) -> Iterator[etree._Element]:
    for element in process.iter():
        if local(element) in FLOW_NODE_TYPES and etree.QName(element).namespace == BPMN_NS:
            yield element


def spiff_properties(node: etree._Element) -> dict[str, str]:
    return {prop.get("name"): prop.get("value", "")
            for prop in xpath(node, "bpmn:extensionElements/spiff:properties/spiff:property")}


def spiff_text(node: etree._Element, tag: str) -> str | None:
    found = xpath(node, f"bpmn:extensionElements/spiff:{tag}")
    return found[0].text.strip() if found and found[0].text else None


def service_operator(node: etree._Element) -> etree._Element | None:
    found = xpath(node, "bpmn:extensionElements/spiff:serviceTaskOperator")
    return found[0] if found else None


def event_definition(node: etree._Element) -> etree._Element | None:
    for child in node:
        if local(child).endswith("EventDefinition"):
            return child
    return None


def event_kind(definition: etree._Element | None) -> str | None:
    return local(definition).removesuffix("EventDefinition") if definition is not None else None
