"""The drawing state of one diagram: the SVG document and its layers, the extent, the executed path given,
and what every drawn element shares (its completed/active state and count badge, wrapped text)."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations
from lxml import etree

from web.diagram.model import BPMN, SVG, Box, Located
from web.diagram.svg import (
    ACTIVE_INK,
    DONE_INK,
    FONT_SIZE,
    INK,
    LINE_HEIGHT,
    PAPER,
    add_element,
    add_rect,
    num,
    points_attr,
    wrap_text,
)

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ("ru", "en")
"""Russian is the source language of the texts; English comes from the web's Babel catalogue."""


@lru_cache(maxsize=len(LANGUAGES))
def translations(language: str) -> NullTranslations:
    return NullTranslations() if language == "ru" else Translations.load(str(TRANSLATIONS), [language])


class Canvas:
    def __init__(self, located: Located, process_key: str, language: str, completed: dict[str, int],
                 active: set[str], flows: dict[str, int]) -> None:
        self.definitions = located.definitions
        self.plane = located.plane
        self.title = located.title
        self.gettext = translations(language).gettext
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

    def _grow(self, *points: tuple[float, float]) -> None:
        for x, y in points:
            self.extent = [min(self.extent[0], x), min(self.extent[1], y),
                           max(self.extent[2], x), max(self.extent[3], y)]

    # --- execution overlay ------------------------------------------------------------------------
    def _state(self, group: etree._Element, box: Box, element_id: str, outline: str) -> None:
        count = self.completed.get(element_id, 0)
        is_active = element_id in self.active
        states = []
        if count > 0:
            self.done_count += 1
            group.set("class", group.get("class", "") + " pr-done")
            states.append(self.gettext("выполнено") if count == 1 else
                          self.gettext("выполнено раз: {n}").format(n=count))
        if is_active:
            self.active_names.append((self.by_id[element_id].get("name") or element_id).strip())
            group.set("class", group.get("class", "") + " pr-active")
            states.append(self.gettext("ожидает"))
            halo = {"fill": "none", "stroke": ACTIVE_INK, "stroke-width": "3", "class": "pr-halo"}
            if outline == "rect":
                add_rect(group, Box(box.x - 4, box.y - 4, box.w + 8, box.h + 8), fill="none", stroke=ACTIVE_INK,
                      width=3, rx=13).set("class", "pr-halo")
            elif outline == "circle":
                add_element(group, "circle", {"cx": num(box.cx), "cy": num(box.cy),
                                       "r": num(min(box.w, box.h) / 2 + 4), **halo})
            else:
                add_element(group, "polygon", {"points": points_attr([(box.cx, box.y - 6), (box.x + box.w + 6, box.cy),
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
        badge = add_element(group, "g", {"class": "pr-count"})
        add_element(badge, "rect", {"x": num(x - width / 2), "y": num(y - 8), "width": num(width), "height": "16",
                             "rx": "8", "fill": DONE_INK, "stroke": PAPER, "stroke-width": "1.5"})
        add_element(badge, "text", {"x": num(x), "y": num(y + 4), "text-anchor": "middle", "fill": PAPER,
                             "font-weight": "bold"}, text=label)
        self._grow((x - width / 2, y - 8), (x + width / 2, y + 8))

    # --- text -------------------------------------------------------------------------------------
    def _text(self, parent: etree._Element, text: str, box: Box, anchor: str, *,
              top: bool = False) -> etree._Element:
        max_lines = None if top else max(1, int(box.h // LINE_HEIGHT))
        lines = wrap_text(text, box.w, max_lines)
        x = {"start": box.x, "middle": box.cx}[anchor]
        middle = box.cy - (len(lines) - 1) * LINE_HEIGHT / 2 + FONT_SIZE * 0.35
        first = box.y + FONT_SIZE if top else middle
        element = add_element(parent, "text", {"x": num(x), "text-anchor": anchor, "fill": INK})
        for index, line in enumerate(lines):
            add_element(element, "tspan", {"x": num(x), "y": num(first + index * LINE_HEIGHT)}, text=line)
        if top and lines:
            self._grow((box.x, box.y), (box.x + box.w, first + (len(lines) - 1) * LINE_HEIGHT + 4))
        return element
