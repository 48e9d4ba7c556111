"""Tables in plain text: tab-separated rows, space-aligned columns, Markdown pipe tables.

A web copy or a report pasted from Word keeps a table as tab-separated rows; a PDF text
dump (``pdftotext -layout``) or a fixed-width copy lines its columns up with spaces;
Markdown writes ``| a | b |`` rows under a ``|---|`` rule. Each run of such lines is one
table; its rows may be ragged (a short row is padded with empty cells). Columns of a
space-aligned table are the character positions that are blank on every line of the run.
Header rows are the rows above the first row that holds a figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docforge.model.blocks import Cell, Span, TableBlock
from docforge.text.chars import display_width
from docforge.text.table_cells import MAX_HEADER_ROWS, rows_above_figures

MIN_ROWS = 2
_GAP = re.compile(r"\S( {2,}|\u3000+)\S")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# ``发布机构：某局`` ``索 引 号：431121000-2023-00031``: a field and its value, as web pages lay out their
# disclosure metadata (tab- or space-separated); lines of nothing else are fields, not a table.
_FIELD_CELL = re.compile(r"^[^：:]{1,12}[：:]\s*\S")


@dataclass(frozen=True)
class TextTable:
    """A table found in a run of lines: ``first``/``last`` are indexes of those lines."""

    first: int
    last: int
    block: TableBlock


def _cells(texts: Sequence[str]) -> tuple[Cell, ...]:
    return tuple(Cell((Span(t),) if t else ()) for t in texts)


def header_rows(rows: Sequence[Sequence[str]]) -> int:
    """The rows above the first row holding a figure (none when the first row holds one, or none does)."""
    above = rows_above_figures(rows)
    if above is None:
        return 1 if len(rows) > 1 else 0
    return above if above <= MAX_HEADER_ROWS else 0


def _table(rows: list[list[str]], head: int | None = None) -> TableBlock:
    width = max(len(r) for r in rows)
    padded = [r + [""] * (width - len(r)) for r in rows]
    return TableBlock(
        rows=tuple(_cells(r) for r in padded),
        header_rows=header_rows(padded) if head is None else head,
    )


def _tab_row(line: str) -> list[str] | None:
    if "\t" not in line.strip("\n"):
        return None
    cells = [c.strip() for c in line.rstrip("\n").split("\t")]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    return cells


def _pipe_row(line: str) -> list[str] | None:
    if not _PIPE_ROW.match(line):
        return None
    inner = line.strip()[1:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _runs(lines: Sequence[str], test) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, line in enumerate([*lines, ""]):
        if i < len(lines) and test(line):
            start = i if start is None else start
        elif start is not None:
            if i - start >= MIN_ROWS:
                runs.append((start, i - 1))
            start = None
    return runs


def is_field_grid(rows: Sequence[Sequence[str]]) -> bool:
    cells = [c for row in rows for c in row if c]
    return bool(cells) and all(_FIELD_CELL.match(c) for c in cells)


def _tab_tables(lines: Sequence[str]) -> list[TextTable]:
    found = []
    for a, b in _runs(lines, lambda line: _tab_row(line) is not None):
        rows = [_tab_row(line) for line in lines[a : b + 1]]
        if not is_field_grid(rows):
            found.append(TextTable(a, b, _table(rows)))
    return found


def _pipe_tables(lines: Sequence[str]) -> list[TextTable]:
    tables = []
    for a, b in _runs(
        lines,
        lambda line: _pipe_row(line) is not None or bool(_PIPE_RULE.match(line) and "|" in line),
    ):
        rows, head = [], 0
        for line in lines[a : b + 1]:
            if _PIPE_RULE.match(line):
                head = len(rows)
            else:
                rows.append(_pipe_row(line))
        if rows:
            tables.append(TextTable(a, b, _table(rows, head)))
    return tables


def _columns_of(line: str) -> list[tuple[int, str]]:
    """A line as (display column, character) pairs, tabs taken as they are."""
    out, col = [], 0
    for ch in line:
        out.append((col, ch))
        col += display_width(ch)
    return out


def _ink(laid: Sequence[list[tuple[int, str]]], width: int) -> list[bool]:
    ink = [False] * width
    for row in laid:
        for col, ch in row:
            if not ch.isspace():
                for c in range(col, min(width, col + display_width(ch))):
                    ink[c] = True
    return ink


def _bounds(ink: Sequence[bool], left: int) -> list[tuple[int, int]]:
    """Column ranges: inked stretches parted by two or more blank positions."""
    bounds: list[tuple[int, int]] = []
    start, blank = None, 0
    for c in range(left, len(ink)):
        if ink[c]:
            if start is None:
                start = c
            elif blank >= 2:
                bounds.append((start, c - blank))
                start = c
            blank = 0
        else:
            blank += 1
    if start is not None:
        bounds.append((start, len(ink) - blank))
    return bounds


def _fits(row: list[tuple[int, str]], bounds: Sequence[tuple[int, int]]) -> bool:
    """Whether a line's ink starts at a column and stays inside the columns (a row of one or two cells)."""
    inked = [(col, ch) for col, ch in row if not ch.isspace()]
    if not inked or not any(inked[0][0] == start for start, _ in bounds):
        return False
    return all(any(s <= col < max(e, s + 1) for s, e in bounds) for col, _ in inked)


def _cut(row: list[tuple[int, str]], bounds: Sequence[tuple[int, int]]) -> list[str]:
    cells = ["" for _ in bounds]
    for col, ch in row:
        cells[max((k for k, (s, _) in enumerate(bounds) if s <= col), default=0)] += ch
    return [c.strip() for c in cells]


def _space_table(
    lines: Sequence[str], a: int, b: int, gap: Sequence[bool], taken: set[int]
) -> TextTable | None:
    """The table the gapped lines ``a``..``b`` make, taking in the lines of one cell that fit its columns.

    The columns are the display positions blank on every gapped line; a line without a gap
    (a section row, a row of one figure) belongs to the table when its ink starts at a
    column and stays inside the columns, within the run or right before or after it.
    """
    laid = {i: _columns_of(lines[i].rstrip()) for i in range(max(0, a - 1), min(len(lines), b + 2))}
    gapped = [laid[i] for i in range(a, b + 1) if gap[i]]
    width = max(col + display_width(ch) for row in gapped for col, ch in row)
    left = min(next(c for c, ch in row if not ch.isspace()) for row in gapped)
    bounds = _bounds(_ink(gapped, width), left)
    if len(bounds) < 2 or not all(gap[i] or _fits(laid[i], bounds) for i in range(a, b + 1)):
        return None

    def joins(i: int) -> bool:
        return (
            0 <= i < len(lines)
            and i not in taken
            and bool(lines[i].strip())
            and _fits(laid.get(i) or _columns_of(lines[i].rstrip()), bounds)
        )

    while joins(a - 1):
        a -= 1
        laid[a] = _columns_of(lines[a].rstrip())
    while joins(b + 1):
        b += 1
        laid[b] = _columns_of(lines[b].rstrip())
    rows = [_cut(laid[i], bounds) for i in range(a, b + 1)]
    if sum(1 for r in rows if sum(1 for c in r if c) >= 2) < MIN_ROWS or is_field_grid(rows):
        return None
    return TextTable(a, b, _table(rows))


def _space_tables(lines: Sequence[str], taken: set[int]) -> list[TextTable]:
    """Runs of lines with gaps of two or more spaces; a line of one cell may stand between two of them."""
    gap = [bool(_GAP.search(line.strip())) and i not in taken for i, line in enumerate(lines)]
    inside = [
        g
        or (
            0 < i < len(lines) - 1
            and gap[i - 1]
            and gap[i + 1]
            and bool(lines[i].strip())
            and i not in taken
        )
        for i, g in enumerate(gap)
    ]
    tables: list[TextTable] = []
    for a, b in _runs(range(len(lines)), lambda i: inside[i]):
        whole = _space_table(lines, a, b, gap, taken)
        # a line between that does not fit (a 续表 line, a title) parts two tables
        parts = (
            [whole]
            if whole
            else [
                _space_table(lines, a + x, a + y, gap, taken)
                for x, y in _runs(range(a, b + 1), lambda i: gap[i])
            ]
        )
        for table in parts:
            if table is not None and not (tables and table.first <= tables[-1].last):
                tables.append(table)
    return tables


def find_text_tables(lines: Sequence[str]) -> list[TextTable]:
    """Every table in the lines of a text, in order; no line belongs to two."""
    tables = _tab_tables(lines) + _pipe_tables(lines)
    taken = {i for t in tables for i in range(t.first, t.last + 1)}
    tables += _space_tables(lines, taken)
    return sorted(tables, key=lambda t: t.first)
