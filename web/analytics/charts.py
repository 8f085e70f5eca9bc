"""Bar charts drawn on the server as SVG: no script, no style sheet, only SVG presentation attributes (the
CSP forbids inline styles, not attributes). Every text goes through Markup.format, which escapes it."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH, GOAL_BAND = 18, 6, 300, 360, 80, 18
COLOURS = {"normal": "#0d6efd", "warn": "#dc3545", "good": "#198754", "muted": "#adb5bd"}

_SVG = Markup('<svg xmlns="http://www.w3.org/2000/svg" class="analytics-chart" role="img" viewBox="0 0 {} {}" '
              'aria-label="{}"><title>{}</title>{}</svg>')
_LABEL = Markup('<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#212529">{}</text>')
_BAR = Markup('<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="{}"><title>{}: {}</title></rect>')
_VALUE = Markup('<text x="{:.1f}" y="{}" font-size="12" fill="#212529">{}</text>')
_GOAL = Markup('<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{bottom}" stroke="#212529" stroke-dasharray="4 3"/>'
               '<text x="{x:.1f}" y="{text_y}" text-anchor="middle" font-size="11" fill="#212529">{text}</text>')


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    tone: str = "normal"


def bar_chart(bars: Sequence[Bar], *, title: str, scale: float | None = None,
              goal: float | None = None, goal_text: str = "") -> Markup:
    """Horizontal bars; `scale` is the value of a full bar (the largest value by default); `goal` draws a line."""
    full = scale or max((bar.value for bar in bars), default=0) or 1
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP + (GOAL_BAND if goal is not None else 0)
    parts = []
    for index, bar in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(0.0, min(1.0, bar.value / full)) * BAR_WIDTH
        parts.append(_LABEL.format(LABEL_WIDTH - 6, y + 13, _short(bar.label)))
        parts.append(_BAR.format(LABEL_WIDTH, y, length, BAR_HEIGHT, COLOURS.get(bar.tone, COLOURS["normal"]),
                                 bar.label, bar.text))
        parts.append(_VALUE.format(LABEL_WIDTH + length + 4, y + 13, bar.text))
    if goal is not None:
        parts.append(_GOAL.format(x=LABEL_WIDTH + min(1.0, goal / full) * BAR_WIDTH, bottom=height - GOAL_BAND + 2,
                                  text_y=height - 3, text=goal_text))
    return _SVG.format(LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH, height, title, title, Markup("").join(parts))


def _short(label: str, limit: int = 36) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
