"""Structural validity of each file: its BPMN or DMN XSD, and element ids SpiffWorkflow can tell apart."""
from __future__ import annotations

from functools import cache

from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnValidator
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.dmn.parser.BpmnDmnParser import SCHEMAS as DMN_SCHEMAS
from SpiffWorkflow.spiff.parser import VALIDATOR

from engine.errors import DeployError
from engine.parsing.documents import Document
from engine.parsing.elements import FLOW_NODE_TYPES, SPIFF_NS, local, owner_id


@cache
def _dmn_validator(namespace: str) -> BpmnValidator:
    return BpmnValidator(DMN_SCHEMAS[namespace])


def validate_schema(doc: Document) -> None:
    validator = VALIDATOR if doc.kind == "bpmn" else _dmn_validator(etree.QName(doc.root).namespace)
    try:
        validator.validate(doc.root, doc.name)
    except ValidationException as err:
        line = err.line_number if isinstance(err.line_number, int) else None
        raise DeployError(f"not valid {doc.kind.upper()}: {first_line(err)}", file=doc.name,
                          element_id=_element_id_at_line(doc.root, line), line=line) from err


def check_unique_ids(doc: Document) -> None:
    """Element ids are unique in a file, and no spiffworkflow extension element (service parameter,
    operator) reuses the id of a flow node: SpiffWorkflow indexes every ``@id`` of a process and finds the
    target of a sequence flow by id, so a parameter ``id="score"`` would shadow a task ``id="score"``.
    Extension elements may share ids among themselves (two tasks passing ``person_id``)."""
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
        if local(element) in FLOW_NODE_TYPES:
            flow_nodes.add(element_id)
    for extension in extensions:
        element_id = extension.get("id")
        if element_id in flow_nodes:
            raise DeployError(f"{local(extension)} id {element_id!r} is also the id of the flow node on line "
                              f"{element_lines[element_id]}; rename one of them", file=doc.name,
                              element_id=owner_id(extension), line=extension.sourceline)


def first_line(err: Exception) -> str:
    text = err.args[0] if err.args else str(err)
    return str(text).splitlines()[0] if text else type(err).__name__


def _element_id_at_line(root: etree._Element, line: int | None) -> str | None:
    """The id of the first element starting on ``line``, or of the element that contains it."""
    if line is None:
        return None
    for element in root.iter():
        if element.sourceline == line and isinstance(element.tag, str):
            return owner_id(element)
    return None
