"""The element index of a process: its flow nodes as written (lanes, form keys, priorities, operators,
decisions, messages, milestones), its sequence flows and the messages it throws, catches and starts with.

Two rules are declared by the process itself, as spiffworkflow properties of the ``bpmn:process`` element:
``milestoneLane`` (the lane whose named intermediate throw events are the route's milestones) and
``correlationKeyField`` (the payload field whose value keys a thrown message that has no correlation
property of its own; without it the sending instance's business key does)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from engine.parsing.contracts import start_kind_of
from engine.parsing.documents import Document, message_name
from engine.parsing.elements import (
    event_definition,
    event_kind,
    flow_nodes,
    local,
    service_operator,
    spiff_properties,
    spiff_text,
    xpath,
)

DEFAULT_PRIORITY = 3
MILESTONE_LANE = "milestoneLane"
CORRELATION_KEY_FIELD = "correlationKeyField"
_THROWING = frozenset({"intermediateThrowEvent", "endEvent", "sendTask"})


@dataclass(frozen=True)
class FlowNodeInfo:
    """One flow node of a process as written in the diagram.

    ``type`` is the BPMN element name (``userTask``, ``exclusiveGateway``, ...). ``candidate_group`` is the
    ``candidateGroup`` property as written; ``effective_candidate_group`` applies the lane rule. ``org_key`` is
    the ``orgKey`` property as written: the entry of the route's ``org`` that scopes the task;
    ``effective_org_key`` falls back to the candidate group.
    ``event_definition`` is the kind of the event's definition (``message``, ``timer``, ``error``, ...).
    """

    id: str
    name: str | None
    type: str
    line: int | None
    lane_id: str | None = None
    lane_name: str | None = None
    form_key: str | None = None
    candidate_group: str | None = None
    org_key: str | None = None
    priority: int | None = None
    due_in: str | None = None
    follow_up_in: str | None = None
    operator: str | None = None
    decision_id: str | None = None
    called_element: str | None = None
    event_definition: str | None = None
    message_name: str | None = None
    attached_to: str | None = None
    milestone: bool = False

    @property
    def effective_candidate_group(self) -> str | None:
        """The ``candidateGroup`` property, else the lane id without its ``lane_`` prefix."""
        if self.candidate_group:
            return self.candidate_group
        if self.lane_id:
            return self.lane_id.removeprefix("lane_")
        return None

    @property
    def effective_org_key(self) -> str | None:
        """The ``orgKey`` property, else the candidate group."""
        return self.org_key or self.effective_candidate_group


@dataclass(frozen=True)
class SequenceFlowInfo:
    id: str
    name: str | None
    source: str
    target: str


@dataclass(frozen=True)
class ElementIndex:
    """Compact description of one process: its flow nodes, sequence flows and the messages it uses."""

    nodes: Mapping[str, FlowNodeInfo]
    flows: Mapping[str, SequenceFlowInfo]
    thrown_messages: frozenset[str]
    caught_messages: frozenset[str]
    start_messages: frozenset[str]
    correlation_key_field: str | None = None

    def user_tasks(self) -> list[FlowNodeInfo]:
        return [node for node in self.nodes.values() if node.type == "userTask"]


def _lanes(process: etree._Element) -> dict[str, tuple[str, str | None]]:
    """Flow node id -> (lane id, lane name); the innermost lane wins."""
    lanes: dict[str, tuple[str, str | None]] = {}
    for lane in xpath(process, ".//bpmn:lane"):
        for ref in xpath(lane, "bpmn:flowNodeRef"):
            if ref.text:
                lanes[ref.text.strip()] = (lane.get("id"), lane.get("name"))
    return lanes


def element_index(doc: Document, process: etree._Element) -> ElementIndex:
    lanes = _lanes(process)
    nodes: dict[str, FlowNodeInfo] = {}
    thrown, caught = set(), set()
    _, start_messages = start_kind_of(doc, process)
    declared = spiff_properties(process)
    milestone_lane = declared.get(MILESTONE_LANE) or None
    for node in flow_nodes(process):
        node_id = node.get("id")
        kind = local(node)
        lane_id, lane_name = _inherited_lane(node, lanes)
        properties = spiff_properties(node) if kind == "userTask" else {}
        operator = service_operator(node) if kind == "serviceTask" else None
        definition = event_definition(node)
        message = message_name(doc, node)
        if message is not None:
            if kind in _THROWING:
                thrown.add(message)
            elif not (kind == "startEvent" and node.getparent() is process):
                caught.add(message)
        nodes[node_id] = FlowNodeInfo(
            id=node_id,
            name=node.get("name"),
            type=kind,
            line=node.sourceline,
            lane_id=lane_id,
            lane_name=lane_name,
            form_key=properties.get("formKey") or None,
            candidate_group=properties.get("candidateGroup") or None,
            org_key=properties.get("orgKey") or None,
            priority=int(properties.get("priority", DEFAULT_PRIORITY)) if kind == "userTask" else None,
            due_in=properties.get("dueIn") or None,
            follow_up_in=properties.get("followUpIn") or None,
            operator=operator.get("id") if operator is not None else None,
            decision_id=spiff_text(node, "calledDecisionId") if kind == "businessRuleTask" else None,
            called_element=node.get("calledElement"),
            event_definition=event_kind(definition),
            message_name=message,
            attached_to=node.get("attachedToRef"),
            milestone=bool(milestone_lane and lane_id == milestone_lane and kind == "intermediateThrowEvent"
                           and node.get("name")),
        )
    flows = {
        flow.get("id"): SequenceFlowInfo(id=flow.get("id"), name=flow.get("name"),
                                         source=flow.get("sourceRef"), target=flow.get("targetRef"))
        for flow in xpath(process, ".//bpmn:sequenceFlow")
    }
    return ElementIndex(nodes=nodes, flows=flows, thrown_messages=frozenset(thrown),
                        caught_messages=frozenset(caught), start_messages=start_messages,
                        correlation_key_field=declared.get(CORRELATION_KEY_FIELD) or None)


def _inherited_lane(node: etree._Element, lanes: Mapping[str, tuple[str, str | None]],
                    ) -> tuple[str | None, str | None]:
    current: etree._Element | None = node
    while current is not None:
        if current.get("id") in lanes:
            return lanes[current.get("id")]
        current = current.getparent()
    return None, None
