"""Writing the report into a directory as JSON (everything), CSV (the summary rows) and HTML (charts)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from simulation.metrics import SimulationReport
from simulation.writers.html import render_html
from simulation.writers.tables import summary_rows

BASENAME = "simulation_report"


def write_reports(report: SimulationReport, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path, csv_path, html_path = (directory / f"{BASENAME}.{suffix}" for suffix in ("json", "csv", "html"))
    json_path.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("section", "metric", "value"))
        writer.writerows(summary_rows(report))
    html_path.write_text(render_html(report), encoding="utf-8")
    return [json_path, csv_path, html_path]
