"""Ruled tables of a PDF page as model tables, merged cells kept as spans.

pdfplumber's table finder reads the rules drawn on the page and gives each
cell's box; the distinct box edges make the grid, and a box that covers
several grid columns or rows is a merged cell. A table that runs on over a
page break is drawn twice, the second time often under a repeated header;
it is one table in the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from docforge.extract.pdf_lines import Char, is_wide, lines_of_rows, page_rows
from docforge.model.blocks import (
    Cell,
    Provenance,
    Span,
    TableBlock,
    grid_rows,
    header_covering_spans,
)
from docforge.text.table_cells import FIGURE_CELL, MAX_HEADER_ROWS, rows_above_figures

EDGE_TOLERANCE = 2.0  # points: cell edges this close are the same grid line


@dataclass(frozen=True)
class PageTable:
    """A table found on a page, with the box it covers and its grid's column edges."""

    block: TableBlock
    bbox: tuple[float, float, float, float]
    columns: tuple[float, ...]

    @property
    def top(self) -> float:
        return self.bbox[1]


def _white(color: object) -> bool:
    if (
        not isinstance(color, tuple | list)
        or not color
        or not all(isinstance(v, int | float) for v in color)
    ):
        return False
    if len(color) == 4:
        return all(v <= 0.05 for v in color)  # CMYK
    return all(v >= 0.95 for v in color)


def is_visible_rule(obj: dict) -> bool:
    """Whether a drawn object can be a table rule: stroked, or filled in a visible colour.

    Word and WPS paint white boxes behind text and cells; they draw no rule.
    """
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    if obj.get("stroke") and not _white(obj.get("stroking_color")):
        return True
    return bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))


def finder_settings(edges: Sequence[dict]) -> dict:
    """Table finder settings that close a table the page break cut open.

    A table running on over a page break lacks its bottom rule on the first
    page (or its top rule on the next): its column rules end in the air. Where a
    merged cell runs on, the rule is there only above or below the cells that
    start anew, and the merged cell's rules end in the air. A horizontal rule is
    supplied where the lowest and the highest column rules end and a column rule
    there meets none.
    """
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    extra = []
    if verticals:
        for y, end in (
            (max(e["bottom"] for e in verticals), "bottom"),
            (min(e["top"] for e in verticals), "top"),
        ):
            ending = [e["x0"] for e in verticals if abs(e[end] - y) <= EDGE_TOLERANCE]
            ruled = [(h["x0"], h["x1"]) for h in horizontals if abs(h["top"] - y) <= EDGE_TOLERANCE]
            if any(
                not any(x0 - EDGE_TOLERANCE <= x <= x1 + EDGE_TOLERANCE for x0, x1 in ruled)
                for x in ending
            ):
                extra.append(y)
    return {"explicit_horizontal_lines": extra} if extra else {}


def _edges(values: Sequence[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _index(edges: Sequence[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def inside(ch: Char, bbox: Sequence[float]) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def cell_text(chars: Sequence[Char], page: int) -> str:
    """A cell's lines joined: Chinese runs on without a space, Latin words take one."""
    text = ""
    for line in lines_of_rows(page_rows(chars), page):
        if text and not (is_wide(text[-1]) or is_wide(line.text[0])):
            text += " "
        text += line.text
    return text


def _header_rows(rows: list[list[Cell]], first_row_spans: int) -> int:
    """Header rows: the rows above the first that holds a figure, or else the first row and what its merged cells reach.

    A table of text alone has a header only when its first row's merged cells
    make one; a table whose first row holds figures has none.
    """

    first_figures = rows_above_figures([[cell.text for cell in row] for row in rows])
    if first_figures == 0:
        return 0
    head = first_row_spans
    if first_figures is not None and first_figures <= MAX_HEADER_ROWS:
        head = max(first_figures, first_row_spans)
    covered = header_covering_spans(rows, head)  # a header cell merged down pulls its rows in
    return covered if covered < len(rows) else 0


def read_table(
    cells: Sequence[Sequence[float]], chars: Sequence[Char], page: int
) -> TableBlock | None:
    """A model table from the cell boxes the finder gave and the page's characters.

    Grid rows in which no cell starts (every cell there continues from above)
    are no rows of the table, and the spans that cross them are shortened.
    """
    xs = _edges([c[0] for c in cells] + [c[2] for c in cells])
    ys = _edges([c[1] for c in cells] + [c[3] for c in cells])
    if len(xs) < 3 or len(ys) < 3:
        return None  # one column or one row: boxes behind paragraphs, not a table
    grid = []
    for box in cells:
        col, col_end = _index(xs, box[0]), _index(xs, box[2])
        row, row_end = _index(ys, box[1]), _index(ys, box[3])
        if col_end > col and row_end > row:
            grid.append(
                (row, row_end, col, col_end, cell_text([c for c in chars if inside(c, box)], page))
            )
    starts = sorted({row for row, *_ in grid})
    rows: list[list[Cell]] = [[] for _ in starts]
    for row, row_end, col, col_end, text in sorted(grid, key=lambda g: (g[0], g[2])):
        span = sum(1 for r in starts if row <= r < row_end)
        rows[starts.index(row)].append(
            Cell(spans=(Span(text),) if text else (), row_span=span, col_span=col_end - col)
        )
    if not rows or all(not cell.text for row in rows for cell in row):
        return None
    first_spans = max(cell.row_span for cell in rows[0])
    return TableBlock(
        rows=tuple(tuple(row) for row in rows),
        prov=Provenance(page=page),
        header_rows=_header_rows(rows, first_spans),
    )


def column_edges(cells: Sequence[Sequence[float]]) -> tuple[float, ...]:
    return tuple(_edges([c[0] for c in cells] + [c[2] for c in cells]))


def _near(x: float, edges: Sequence[float]) -> bool:
    return any(abs(x - e) <= 2 * EDGE_TOLERANCE for e in edges)


def joinable_columns(a: Sequence[float], b: Sequence[float]) -> bool:
    """Whether two parts of a table cut by a page break can share one grid: the same outer
    edges, and the column rules of one part all among the other's. A part whose rows merge
    some columns throughout (一、本年新收… across the three label columns) lacks their rules."""
    if len(a) < 2 or len(b) < 2:
        return False
    if not (_near(a[0], b[:1]) and _near(a[-1], b[-1:])):
        return False
    fewer, more = sorted((a, b), key=len)
    return all(_near(x, more) for x in fewer)


def union_columns(a: Sequence[float], b: Sequence[float]) -> tuple[float, ...]:
    """The column rules of both parts (``a``'s where both have one)."""
    return tuple(sorted([*a, *(x for x in b if not _near(x, a))]))


def regrid(block: TableBlock, edges: Sequence[float], finer: Sequence[float]) -> TableBlock:
    """The table on a finer grid of the same width: each cell spans the finer columns its
    rules enclose."""
    if len(finer) == len(edges):
        return block
    rows = tuple(
        tuple(
            replace(
                cell,
                col_span=_index(finer, edges[start + cell.col_span]) - _index(finer, edges[start]),
            )
            for cell, start in zip(row, starts, strict=True)
        )
        for row, starts in zip(block.rows, _starts(block.rows), strict=True)
    )
    return replace(block, rows=rows)


def _starts(rows: tuple[tuple[Cell, ...], ...]) -> list[list[int]]:
    """The grid column each cell starts in, row by row."""
    grid = grid_rows(rows)
    return [
        [min(c for c, slot in enumerate(grid[r]) if slot is cell) for cell in row]
        for r, row in enumerate(rows)
    ]


def run_on_merged_cells(
    first: tuple[tuple[Cell, ...], ...], more: tuple[tuple[Cell, ...], ...]
) -> tuple[tuple[tuple[Cell, ...], ...], tuple[tuple[Cell, ...], ...]]:
    """The two parts with the merged row labels the page break cut made whole again.

    A label merged down over rows (三、本年度办理结果 over its items) that the page break cuts
    is drawn again at the top of the next page as an empty cell of the same columns. Each
    such empty cell leading the continuation's first row, under a label cell of the same
    columns that reaches the first part's last row, is taken into that label cell, as the
    document has it before it is printed.
    """
    if not first or not more:
        return first, more
    first_starts, more_starts = _starts(first), _starts(more[:1])[0]
    reaching = {
        first_starts[r][i]: (r, i)
        for r, row in enumerate(first)
        for i, cell in enumerate(row)
        if r + cell.row_span >= len(first)
    }
    rows = [list(row) for row in first]
    taken = 0
    for cell, column in zip(more[0], more_starts, strict=True):
        above = reaching.get(column)
        if cell.text.strip() or above is None:
            break
        label = rows[above[0]][above[1]]
        if (
            label.col_span != cell.col_span
            or not label.text.strip()
            or FIGURE_CELL.match(label.text.strip())
        ):
            break
        rows[above[0]][above[1]] = replace(label, row_span=label.row_span + cell.row_span)
        taken += 1
    return tuple(tuple(row) for row in rows), (more[0][taken:], *more[1:])


def continue_table(first: TableBlock, more: TableBlock) -> TableBlock:
    """``first`` with the rows of its continuation on the next page, a repeated header dropped
    and the merged labels the page break cut made whole."""
    rows = more.rows
    head = first.rows[: first.header_rows]
    if head and [[c.text for c in r] for r in rows[: len(head)]] == [
        [c.text for c in r] for r in head
    ]:
        rows = rows[len(head) :]
    joined, rows = run_on_merged_cells(first.rows, rows)
    return TableBlock(
        rows=joined + rows,
        prov=first.prov,
        break_before=first.break_before,
        header_rows=first.header_rows,
        caption=first.caption,
    )
