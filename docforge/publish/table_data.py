"""Each table of a report as open data: a CSV file (UTF-8 with BOM, so Excel opens it) and a JSON file.

Auditors and journalists want the figures in a spreadsheet, not in a page. A table's
multi-row header becomes one header path per column (``支出功能分类 / 科目编码 / 类``);
typed cells give numbers (amounts and percentages as numbers, the unit stated once for
the table and per column where a column names its own); a cell spanning rows is
repeated in each row it covers, so every row reads on its own.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

from docforge.model.xml import q, table_grid

PATH_SEPARATOR = " / "
NUMERIC_TYPES = ("amount", "percent")


@dataclass(frozen=True)
class TableData:
    """One table's content as data: header path per column, values per row."""

    id: str
    caption: str
    kind: str | None
    unit: str | None
    columns: list[list[str]]
    column_units: list[str | None]
    rows: list[list[str | Decimal | None]]
    notes: list[str]

    def csv_name(self) -> str:
        return f"{self.id}.csv"

    def json_name(self) -> str:
        return f"{self.id}.json"


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _value(cell: etree._Element | None, origin: bool) -> str | Decimal | None:
    if cell is None or not origin:  # a cell spanning columns stands in its first column only
        return None
    if cell.get("type") in NUMERIC_TYPES and cell.get("value") is not None:
        return Decimal(cell.get("value"))
    text = _text(cell)
    return text or None


def _header_paths(head: list[dict[int, etree._Element]], width: int) -> list[list[str]]:
    paths = []
    for c in range(width):
        path: list[str] = []
        for row in head:
            text = _text(row.get(c))
            if text and (not path or path[-1] != text):
                path.append(text)
        paths.append(path)
    return paths


def read_table_data(table: etree._Element) -> TableData:
    head_el, body_el = table.find(q("thead")), table.find(q("tbody"))
    head_rows = list(head_el) if head_el is not None else []
    body_rows = list(body_el) if body_el is not None else []
    grid = table_grid(head_rows + body_rows)
    head, body = grid[: len(head_rows)], grid[len(head_rows) :]
    width = max((max(row) + 1 for row in grid if row), default=0)
    rows = []
    for slots in body:
        values = []
        for c in range(width):
            cell = slots.get(c)
            origin = cell is not None and (c == 0 or slots.get(c - 1) is not cell)
            values.append(_value(cell, origin))
        rows.append(values)
    column_units: list[str | None] = []
    for c in range(width):
        units = {slots[c].get("unit") for slots in body if c in slots and slots[c].get("unit")}
        column_units.append(units.pop() if len(units) == 1 else None)
    return TableData(
        id=table.get("id", ""),
        caption=_text(table.find(q("caption"))),
        kind=table.get("kind"),
        unit=table.findtext(q("unit")),
        columns=_header_paths(head, width),
        column_units=column_units,
        rows=rows,
        notes=[_text(p) for p in table.iterfind(f"{q('tablenotes')}/{q('p')}")],
    )


def report_tables(root: etree._Element) -> list[TableData]:
    """Every table of a report that has an id, in document order."""
    return [read_table_data(t) for t in root.iter(q("table")) if t.get("id")]


def _column_name(path: list[str], index: int) -> str:
    return PATH_SEPARATOR.join(path) if path else f"第{index + 1}列"


def _csv_value(value: str | Decimal | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not _is_number(value) else value


def _is_number(text: str) -> bool:
    try:
        Decimal(text.replace(",", ""))
    except ArithmeticError:
        return False
    return True


def table_csv(data: TableData) -> bytes:
    """The table as CSV: one header line of header paths, then the body rows; UTF-8 with BOM, CRLF lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_column_name(path, i) for i, path in enumerate(data.columns)])
    for row in data.rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _json_value(value: str | Decimal | None) -> object:
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and "." not in str(value)
            else float(value)
        )
    return value


def table_json(data: TableData, report: dict[str, object] | None = None) -> bytes:
    """The table as JSON: caption, kind, unit, columns (header path and unit), rows of values, notes."""
    document = {
        "report": report or {},
        "id": data.id,
        "caption": data.caption,
        "kind": data.kind,
        "unit": data.unit,
        "columns": [
            {"name": _column_name(path, i), "path": path, "unit": data.column_units[i] or data.unit}
            for i, path in enumerate(data.columns)
        ],
        "rows": [[_json_value(v) for v in row] for row in data.rows],
        "notes": data.notes,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
