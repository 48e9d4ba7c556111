"""Reading order of a page set in two columns.

A column gutter is an x position that, on most rows with text on both of its
sides, falls into a wide empty gap. Rows open at the gutter are cut in two;
rows that cross it (a title over both columns) end one band of columns and
start the next. Within a band the left column is read before the right.
"""

from __future__ import annotations

from collections.abc import Sequence

from docforge.extract.pdf_lines import Char, Line, lines_of_rows

GUTTER_MIN = 0.8       # of the font size: the narrowest gap that can be a gutter
OPEN_SHARE = 0.8       # of the rows with text on both sides: how many must be open at the gutter
MIN_OPEN_ROWS = 6
MIN_SIDE_CHARS = 4     # per open row on average: less is a page number or a note, not a column
STEP = 2.0


def _gaps(row: Sequence[Char]) -> list[tuple[float, float]]:
    visible = [c for c in row if not c["text"].isspace()]
    return [
        (a["x1"], b["x0"]) for a, b in zip(visible, visible[1:], strict=False)
        if b["x0"] - a["x1"] >= GUTTER_MIN * max(a["size"], b["size"])
    ]


def _side_chars(rows: Sequence[Sequence[Char]], indices: Sequence[int], x: float) -> int:
    """Visible characters on the poorer side of ``x`` over the given rows."""
    non_empty = [row for row in rows if row]
    left = sum(1 for i in indices for c in non_empty[i] if c["x1"] <= x and not c["text"].isspace())
    right = sum(1 for i in indices for c in non_empty[i] if c["x0"] >= x and not c["text"].isspace())
    return min(left, right)


def find_gutter(rows: Sequence[Sequence[Char]]) -> float | None:
    """The x of a column gutter, or None on a single-column page."""
    visible = [c for row in rows for c in row if not c["text"].isspace()]
    if len(rows) < MIN_OPEN_ROWS or not visible:
        return None
    left = min(c["x0"] for c in visible)
    right = max(c["x1"] for c in visible)
    extents = [(min(c["x0"] for c in row), max(c["x1"] for c in row)) for row in rows if row]
    gaps = [_gaps(row) for row in rows if row]
    best: tuple[int, float] | None = None
    x = left + 0.3 * (right - left)
    while x <= left + 0.7 * (right - left):
        both = [i for i, (lo, hi) in enumerate(extents) if lo < x < hi]
        opened = [i for i in both if any(a <= x <= b for a, b in gaps[i])]
        open_rows = len(opened)
        if (
            open_rows >= MIN_OPEN_ROWS
            and open_rows >= OPEN_SHARE * len(both)
            and _side_chars(rows, opened, x) >= MIN_SIDE_CHARS * open_rows
            and (best is None or open_rows > best[0])
        ):
            best = (open_rows, x)
        x += STEP
    return best[1] if best else None


def _is_open(row: Sequence[Char], gutter: float) -> bool:
    lo = min(c["x0"] for c in row)
    hi = max(c["x1"] for c in row)
    return not lo < gutter < hi or any(a <= gutter <= b for a, b in _gaps(row))


def column_lines(rows: Sequence[Sequence[Char]], page: int, gutter: float | None) -> list[tuple[Line, int]]:
    """The page's lines in reading order, each with its column (0 full width, 1 left, 2 right)."""
    if gutter is None:
        return [(line, 0) for line in lines_of_rows(rows, page)]
    ordered: list[tuple[Line, int]] = []
    band: list[tuple[Line, int]] = []

    def flush() -> None:
        ordered.extend(sorted(band, key=lambda item: (item[1], item[0].top)))
        band.clear()

    for row in rows:
        if not _is_open(row, gutter):
            flush()
            ordered.extend((line, 0) for line in lines_of_rows([row], page))
            continue
        for line in lines_of_rows([row], page, gutter):
            band.append((line, 1 if line.x1 <= gutter + 1 else 2))
    flush()
    return ordered
