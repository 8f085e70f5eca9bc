"""What changed between two versions of a process, read from their files on the server (the diagrams'
colours come from bpmn-js-differ in the browser; this list is the text the page shows and tests read).

BPMN: every element with an id under the process (flow nodes, sequence flows, boundary events) is compared
by id: added, removed, changed (which properties, before and after) and moved (its shape's place or its
edge's path in the diagram). An element's properties are its attributes and the text of what it contains
(extension properties, service parameters, timer expressions, scripts, conditions), each under a readable
path. DMN: the rules of each decision table, compared row by row by rule id."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from engine.parsing.documents import parse_xml

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DMN_TAG = "definitions"
_SKIPPED = {"incoming", "outgoing", "flowNodeRef"}
_CONTAINERS = {"process", "subProcess", "laneSet", "lane", "extensionElements", "properties", "parameters"}
"""Wrappers: their content counts, they themselves are no property."""


@dataclass(frozen=True)
class PropertyChange:
    name: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class ElementChange:
    element_id: str
    kind: str
    """element kind (``userTask``, ``sequenceFlow``...)"""
    change: str
    """added, removed, changed or moved"""
    properties: tuple[PropertyChange, ...] = ()


@dataclass(frozen=True)
class RuleChange:
    table: str
    """the decision's name (its id when unnamed)"""
    row: int
    """the rule's row number, in the new table (the old one for a removed rule)"""
    change: str
    cells: tuple[PropertyChange, ...] = field(default_factory=tuple)


def bpmn_changes(old: bytes, new: bytes, process_key: str) -> list[ElementChange]:
    before, after = _elements(old, process_key), _elements(new, process_key)
    old_places, new_places = _places(old), _places(new)
    changes = []
    for element_id in [*before, *(element_id for element_id in after if element_id not in before)]:
        if element_id not in after:
            changes.append(ElementChange(element_id, before[element_id][0], "removed"))
        elif element_id not in before:
            changes.append(ElementChange(element_id, after[element_id][0], "added"))
        else:
            properties = _differences(before[element_id][1], after[element_id][1])
            if properties:
                changes.append(ElementChange(element_id, after[element_id][0], "changed", properties))
            elif old_places.get(element_id) != new_places.get(element_id):
                changes.append(ElementChange(element_id, after[element_id][0], "moved"))
    return changes


def dmn_changes(old: bytes, new: bytes) -> list[RuleChange]:
    before, after = _rules(old), _rules(new)
    changes = []
    for table, new_rules in after.items():
        old_rules = before.get(table, {})
        for row, (rule_id, cells) in enumerate(new_rules.items(), start=1):
            if rule_id not in old_rules:
                changes.append(RuleChange(table, row, "added"))
            elif differences := _differences(old_rules[rule_id], cells):
                changes.append(RuleChange(table, row, "changed", differences))
        for row, rule_id in enumerate(old_rules, start=1):
            if rule_id not in new_rules:
                changes.append(RuleChange(table, row, "removed"))
    return changes


def _elements(data: bytes, process_key: str) -> dict[str, tuple[str, dict[str, str]]]:
    """Element id -> (kind, properties) of every element of the process and of its sub-processes."""
    root = parse_xml("diagram.bpmn", data)
    process = next((node for node in root.iter(f"{{{BPMN}}}process") if node.get("id") == process_key), None)
    found: dict[str, tuple[str, dict[str, str]]] = {}
    containers = [process] if process is not None else []
    while containers:
        for node in containers.pop():
            if not isinstance(node.tag, str) or not node.get("id") or etree.QName(node).namespace != BPMN:
                continue
            tag = etree.QName(node).localname
            if tag in _CONTAINERS and tag != "subProcess":
                continue
            found[node.get("id")] = (tag, _properties(node))
            if tag == "subProcess":
                containers.append(node)
    return found


def _properties(node: etree._Element) -> dict[str, str]:
    values = {name: value for name, value in node.attrib.items() if name != "id"}
    _collect(node, values)
    return values


def _collect(node: etree._Element, values: dict[str, str]) -> None:
    """The text and attributes of what the element contains, under readable paths (not its own flow
    elements, which a sub-process lists as elements of their own)."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        tag = etree.QName(child).localname
        if tag in _SKIPPED or node.tag == f"{{{BPMN}}}subProcess" and child.get("id") and tag != "extensionElements":
            continue
        if tag in _CONTAINERS or tag.endswith("EventDefinition") and not len(child):
            if tag.endswith("EventDefinition"):
                values["event"] = tag
            _collect(child, values)
            continue
        key = child.get("name") or (child.get("id") if tag == "parameter" else None) or tag
        path = key if tag == "property" else f"{tag}:{key}" if key != tag else tag
        named_by = {"property": ("id", "name", "value"), "parameter": ("id",)}.get(
            tag, ("id",) if etree.QName(child).namespace == BPMN else ())
        for name, value in child.attrib.items():
            if name not in named_by:
                values[f"{path}@{name}"] = value
        if tag == "property":
            values[path] = child.get("value", "")
        elif child.text and child.text.strip():
            values[path] = child.text.strip()
        if tag.endswith("EventDefinition"):
            values["event"] = tag
        _collect(child, values)


def _places(data: bytes) -> dict[str, tuple[float, ...]]:
    root = parse_xml("diagram.bpmn", data)
    places: dict[str, tuple[float, ...]] = {}
    for shape in root.iter(f"{{{BPMNDI}}}BPMNShape", f"{{{BPMNDI}}}BPMNEdge"):
        numbers = [float(node.get(axis, 0)) for node in shape if isinstance(node.tag, str)
                   and etree.QName(node).localname in ("Bounds", "waypoint") for axis in ("x", "y")]
        places[shape.get("bpmnElement", "")] = tuple(numbers)
    return places


def _rules(data: bytes) -> dict[str, dict[str, dict[str, str]]]:
    """Decision name -> rule id -> {column label: cell text} for every decision table of a DMN file."""
    root = parse_xml("decision.dmn", data)
    namespace = etree.QName(root).namespace
    tables: dict[str, dict[str, dict[str, str]]] = {}
    for decision in root.iter(f"{{{namespace}}}decision"):
        table = decision.find(f"{{{namespace}}}decisionTable")
        if table is None:
            continue
        inputs = [column.get("label") or _text(column, namespace, "inputExpression/{ns}text") or column.get("id")
                  for column in table.findall(f"{{{namespace}}}input")]
        outputs = [column.get("label") or column.get("name") or column.get("id")
                   for column in table.findall(f"{{{namespace}}}output")]
        rules = {}
        for rule in table.findall(f"{{{namespace}}}rule"):
            cells = [_text(entry, namespace, "text") or "" for entry in rule
                     if etree.QName(entry).localname in ("inputEntry", "outputEntry")]
            rules[rule.get("id")] = dict(zip([*inputs, *outputs], cells, strict=False))
        tables[decision.get("name") or decision.get("id")] = rules
    return tables


def _text(node: etree._Element, namespace: str, path: str) -> str | None:
    found = node.find(f"{{{namespace}}}" + path.replace("/{ns}", f"/{{{namespace}}}"))
    return found.text.strip() if found is not None and found.text else None


def _differences(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[PropertyChange, ...]:
    names = [*before, *(name for name in after if name not in before)]
    return tuple(PropertyChange(name, before.get(name), after.get(name)) for name in names
                 if before.get(name) != after.get(name))
