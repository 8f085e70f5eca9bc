"""SVG drawing primitives of the diagram: colours and type sizes, numbers and wrapped text, shapes, and
the icons and markers of tasks and events."""
from __future__ import annotations

import math
from collections.abc import Callable

from lxml import etree

from web.diagram.model import SVG, Box

INK = "#22242a"
PAPER = "#ffffff"
BAND = "#f4f5f7"
DONE_FILL = "#cfeedd"
DONE_INK = "#1e7b45"
ACTIVE_INK = "#e8590c"
FONT_SIZE = 11.0
LINE_HEIGHT = 13.0
# Average advance of an 11px sans-serif glyph, Cyrillic included; wrapping only needs an estimate.
GLYPH_WIDTH = 6.5
MARGIN = 20.0


def num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def wrap_text(text: str, width: float, max_lines: int | None = None) -> list[str]:
    """Split a label into lines that fit `width`; the last kept line ends with an ellipsis if cut."""
    limit = max(1, int(width // GLYPH_WIDTH))
    lines: list[str] = []
    for paragraph in text.splitlines():
        line = ""
        for word in paragraph.split():
            while len(word) > limit:
                if line:
                    lines.append(line)
                    line = ""
                cut = max(1, limit - 1)
                lines.append(word[:cut] + "-")
                word = word[cut:]
            candidate = f"{line} {word}" if line else word
            if len(candidate) <= limit:
                line = candidate
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max(1, max_lines)]
        lines[-1] = lines[-1][:max(0, limit - 1)].rstrip() + "…"
    return lines


def add_element(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None,
         text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{SVG}}}{tag}")
    for key, value in (attrs or {}).items():
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def add_rect(parent: etree._Element, box: Box, *, fill: str, stroke: str, width: float,
          rx: float = 0.0) -> etree._Element:
    attrs = {"x": num(box.x), "y": num(box.y), "width": num(box.w), "height": num(box.h)}
    if rx:
        attrs["rx"] = num(rx)
    return add_element(parent, "rect", {**attrs, "fill": fill, "stroke": stroke, "stroke-width": num(width)})


def points_attr(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


def cross_path(cx: float, cy: float, s: float) -> str:
    return path_data("M", cx - s, cy, "L", cx + s, cy, "M", cx, cy - s, "L", cx, cy + s)


def path_data(*parts: str | float) -> str:
    """SVG path data from commands and coordinates, numbers rounded to one decimal."""
    return " ".join(part if isinstance(part, str) else num(part) for part in parts)


def midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The point halfway along a polyline."""
    lengths = [math.dist(a, b) for a, b in zip(points, points[1:], strict=False)]
    remaining = sum(lengths) / 2
    for (a, b), length in zip(zip(points, points[1:], strict=False), lengths, strict=True):
        if remaining <= length and length > 0:
            t = remaining / length
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        remaining -= length
    return points[-1]


def add_pentagon(parent: etree._Element, cx: float, cy: float, r: float) -> None:
    corners = [(cx + r * math.sin(2 * math.pi * i / 5), cy - r * math.cos(2 * math.pi * i / 5))
               for i in range(5)]
    add_element(parent, "polygon", {"points": points_attr(corners)})


# --- task type icons, drawn in a 16x16 box from (x, y) ----------------------------------------------
def user_icon(g: etree._Element, x: float, y: float) -> None:
    add_element(g, "circle", {"cx": num(x + 8), "cy": num(y + 4.5), "r": "3.5"})
    add_element(g, "path", {"d": path_data("M", x + 1, y + 16, "C", x + 1, y + 8, x + 15, y + 8, x + 15, y + 16, "Z")})


def service_icon(g: etree._Element, x: float, y: float) -> None:
    add_element(g, "circle", {"cx": num(x + 8), "cy": num(y + 8), "r": "5.5", "stroke-width": "3",
                       "stroke-dasharray": "2.2 2.1"})
    add_element(g, "circle", {"cx": num(x + 8), "cy": num(y + 8), "r": "3", "fill": PAPER})


def script_icon(g: etree._Element, x: float, y: float) -> None:
    scroll = "h10 c-4,3 -4,4 0,7 c4,3 4,4 0,7 h-10 c4,-3 4,-4 0,-7 c-4,-3 -4,-4 0,-7 Z"
    add_element(g, "path", {"d": path_data("M", x + 3, y + 1, scroll, "M", x + 5, y + 5, "h6 M", x + 6, y + 8, "h6 M",
                                x + 5, y + 11, "h6")})


def business_rule_icon(g: etree._Element, x: float, y: float) -> None:
    add_element(g, "rect", {"x": num(x + 1), "y": num(y + 2), "width": "14", "height": "12"})
    add_element(g, "rect", {"x": num(x + 1), "y": num(y + 2), "width": "14", "height": "3.5", "fill": INK})
    add_element(g, "path", {"d": f"M{num(x + 1)},{num(y + 9.5)} h14 M{num(x + 5.5)},{num(y + 5.5)} v8.5"})


def envelope(g: etree._Element, x: float, y: float, w: float, h: float, filled: bool) -> None:
    add_element(g, "rect", {"x": num(x), "y": num(y), "width": num(w), "height": num(h),
                     "fill": INK if filled else PAPER, "stroke": INK})
    add_element(g, "path", {"d": path_data("M", x, y, "L", x + w / 2, y + h * 0.55, "L", x + w, y),
                     "fill": "none", "stroke": PAPER if filled else INK})


def send_icon(g: etree._Element, x: float, y: float) -> None:
    envelope(g, x, y + 3, 16, 11, True)


def receive_icon(g: etree._Element, x: float, y: float) -> None:
    envelope(g, x, y + 3, 16, 11, False)


def manual_icon(g: etree._Element, x: float, y: float) -> None:
    add_element(g, "path", {"d": f"M{num(x)},{num(y + 7)} h9 M{num(x)},{num(y + 7)} v7 h12 "
                          f"M{num(x + 3)},{num(y + 9.5)} h12 M{num(x + 3)},{num(y + 12)} h11"})


TASK_ICONS: dict[str, Callable[[etree._Element, float, float], None]] = {
    "userTask": user_icon, "serviceTask": service_icon, "scriptTask": script_icon,
    "businessRuleTask": business_rule_icon, "sendTask": send_icon, "receiveTask": receive_icon,
    "manualTask": manual_icon,
}


def collapsed_marker(g: etree._Element, x: float, y: float) -> None:
    add_element(g, "rect", {"x": num(x), "y": num(y), "width": "14", "height": "14"})
    add_element(g, "path", {"d": cross_path(x + 7, y + 7, 4.5)})


def parallel_marker(g: etree._Element, x: float, y: float) -> None:
    add_element(g, "path", {"d": path_data("M", x + 2, y, "v14 M", x + 7, y, "v14 M", x + 12, y, "v14"),
                     "stroke-width": "2"})


def sequential_marker(g: etree._Element, x: float, y: float) -> None:
    add_element(g, "path", {"d": path_data("M", x, y + 2, "h14 M", x, y + 7, "h14 M", x, y + 12, "h14"),
                     "stroke-width": "2"})


def loop_marker(g: etree._Element, x: float, y: float) -> None:
    add_element(g, "path", {"d": f"M{num(x + 4)},{num(y + 13)} A6,6 0 1 1 {num(x + 10)},{num(y + 13)} "
                          f"M{num(x + 10)},{num(y + 13)} l0,-4 M{num(x + 10)},{num(y + 13)} l4,0",
                     "stroke-width": "1.5"})


# --- event definition icons, centred on (cx, cy), `s` scales an 18-unit radius ----------------------
def timer_icon(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
    add_element(g, "circle", {"cx": num(cx), "cy": num(cy), "r": num(10 * s), "fill": PAPER})
    ticks = " ".join(f"M{num(cx + 8 * s * math.sin(a))},{num(cy - 8 * s * math.cos(a))} "
                     f"L{num(cx + 10 * s * math.sin(a))},{num(cy - 10 * s * math.cos(a))}"
                     for a in (i * math.pi / 6 for i in range(12)))
    add_element(g, "path", {"d": ticks, "stroke-width": "1"})
    add_element(g, "path", {"d": f"M{num(cx)},{num(cy)} L{num(cx)},{num(cy - 7 * s)} M{num(cx)},{num(cy)} "
                          f"L{num(cx + 5 * s)},{num(cy + 1 * s)}", "fill": "none"})


def message_icon(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
    w, h = 18 * s, 12 * s
    envelope(g, cx - w / 2, cy - h / 2, w, h, filled)


EventIcon = Callable[[etree._Element, float, float, float, bool], None]


def shape_icon(points: list[tuple[float, float]]) -> EventIcon:
    def draw(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
        add_element(g, "polygon", {"points": points_attr([(cx + px * s, cy + py * s) for px, py in points])})
    return draw


def terminate_icon(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
    add_element(g, "circle", {"cx": num(cx), "cy": num(cy), "r": num(10 * s), "fill": INK})


def conditional_icon(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
    add_element(g, "rect", {"x": num(cx - 7 * s), "y": num(cy - 9 * s), "width": num(14 * s),
                     "height": num(18 * s), "fill": PAPER})
    add_element(g, "path", {"d": " ".join(f"M{num(cx - 4 * s)},{num(cy + dy * s)} h{num(8 * s)}"
                                   for dy in (-5, -1.5, 2, 5.5)), "stroke-width": "1"})


def cancel_icon(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
    d = 7 * s
    cross = path_data("M", cx - d, cy - d, "L", cx + d, cy + d, "M", cx + d, cy - d, "L", cx - d, cy + d)
    add_element(g, "path", {"d": cross, "stroke-width": "4"})


EVENT_ICONS: dict[str, EventIcon] = {
    "timerEventDefinition": timer_icon,
    "messageEventDefinition": message_icon,
    "errorEventDefinition": shape_icon([(-8, 9), (-3, -8), (2, 1), (8, -9), (3, 8), (-2, -1)]),
    "signalEventDefinition": shape_icon([(0, -9), (8, 6), (-8, 6)]),
    "escalationEventDefinition": shape_icon([(0, -9), (6, 8), (0, 2), (-6, 8)]),
    "linkEventDefinition": shape_icon([(-8, -3), (1, -3), (1, -8), (8, 0), (1, 8), (1, 3), (-8, 3)]),
    "compensateEventDefinition": shape_icon([(-9, 0), (-1, -6), (-1, 0), (7, -6), (7, 6), (-1, 0), (-1, 6)]),
    "terminateEventDefinition": terminate_icon,
    "conditionalEventDefinition": conditional_icon,
    "cancelEventDefinition": cancel_icon,
}
