"""Pass: a table's header rows, where its source did not mark them.

A reader marks header rows where the source says which they are: Word's repeated or
bold first row, HTML's ``<thead>`` and ``<th>``, a PDF's or a text's rows of words above
the first row of figures. A Word table with plain header rows says nothing, and its
header would be read as body: its XML would differ from the same report printed to PDF,
and a screen reader would announce no column headers. So a table without marked header
rows takes the rows of words above its first row of figures (at most
``MAX_HEADER_ROWS``), grown to take in the rows their merged cells reach. A table whose
first row holds figures, or that holds none, keeps no header.
"""

from __future__ import annotations

from dataclasses import replace

from docforge.model.blocks import Block, TableBlock, header_covering_spans
from docforge.normalize.pipeline import Draft
from docforge.text.table_cells import MAX_HEADER_ROWS, rows_above_figures


def header_rows_above_figures(table: TableBlock) -> int:
    above = rows_above_figures([[cell.text for cell in row] for row in table.rows])
    if not above or above > MAX_HEADER_ROWS:
        return 0
    # A header cell merged down into the first row of figures makes no header of its rows.
    return above if header_covering_spans(table.rows, above) == above else 0


def find_table_headers(draft: Draft) -> Draft:
    blocks: list[Block] = [
        replace(block, header_rows=header_rows_above_figures(block))
        if isinstance(block, TableBlock) and block.header_rows == 0
        else block
        for block in draft.blocks
    ]
    return draft.evolve(blocks)
