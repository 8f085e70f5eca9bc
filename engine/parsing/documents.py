"""Safe reading of the bundle's files: one ``Document`` per file, never anything lxml should not do.

A file over ``MAX_FILE_BYTES`` is refused; a DOCTYPE or entity declaration is rejected outright, by a scan of
the bytes and again after parsing; lxml parses with entity resolution, DTD loading and network access off.
The root element decides whether the file is BPMN or DMN (and which DMN version). A document knows its
``bpmn:message`` names; ``element_error`` is the DeployError naming one of its elements.
"""
from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from lxml import etree
from SpiffWorkflow.dmn.parser.BpmnDmnParser import SCHEMAS as DMN_SCHEMAS

from engine.errors import DeployError
from engine.parsing.elements import BPMN_NS, event_definition, local, owner_id, xpath

MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class Document:
    name: str
    data: bytes
    root: etree._Element
    kind: Literal["bpmn", "dmn"]
    messages: Mapping[str, str | None]  # bpmn:message id -> name


def read_documents(files: list[tuple[str, bytes]]) -> list[Document]:
    seen: set[str] = set()
    documents = []
    for name, data in files:
        if name in seen:
            raise DeployError("the bundle contains this file name twice", file=name)
        seen.add(name)
        documents.append(_read_document(name, data))
    return documents


def _read_document(name: str, data: bytes) -> Document:
    root = parse_xml(name, data)
    kind = _kind_of(name, root)
    messages = {message.get("id"): message.get("name")
                for message in xpath(root, "bpmn:message")} if kind == "bpmn" else {}
    return Document(name=name, data=data, root=root, kind=kind, messages=messages)


def parse_xml(name: str, data: bytes) -> etree._Element:
    """The one way the engine and the rooms above it read XML: size limit, no DOCTYPE or entity declaration
    (by a scan of the bytes and again after parsing), no entity resolution, DTD loading or network."""
    if len(data) > MAX_FILE_BYTES:
        raise DeployError(f"the file has {len(data)} bytes; the limit is {MAX_FILE_BYTES}", file=name)
    text = _as_text(data)
    for marker in ("<!DOCTYPE", "<!ENTITY"):
        position = text.find(marker)
        if position >= 0:
            raise DeployError("DOCTYPE and entity declarations are not allowed", file=name,
                              line=text.count("\n", 0, position) + 1)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise DeployError(f"malformed XML: {err.msg}", file=name, line=err.lineno) from err
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DeployError("DOCTYPE and entity declarations are not allowed", file=name, line=1)
    return root


def _as_text(data: bytes) -> str:
    """The document as text for the DOCTYPE scan: UTF-16/32 by byte-order mark, else Latin-1, which maps
    every byte and keeps ASCII markers in place for UTF-8 and all ASCII-compatible encodings."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    return data.decode("latin-1")


def _kind_of(name: str, root: etree._Element) -> Literal["bpmn", "dmn"]:
    qname = etree.QName(root)
    if qname.localname == "definitions" and qname.namespace == BPMN_NS:
        return "bpmn"
    if qname.localname == "definitions" and qname.namespace in DMN_SCHEMAS:
        return "dmn"
    if qname.localname == "definitions" and "/DMN/" in (qname.namespace or ""):
        raise DeployError(f"unsupported DMN version (namespace {qname.namespace}); save it as DMN 1.1, 1.2 or 1.3",
                          file=name, line=root.sourceline)
    raise DeployError(f"neither a BPMN nor a DMN file (root element {root.tag})", file=name,
                      line=root.sourceline)


def message_name(doc: Document, node: etree._Element) -> str | None:
    """Name of the message an event or send/receive task refers to; DeployError if it cannot be found."""
    definition = event_definition(node)
    if local(node) in ("sendTask", "receiveTask"):
        ref = node.get("messageRef")
        carrier = node
    elif definition is not None and local(definition) == "messageEventDefinition":
        ref = definition.get("messageRef")
        carrier = definition
    else:
        return None
    if not ref:
        raise element_error(doc, carrier, "message event without messageRef")
    if ref not in doc.messages:
        raise element_error(doc, carrier, f"messageRef {ref!r} names no bpmn:message of this file")
    if not doc.messages[ref]:
        raise element_error(doc, carrier, f"message {ref!r} has no name")
    return doc.messages[ref]


def element_error(doc: Document, element: etree._Element, message: str) -> DeployError:
    return DeployError(message, file=doc.name, element_id=owner_id(element), line=element.sourceline)
