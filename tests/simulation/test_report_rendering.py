"""The charts are plain inline SVG scaled to their values, and the progress display falls back to log lines
when stderr is not a terminal."""
from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

from simulation.driver import DriveStats
from simulation.progress import Progress
from simulation.writers.svg import BAR_AREA, CHAR_WIDTH, LABEL_WIDTH, bar_chart


def bar_widths(svg: str) -> list[float]:
    return [float(width) for width in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]


def test_bars_are_proportional_and_labels_escaped():
    svg = bar_chart("Воронка <тест>", [("Школа & колледж", 50), ("Выпускник", 25), ("Работа", 0)])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert bar_widths(svg) == [BAR_AREA, BAR_AREA / 2, 0.0]
    assert "Школа &amp; колледж" in svg and "Воронка &lt;тест&gt;" in svg


def test_percent_chart_with_a_reference_line_shares_one_scale():
    svg = bar_chart("Занятость", [("Трудоустроены", 0.4)], percent=True, reference=("цель 80 %", 0.8))
    assert "40.0%" in svg and "цель 80 %" in svg
    assert bar_widths(svg) == [BAR_AREA / 2]
    assert re.search(rf'<line x1="{LABEL_WIDTH + BAR_AREA:.1f}"', svg)


def test_long_labels_widen_the_label_column_so_none_is_cut_off():
    long = "Предоставление цифровых платформ в целях поиска работодателей (вакансий)"
    svg = bar_chart("Этапы", [(long, 3), ("Выпускник", 1)], reference=("национальная цель 80 %", 3))
    [anchor] = {float(x) for x in re.findall(r'<text x="([\d.]+)" y="\d+" text-anchor="end"', svg)}
    assert anchor >= CHAR_WIDTH * len(long), "the longest label fits left of the bars"
    width = float(re.search(r'<svg [^>]*width="([\d.]+)"', svg).group(1))
    line = float(re.search(r'<line x1="([\d.]+)"', svg).group(1))
    assert line + CHAR_WIDTH * len("национальная цель 80 %") / 2 <= width, "the reference label fits too"


def test_progress_without_a_terminal_writes_plain_lines():
    stream = io.StringIO()
    start = datetime(2026, 11, 2, 6, tzinfo=UTC)
    progress = Progress(start, start + timedelta(days=100), stream=stream, log_seconds=0)
    stats = DriveStats()
    stats.tasks_completed["final_exams"] = 3
    progress(start + timedelta(days=50), stats)
    progress.finish(start + timedelta(days=100), stats)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2 and "\r" not in stream.getvalue()
    assert "50.0%" in lines[0] and "tasks 3" in lines[0] and "100.0%" in lines[1]
