"""Server-side SVG rendering of a BPMN diagram from its BPMNDI layout, with an executed path overlaid.

History views show diagrams without a browser-side modeller, so this module draws BPMN-like shapes
itself. It reads the files with the engine's hardened XML parser (no DTD, entities or network). The SVG
is built as an lxml tree, so every text is escaped by the serializer, and the output depends only on the
input (deterministic).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lxml import etree
from markupsafe import Markup

from engine.errors import DeployError
from engine.parsing.documents import parse_xml

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
SVG = "http://www.w3.org/2000/svg"

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

TASKS = {"task", "userTask", "serviceTask", "scriptTask", "businessRuleTask", "sendTask", "receiveTask",
         "manualTask", "callActivity", "subProcess", "transaction", "adHocSubProcess"}
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
GATEWAYS = {"exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"}
DATA = {"dataObjectReference", "dataStoreReference", "dataInput", "dataOutput"}
LAYERS = ("pools", "lanes", "containers", "edges", "nodes", "boundary", "notes", "groups", "messages",
          "labels")

TEXTS = {
    "ru": {
        "title": "Схема процесса «{name}»",
        "desc": "Выполнено элементов: {done}. Активные элементы: {active}. Пройдено переходов: {flows}.",
        "none": "нет",
        "active": "ожидает",
        "done": "выполнено",
        "done_n": "выполнено {n} {times}",
        "taken_n": "пройдено {n} {times}",
    },
    "en": {
        "title": "Process diagram “{name}”",
        "desc": "Completed elements: {done}. Active elements: {active}. Flows taken: {flows}.",
        "none": "none",
        "active": "waiting",
        "done": "completed",
        "done_n": "completed {n} {times}",
        "taken_n": "taken {n} {times}",
    },
}


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
class _Located:
    definitions: etree._Element
    plane: etree._Element
    title: str


def render_svg(files: Mapping[str, bytes], process_key: str, *, completed: dict[str, int] | None = None,
               active: set[str] | None = None, flows: dict[str, int] | None = None,
               locale: str = "ru") -> Markup:
    """Draw the diagram that shows `process_key` (its own plane or its collaboration's)."""
    language = locale.replace("-", "_").split("_")[0].lower()
    if language not in TEXTS:
        raise DiagramError(f"unsupported locale {locale!r}")
    located = _locate(files, process_key)
    canvas = _Canvas(located, process_key, language, completed or {}, active or set(), flows or {})
    # The lxml serializer has escaped every text and attribute value of the tree.
    return Markup(canvas.render())  # noqa: S704


def _parse(name: str, data: bytes) -> etree._Element:
    try:
        return parse_xml(name, data)
    except DeployError as exc:
        raise DiagramError(str(exc)) from exc


def _locate(files: Mapping[str, bytes], process_key: str) -> _Located:
    for name in sorted(files):
        root = _parse(name, files[name])
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
                return _Located(root, plane, title or process_key)
        raise DiagramError(f"{name}: process {process_key!r} has no diagram layout (BPMNDI plane)")
    raise DiagramError(f"process {process_key!r} is not defined in the given files")


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _times(n: int, language: str) -> str:
    if language == "en":
        return "time" if n == 1 else "times"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "раза"
    return "раз"


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


def _bounds(di: etree._Element) -> Box | None:
    bounds = di.find(f"{{{DC}}}Bounds")
    if bounds is None:
        return None
    return Box(*(_coordinate(bounds, attr) for attr in ("x", "y", "width", "height")))


def _coordinate(element: etree._Element, attribute: str) -> float:
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


def _label_bounds(di: etree._Element) -> Box | None:
    label = di.find(f"{{{BPMNDI}}}BPMNLabel")
    return None if label is None else _bounds(label)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


class _Canvas:
    def __init__(self, located: _Located, process_key: str, language: str, completed: dict[str, int],
                 active: set[str], flows: dict[str, int]) -> None:
        self.definitions = located.definitions
        self.plane = located.plane
        self.title = located.title
        self.language = language
        self.texts = TEXTS[language]
        self.completed = completed
        self.active = active
        self.flows = flows
        self.prefix = "pr-" + re.sub(r"[^A-Za-z0-9_-]", "_", process_key)
        self.by_id = {el.get("id"): el for el in self.definitions.iter(f"{{{BPMN}}}*") if el.get("id")}
        self.extent: list[float] = [math.inf, math.inf, -math.inf, -math.inf]
        self.svg = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG})
        self.layers: dict[str, etree._Element] = {}
        self.done_count = 0
        self.taken_count = 0
        self.active_names: list[str] = []

    # --- document ---------------------------------------------------------------------------------
    def render(self) -> str:
        title = _add(self.svg, "title", {"id": f"{self.prefix}-title"})
        desc = _add(self.svg, "desc", {"id": f"{self.prefix}-desc"})
        self._defs()
        for name in LAYERS:
            self.layers[name] = _add(self.svg, "g", {"class": f"pr-layer-{name}"})
        for di in self.plane:
            model = self.by_id.get(di.get("bpmnElement", ""))
            if model is None:
                continue
            if di.tag == f"{{{BPMNDI}}}BPMNShape":
                self._shape(di, model)
            elif di.tag == f"{{{BPMNDI}}}BPMNEdge":
                self._edge(di, model)
        self._sort_containers()
        title.text = self.texts["title"].format(name=self.title)
        desc.text = self.texts["desc"].format(
            done=self.done_count, flows=self.taken_count,
            active=", ".join(self.active_names) or self.texts["none"])
        x0, y0, x1, y1 = self.extent if self.extent[0] != math.inf else (0.0, 0.0, 100.0, 100.0)
        x0, y0, x1, y1 = x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN
        attrs = {"viewBox": f"{_num(x0)} {_num(y0)} {_num(x1 - x0)} {_num(y1 - y0)}",
                 "width": _num(x1 - x0), "height": _num(y1 - y0), "role": "img",
                 "aria-labelledby": f"{self.prefix}-title {self.prefix}-desc", "class": "pr-diagram",
                 "font-family": "system-ui, 'Segoe UI', Roboto, Arial, sans-serif",
                 "font-size": _num(FONT_SIZE)}
        for key, value in attrs.items():
            self.svg.set(key, value)
        return etree.tostring(self.svg, encoding="unicode")

    def _defs(self) -> None:
        defs = _add(self.svg, "defs")
        for name, ink, fill, shape in (("arrow", INK, INK, "M0,0 L10,5 L0,10 Z"),
                                       ("arrow-taken", DONE_INK, DONE_INK, "M0,0 L10,5 L0,10 Z"),
                                       ("open-arrow", INK, PAPER, "M0,0 L10,5 L0,10 Z"),
                                       ("line-arrow", INK, "none", "M0,0 L10,5 L0,10")):
            marker = _add(defs, "marker", {"id": f"{self.prefix}-{name}", "viewBox": "0 0 10 10",
                                           "refX": "10", "refY": "5", "markerWidth": "8", "markerHeight": "8",
                                           "orient": "auto-start-reverse", "markerUnits": "userSpaceOnUse"})
            _add(marker, "path", {"d": shape, "fill": fill, "stroke": ink, "stroke-width": "1"})
        start = _add(defs, "marker", {"id": f"{self.prefix}-circle", "viewBox": "0 0 10 10", "refX": "5",
                                      "refY": "5", "markerWidth": "8", "markerHeight": "8",
                                      "markerUnits": "userSpaceOnUse"})
        _add(start, "circle", {"cx": "5", "cy": "5", "r": "4", "fill": PAPER, "stroke": INK})

    def _sort_containers(self) -> None:
        """Larger containers first, so nested expanded sub-processes stay visible."""
        layer = self.layers["containers"]
        groups = sorted(layer, key=lambda g: -float(g.get("data-area", "0")))
        for group in groups:
            layer.append(group)

    def _grow(self, *points: tuple[float, float]) -> None:
        for x, y in points:
            self.extent = [min(self.extent[0], x), min(self.extent[1], y),
                           max(self.extent[2], x), max(self.extent[3], y)]

    # --- shapes -----------------------------------------------------------------------------------
    def _shape(self, di: etree._Element, model: etree._Element) -> None:
        box = _bounds(di)
        if box is None:
            return
        self._grow((box.x, box.y), (box.x + box.w, box.y + box.h))
        kind = _local(model)
        element_id = model.get("id", "")
        if kind in TASKS:
            expanded = di.get("isExpanded") == "true" and kind != "callActivity"
            layer = "containers" if expanded else "nodes"
            group = self._group(layer, model, kind)
            if expanded:
                group.set("data-area", _num(box.w * box.h))
                self._container(group, box, model, kind)
            else:
                self._task(group, box, model, kind)
            self._state(group, box, element_id, "rect")
        elif kind in EVENTS:
            group = self._group("boundary" if kind == "boundaryEvent" else "nodes", model, kind)
            self._event(group, box, model, kind)
            self._state(group, box, element_id, "circle")
            self._outer_label(di, box, model)
        elif kind in GATEWAYS:
            group = self._group("nodes", model, kind)
            self._gateway(group, box, kind)
            self._state(group, box, element_id, "diamond")
            self._outer_label(di, box, model)
        elif kind == "participant":
            self._pool(self._group("pools", model, kind), box, model.get("name", ""), di, band=30.0, ink=1.5)
        elif kind == "lane":
            self._pool(self._group("lanes", model, kind), box, model.get("name", ""), di, band=30.0, ink=1.0)
        elif kind == "group":
            self._group_box(self._group("groups", model, kind), di, box, model)
        elif kind == "textAnnotation":
            self._annotation(self._group("notes", model, kind), box, model)
        elif kind in DATA:
            self._data(self._group("nodes", model, kind), box, kind)
            self._outer_label(di, box, model)

    def _group(self, layer: str, model: etree._Element, kind: str) -> etree._Element:
        group = _add(self.layers[layer], "g", {"class": f"pr-el pr-{kind}",
                                               "data-element-id": model.get("id", "")})
        name = (model.get("name") or "").strip()
        if name:
            _add(group, "title", text=name)
        return group

    def _fill(self, element_id: str) -> str:
        return DONE_FILL if self.completed.get(element_id, 0) > 0 else PAPER

    def _task(self, group: etree._Element, box: Box, model: etree._Element, kind: str) -> None:
        self._frame(group, box, model, kind, self._fill(model.get("id", "")))
        icon = TASK_ICONS.get(kind)
        if icon is not None:
            icon(_add(group, "g", {"class": "pr-marker", "fill": "none", "stroke": INK, "stroke-width": "1"}),
                 box.x + 6, box.y + 5)
        bottom = [*self._loop_markers(model)]
        if kind in ("subProcess", "transaction", "adHocSubProcess"):
            bottom.append(_collapsed_marker)
        if kind == "callActivity" and model.get("calledElement"):
            bottom.append(_collapsed_marker)
        for index, draw in enumerate(bottom):
            offset = (index - (len(bottom) - 1) / 2) * 18
            draw(_add(group, "g", {"class": "pr-marker", "fill": "none", "stroke": INK}),
                 box.cx + offset - 7, box.y + box.h - 17)
        top_room = 16.0 if icon is not None else 4.0
        inner = Box(box.x + 4, box.y + top_room, box.w - 8, box.h - top_room - (18 if bottom else 4))
        self._text(group, model.get("name", ""), inner, "middle")

    def _loop_markers(self, model: etree._Element) -> list[Callable[[etree._Element, float, float], None]]:
        multi = model.find(f"{{{BPMN}}}multiInstanceLoopCharacteristics")
        if multi is not None:
            return [_sequential_marker if multi.get("isSequential") == "true" else _parallel_marker]
        if model.find(f"{{{BPMN}}}standardLoopCharacteristics") is not None:
            return [_loop_marker]
        return []

    def _container(self, group: etree._Element, box: Box, model: etree._Element, kind: str) -> None:
        fill = "#eef8f1" if self.completed.get(model.get("id", ""), 0) > 0 else PAPER
        self._frame(group, box, model, kind, fill)
        self._text(group, model.get("name", ""), Box(box.x + 8, box.y + 4, box.w - 16, LINE_HEIGHT * 2),
                   "start")

    def _frame(self, group: etree._Element, box: Box, model: etree._Element, kind: str, fill: str) -> None:
        """The rounded border of an activity: thick for a call, dotted for an event sub-process."""
        rect = _rect(group, box, fill=fill, stroke=INK, width=4.0 if kind == "callActivity" else 1.5, rx=10)
        if model.get("triggeredByEvent") == "true":
            rect.set("stroke-dasharray", "2 3")
        if kind == "transaction":
            inner = Box(box.x + 3, box.y + 3, box.w - 6, box.h - 6)
            _rect(group, inner, fill="none", stroke=INK, width=1.0, rx=8)

    def _event(self, group: etree._Element, box: Box, model: etree._Element, kind: str) -> None:
        radius = min(box.w, box.h) / 2
        dashed = model.get("cancelActivity") == "false" or model.get("isInterrupting") == "false"
        outer = {"cx": _num(box.cx), "cy": _num(box.cy), "r": _num(radius),
                 "fill": self._fill(model.get("id", "")), "stroke": INK,
                 "stroke-width": "4" if kind == "endEvent" else "1.5"}
        if dashed:
            outer["stroke-dasharray"] = "5 3"
        _add(group, "circle", outer)
        if kind in ("intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"):
            inner = {"cx": _num(box.cx), "cy": _num(box.cy), "r": _num(radius - 3), "fill": "none",
                     "stroke": INK, "stroke-width": "1.5"}
            if dashed:
                inner["stroke-dasharray"] = "5 3"
            _add(group, "circle", inner)
        definitions = [_local(child) for child in model if _local(child).endswith("EventDefinition")]
        filled = kind in ("endEvent", "intermediateThrowEvent")
        marker = _add(group, "g", {"class": "pr-marker", "fill": INK if filled else "none", "stroke": INK,
                                   "stroke-width": "1.5"})
        if len(definitions) > 1:
            _pentagon(marker, box.cx, box.cy, radius * 0.45)
        elif definitions:
            draw = EVENT_ICONS.get(definitions[0])
            if draw is not None:
                draw(marker, box.cx, box.cy, radius / 18, filled)

    def _gateway(self, group: etree._Element, box: Box, kind: str) -> None:
        element_id = group.get("data-element-id", "")
        points = [(box.cx, box.y), (box.x + box.w, box.cy), (box.cx, box.y + box.h), (box.x, box.cy)]
        _add(group, "polygon", {"points": _points(points), "fill": self._fill(element_id), "stroke": INK,
                                "stroke-width": "1.5"})
        marker = _add(group, "g", {"class": "pr-marker", "fill": "none", "stroke": INK, "stroke-width": "3"})
        size = min(box.w, box.h)
        cx, cy = box.cx, box.cy
        if kind == "exclusiveGateway":
            s = size * 0.16
            _add(marker, "path", {"d": f"M{_num(cx - s)},{_num(cy - s)} L{_num(cx + s)},{_num(cy + s)} "
                                       f"M{_num(cx + s)},{_num(cy - s)} L{_num(cx - s)},{_num(cy + s)}"})
        elif kind == "parallelGateway":
            s = size * 0.24
            _add(marker, "path", {"d": _cross(cx, cy, s)})
        elif kind == "inclusiveGateway":
            _add(marker, "circle", {"cx": _num(cx), "cy": _num(cy), "r": _num(size * 0.22),
                                    "stroke-width": "2.5"})
        elif kind == "eventBasedGateway":
            marker.set("stroke-width", "1")
            _add(marker, "circle", {"cx": _num(cx), "cy": _num(cy), "r": _num(size * 0.27)})
            _add(marker, "circle", {"cx": _num(cx), "cy": _num(cy), "r": _num(size * 0.22)})
            _pentagon(marker, cx, cy, size * 0.13)
        elif kind == "complexGateway":
            s = size * 0.22
            d = s * 0.7
            _add(marker, "path", {"d": _cross(cx, cy, s) + f" M{_num(cx - d)},{_num(cy - d)} "
                                  f"L{_num(cx + d)},{_num(cy + d)} M{_num(cx + d)},{_num(cy - d)} "
                                  f"L{_num(cx - d)},{_num(cy + d)}"})

    def _pool(self, group: etree._Element, box: Box, name: str, di: etree._Element, band: float,
              ink: float) -> None:
        horizontal = di.get("isHorizontal") != "false"
        _rect(group, box, fill="none", stroke=INK, width=ink)
        if not name:
            return
        if horizontal:
            _rect(group, Box(box.x, box.y, band, box.h), fill=BAND, stroke=INK, width=ink)
            width, height = box.h - 10, band - 4
            place = Box(box.x + band / 2 - width / 2, box.cy - height / 2, width, height)
            text = self._text(group, name, place, "middle")
            text.set("transform", f"rotate(-90 {_num(box.x + band / 2)} {_num(box.cy)})")
        else:
            _rect(group, Box(box.x, box.y, box.w, band), fill=BAND, stroke=INK, width=ink)
            self._text(group, name, Box(box.x + 5, box.y + 2, box.w - 10, band - 4), "middle")

    def _group_box(self, group: etree._Element, di: etree._Element, box: Box, model: etree._Element) -> None:
        _rect(group, box, fill="none", stroke=INK, width=1.5, rx=10).set("stroke-dasharray", "10 4 2 4")
        category = self.by_id.get(model.get("categoryValueRef", ""))
        label = (category.get("value") if category is not None else None) or model.get("name") or ""
        if label:
            place = _label_bounds(di) or Box(box.x + 5, box.y + 4, box.w - 10, LINE_HEIGHT * 2)
            self._grow((place.x, place.y), (place.x + place.w, place.y + place.h))
            self._text(group, label, place, "middle", top=True)

    def _annotation(self, group: etree._Element, box: Box, model: etree._Element) -> None:
        _rect(group, box, fill=PAPER, stroke="none", width=0).set("fill-opacity", "0.85")
        bracket = _path("M", box.x + 12, box.y, "L", box.x, box.y, "L", box.x, box.y + box.h,
                        "L", box.x + 12, box.y + box.h)
        _add(group, "path", {"d": bracket, "fill": "none", "stroke": INK, "stroke-width": "1.5"})
        text = model.findtext(f"{{{BPMN}}}text") or ""
        self._text(group, text, Box(box.x + 6, box.y + 4, box.w - 10, box.h - 8), "start", top=True)

    def _data(self, group: etree._Element, box: Box, kind: str) -> None:
        x, y, w, h = box.x, box.y, box.w, box.h
        if kind == "dataStoreReference":
            e = min(8.0, h / 5)
            d = _path("M", x, y + e, "A", w / 2, e, 0, 0, 1, x + w, y + e, "L", x + w, y + h - e,
                      "A", w / 2, e, 0, 0, 1, x, y + h - e, "Z M", x, y + e,
                      "A", w / 2, e, 0, 0, 0, x + w, y + e)
        else:
            fold = min(10.0, w / 3)
            d = _path("M", x, y, "L", x + w - fold, y, "L", x + w, y + fold, "L", x + w, y + h, "L", x, y + h,
                      "Z M", x + w - fold, y, "L", x + w - fold, y + fold, "L", x + w, y + fold)
        _add(group, "path", {"d": d, "fill": PAPER, "stroke": INK, "stroke-width": "1.5"})

    def _outer_label(self, di: etree._Element, box: Box, model: etree._Element) -> None:
        name = model.get("name") or ""
        if not name.strip():
            return
        place = _label_bounds(di) or Box(box.cx - 50, box.y + box.h + 4, 100, LINE_HEIGHT * 4)
        place = Box(place.x, place.y, max(place.w, 40.0), place.h)
        self._grow((place.x, place.y), (place.x + place.w, place.y + place.h))
        group = _add(self.layers["labels"], "g",
                     {"class": "pr-label", "data-element-id": model.get("id", "")})
        self._text(group, name, place, "middle", top=True)

    # --- execution overlay ------------------------------------------------------------------------
    def _state(self, group: etree._Element, box: Box, element_id: str, outline: str) -> None:
        count = self.completed.get(element_id, 0)
        is_active = element_id in self.active
        states = []
        if count > 0:
            self.done_count += 1
            group.set("class", group.get("class", "") + " pr-done")
            states.append(self.texts["done"] if count == 1 else
                          self.texts["done_n"].format(n=count, times=_times(count, self.language)))
        if is_active:
            self.active_names.append((self.by_id[element_id].get("name") or element_id).strip())
            group.set("class", group.get("class", "") + " pr-active")
            states.append(self.texts["active"])
            halo = {"fill": "none", "stroke": ACTIVE_INK, "stroke-width": "3", "class": "pr-halo"}
            if outline == "rect":
                _rect(group, Box(box.x - 4, box.y - 4, box.w + 8, box.h + 8), fill="none", stroke=ACTIVE_INK,
                      width=3, rx=13).set("class", "pr-halo")
            elif outline == "circle":
                _add(group, "circle", {"cx": _num(box.cx), "cy": _num(box.cy),
                                       "r": _num(min(box.w, box.h) / 2 + 4), **halo})
            else:
                _add(group, "polygon", {"points": _points([(box.cx, box.y - 6), (box.x + box.w + 6, box.cy),
                                                           (box.cx, box.y + box.h + 6), (box.x - 6, box.cy)]),
                                        **halo})
        if states:
            title = group.find(f"{{{SVG}}}title")
            if title is None:
                title = etree.Element(f"{{{SVG}}}title")
                title.text = element_id
                group.insert(0, title)
            title.text = f"{title.text} — {', '.join(states)}"
        if count > 1:
            corner_x = box.x + box.w if outline != "diamond" else box.cx + box.w / 4
            corner_y = box.y if outline != "diamond" else box.cy - box.h / 4
            self._badge(group, corner_x, corner_y, count)

    def _badge(self, group: etree._Element, x: float, y: float, count: int) -> None:
        label = str(count)
        width = 10 + 6.5 * len(label)
        badge = _add(group, "g", {"class": "pr-count"})
        _add(badge, "rect", {"x": _num(x - width / 2), "y": _num(y - 8), "width": _num(width), "height": "16",
                             "rx": "8", "fill": DONE_INK, "stroke": PAPER, "stroke-width": "1.5"})
        _add(badge, "text", {"x": _num(x), "y": _num(y + 4), "text-anchor": "middle", "fill": PAPER,
                             "font-weight": "bold"}, text=label)
        self._grow((x - width / 2, y - 8), (x + width / 2, y + 8))

    # --- edges ------------------------------------------------------------------------------------
    def _edge(self, di: etree._Element, model: etree._Element) -> None:
        points = [(_coordinate(p, "x"), _coordinate(p, "y")) for p in di.findall(f"{{{DI}}}waypoint")]
        if len(points) < 2:
            return
        self._grow(*points)
        kind = _local(model)
        element_id = model.get("id", "")
        layer = "messages" if kind == "messageFlow" else "edges"
        group = _add(self.layers[layer], "g", {"class": f"pr-el pr-{kind}", "data-element-id": element_id})
        name = (model.get("name") or "").strip()
        if name:
            _add(group, "title", text=name)
        d = "M" + " L".join(f"{_num(x)},{_num(y)}" for x, y in points)
        attrs = {"d": d, "fill": "none", "stroke": INK, "stroke-width": "1.5", "stroke-linejoin": "round"}
        taken = self.flows.get(element_id, 0)
        if kind == "sequenceFlow":
            attrs["marker-end"] = f"url(#{self.prefix}-arrow)"
            if taken > 0:
                self.taken_count += 1
                attrs.update({"stroke": DONE_INK, "stroke-width": "3",
                              "marker-end": f"url(#{self.prefix}-arrow-taken)"})
                group.set("class", group.get("class", "") + " pr-taken")
                if taken > 1:
                    text = self.texts["taken_n"].format(n=taken, times=_times(taken, self.language))
                    title = group.find(f"{{{SVG}}}title")
                    if title is None:
                        title = _add(group, "title")
                        group.insert(0, title)
                    title.text = f"{name} — {text}" if name else text
        elif kind == "messageFlow":
            attrs.update({"stroke-dasharray": "10 6", "marker-start": f"url(#{self.prefix}-circle)",
                          "marker-end": f"url(#{self.prefix}-open-arrow)"})
        else:
            attrs.update({"stroke-dasharray": "2 4", "stroke-width": "1.2"})
            directed = kind in ("dataInputAssociation", "dataOutputAssociation") or \
                model.get("associationDirection") in ("One", "Both")
            if directed:
                attrs["marker-end"] = f"url(#{self.prefix}-line-arrow)"
        _add(group, "path", attrs)
        source = self.by_id.get(model.get("sourceRef", ""))
        if kind == "sequenceFlow" and source is not None and source.get("default") == element_id:
            self._default_slash(group, points[0], points[1])
        if name:
            place = _label_bounds(di)
            if place is None:
                mx, my = _midpoint(points)
                place = Box(mx - 45, my - LINE_HEIGHT * 2 - 4, 90, LINE_HEIGHT * 2)
            self._grow((place.x, place.y), (place.x + place.w, place.y + place.h))
            self._text(group, name, Box(place.x, place.y, max(place.w, 40.0), place.h), "middle", top=True)
        if taken > 1:
            mx, my = _midpoint(points)
            self._badge(group, mx, my, taken)

    def _default_slash(self, group: etree._Element, start: tuple[float, float],
                       end: tuple[float, float]) -> None:
        length = math.dist(start, end) or 1.0
        ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
        px, py = start[0] + ux * 10, start[1] + uy * 10
        nx, ny = -uy, ux
        _add(group, "path", {"d": f"M{_num(px - ux * 4 + nx * 6)},{_num(py - uy * 4 + ny * 6)} "
                                  f"L{_num(px + ux * 4 - nx * 6)},{_num(py + uy * 4 - ny * 6)}",
                             "stroke": INK, "stroke-width": "1.5", "class": "pr-default"})

    # --- text -------------------------------------------------------------------------------------
    def _text(self, parent: etree._Element, text: str, box: Box, anchor: str, *,
              top: bool = False) -> etree._Element:
        max_lines = None if top else max(1, int(box.h // LINE_HEIGHT))
        lines = wrap_text(text, box.w, max_lines)
        x = {"start": box.x, "middle": box.cx}[anchor]
        middle = box.cy - (len(lines) - 1) * LINE_HEIGHT / 2 + FONT_SIZE * 0.35
        first = box.y + FONT_SIZE if top else middle
        element = _add(parent, "text", {"x": _num(x), "text-anchor": anchor, "fill": INK})
        for index, line in enumerate(lines):
            _add(element, "tspan", {"x": _num(x), "y": _num(first + index * LINE_HEIGHT)}, text=line)
        if top and lines:
            self._grow((box.x, box.y), (box.x + box.w, first + (len(lines) - 1) * LINE_HEIGHT + 4))
        return element


def _add(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None,
         text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{SVG}}}{tag}")
    for key, value in (attrs or {}).items():
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def _rect(parent: etree._Element, box: Box, *, fill: str, stroke: str, width: float,
          rx: float = 0.0) -> etree._Element:
    attrs = {"x": _num(box.x), "y": _num(box.y), "width": _num(box.w), "height": _num(box.h)}
    if rx:
        attrs["rx"] = _num(rx)
    return _add(parent, "rect", {**attrs, "fill": fill, "stroke": stroke, "stroke-width": _num(width)})


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in points)


def _cross(cx: float, cy: float, s: float) -> str:
    return _path("M", cx - s, cy, "L", cx + s, cy, "M", cx, cy - s, "L", cx, cy + s)


def _path(*parts: str | float) -> str:
    """SVG path data from commands and coordinates, numbers rounded to one decimal."""
    return " ".join(part if isinstance(part, str) else _num(part) for part in parts)


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The point halfway along a polyline."""
    lengths = [math.dist(a, b) for a, b in zip(points, points[1:], strict=False)]
    remaining = sum(lengths) / 2
    for (a, b), length in zip(zip(points, points[1:], strict=False), lengths, strict=True):
        if remaining <= length and length > 0:
            t = remaining / length
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        remaining -= length
    return points[-1]


def _pentagon(parent: etree._Element, cx: float, cy: float, r: float) -> None:
    corners = [(cx + r * math.sin(2 * math.pi * i / 5), cy - r * math.cos(2 * math.pi * i / 5))
               for i in range(5)]
    _add(parent, "polygon", {"points": _points(corners)})


# --- task type icons, drawn in a 16x16 box from (x, y) ----------------------------------------------
def _user_icon(g: etree._Element, x: float, y: float) -> None:
    _add(g, "circle", {"cx": _num(x + 8), "cy": _num(y + 4.5), "r": "3.5"})
    _add(g, "path", {"d": _path("M", x + 1, y + 16, "C", x + 1, y + 8, x + 15, y + 8, x + 15, y + 16, "Z")})


def _service_icon(g: etree._Element, x: float, y: float) -> None:
    _add(g, "circle", {"cx": _num(x + 8), "cy": _num(y + 8), "r": "5.5", "stroke-width": "3",
                       "stroke-dasharray": "2.2 2.1"})
    _add(g, "circle", {"cx": _num(x + 8), "cy": _num(y + 8), "r": "3", "fill": PAPER})


def _script_icon(g: etree._Element, x: float, y: float) -> None:
    scroll = "h10 c-4,3 -4,4 0,7 c4,3 4,4 0,7 h-10 c4,-3 4,-4 0,-7 c-4,-3 -4,-4 0,-7 Z"
    _add(g, "path", {"d": _path("M", x + 3, y + 1, scroll, "M", x + 5, y + 5, "h6 M", x + 6, y + 8, "h6 M",
                                x + 5, y + 11, "h6")})


def _business_rule_icon(g: etree._Element, x: float, y: float) -> None:
    _add(g, "rect", {"x": _num(x + 1), "y": _num(y + 2), "width": "14", "height": "12"})
    _add(g, "rect", {"x": _num(x + 1), "y": _num(y + 2), "width": "14", "height": "3.5", "fill": INK})
    _add(g, "path", {"d": f"M{_num(x + 1)},{_num(y + 9.5)} h14 M{_num(x + 5.5)},{_num(y + 5.5)} v8.5"})


def _envelope(g: etree._Element, x: float, y: float, w: float, h: float, filled: bool) -> None:
    _add(g, "rect", {"x": _num(x), "y": _num(y), "width": _num(w), "height": _num(h),
                     "fill": INK if filled else PAPER, "stroke": INK})
    _add(g, "path", {"d": _path("M", x, y, "L", x + w / 2, y + h * 0.55, "L", x + w, y),
                     "fill": "none", "stroke": PAPER if filled else INK})


def _send_icon(g: etree._Element, x: float, y: float) -> None:
    _envelope(g, x, y + 3, 16, 11, True)


def _receive_icon(g: etree._Element, x: float, y: float) -> None:
    _envelope(g, x, y + 3, 16, 11, False)


def _manual_icon(g: etree._Element, x: float, y: float) -> None:
    _add(g, "path", {"d": f"M{_num(x)},{_num(y + 7)} h9 M{_num(x)},{_num(y + 7)} v7 h12 "
                          f"M{_num(x + 3)},{_num(y + 9.5)} h12 M{_num(x + 3)},{_num(y + 12)} h11"})


TASK_ICONS: dict[str, Callable[[etree._Element, float, float], None]] = {
    "userTask": _user_icon, "serviceTask": _service_icon, "scriptTask": _script_icon,
    "businessRuleTask": _business_rule_icon, "sendTask": _send_icon, "receiveTask": _receive_icon,
    "manualTask": _manual_icon,
}


def _collapsed_marker(g: etree._Element, x: float, y: float) -> None:
    _add(g, "rect", {"x": _num(x), "y": _num(y), "width": "14", "height": "14"})
    _add(g, "path", {"d": _cross(x + 7, y + 7, 4.5)})


def _parallel_marker(g: etree._Element, x: float, y: float) -> None:
    _add(g, "path", {"d": _path("M", x + 2, y, "v14 M", x + 7, y, "v14 M", x + 12, y, "v14"),
                     "stroke-width": "2"})


def _sequential_marker(g: etree._Element, x: float, y: float) -> None:
    _add(g, "path", {"d": _path("M", x, y + 2, "h14 M", x, y + 7, "h14 M", x, y + 12, "h14"),
                     "stroke-width": "2"})


def _loop_marker(g: etree._Element, x: float, y: float) -> None:
    _add(g, "path", {"d": f"M{_num(x + 4)},{_num(y + 13)} A6,6 0 1 1 {_num(x + 10)},{_num(y + 13)} "
                          f"M{_num(x + 10)},{_num(y + 13)} l0,-4 M{_num(x + 10)},{_num(y + 13)} l4,0",
                     "stroke-width": "1.5"})


# --- event definition icons, centred on (cx, cy), `s` scales an 18-unit radius ----------------------
def _timer_icon(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
    _add(g, "circle", {"cx": _num(cx), "cy": _num(cy), "r": _num(10 * s), "fill": PAPER})
    ticks = " ".join(f"M{_num(cx + 8 * s * math.sin(a))},{_num(cy - 8 * s * math.cos(a))} "
                     f"L{_num(cx + 10 * s * math.sin(a))},{_num(cy - 10 * s * math.cos(a))}"
                     for a in (i * math.pi / 6 for i in range(12)))
    _add(g, "path", {"d": ticks, "stroke-width": "1"})
    _add(g, "path", {"d": f"M{_num(cx)},{_num(cy)} L{_num(cx)},{_num(cy - 7 * s)} M{_num(cx)},{_num(cy)} "
                          f"L{_num(cx + 5 * s)},{_num(cy + 1 * s)}", "fill": "none"})


def _message_icon(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
    w, h = 18 * s, 12 * s
    _envelope(g, cx - w / 2, cy - h / 2, w, h, filled)


EventIcon = Callable[[etree._Element, float, float, float, bool], None]


def _shape_icon(points: list[tuple[float, float]]) -> EventIcon:
    def draw(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
        _add(g, "polygon", {"points": _points([(cx + px * s, cy + py * s) for px, py in points])})
    return draw


def _terminate_icon(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
    _add(g, "circle", {"cx": _num(cx), "cy": _num(cy), "r": _num(10 * s), "fill": INK})


def _conditional_icon(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
    _add(g, "rect", {"x": _num(cx - 7 * s), "y": _num(cy - 9 * s), "width": _num(14 * s),
                     "height": _num(18 * s), "fill": PAPER})
    _add(g, "path", {"d": " ".join(f"M{_num(cx - 4 * s)},{_num(cy + dy * s)} h{_num(8 * s)}"
                                   for dy in (-5, -1.5, 2, 5.5)), "stroke-width": "1"})


def _cancel_icon(g: etree._Element, cx: float, cy: float, s: float, filled: bool) -> None:
    d = 7 * s
    cross = _path("M", cx - d, cy - d, "L", cx + d, cy + d, "M", cx + d, cy - d, "L", cx - d, cy + d)
    _add(g, "path", {"d": cross, "stroke-width": "4"})


EVENT_ICONS: dict[str, EventIcon] = {
    "timerEventDefinition": _timer_icon,
    "messageEventDefinition": _message_icon,
    "errorEventDefinition": _shape_icon([(-8, 9), (-3, -8), (2, 1), (8, -9), (3, 8), (-2, -1)]),
    "signalEventDefinition": _shape_icon([(0, -9), (8, 6), (-8, 6)]),
    "escalationEventDefinition": _shape_icon([(0, -9), (6, 8), (0, 2), (-6, 8)]),
    "linkEventDefinition": _shape_icon([(-8, -3), (1, -3), (1, -8), (8, 0), (1, 8), (1, 3), (-8, 3)]),
    "compensateEventDefinition": _shape_icon([(-9, 0), (-1, -6), (-1, 0), (7, -6), (7, 6), (-1, 0), (-1, 6)]),
    "terminateEventDefinition": _terminate_icon,
    "conditionalEventDefinition": _conditional_icon,
    "cancelEventDefinition": _cancel_icon,
}
