"""A table's cells written out the three ways text carries tables: tabs, aligned spaces, Markdown pipes."""

from __future__ import annotations

from docforge.model.blocks import TableBlock, grid_rows
from docforge.text.chars import display_width


def table_texts(table: TableBlock) -> list[list[str]]:
    """The table as a grid of texts: a spanned cell's text in its first slot, the slots it covers empty."""
    seen: set[int] = set()
    rows = []
    for row in grid_rows(table.rows):
        texts = []
        for cell in row:
            if cell is None or id(cell) in seen:
                texts.append("")
            else:
                seen.add(id(cell))
                texts.append(" ".join(cell.text.split()))
        rows.append(texts)
    return rows


def tab_separated(rows: list[list[str]]) -> list[str]:
    return ["\t".join(row) for row in rows]


def space_aligned(rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell and parted by three spaces, as ``pdftotext -layout`` lays them out."""
    widths = [max(display_width(row[c]) for row in rows) for c in range(len(rows[0]))]
    return [
        "   ".join(
            text + " " * (widths[c] - display_width(text)) for c, text in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def pipe_table(rows: list[list[str]], header_rows: int = 1) -> list[str]:
    def line(row: list[str]) -> str:
        return "| " + " | ".join(t.replace("|", "\\|") for t in row) + " |"

    rule = "|" + "|".join("---" for _ in rows[0]) + "|"
    head = max(header_rows, 1)
    return [line(r) for r in rows[:head]] + [rule] + [line(r) for r in rows[head:]]
