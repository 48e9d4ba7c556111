"""Word tables as ``TableBlock``s: merged cells become spans, header rows are found.

Word stores a horizontally merged cell as one ``w:tc`` with ``w:gridSpan``
and a vertically merged one as a column of ``w:tc``s, the first marked
``w:vMerge="restart"`` and the others ``w:vMerge`` (continue). The model
follows HTML: one cell with ``row_span``, the continued cells removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from docforge.extract.docx_package import w
from docforge.extract.docx_styles import int_attr, is_on
from docforge.model.blocks import Cell, Span, header_covering_spans

CellReader = Callable[[etree._Element], tuple[tuple[Span, ...], bool]]
"""Reads a ``w:tc``: its spans and whether all its text is bold."""


@dataclass
class _Slot:
    """A cell being built, with the grid column it starts at."""

    spans: tuple[Span, ...]
    bold: bool
    column: int
    col_span: int
    row_span: int = 1
    merged_into: _Slot | None = None

    @property
    def merged_away(self) -> bool:
        return self.merged_into is not None


def _rows(tbl: etree._Element) -> list[etree._Element]:
    """Rows in order, looking through content controls and tracked insertions that wrap rows."""
    rows = []
    for child in tbl:
        if child.tag == w("tr"):
            trpr = child.find(w("trPr"))
            if trpr is not None and trpr.find(w("del")) is not None:
                continue
            rows.append(child)
        elif child.tag in (w("sdt"), w("customXml"), w("ins")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                rows.extend(_rows(content))
    return rows


def _cells(tr: etree._Element) -> list[etree._Element]:
    cells = []
    for child in tr:
        if child.tag == w("tc"):
            cells.append(child)
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                cells.extend(_cells(content))
    return cells


def _vmerge(tc: etree._Element) -> str | None:
    el = tc.find(f"{w('tcPr')}/{w('vMerge')}")
    if el is None:
        return None
    return el.get(w("val")) or "continue"


def read_table(
    tbl: etree._Element, read_cell: CellReader, style_bolds_first_row: bool = False
) -> tuple[tuple[tuple[Cell, ...], ...], int]:
    """The table's rows of cells and how many leading rows are headers.

    Header rows are the leading rows marked to repeat on each page
    (``w:tblHeader``), else a first row shown bold, by its runs or by the
    table style's first-row formatting.
    """
    grid: list[list[_Slot]] = []
    header_marked = 0
    counting_headers = True
    for tr in _rows(tbl):
        trpr = tr.find(w("trPr"))
        column = int_attr(trpr.find(w("gridBefore")), "val") or 0 if trpr is not None else 0
        if counting_headers and trpr is not None and is_on(trpr.find(w("tblHeader"))):
            header_marked += 1
        else:
            counting_headers = False
        row: list[_Slot] = []
        for tc in _cells(tr):
            span = max(1, int_attr(tc.find(f"{w('tcPr')}/{w('gridSpan')}"), "val") or 1)
            spans, bold = read_cell(tc)
            slot = _Slot(spans, bold, column, span)
            if _vmerge(tc) == "continue":
                origin = _origin_above(grid, column)
                if origin is not None:
                    origin.row_span += 1
                    if spans:
                        origin.spans = origin.spans + (Span("\n"),) + spans
                    slot.merged_into = origin
            row.append(slot)
            column += span
        grid.append(row)
    for row in grid:
        if row and all(s.merged_away for s in row):  # a row made only of merged cells vanishes
            for slot in row:
                slot.merged_into.row_span -= 1
    rows = tuple(
        tuple(
            Cell(spans=s.spans, row_span=s.row_span, col_span=s.col_span)
            for s in row
            if not s.merged_away
        )
        for row in grid
    )
    rows = tuple(row for row in rows if row)
    header_rows = header_marked or (
        1 if style_bolds_first_row and len(rows) > 1 else _bold_first_row(grid)
    )
    return rows, header_covering_spans(rows, header_rows)


def uses_first_row_look(tbl: etree._Element) -> bool:
    """Whether the table applies its style's first-row formatting (``w:tblLook``)."""
    look = tbl.find(f"{w('tblPr')}/{w('tblLook')}")
    if look is None:
        return False
    if look.get(w("firstRow")) is not None:
        return look.get(w("firstRow")) in ("1", "true", "on")
    try:
        return bool(int(look.get(w("val")) or "0", 16) & 0x0020)
    except ValueError:
        return False


def _origin_above(grid: list[list[_Slot]], column: int) -> _Slot | None:
    """The cell that a continued vertical merge at ``column`` belongs to (None when the row above has none)."""
    if not grid:
        return None
    above = next((s for s in grid[-1] if s.column == column), None)
    if above is None:
        return None
    return above.merged_into or above


def _bold_first_row(grid: list[list[_Slot]]) -> int:
    if len(grid) < 2 or not grid[0]:
        return 0
    texts = [s for s in grid[0] if "".join(sp.text for sp in s.spans).strip()]
    return 1 if texts and all(s.bold for s in texts) else 0
