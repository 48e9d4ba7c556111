"""Reading order of a page set in columns.

A column gutter is an x position that, on most rows with text on both of its
sides, falls into a wide empty gap; each side is searched again, so a page in
three columns has two gutters. Rows open at the gutters are cut apart; rows
that cross one (a title over the columns) end one band of columns and start
the next. Within a band the columns are read from left to right.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

from docforge.extract.pdf_lines import Char, Line, lines_of_rows

GUTTER_MIN = 0.8  # of the font size: the narrowest gap that can be a gutter
OPEN_SHARE = 0.8  # of the rows with text on both sides: how many must be open at the gutter
MIN_OPEN_ROWS = 6
MIN_SIDE_CHARS = 4  # per open row on average: less is a page number or a note, not a column
STEP = 2.0


def _gaps(row: Sequence[Char]) -> list[tuple[float, float]]:
    visible = [c for c in row if not c["text"].isspace()]
    return [
        (a["x1"], b["x0"])
        for a, b in zip(visible, visible[1:], strict=False)
        if b["x0"] - a["x1"] >= GUTTER_MIN * max(a["size"], b["size"])
    ]


def _side_chars(rows: Sequence[Sequence[Char]], indices: Sequence[int], x: float) -> int:
    """Visible characters on the poorer side of ``x`` over the given rows."""
    non_empty = [row for row in rows if row]
    left = sum(1 for i in indices for c in non_empty[i] if c["x1"] <= x and not c["text"].isspace())
    right = sum(
        1 for i in indices for c in non_empty[i] if c["x0"] >= x and not c["text"].isspace()
    )
    return min(left, right)


def find_gutter(rows: Sequence[Sequence[Char]]) -> tuple[float, float] | None:
    """The column gutter as the band (left, right) no column text enters, or None on a single-column page."""
    visible = [c for row in rows for c in row if not c["text"].isspace()]
    if len(rows) < MIN_OPEN_ROWS or not visible:
        return None
    left = min(c["x0"] for c in visible)
    right = max(c["x1"] for c in visible)
    extents = [(min(c["x0"] for c in row), max(c["x1"] for c in row)) for row in rows if row]
    gaps = [_gaps(row) for row in rows if row]
    best: tuple[int, tuple[float, float]] | None = None
    xs = _sweep(left, right)
    for x, cover in zip(xs, _gap_cover(xs, gaps), strict=True):
        if cover < MIN_OPEN_ROWS:
            continue
        both = [i for i, (lo, hi) in enumerate(extents) if lo < x < hi]
        spans = [next((g for g in gaps[i] if g[0] <= x <= g[1]), None) for i in both]
        opened = [i for i, g in zip(both, spans, strict=True) if g]
        if (
            len(opened) >= MIN_OPEN_ROWS
            and len(opened) >= OPEN_SHARE * len(both)
            and _side_chars(rows, opened, x) >= MIN_SIDE_CHARS * len(opened)
            and (best is None or len(opened) > best[0])
        ):
            found = [g for g in spans if g]
            best = (len(opened), (max(g[0] for g in found), min(g[1] for g in found)))
    return best[1] if best else None


def _sweep(left: float, right: float) -> list[float]:
    """The x positions tried for a gutter: every STEP across the middle two fifths of the text."""
    xs = []
    x = left + 0.3 * (right - left)
    while x <= left + 0.7 * (right - left):
        xs.append(x)
        x += STEP
    return xs


def _gap_cover(xs: Sequence[float], gaps: Sequence[Sequence[tuple[float, float]]]) -> list[int]:
    """How many of the rows' gaps take in each x. A row open at x has a gap that takes it in,
    so where fewer than MIN_OPEN_ROWS gaps do, no gutter can be: the sweep skips those
    positions without looking at the rows (most positions on a page of prose)."""
    starts = [0] * (len(xs) + 1)
    for row in gaps:
        for g0, g1 in row:
            starts[bisect_left(xs, g0)] += 1
            starts[bisect_right(xs, g1)] -= 1
    return list(accumulate(starts))[: len(xs)]


def find_gutters(rows: Sequence[Sequence[Char]]) -> list[tuple[float, float]]:
    """All column gutters of a page, left to right: the widest-supported one, then those on each side."""
    gutter = find_gutter(rows)
    if gutter is None:
        return []
    left = [kept for row in rows if (kept := [c for c in row if c["x1"] <= gutter[0] + 1])]
    right = [kept for row in rows if (kept := [c for c in row if c["x0"] >= gutter[1] - 1])]
    return find_gutters(left) + [gutter] + find_gutters(right)


def _column(line: Line, gutters: Sequence[tuple[float, float]]) -> int:
    """The column (1 = leftmost) a line lies in, or 0 for a line that enters a gutter band."""
    for number, band in enumerate(gutters, start=1):
        if line.x1 <= band[0] + 1:
            return number
        if line.x0 < band[1] - 1:
            return 0
    return len(gutters) + 1


def column_lines(
    rows: Sequence[Sequence[Char]], page: int, gutters: Sequence[tuple[float, float]]
) -> list[tuple[Line, int]]:
    """The page's lines in reading order, each with its column (0 across the page, 1… from the left)."""
    if not gutters:
        return [(line, 0) for line in lines_of_rows(rows, page)]
    cuts = [(a + b) / 2 for a, b in gutters]
    ordered: list[tuple[Line, int]] = []
    band: list[tuple[Line, int]] = []

    def flush() -> None:
        ordered.extend(sorted(band, key=lambda item: (item[1], item[0].top)))
        band.clear()

    for row in rows:
        parts = [(line, _column(line, gutters)) for line in lines_of_rows([row], page, cuts)]
        if any(column == 0 for _, column in parts):
            flush()
            ordered.extend((line, 0) for line in lines_of_rows([row], page))
        else:
            band.extend(parts)
    flush()
    return ordered
