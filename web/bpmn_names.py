"""Names of BPMN elements and the youth-lane milestones of a definition, read from its files."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from engine import Engine

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
YOUTH_LANE = "lane_youth"
MILESTONE_TAGS = {"intermediateThrowEvent"}


@dataclass(frozen=True)
class DefinitionLabels:
    names: dict[str, str]
    milestones: frozenset[str]
    lanes: frozenset[str]  # lane ids without the `lane_` prefix, i.e. the candidate groups


def read_labels(files: Mapping[str, bytes]) -> DefinitionLabels:
    names: dict[str, str] = {}
    milestones: set[str] = set()
    lanes: set[str] = set()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for file_name, content in files.items():
        if not file_name.endswith(".bpmn"):
            continue
        root = etree.fromstring(content, parser)
        for element in root.iter(f"{{{BPMN_NS}}}*"):
            element_id, name = element.get("id"), element.get("name")
            if element_id and name:
                names[element_id] = " ".join(name.split())
        lanes.update(lane.get("id", "").removeprefix("lane_") for lane in root.iter(f"{{{BPMN_NS}}}lane"))
        youth_nodes = {
            ref.text.strip()
            for lane in root.iter(f"{{{BPMN_NS}}}lane")
            if lane.get("id", "").startswith(YOUTH_LANE)
            for ref in lane.iter(f"{{{BPMN_NS}}}flowNodeRef")
            if ref.text
        }
        for element in root.iter(f"{{{BPMN_NS}}}*"):
            if etree.QName(element).localname in MILESTONE_TAGS and element.get("id") in youth_nodes:
                milestones.add(element.get("id"))
    return DefinitionLabels(names=names, milestones=frozenset(milestones), lanes=frozenset(lanes))


@lru_cache(maxsize=256)
def _labels_of_definition(engine: Engine, definition_id: str) -> DefinitionLabels:
    return read_labels(engine.definition_files(definition_id))


def definition_labels(engine: Engine, definition_id: str) -> DefinitionLabels:
    """Definitions are immutable, so the files of one definition id are read and parsed once."""
    return _labels_of_definition(engine, definition_id)
