"""Server-side SVG rendering of a BPMN diagram from its BPMNDI layout, with an executed path overlaid: the
document, its markers and layers, and the edges over the shapes."""
from __future__ import annotations

import math
from collections.abc import Mapping

from lxml import etree
from markupsafe import Markup

from web.diagram.base import LANGUAGES
from web.diagram.model import (
    BPMNDI,
    DI,
    LAYERS,
    SVG,
    Box,
    DiagramError,
    coordinate,
    label_bounds_of,
    local_name,
    locate,
)
from web.diagram.shapes import ShapeCanvas
from web.diagram.svg import DONE_INK, FONT_SIZE, INK, LINE_HEIGHT, MARGIN, PAPER, add_element, midpoint, num


def render_svg(files: Mapping[str, bytes], process_key: str, *, completed: dict[str, int] | None = None,
               active: set[str] | None = None, flows: dict[str, int] | None = None,
               locale: str = "ru") -> Markup:
    """Draw the diagram that shows `process_key` (its own plane or its collaboration's)."""
    language = locale.replace("-", "_").split("_")[0].lower()
    if language not in LANGUAGES:
        raise DiagramError(f"unsupported locale {locale!r}")
    located = locate(files, process_key)
    canvas = _Canvas(located, process_key, language, completed or {}, active or set(), flows or {})
    # The lxml serializer has escaped every text and attribute value of the tree.
    return Markup(canvas.render())  # noqa: S704


class _Canvas(ShapeCanvas):
    # --- document ---------------------------------------------------------------------------------
    def render(self) -> str:
        title = add_element(self.svg, "title", {"id": f"{self.prefix}-title"})
        desc = add_element(self.svg, "desc", {"id": f"{self.prefix}-desc"})
        self._defs()
        for name in LAYERS:
            self.layers[name] = add_element(self.svg, "g", {"class": f"pr-layer-{name}"})
        for di in self.plane:
            model = self.by_id.get(di.get("bpmnElement", ""))
            if model is None:
                continue
            if di.tag == f"{{{BPMNDI}}}BPMNShape":
                self._shape(di, model)
            elif di.tag == f"{{{BPMNDI}}}BPMNEdge":
                self._edge(di, model)
        self._sort_containers()
        title.text = self.gettext("Схема процесса «{name}»").format(name=self.title)
        desc.text = self.gettext(
            "Выполнено элементов: {done}. Активные элементы: {active}. Пройдено переходов: {flows}.").format(
            done=self.done_count, flows=self.taken_count, active=", ".join(self.active_names) or self.gettext("нет"))
        x0, y0, x1, y1 = self.extent if self.extent[0] != math.inf else (0.0, 0.0, 100.0, 100.0)
        x0, y0, x1, y1 = x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN
        attrs = {"viewBox": f"{num(x0)} {num(y0)} {num(x1 - x0)} {num(y1 - y0)}",
                 "width": num(x1 - x0), "height": num(y1 - y0), "role": "img",
                 "aria-labelledby": f"{self.prefix}-title {self.prefix}-desc", "class": "pr-diagram",
                 "font-family": "system-ui, 'Segoe UI', Roboto, Arial, sans-serif",
                 "font-size": num(FONT_SIZE)}
        for key, value in attrs.items():
            self.svg.set(key, value)
        return etree.tostring(self.svg, encoding="unicode")

    def _defs(self) -> None:
        defs = add_element(self.svg, "defs")
        for name, ink, fill, shape in (("arrow", INK, INK, "M0,0 L10,5 L0,10 Z"),
                                       ("arrow-taken", DONE_INK, DONE_INK, "M0,0 L10,5 L0,10 Z"),
                                       ("open-arrow", INK, PAPER, "M0,0 L10,5 L0,10 Z"),
                                       ("line-arrow", INK, "none", "M0,0 L10,5 L0,10")):
            marker = add_element(defs, "marker", {"id": f"{self.prefix}-{name}", "viewBox": "0 0 10 10",
                                           "refX": "10", "refY": "5", "markerWidth": "8", "markerHeight": "8",
                                           "orient": "auto-start-reverse", "markerUnits": "userSpaceOnUse"})
            add_element(marker, "path", {"d": shape, "fill": fill, "stroke": ink, "stroke-width": "1"})
        start = add_element(defs, "marker", {"id": f"{self.prefix}-circle", "viewBox": "0 0 10 10", "refX": "5",
                                      "refY": "5", "markerWidth": "8", "markerHeight": "8",
                                      "markerUnits": "userSpaceOnUse"})
        add_element(start, "circle", {"cx": "5", "cy": "5", "r": "4", "fill": PAPER, "stroke": INK})

    def _sort_containers(self) -> None:
        """Larger containers first, so nested expanded sub-processes stay visible."""
        layer = self.layers["containers"]
        groups = sorted(layer, key=lambda g: -float(g.get("data-area", "0")))
        for group in groups:
            layer.append(group)

    # --- edges ------------------------------------------------------------------------------------
    def _edge(self, di: etree._Element, model: etree._Element) -> None:
        points = [(coordinate(p, "x"), coordinate(p, "y")) for p in di.findall(f"{{{DI}}}waypoint")]
        if len(points) < 2:
            return
        self._grow(*points)
        kind = local_name(model)
        element_id = model.get("id", "")
        layer = "messages" if kind == "messageFlow" else "edges"
        group = add_element(self.layers[layer], "g", {"class": f"pr-el pr-{kind}", "data-element-id": element_id})
        name = (model.get("name") or "").strip()
        if name:
            add_element(group, "title", text=name)
        d = "M" + " L".join(f"{num(x)},{num(y)}" for x, y in points)
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
                    text = self.gettext("пройдено раз: {n}").format(n=taken)
                    title = group.find(f"{{{SVG}}}title")
                    if title is None:
                        title = add_element(group, "title")
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
        add_element(group, "path", attrs)
        source = self.by_id.get(model.get("sourceRef", ""))
        if kind == "sequenceFlow" and source is not None and source.get("default") == element_id:
            self._default_slash(group, points[0], points[1])
        if name:
            place = label_bounds_of(di)
            if place is None:
                mx, my = midpoint(points)
                place = Box(mx - 45, my - LINE_HEIGHT * 2 - 4, 90, LINE_HEIGHT * 2)
            self._grow((place.x, place.y), (place.x + place.w, place.y + place.h))
            self._text(group, name, Box(place.x, place.y, max(place.w, 40.0), place.h), "middle", top=True)
        if taken > 1:
            mx, my = midpoint(points)
            self._badge(group, mx, my, taken)

    def _default_slash(self, group: etree._Element, start: tuple[float, float],
                       end: tuple[float, float]) -> None:
        length = math.dist(start, end) or 1.0
        ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
        px, py = start[0] + ux * 10, start[1] + uy * 10
        nx, ny = -uy, ux
        add_element(group, "path", {"d": f"M{num(px - ux * 4 + nx * 6)},{num(py - uy * 4 + ny * 6)} "
                                  f"L{num(px + ux * 4 - nx * 6)},{num(py + uy * 4 - ny * 6)}",
                             "stroke": INK, "stroke-width": "1.5", "class": "pr-default"})
