"""Every figure of the dashboard as a plain table (title, typed columns, rows of values): shown on the page,
downloaded as CSV or XLSX exactly as shown."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask_babel import LazyString
from openpyxl import Workbook

TEXT, COUNT, SHARE, HOURS = "text", "count", "share", "hours"


@dataclass(frozen=True)
class Column:
    label: LazyString | str
    kind: str = TEXT


@dataclass(frozen=True)
class Table:
    key: str
    title: LazyString | str
    columns: tuple[Column, ...]
    rows: list[tuple]


def cell_text(value, kind: str) -> str:
    """A value as the page and the CSV show it (shares in per cent)."""
    if value is None:
        return ""
    if kind == SHARE:
        return f"{value * 100:.1f} %".replace(".", ",")
    if kind == HOURS:
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark and semicolons, which a Russian Excel opens as columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(column.label) for column in table.columns])
    for row in table.rows:
        writer.writerow([cell_text(value, column.kind) for value, column in zip(row, table.columns, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """Numbers stay numbers (shares as fractions formatted in per cent), so the sheet can be computed on."""
    return workbook([table])


def workbook(tables: list[Table]) -> bytes:
    """One sheet per table."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(str(table.title)[:31])
        sheet.append([str(column.label) for column in table.columns])
        for row in table.rows:
            sheet.append(list(row))
        for index, column in enumerate(table.columns, start=1):
            if column.kind in (SHARE, HOURS):
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = "0.0%" if column.kind == SHARE else "0.0"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
