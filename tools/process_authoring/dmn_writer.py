"""Writes one decision table per DMN 1.3 file (SpiffWorkflow reads one decision per file; cells are Python)."""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/"
DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/"
DC = "http://www.omg.org/spec/DMN/20180521/DC/"


@dataclass
class Column:
    label: str
    expression: str
    type_ref: str


@dataclass
class Rule:
    inputs: list[str]
    outputs: list[str]
    note: str


@dataclass
class Decision:
    id: str
    name: str
    file: str
    hit_policy: str
    inputs: list[Column]
    outputs: list[Column]
    rules: list[Rule]
    documentation: str = ""


def render_decision(decision: Decision) -> bytes:
    root = etree.Element(f"{{{DMN}}}definitions", nsmap={None: DMN, "dmndi": DMNDI, "dc": DC})
    root.set("id", f"definitions_{decision.id}")
    root.set("name", decision.name)
    root.set("namespace", "http://profroute.example/decisions")
    el = etree.SubElement(root, f"{{{DMN}}}decision", id=decision.id, name=decision.name)
    if decision.documentation:
        etree.SubElement(el, f"{{{DMN}}}description").text = decision.documentation
    table = etree.SubElement(el, f"{{{DMN}}}decisionTable", id=f"{decision.id}_table",
                             hitPolicy=decision.hit_policy)
    for index, column in enumerate(decision.inputs):
        input_el = etree.SubElement(table, f"{{{DMN}}}input", id=f"{decision.id}_input_{index}",
                                    label=column.label)
        expression = etree.SubElement(input_el, f"{{{DMN}}}inputExpression",
                                      id=f"{decision.id}_input_expression_{index}", typeRef=column.type_ref)
        etree.SubElement(expression, f"{{{DMN}}}text").text = column.expression
    for index, column in enumerate(decision.outputs):
        etree.SubElement(table, f"{{{DMN}}}output", id=f"{decision.id}_output_{index}", label=column.label,
                         name=column.expression, typeRef=column.type_ref)
    for number, rule in enumerate(decision.rules, start=1):
        rule_el = etree.SubElement(table, f"{{{DMN}}}rule", id=f"{decision.id}_rule_{number}")
        etree.SubElement(rule_el, f"{{{DMN}}}description").text = rule.note
        for index, cell in enumerate(rule.inputs):
            entry = etree.SubElement(rule_el, f"{{{DMN}}}inputEntry", id=f"{decision.id}_rule_{number}_in_{index}")
            etree.SubElement(entry, f"{{{DMN}}}text").text = cell
        for index, cell in enumerate(rule.outputs):
            entry = etree.SubElement(rule_el, f"{{{DMN}}}outputEntry",
                                     id=f"{decision.id}_rule_{number}_out_{index}")
            etree.SubElement(entry, f"{{{DMN}}}text").text = cell
    di = etree.SubElement(root, f"{{{DMNDI}}}DMNDI")
    diagram = etree.SubElement(di, f"{{{DMNDI}}}DMNDiagram", id=f"{decision.id}_diagram")
    shape = etree.SubElement(diagram, f"{{{DMNDI}}}DMNShape", id=f"{decision.id}_shape",
                             dmnElementRef=decision.id)
    etree.SubElement(shape, f"{{{DC}}}Bounds", height="80", width="180", x="160", y="100")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
