"""Pass: a table continued on the next page is one table.

Printed tables that run over a page break are set again on the next page, under a
``续表`` caption, under their title and unit lines repeated, or under their header
rows repeated. Two tables in a row with the same number of columns are one when the
second says so in one of those ways; the repeated header rows are dropped, and the
repeated header is recognised by its last rows even when its first row differs (a
``续表`` or title row set inside the grid).
"""

from __future__ import annotations

import re
from dataclasses import replace

from docforge.model.blocks import Block, Break, Cell, TableBlock
from docforge.normalize.pipeline import Draft
from docforge.text.table_lines import is_continued


def _key(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _row_texts(rows: tuple[tuple[Cell, ...], ...]) -> list[list[str]]:
    return [[_key(c.text) for c in row] for row in rows]


def repeated_header(first: TableBlock, more: TableBlock) -> int:
    """How many leading rows of ``more`` repeat ``first``'s header (0 when they do not).

    The whole header may repeat, or all of it but its first row.
    """
    head = _row_texts(first.rows[: first.header_rows])
    if not head:
        return 0
    for want in (head, head[1:]):
        for offset in (0, 1):  # a row of its own (续表, the title) may stand on top
            if want and _row_texts(more.rows[offset : offset + len(want)]) == want:
                return offset + len(want)
    return 0


def continues(first: TableBlock, more: TableBlock) -> bool:
    """Whether ``more`` carries on ``first``: same columns, and a 续表, repeated title, unit or header."""
    if first.width != more.width or first.width == 0:
        return False
    if more.caption is not None and is_continued(more.caption):
        return True
    if more.caption is not None:
        return _key(more.caption) == _key(first.caption)
    page = more.break_before is Break.PAGE
    if page and more.unit is not None and more.unit == first.unit:
        return True
    return page and repeated_header(first, more) > 0


def merge(first: TableBlock, more: TableBlock) -> TableBlock:
    """``first`` with the rows of ``more``, its repeated header dropped."""
    rows = more.rows[repeated_header(first, more) :]
    return replace(
        first, rows=first.rows + rows, unit=first.unit or more.unit, notes=first.notes + more.notes
    )


def merge_continued_tables(draft: Draft) -> Draft:
    out: list[Block] = []
    for block in draft.blocks:
        if (
            isinstance(block, TableBlock)
            and out
            and isinstance(out[-1], TableBlock)
            and continues(out[-1], block)
        ):
            out[-1] = merge(out[-1], block)
        else:
            out.append(block)
    return draft.evolve(out)
