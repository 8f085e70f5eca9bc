"""What the diagram drawing reads from the BPMN files: the namespaces, the element kinds, boxes from the
BPMNDI layout, and the plane that shows a process (the files read by the engine's hardened XML parser)."""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from engine.errors import DeployError
from engine.parsing.documents import parse_xml

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
SVG = "http://www.w3.org/2000/svg"

TASKS = {"task", "userTask", "serviceTask", "scriptTask", "businessRuleTask", "sendTask", "receiveTask",
         "manualTask", "callActivity", "subProcess", "transaction", "adHocSubProcess"}
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
GATEWAYS = {"exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"}
DATA = {"dataObjectReference", "dataStoreReference", "dataInput", "dataOutput"}
LAYERS = ("pools", "lanes", "containers", "edges", "nodes", "boundary", "notes", "groups", "messages",
          "labels")


class DiagramError(ValueError):
    """The files cannot be drawn: unsafe or malformed XML, an unknown process, or no layout."""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class Located:
    definitions: etree._Element
    plane: etree._Element
    title: str


def parse_file(name: str, data: bytes) -> etree._Element:
    try:
        return parse_xml(name, data)
    except DeployError as exc:
        raise DiagramError(str(exc)) from exc


def locate(files: Mapping[str, bytes], process_key: str) -> Located:
    for name in sorted(files):
        root = parse_file(name, files[name])
        if root.tag != f"{{{BPMN}}}definitions":
            continue
        process = next((p for p in root.iterchildren(f"{{{BPMN}}}process") if p.get("id") == process_key),
                       None)
        if process is None:
            continue
        title = process.get("name")
        owners = {process_key}
        for participant in root.iter(f"{{{BPMN}}}participant"):
            if participant.get("processRef") == process_key:
                owners.add(participant.getparent().get("id", ""))
                title = title or participant.get("name")
        for plane in root.iter(f"{{{BPMNDI}}}BPMNPlane"):
            if plane.get("bpmnElement") in owners:
                return Located(root, plane, title or process_key)
        raise DiagramError(f"{name}: process {process_key!r} has no diagram layout (BPMNDI plane)")
    raise DiagramError(f"process {process_key!r} is not defined in the given files")


def bounds_of(di: etree._Element) -> Box | None:
    bounds = di.find(f"{{{DC}}}Bounds")
    if bounds is None:
        return None
    return Box(*(coordinate(bounds, attr) for attr in ("x", "y", "width", "height")))


def coordinate(element: etree._Element, attribute: str) -> float:
    value = element.get(attribute, "0")
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        owner = element.getparent()
        name = owner.get("id") if owner is not None else None
        raise DiagramError(f"diagram element {name!r}: {attribute}={value!r} is not a finite number")
    return number


def label_bounds_of(di: etree._Element) -> Box | None:
    label = di.find(f"{{{BPMNDI}}}BPMNLabel")
    return None if label is None else bounds_of(label)


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname
