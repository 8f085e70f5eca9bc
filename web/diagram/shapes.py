"""Drawing the shapes of a diagram: tasks, sub-processes, events, gateways, pools and lanes, groups,
annotations, data, and their outer labels."""
from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from web.diagram.base import Canvas
from web.diagram.model import BPMN, DATA, EVENTS, GATEWAYS, TASKS, Box, bounds_of, label_bounds_of, local_name
from web.diagram.svg import (
    BAND,
    DONE_FILL,
    EVENT_ICONS,
    INK,
    LINE_HEIGHT,
    PAPER,
    TASK_ICONS,
    add_element,
    add_pentagon,
    add_rect,
    collapsed_marker,
    cross_path,
    loop_marker,
    num,
    parallel_marker,
    path_data,
    points_attr,
    sequential_marker,
)


class ShapeCanvas(Canvas):
    # --- shapes -----------------------------------------------------------------------------------
    def _shape(self, di: etree._Element, model: etree._Element) -> None:
        box = bounds_of(di)
        if box is None:
            return
        self._grow((box.x, box.y), (box.x + box.w, box.y + box.h))
        kind = local_name(model)
        element_id = model.get("id", "")
        if kind in TASKS:
            expanded = di.get("isExpanded") == "true" and kind != "callActivity"
            layer = "containers" if expanded else "nodes"
            group = self._group(layer, model, kind)
            if expanded:
                group.set("data-area", num(box.w * box.h))
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
        group = add_element(self.layers[layer], "g", {"class": f"pr-el pr-{kind}",
                                               "data-element-id": model.get("id", "")})
        name = (model.get("name") or "").strip()
        if name:
            add_element(group, "title", text=name)
        return group

    def _fill(self, element_id: str) -> str:
        return DONE_FILL if self.completed.get(element_id, 0) > 0 else PAPER

    def _task(self, group: etree._Element, box: Box, model: etree._Element, kind: str) -> None:
        self._frame(group, box, model, kind, self._fill(model.get("id", "")))
        icon = TASK_ICONS.get(kind)
        if icon is not None:
            icon(add_element(group, "g", {"class": "pr-marker", "fill": "none", "stroke": INK, "stroke-width": "1"}),
                 box.x + 6, box.y + 5)
        bottom = [*self._loop_markers(model)]
        if kind in ("subProcess", "transaction", "adHocSubProcess"):
            bottom.append(collapsed_marker)
        if kind == "callActivity" and model.get("calledElement"):
            bottom.append(collapsed_marker)
        for index, draw in enumerate(bottom):
            offset = (index - (len(bottom) - 1) / 2) * 18
            draw(add_element(group, "g", {"class": "pr-marker", "fill": "none", "stroke": INK}),
                 box.cx + offset - 7, box.y + box.h - 17)
        top_room = 16.0 if icon is not None else 4.0
        inner = Box(box.x + 4, box.y + top_room, box.w - 8, box.h - top_room - (18 if bottom else 4))
        self._text(group, model.get("name", ""), inner, "middle")

    def _loop_markers(self, model: etree._Element) -> list[Callable[[etree._Element, float, float], None]]:
        multi = model.find(f"{{{BPMN}}}multiInstanceLoopCharacteristics")
        if multi is not None:
            return [sequential_marker if multi.get("isSequential") == "true" else parallel_marker]
        if model.find(f"{{{BPMN}}}standardLoopCharacteristics") is not None:
            return [loop_marker]
        return []

    def _container(self, group: etree._Element, box: Box, model: etree._Element, kind: str) -> None:
        fill = "#eef8f1" if self.completed.get(model.get("id", ""), 0) > 0 else PAPER
        self._frame(group, box, model, kind, fill)
        self._text(group, model.get("name", ""), Box(box.x + 8, box.y + 4, box.w - 16, LINE_HEIGHT * 2),
                   "start")

    def _frame(self, group: etree._Element, box: Box, model: etree._Element, kind: str, fill: str) -> None:
        """The rounded border of an activity: thick for a call, dotted for an event sub-process."""
        rect = add_rect(group, box, fill=fill, stroke=INK, width=4.0 if kind == "callActivity" else 1.5, rx=10)
        if model.get("triggeredByEvent") == "true":
            rect.set("stroke-dasharray", "2 3")
        if kind == "transaction":
            inner = Box(box.x + 3, box.y + 3, box.w - 6, box.h - 6)
            add_rect(group, inner, fill="none", stroke=INK, width=1.0, rx=8)

    def _event(self, group: etree._Element, box: Box, model: etree._Element, kind: str) -> None:
        radius = min(box.w, box.h) / 2
        dashed = model.get("cancelActivity") == "false" or model.get("isInterrupting") == "false"
        outer = {"cx": num(box.cx), "cy": num(box.cy), "r": num(radius),
                 "fill": self._fill(model.get("id", "")), "stroke": INK,
                 "stroke-width": "4" if kind == "endEvent" else "1.5"}
        if dashed:
            outer["stroke-dasharray"] = "5 3"
        add_element(group, "circle", outer)
        if kind in ("intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"):
            inner = {"cx": num(box.cx), "cy": num(box.cy), "r": num(radius - 3), "fill": "none",
                     "stroke": INK, "stroke-width": "1.5"}
            if dashed:
                inner["stroke-dasharray"] = "5 3"
            add_element(group, "circle", inner)
        definitions = [local_name(child) for child in model if local_name(child).endswith("EventDefinition")]
        filled = kind in ("endEvent", "intermediateThrowEvent")
        marker = add_element(group, "g", {"class": "pr-marker", "fill": INK if filled else "none", "stroke": INK,
                                   "stroke-width": "1.5"})
        if len(definitions) > 1:
            add_pentagon(marker, box.cx, box.cy, radius * 0.45)
        elif definitions:
            draw = EVENT_ICONS.get(definitions[0])
            if draw is not None:
                draw(marker, box.cx, box.cy, radius / 18, filled)

    def _gateway(self, group: etree._Element, box: Box, kind: str) -> None:
        element_id = group.get("data-element-id", "")
        points = [(box.cx, box.y), (box.x + box.w, box.cy), (box.cx, box.y + box.h), (box.x, box.cy)]
        add_element(group, "polygon", {"points": points_attr(points), "fill": self._fill(element_id), "stroke": INK,
                                "stroke-width": "1.5"})
        marker = add_element(group, "g", {"class": "pr-marker", "fill": "none", "stroke": INK, "stroke-width": "3"})
        size = min(box.w, box.h)
        cx, cy = box.cx, box.cy
        if kind == "exclusiveGateway":
            s = size * 0.16
            add_element(marker, "path", {"d": f"M{num(cx - s)},{num(cy - s)} L{num(cx + s)},{num(cy + s)} "
                                       f"M{num(cx + s)},{num(cy - s)} L{num(cx - s)},{num(cy + s)}"})
        elif kind == "parallelGateway":
            s = size * 0.24
            add_element(marker, "path", {"d": cross_path(cx, cy, s)})
        elif kind == "inclusiveGateway":
            add_element(marker, "circle", {"cx": num(cx), "cy": num(cy), "r": num(size * 0.22),
                                    "stroke-width": "2.5"})
        elif kind == "eventBasedGateway":
            marker.set("stroke-width", "1")
            add_element(marker, "circle", {"cx": num(cx), "cy": num(cy), "r": num(size * 0.27)})
            add_element(marker, "circle", {"cx": num(cx), "cy": num(cy), "r": num(size * 0.22)})
            add_pentagon(marker, cx, cy, size * 0.13)
        elif kind == "complexGateway":
            s = size * 0.22
            d = s * 0.7
            add_element(marker, "path", {"d": cross_path(cx, cy, s) + f" M{num(cx - d)},{num(cy - d)} "
                                  f"L{num(cx + d)},{num(cy + d)} M{num(cx + d)},{num(cy - d)} "
                                  f"L{num(cx - d)},{num(cy + d)}"})

    def _pool(self, group: etree._Element, box: Box, name: str, di: etree._Element, band: float,
              ink: float) -> None:
        horizontal = di.get("isHorizontal") != "false"
        add_rect(group, box, fill="none", stroke=INK, width=ink)
        if not name:
            return
        if horizontal:
            add_rect(group, Box(box.x, box.y, band, box.h), fill=BAND, stroke=INK, width=ink)
            width, height = box.h - 10, band - 4
            place = Box(box.x + band / 2 - width / 2, box.cy - height / 2, width, height)
            text = self._text(group, name, place, "middle")
            text.set("transform", f"rotate(-90 {num(box.x + band / 2)} {num(box.cy)})")
        else:
            add_rect(group, Box(box.x, box.y, box.w, band), fill=BAND, stroke=INK, width=ink)
            self._text(group, name, Box(box.x + 5, box.y + 2, box.w - 10, band - 4), "middle")

    def _group_box(self, group: etree._Element, di: etree._Element, box: Box, model: etree._Element) -> None:
        add_rect(group, box, fill="none", stroke=INK, width=1.5, rx=10).set("stroke-dasharray", "10 4 2 4")
        category = self.by_id.get(model.get("categoryValueRef", ""))
        label = (category.get("value") if category is not None else None) or model.get("name") or ""
        if label:
            place = label_bounds_of(di) or Box(box.x + 5, box.y + 4, box.w - 10, LINE_HEIGHT * 2)
            self._grow((place.x, place.y), (place.x + place.w, place.y + place.h))
            self._text(group, label, place, "middle", top=True)

    def _annotation(self, group: etree._Element, box: Box, model: etree._Element) -> None:
        add_rect(group, box, fill=PAPER, stroke="none", width=0).set("fill-opacity", "0.85")
        bracket = path_data("M", box.x + 12, box.y, "L", box.x, box.y, "L", box.x, box.y + box.h,
                        "L", box.x + 12, box.y + box.h)
        add_element(group, "path", {"d": bracket, "fill": "none", "stroke": INK, "stroke-width": "1.5"})
        text = model.findtext(f"{{{BPMN}}}text") or ""
        self._text(group, text, Box(box.x + 6, box.y + 4, box.w - 10, box.h - 8), "start", top=True)

    def _data(self, group: etree._Element, box: Box, kind: str) -> None:
        x, y, w, h = box.x, box.y, box.w, box.h
        if kind == "dataStoreReference":
            e = min(8.0, h / 5)
            d = path_data("M", x, y + e, "A", w / 2, e, 0, 0, 1, x + w, y + e, "L", x + w, y + h - e,
                      "A", w / 2, e, 0, 0, 1, x, y + h - e, "Z M", x, y + e,
                      "A", w / 2, e, 0, 0, 0, x + w, y + e)
        else:
            fold = min(10.0, w / 3)
            d = path_data("M", x, y, "L", x + w - fold, y, "L", x + w, y + fold, "L", x + w, y + h, "L", x, y + h,
                      "Z M", x + w - fold, y, "L", x + w - fold, y + fold, "L", x + w, y + fold)
        add_element(group, "path", {"d": d, "fill": PAPER, "stroke": INK, "stroke-width": "1.5"})

    def _outer_label(self, di: etree._Element, box: Box, model: etree._Element) -> None:
        name = model.get("name") or ""
        if not name.strip():
            return
        place = label_bounds_of(di) or Box(box.cx - 50, box.y + box.h + 4, 100, LINE_HEIGHT * 4)
        place = Box(place.x, place.y, max(place.w, 40.0), place.h)
        self._grow((place.x, place.y), (place.x + place.w, place.y + place.h))
        group = add_element(self.layers["labels"], "g",
                     {"class": "pr-label", "data-element-id": model.get("id", "")})
        self._text(group, name, place, "middle", top=True)
