"""Left-to-right grid layout: a column per step along the flow, a band per lane, a row per parallel branch.

Columns come from the longest path from the start; rows are the first free row of the lane in that column
(the spec's order decides who gets row 0). Sequence flows are routed orthogonally.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from tools.process_authoring.model import Flow, Node, Process, SubProcess

COLUMN = 190
ROW = 160
POOL_X = 150
POOL_Y = 80
POOL_HEADER = 30
LANE_HEADER = 30
LEFT_MARGIN = 20
SIZES = {
    "start": (36, 36), "end": (36, 36), "milestone": (36, 36), "timer": (36, 36), "boundary": (36, 36),
    "xor": (50, 50), "and": (50, 50),
}
TASK_SIZE = (140, 100)
LABEL_LINE = 14
CHAR_WIDTH = 6.2


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

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass
class Layout:
    shapes: dict[str, Box] = field(default_factory=dict)
    labels: dict[str, Box] = field(default_factory=dict)
    edges: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    lanes: dict[str, Box] = field(default_factory=dict)
    groups: dict[str, Box] = field(default_factory=dict)
    pool: Box | None = None


def label_box(text: str, width: float = 100) -> tuple[float, float]:
    lines = max(1, math.ceil(len(text) * CHAR_WIDTH / width))
    return (min(width, len(text) * CHAR_WIDTH + 4), lines * LABEL_LINE)


def _widths(nodes: list[Node], flows: list[Flow]) -> tuple[dict[str, int], dict[str, int]]:
    """Relative columns of a container's nodes and each node's width in columns."""
    width: dict[str, int] = {}
    for node in nodes:
        if isinstance(node, SubProcess):
            inner, inner_width = _widths(node.nodes, node.flows)
            width[node.id] = max(inner[n] + inner_width[n] for n in inner)
        else:
            width[node.id] = 1
    hosts = {n.id: n.props["attached_to"] for n in nodes if n.kind == "boundary"}
    column = {n.id: 0 for n in nodes}
    changed = True
    while changed:
        changed = False
        for node_id, host in hosts.items():
            wanted = column[host] + width[host] - 1
            if column[node_id] != wanted:
                column[node_id], changed = wanted, True
        for f in flows:
            wanted = column[f.source] + width[f.source]
            if column[f.target] < wanted:
                column[f.target], changed = wanted, True
    return column, width


class _Grid:
    def __init__(self, process: Process) -> None:
        self.process = process
        self.cells: dict[str, tuple[str, int, int]] = {}
        self.taken: set[tuple[str, int, int]] = set()
        self.containers: dict[str, SubProcess] = {}

    def place(self, nodes: list[Node], flows: list[Flow], offset: int) -> None:
        column, _ = _widths(nodes, flows)
        hosts = {n.id: n for n in nodes}
        for node in nodes:
            col = offset + column[node.id]
            if isinstance(node, SubProcess):
                self.containers[node.id] = node
                self.place(node.nodes, node.flows, col)
                continue
            if node.kind == "boundary":
                host = hosts[node.props["attached_to"]]
                node.lane = host.lane
                continue
            row = node.row or 0
            while (node.lane, col, row) in self.taken:
                row += 1
            self.taken.add((node.lane, col, row))
            self.cells[node.id] = (node.lane, col, row)


def layout(process: Process, top: float = POOL_Y) -> Layout:
    grid = _Grid(process)
    grid.place(process.nodes, process.flows, 0)
    rows = {lane: 1 for lane in process.lanes}
    for lane, _col, row in grid.cells.values():
        rows[lane] = max(rows[lane], row + 1)
    columns = max(col for _lane, col, _row in grid.cells.values()) + 1
    result = Layout()
    lane_top: dict[str, float] = {}
    y = top
    lane_x = POOL_X + POOL_HEADER
    pool_w = POOL_HEADER + LANE_HEADER + LEFT_MARGIN * 2 + columns * COLUMN
    for lane in process.lanes:
        lane_top[lane] = y
        result.lanes[lane] = Box(lane_x, y, pool_w - POOL_HEADER, rows[lane] * ROW)
        y += rows[lane] * ROW
    result.pool = Box(POOL_X, top, pool_w, y - top)
    content_x = lane_x + LANE_HEADER + LEFT_MARGIN

    def cell(lane: str, col: int, row: int) -> Box:
        return Box(content_x + col * COLUMN, lane_top[lane] + row * ROW, COLUMN, ROW)

    all_nodes = _all_nodes(process.nodes)
    for node in all_nodes:
        if node.id not in grid.cells:
            continue
        c = cell(*grid.cells[node.id])
        w, h = SIZES.get(node.kind) or _task_size(node.name)
        result.shapes[node.id] = Box(c.cx - w / 2, c.cy - h / 2, w, h)
    for sub_id in _post_order(process.nodes):
        sub = grid.containers[sub_id]
        boxes = [_cell_of(result, grid, cell, child) for child in sub.nodes if child.kind != "boundary"]
        left = min(b.x for b in boxes) + 6
        top = min(b.y for b in boxes) + 4
        right = max(b.right for b in boxes) - 6
        bottom = max(b.bottom for b in boxes) - 4
        result.shapes[sub.id] = Box(left, top, right - left, bottom - top)
    for node in all_nodes:
        if node.kind == "boundary":
            host = result.shapes[node.props["attached_to"]]
            result.shapes[node.id] = Box(host.right - 36, host.bottom - 18, 36, 36)
    kinds = {n.id: n.kind for n in all_nodes}
    titled = {sub_id: result.shapes[sub_id] for sub_id in grid.containers}
    for node in all_nodes:
        if node.kind in SIZES and node.name:
            shape = result.shapes[node.id]
            under_title = any(box.x < shape.cx < box.right and 0 < shape.y - box.y < 80 for box in titled.values())
            result.labels[node.id] = _node_label(node, shape, under_title)
    obstacles = [(node_id, box) for node_id, box in result.shapes.items() if kinds[node_id] != "sub"]
    for f in _all_flows(process.nodes, process.flows):
        src, tgt = result.shapes[f.source], result.shapes[f.target]
        blockers = [box for node_id, box in obstacles if node_id not in (f.source, f.target)
                    and box.x < tgt.x and box.right > src.right and box.y < src.cy < box.bottom]
        if abs(src.cy - tgt.cy) < 1 and blockers:
            points = _detour(src, tgt, kinds[f.source], kinds[f.target], max(b.bottom for b in blockers) + 14)
        else:
            points = _route(src, tgt, kinds[f.source], kinds[f.target])
        result.edges[f.id] = points
        if f.name:
            result.labels[f.id] = _flow_label(f.name, points)
    for group in process.groups:
        boxes = [result.shapes[m] for m in group.members]
        p = group.padding
        pool = result.pool
        left = max(min(b.x for b in boxes) - p, pool.x + POOL_HEADER + LANE_HEADER + 2)
        top = max(min(b.y for b in boxes) - p - 16, pool.y + 2)
        right = min(max(b.right for b in boxes) + p, pool.right - 2)
        bottom = min(max(b.bottom for b in boxes) + p + 18, pool.bottom - 2)
        result.groups[group.id] = Box(left, top, right - left, bottom - top)
    return result


def _task_size(name: str) -> tuple[float, float]:
    """Wide and tall enough for the Russian name at the modeller's 12 px font (long map labels need it)."""
    width, height = TASK_SIZE
    if len(name) > 70:
        width = 160
    lines = math.ceil(len(name) * 7.0 / (width - 16))
    return width, max(height, min(ROW - 20, lines * 15 + 20))


def _cell_of(result: Layout, grid: _Grid, cell, node: Node) -> Box:
    if isinstance(node, SubProcess):
        return result.shapes[node.id]
    return cell(*grid.cells[node.id])


def _all_nodes(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        out.append(node)
        if isinstance(node, SubProcess):
            out.extend(_all_nodes(node.nodes))
    return out


def _all_flows(nodes: list[Node], flows: list[Flow]) -> list[Flow]:
    out = list(flows)
    for node in nodes:
        if isinstance(node, SubProcess):
            out.extend(_all_flows(node.nodes, node.flows))
    return out


def _post_order(nodes: list[Node]) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, SubProcess):
            out.extend(_post_order(node.nodes))
            out.append(node.id)
    return out


def _node_label(node: Node, shape: Box, under_title: bool = False) -> Box:
    """Gateways: above, or below on the right when a sub-process title is just above; events: below."""
    if node.kind in ("xor", "and") and under_title:
        w, h = label_box(node.name, 90)
        return Box(shape.right + 2, shape.bottom + 2, w, h)
    if node.kind in ("xor", "and"):
        w, h = label_box(node.name, 160)
        return Box(shape.cx - w / 2, shape.y - h - 6, w, h)
    w, h = label_box(node.name, 110)
    if node.kind == "boundary":
        return Box(shape.right + 4, shape.bottom + 2, w, h)
    return Box(shape.cx - w / 2, shape.bottom + 6, w, h)


def _route(src: Box, tgt: Box, src_kind: str, tgt_kind: str) -> list[tuple[float, float]]:
    if src_kind == "boundary":
        if tgt.cy > src.bottom:
            return [(src.cx, src.bottom), (src.cx, tgt.cy), (tgt.x, tgt.cy)]
        below = src.bottom + 6
        if tgt_kind in ("xor", "and"):
            return [(src.cx, src.bottom), (src.cx, below), (tgt.cx, below), (tgt.cx, tgt.bottom)]
        return [(src.cx, src.bottom), (src.cx, below), (tgt.x - 25, below), (tgt.x - 25, tgt.cy), (tgt.x, tgt.cy)]
    if abs(src.cy - tgt.cy) < 1:
        return [(src.right, src.cy), (tgt.x, tgt.cy)]
    if src_kind in ("xor", "and"):
        exit_y = src.y if tgt.cy < src.cy else src.bottom
        return [(src.cx, exit_y), (src.cx, tgt.cy), (tgt.x, tgt.cy)]
    if tgt_kind in ("xor", "and"):
        entry_y = tgt.y if src.cy < tgt.cy else tgt.bottom
        return [(src.right, src.cy), (tgt.cx, src.cy), (tgt.cx, entry_y)]
    bend = tgt.x - 25
    return [(src.right, src.cy), (bend, src.cy), (bend, tgt.cy), (tgt.x, tgt.cy)]


def _detour(src: Box, tgt: Box, src_kind: str, tgt_kind: str, channel: float) -> list[tuple[float, float]]:
    """A flow that would run through the shapes between its ends goes below them instead."""
    start = [(src.cx, src.bottom)] if src_kind in ("xor", "and") else [(src.right, src.cy), (src.right + 20, src.cy)]
    points = [*start, (start[-1][0], channel)]
    if tgt_kind in ("xor", "and"):
        return [*points, (tgt.cx, channel), (tgt.cx, tgt.bottom)]
    return [*points, (tgt.x - 25, channel), (tgt.x - 25, tgt.cy), (tgt.x, tgt.cy)]


def _flow_label(text: str, points: list[tuple[float, float]]) -> Box:
    """Above the last horizontal segment of a bent flow, else above (or beside) the first segment; the text
    wraps to the segment's length so it does not run into the target."""
    (x1, y1), (x2, y2) = points[-2], points[-1]
    if not (abs(y1 - y2) < 1 and len(points) > 2):
        (x1, y1), (x2, y2) = points[0], points[1]
    if abs(y1 - y2) < 1:
        w, h = label_box(text, max(60, min(120, abs(x2 - x1) - 12)))
        return Box(min(x1, x2) + 6, y1 - h - 3, w, h)
    w, h = label_box(text, 120)
    return Box(x1 + 6, min(y1, y2) + 4, w, h)
