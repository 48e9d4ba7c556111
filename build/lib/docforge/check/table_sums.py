"""Tables whose 合计/小计 row or column does not equal the sum of the figures it totals."""

from __future__ import annotations

import re
from decimal import Decimal

from lxml import etree

from docforge.check.findings import Finding, Severity
from docforge.check.statements import location
from docforge.model.xml import q

_TOTAL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计)")
_SUBTOTAL = re.compile(r"^小\s*计")
_CODE = re.compile(r"^([0-9]{3,})")
ADDITIVE = ("money", "count", "number", "score")


def _grid(rows: list[etree._Element]) -> list[dict[int, etree._Element]]:
    """Cells by row and column position, spans resolved (a spanned cell fills every slot it covers)."""
    grid: list[dict[int, etree._Element]] = [{} for _ in rows]
    for r, tr in enumerate(rows):
        column = 0
        for cell in tr:
            while column in grid[r]:
                column += 1
            for dr in range(int(cell.get("rowspan", 1))):
                for dc in range(int(cell.get("colspan", 1))):
                    if r + dr < len(rows):
                        grid[r + dr][column + dc] = cell
            column += int(cell.get("colspan", 1))
    return grid


def _text(cell: etree._Element | None) -> str:
    return re.sub(r"\s+", "", "".join(cell.itertext())) if cell is not None else ""


def _value(cell: etree._Element | None) -> tuple[Decimal, etree._Element] | None:
    """The cell's number when the cell is nothing but one additive amount."""
    if cell is None:
        return None
    amounts = cell.findall(q("amount"))
    if len(amounts) != 1 or amounts[0].get("kind", "number") not in ADDITIVE:
        return None
    if _text(cell) != re.sub(r"\s+", "", amounts[0].text or ""):
        return None
    return Decimal(amounts[0].get("value")), amounts[0]


def _places(values: list[Decimal]) -> int:
    return max((-v.as_tuple().exponent if v.as_tuple().exponent < 0 else 0) for v in values)


def _mismatch(total: Decimal, parts: list[Decimal]) -> bool:
    places = _places([total, *parts])
    return abs(sum(parts, Decimal(0)) - total) > Decimal(5) * Decimal(10) ** -(places + 1) * (len(parts) + 1)


def _finding(table: etree._Element, what: str, what_en: str, total: Decimal, parts: list[Decimal]) -> Finding:
    section, src = location(table)
    total_of_parts = sum(parts, Decimal(0))
    return Finding(
        "table-sum-mismatch", Severity.ERROR,
        f"表格{what}合计数{total}与各项之和{total_of_parts}不符",
        f"table {what_en}: total {total} but the figures add up to {total_of_parts}",
        section, src, f"{total} ≠ {' + '.join(str(p) for p in parts)}",
    )


def _label(row: dict[int, etree._Element]) -> str:
    return _text(row.get(0))


def _top_level(grid: list[dict[int, etree._Element]], rows: list[int]) -> list[int]:
    """Of rows headed by budget codes (``201``, ``20101``…), the highest level only: the rest are inside them."""
    codes = {i: m.group(1) for i in rows if (m := _CODE.match(_label(grid[i])))}
    if not codes:
        return rows
    shortest = min(len(code) for code in codes.values())
    return [i for i in rows if i in codes and len(codes[i]) == shortest]


def _part_rows(grid: list[dict[int, etree._Element]], r: int, start: int) -> list[int]:
    """The rows a total row sums: its 小计 rows, else the rows since the last total, else the rows below it."""
    if not _SUBTOTAL.match(_label(grid[r])):
        subtotals = [i for i in range(r) if _SUBTOTAL.match(_label(grid[i]))]
        if subtotals:
            return subtotals
    if r > start:
        return _top_level(grid, list(range(start, r)))
    below = []
    for i in range(r + 1, len(grid)):
        if _TOTAL.match(_label(grid[i])):
            break
        below.append(i)
    return _top_level(grid, below)


def _column_totals(table: etree._Element, head: list[dict[int, etree._Element]],
                   grid: list[dict[int, etree._Element]]) -> list[Finding]:
    findings = []
    start = 0
    for r, row in enumerate(grid):
        if not _TOTAL.match(_label(row)):
            continue
        rows = _part_rows(grid, r, start)
        for c in sorted(row):
            total = _value(row[c]) if c else None
            parts = [_value(grid[i].get(c)) for i in rows]
            if total is None or len(parts) < 2 or any(p is None for p in parts):
                continue
            values = [p[0] for p in parts]
            if _mismatch(total[0], values):
                header = _text(head[-1].get(c)) if head else str(c + 1)
                findings.append(_finding(table, f"“{_label(row)}”行“{header}”列",
                                         f"row {_label(row)}, column {c + 1}", total[0], values))
        start = r + 1
    return findings


def _row_totals(table: etree._Element, head: list[dict[int, etree._Element]],
                body: list[dict[int, etree._Element]]) -> list[Finding]:
    findings = []
    if not head:
        return findings
    columns = {c: _text(cell) for c, cell in head[-1].items()}
    totals = [c for c, text in columns.items() if c and _TOTAL.match(text)]
    for c in totals:
        for row in body:
            total = _value(row.get(c))
            parts = [_value(row.get(o)) for o in sorted(columns) if o and o != c]
            parts = [p for p in parts if p is not None]
            if total is None or len(parts) < 2:
                continue
            values = [p[0] for p in parts]
            if _mismatch(total[0], values):
                findings.append(_finding(table, f"“{_text(row.get(0))}”行", f"row {_text(row.get(0))}", total[0], values))
    return findings


def check_table_sums(root: etree._Element) -> list[Finding]:
    findings = []
    for table in root.iter(q("table")):
        head_el, body_el = table.find(q("thead")), table.find(q("tbody"))
        head_rows = list(head_el) if head_el is not None else []
        body_rows = list(body_el) if body_el is not None else []
        grid = _grid(head_rows + body_rows)
        head, body = grid[: len(head_rows)], grid[len(head_rows):]
        findings += _column_totals(table, head, body)
        findings += _row_totals(table, head, body)
    return findings
