"""The small vocabulary the process specs are written in: nodes, flows, groups, lanes, processes.

A spec says *what* a diagram contains; `layout` decides where it goes and `bpmn_writer` turns both into XML.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANE_NAMES: dict[str, str] = {
    "school": "Школа",
    "edu_org": "ПОО / ОО ВО",
    "czn": "ЦЗН (Кадровый центр «Работа России»)",
    "employer": "Работодатель",
    "youth": "Молодежь (обучающийся / выпускник)",
    "ecp": "ЕЦП «Работа в России» / цифровые платформы",
    "my_business": "Центр «Мой бизнес»",
}


@dataclass
class Node:
    id: str
    name: str
    kind: str
    lane: str
    props: dict[str, Any] = field(default_factory=dict)
    row: int | None = None


@dataclass
class Flow:
    source: str
    target: str
    name: str | None = None
    condition: str | None = None
    default: bool = False

    @property
    def id(self) -> str:
        return f"flow_{self.source}_to_{self.target}"


@dataclass
class SubProcess(Node):
    nodes: list[Node] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)


@dataclass
class Group:
    id: str
    name: str
    members: list[str]
    padding: int = 14


@dataclass
class MessageFlow:
    """A message flow between pools of one collaboration (drawn only; stages exchange real messages)."""

    id: str
    name: str
    source: str
    target: str


@dataclass
class Process:
    id: str
    name: str
    file: str
    lanes: list[str]
    nodes: list[Node]
    flows: list[Flow]
    groups: list[Group] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    executable: bool = True
    documentation: str = ""
    lane_prefix: str = "lane_"
    companions: list[Process] = field(default_factory=list)
    message_flows: list[MessageFlow] = field(default_factory=list)

    def lane_id(self, lane: str) -> str:
        return f"{self.lane_prefix}{lane}"


def start(id: str, name: str, lane: str, *, message: str | None = None) -> Node:
    return Node(id, name, "start", lane, {"message": message})


def end(id: str, name: str, lane: str, *, message: str | None = None, payload: str | None = None) -> Node:
    return Node(id, name, "end", lane, {"message": message, "payload": payload})


def milestone(id: str, name: str, lane: str = "youth", row: int | None = None) -> Node:
    return Node(id, name, "milestone", lane, row=row)


def timer(id: str, name: str, lane: str, *, date: str | None = None, duration: str | None = None) -> Node:
    return Node(id, name, "timer", lane, {"date": date, "duration": duration})


def user(id: str, name: str, lane: str, *, form: str, var: str, due_in: str | None = None,
         group: str | None = None, instructions: str | None = None, row: int | None = None) -> Node:
    return Node(id, name, "user", lane, {
        "form": form, "var": var, "due_in": due_in, "group": group, "instructions": instructions,
    }, row=row)


def service(id: str, name: str, lane: str, *, op: str, params: dict[str, str], result: str,
            post_script: str | None = None, row: int | None = None) -> Node:
    return Node(id, name, "service", lane, {"op": op, "params": params, "result": result,
                                            "post_script": post_script}, row=row)


def rule(id: str, name: str, lane: str, *, decision: str, row: int | None = None) -> Node:
    return Node(id, name, "rule", lane, {"decision": decision}, row=row)


def script(id: str, name: str, lane: str, *, code: str) -> Node:
    return Node(id, name, "script", lane, {"code": code})


def call(id: str, name: str, lane: str, *, called: str, pre_script: str | None = None,
         row: int | None = None) -> Node:
    return Node(id, name, "call", lane, {"called": called, "pre_script": pre_script}, row=row)


def xor(id: str, name: str, lane: str, row: int | None = None) -> Node:
    return Node(id, name, "xor", lane, row=row)


def parallel(id: str, name: str, lane: str, row: int | None = None) -> Node:
    return Node(id, name, "and", lane, row=row)


def boundary_timer(id: str, name: str, attached_to: str, *, date: str | None = None,
                   duration: str | None = None, interrupting: bool = True) -> Node:
    return Node(id, name, "boundary", "", {
        "attached_to": attached_to, "date": date, "duration": duration, "interrupting": interrupting,
    })


def boundary_error(id: str, name: str, attached_to: str, *, error: str) -> Node:
    return Node(id, name, "boundary", "", {"attached_to": attached_to, "error": error, "interrupting": True})


def loop(id: str, name: str, lane: str, *, nodes: list[Node], flows: list[Flow], items: str, item: str,
         output: str, output_item: str, completion: str | None = None) -> SubProcess:
    """A sequential multi-instance embedded sub-process over `items` (one child per item)."""
    return SubProcess(id, name, "sub", lane, {
        "items": items, "item": item, "output": output, "output_item": output_item, "completion": completion,
    }, nodes=nodes, flows=flows)


def flow(source: str, target: str, name: str | None = None, condition: str | None = None,
         default: bool = False) -> Flow:
    return Flow(source, target, name, condition, default)


def chain(*ids: str) -> list[Flow]:
    """Unnamed flows along a straight path."""
    return [Flow(a, b) for a, b in zip(ids, ids[1:], strict=False)]
