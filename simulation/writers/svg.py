"""Horizontal bar charts as inline SVG (no scripts, no downloads): one bar per labelled value."""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

ROW_HEIGHT = 26
LABEL_WIDTH = 300
"""The label column's least width; it grows so that the longest label is never cut off."""
CHAR_WIDTH = 7.5
"""A generous width of one character at font size 12 (Cyrillic capitals included)."""
LABEL_GAP = 6
BAR_AREA = 380
VALUE_WIDTH = 90
PADDING = 8
COLOURS = ("#2f6db3", "#d9822b", "#3a9d5d", "#b8433a", "#7a5cb8", "#5f7d8c")


def bar_chart(title: str, rows: Sequence[tuple[str, float]], *, percent: bool = False,
              reference: tuple[str, float] | None = None) -> str:
    """`rows` of (label, value); `percent` shows values 0..1 as percentages; `reference` draws a labelled
    vertical line (e.g. the national goal) on the same scale."""
    values = [value for _, value in rows] + ([reference[1]] if reference else [])
    top = max(values, default=0) or 1
    height = PADDING * 2 + ROW_HEIGHT * max(len(rows), 1) + (18 if reference else 0)
    label_width = label_column_width([label for label, _ in rows])
    width = label_width + BAR_AREA + VALUE_WIDTH
    if reference:
        width = max(width, round(label_width + BAR_AREA * reference[1] / top + CHAR_WIDTH * len(reference[0]) / 2))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">', f"<title>{escape(title)}</title>"]
    for index, (label, value) in enumerate(rows):
        y = PADDING + index * ROW_HEIGHT
        length = BAR_AREA * value / top
        colour = COLOURS[index % len(COLOURS)]
        shown = f"{value:.1%}" if percent else f"{value:,.0f}".replace(",", " ")
        parts.append(f'<text x="{label_width - LABEL_GAP}" y="{y + 17}" text-anchor="end" font-size="12">'
                     f'{escape(label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{ROW_HEIGHT - 8}" '
                     f'fill="{colour}"><title>{escape(label)}: {shown}</title></rect>')
        parts.append(f'<text x="{label_width + length + 4:.1f}" y="{y + 17}" font-size="12">{shown}</text>')
    if reference:
        x = label_width + BAR_AREA * reference[1] / top
        parts.append(f'<line x1="{x:.1f}" y1="{PADDING}" x2="{x:.1f}" y2="{height - 18}" stroke="#b8433a" '
                     'stroke-width="2" stroke-dasharray="5,3"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle" font-size="11" fill="#b8433a">'
                     f'{escape(reference[0])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def label_column_width(labels: Sequence[str]) -> int:
    longest = max((len(label) for label in labels), default=0)
    return max(LABEL_WIDTH, round(CHAR_WIDTH * longest) + 2 * LABEL_GAP)
