"""Typed table cells: each body cell says whether it holds an amount, a percentage, a 科目编码, text or nothing.

Checks, open data and screen layout all need to know what a cell is without parsing
its text again: an amount's value (its unit from the column header or the table's
``<unit>``), a percentage's value, a budget classification code and its level (类 3
digits, 款 5, 项 7; a code split over 类/款/项 columns takes the level of its column).
Typing works on the built XML, after the amounts are marked, and is idempotent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from docforge.model.xml import cell_text, q, table_grid
from docforge.text.table_cells import CODE_HEADER, CODE_LEVELS, CODE_PARTS, PERCENT_CELL

_DIGITS = re.compile(r"^[0-9]{2,7}$")
# Headers of other identifier columns, whose numbers are neither codes nor amounts.
_IDENTIFIER_HEADER = re.compile(r"序号|编号")


@dataclass(frozen=True)
class Column:
    """What a column's header says about its cells."""

    code_level: int | None = None  # the 类/款/项 part of a split code
    codes: bool = False
    identifiers: bool = False


def _columns(
    head: list[dict[int, etree._Element]], body: list[dict[int, etree._Element]]
) -> dict[int, Column]:
    columns: dict[int, Column] = {}
    width = max((max(row) + 1 for row in head + body if row), default=0)
    for c in range(width):
        texts = [cell_text(row.get(c)) for row in head]
        joined = "".join(dict.fromkeys(texts))
        lowest = texts[-1] if texts else ""
        if lowest in CODE_PARTS or CODE_HEADER.search(joined):
            columns[c] = Column(code_level=CODE_PARTS.get(lowest), codes=True)
        elif _IDENTIFIER_HEADER.search(joined):
            columns[c] = Column(identifiers=True)
        elif _code_column([cell_text(row.get(c)) for row in body]):
            columns[c] = Column(codes=True)
    return columns


def _code_column(texts: list[str]) -> bool:
    """A column without a header that holds nothing but nested classification codes (201, 20101, 2010101)."""
    filled = [t for t in texts if t]
    if len(filled) < 2 or not all(_DIGITS.match(t) and len(t) in CODE_LEVELS for t in filled):
        return False
    tops = {t for t in filled if len(t) == 3}
    return any(len(t) > 3 and t[:3] in tops for t in filled)


def _single_amount(cell: etree._Element) -> etree._Element | None:
    """The cell's marked amount when the cell is that amount and nothing else."""
    amounts = cell.findall(q("amount"))
    if len(amounts) != 1 or cell_text(cell) != re.sub(r"\s+", "", amounts[0].text or ""):
        return None
    return amounts[0]


def _clear(cell: etree._Element) -> None:
    for name in ("type", "value", "level", "unit"):
        cell.attrib.pop(name, None)


def _type(cell: etree._Element, column: Column | None, table_unit: str | None) -> None:
    _clear(cell)
    text = cell_text(cell)
    if not text:
        cell.set("type", "empty")
        return
    if column is not None and column.codes and _DIGITS.match(text):
        level = CODE_LEVELS.get(len(text)) if len(text) != 2 else column.code_level
        if level:
            cell.set("type", "code")
            cell.set("level", str(level))
            return
    if column is not None and (column.codes or column.identifiers):
        cell.set("type", "text")
        return
    if m := PERCENT_CELL.match(text):
        cell.set("type", "percent")
        cell.set("value", m.group("number").replace("−", "-"))
        return
    amount = _single_amount(cell)
    if amount is not None and amount.get("kind") == "percent":  # a figure under a ``%`` header
        cell.set("type", "percent")
        cell.set("value", amount.get("value", ""))
        return
    if amount is not None:
        cell.set("type", "amount")
        cell.set("value", amount.get("value", ""))
        unit = amount.get("unit")
        if unit and unit != table_unit:
            cell.set("unit", unit)
        return
    cell.set("type", "text")


def type_cells(table: etree._Element, table_unit: str | None) -> None:
    """Set ``type`` (and ``value``, ``level``, ``unit``) on every body cell of one table, in place."""
    head_el, body_el = table.find(q("thead")), table.find(q("tbody"))
    head_rows = list(head_el) if head_el is not None else []
    body_rows = list(body_el) if body_el is not None else []
    grid = table_grid(head_rows + body_rows)
    head, body = grid[: len(head_rows)], grid[len(head_rows) :]
    columns = _columns(head, body)
    seen: set[int] = set()
    for row in body:
        for c, cell in sorted(row.items()):
            if id(cell) in seen or cell.getparent().getparent() is not body_el:
                continue
            seen.add(id(cell))
            _type(cell, columns.get(c), table_unit)
