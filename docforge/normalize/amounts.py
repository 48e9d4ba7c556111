"""Mark the figures of a built report: ``643.77万元`` → ``<amount value="643.77" unit="万元" kind="money">``.

A disclosure report is about money, and checks, search and key figures all
need its amounts as numbers with units. Marking is done on the built XML so
the block model stays plain text; the wording is never changed (the element
holds the original text, spaces included). Amounts in running text need a
unit; a table cell that holds only a number takes its unit from the column
header or the table's ``<unit>`` (its ``单位：万元`` line); every body cell is
then typed (``docforge.normalize.table_cells``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from docforge.model.xml import q, table_grid
from docforge.normalize.table_cells import type_cells
from docforge.text.table_lines import unit_in_text
from docforge.text.units import (
    COUNT_UNITS,
    MONEY_UNIT_PATTERN,
    MONEY_UNITS,
    PERCENT_UNITS,
    SCORE_UNITS,
)

_UNIT = (
    "|".join(re.escape(u) for u in (*MONEY_UNITS, *PERCENT_UNITS, *SCORE_UNITS))
    + "|万?(?:"
    + "|".join(re.escape(u) for u in COUNT_UNITS)
    + ")"
)
# Not inside a longer number, a code (``E3``), an ordinal (``第4``), a table label (``表3``) or a
# broken decimal (``344、27``).
_AMOUNT = re.compile(
    r"(?<![0-9０-９.．A-Za-z第表])(?<![0-9０-９]、)"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9０-９]+(?:\.[0-9]+)?)"
    rf"(?P<space>[ \u3000]?)(?P<unit>{_UNIT})"
)
_BARE_NUMBER = re.compile(
    r"^\s*(?P<number>-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|-?[0-9]+(?:\.[0-9]+)?)\s*$"
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_UNIT_NOTE = re.compile(f"({MONEY_UNIT_PATTERN}|%|％)")
# A header naming its column's unit in brackets: ``人数（人）``, ``面积(平方米)``.
_BRACKETED_UNIT = re.compile(
    r"[（(]\s*(" + "|".join(re.escape(u) for u in (*COUNT_UNITS, *SCORE_UNITS)) + r")\s*[）)]\s*$"
)
# Columns of identifiers, not quantities: ``序号``, ``科目编码``.
_IDENTIFIER_HEADER = re.compile(r"序号|编码|代码|编号|科目$")
INLINE_HOSTS = ("p", "item", "heading", "th", "td", "caption", "note", "strong", "em")


@dataclass(frozen=True)
class Figure:
    """A recognised amount: where it is in the text, its value, unit and kind."""

    start: int
    end: int
    value: str
    unit: str | None
    kind: str


def unit_kind(unit: str | None) -> str:
    if unit in MONEY_UNITS:
        return "money"
    if unit in PERCENT_UNITS:
        return "percent"
    if unit in SCORE_UNITS:
        return "score"
    return "count" if unit else "number"


def number_value(number: str) -> str:
    """The number as the schema's decimal: ASCII digits, no thousands separators."""
    return number.translate(_FULL_WIDTH_DIGITS).replace(",", "")


def find_figures(text: str) -> list[Figure]:
    """Every amount with a unit in a piece of running text."""
    return [
        Figure(
            m.start(),
            m.end(),
            number_value(m.group("number")),
            m.group("unit"),
            unit_kind(m.group("unit")),
        )
        for m in _AMOUNT.finditer(text)
    ]


def _amount(text: str, value: str, unit: str | None, kind: str) -> etree._Element:
    el = etree.Element(
        q("amount"), {k: v for k, v in (("value", value), ("unit", unit), ("kind", kind)) if v}
    )
    el.text = text
    return el


def _pieces(text: str, figures: list[Figure]) -> tuple[str, list[etree._Element]]:
    """The text before the first figure and one element per figure, each with its tail."""
    elements: list[etree._Element] = []
    head = text[: figures[0].start]
    for i, fig in enumerate(figures):
        el = _amount(text[fig.start : fig.end], fig.value, fig.unit, fig.kind)
        el.tail = text[fig.end : figures[i + 1].start if i + 1 < len(figures) else len(text)]
        elements.append(el)
    return head, elements


def _mark_text(host: etree._Element) -> None:
    """Mark the figures in ``host``'s text and its children's tails.

    New elements go in next to their neighbours (``addnext``/``addprevious``), never by
    index: inserting by index walks the children, which made a paragraph with thousands of
    figures take minutes.
    """
    children = list(host)
    for child in children:
        if child.tail and (figures := find_figures(child.tail)):
            child.tail, elements = _pieces(child.tail, figures)
            anchor = child
            for el in elements:
                anchor.addnext(el)
                anchor = el
    if host.text and (figures := find_figures(host.text)):
        host.text, elements = _pieces(host.text, figures)
        for el in elements:
            if children:
                children[0].addprevious(el)
            else:
                host.append(el)


def _column_units(table: etree._Element) -> dict[int, str | None]:
    """The unit each column's header names (``预算数（万元）``), by grid column.

    A column of identifiers maps to ``None``: its numbers are no amounts.
    """
    head, body = table.find(q("thead")), table.find(q("tbody"))
    rows = [tr for part in (head, body) if part is not None for tr in part]
    units: dict[int, str | None] = {}
    for r, slots in enumerate(table_grid(rows)):
        for column, cell in slots.items():
            is_header = cell.tag == q("th") or rows[r].getparent().tag == q("thead")
            text = "".join(cell.itertext()).strip()
            if not is_header or unit_in_text(
                text
            ):  # ``单位：万元`` in a header cell is the table's unit
                continue
            if _IDENTIFIER_HEADER.search(text):
                units[column] = None
            elif m := _UNIT_NOTE.search(text) or _BRACKETED_UNIT.search(text):
                units[column] = m.group(1)
    return units


def table_unit(table: etree._Element) -> str | None:
    """The table's unit: its ``<unit>``, else a unit its caption states (XML written before units were kept)."""
    unit = table.findtext(q("unit"))
    if unit and unit.strip():
        return unit.strip()
    caption = table.find(q("caption"))
    note = _UNIT_NOTE.search("".join(caption.itertext())) if caption is not None else None
    return note.group(1) if note else None


def _mark_table_numbers(table: etree._Element) -> None:
    default = table_unit(table)
    units = _column_units(table)
    body = table.find(q("tbody"))
    rows = list(body) if body is not None else []
    seen: set[int] = set()
    for slots in table_grid(rows):
        for column, cell in sorted(slots.items()):
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            identifier = column in units and units[column] is None
            if (
                cell.tag == q("td")
                and not identifier
                and not len(cell)
                and (m := _BARE_NUMBER.match(cell.text or ""))
            ):
                unit = units.get(column, default)
                text = cell.text
                stripped = text.strip()
                lead = text[: text.index(stripped)]
                cell.text = lead
                amount = _amount(stripped, number_value(m.group("number")), unit, unit_kind(unit))
                amount.tail = text[len(lead) + len(stripped) :]
                cell.append(amount)


def mark_amounts(root: etree._Element) -> etree._Element:
    """Mark every amount in the report's running text and tables, in place; returns the root.

    Elements already marked are left alone, so marking twice changes nothing.
    """
    for table in list(root.iter(q("table"))):
        _mark_table_numbers(table)
    for host in [el for el in root.iter(*(q(t) for t in INLINE_HOSTS))]:
        _mark_text(host)
    for table in root.iter(q("table")):
        type_cells(table, table_unit(table))
    return root
