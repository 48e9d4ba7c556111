"""Pass: give each table the title, unit and notes printed around it.

Whatever the format, a table's title stands just above it (``表1：…``, ``表一 …``,
``续表``, or a bare title line such as ``收入支出决算总表``), its unit line just above
the grid (``单位：万元``, ``金额单位：元``, sometimes on one line with the title or with
``编制单位：…``), and its notes just below (``注：…``). They become the table's
``caption``, ``unit`` and ``notes`` instead of body paragraphs. A title or unit printed
inside the grid as a first row spanning the table is taken out of the rows; a unit named
in a header cell (``项目（单位：万元）``) is the table's unit too. A ``表N`` caption
printed below a table belongs to it when nothing else claims it.

The pass runs before wrapped lines are joined, so a title line is still a line of its own.
"""

from __future__ import annotations

from dataclasses import replace

from docforge.model.blocks import Block, Span, TableBlock, TextBlock
from docforge.normalize.labels import parse_label
from docforge.normalize.pipeline import Draft
from docforge.text.standard_tables import standard_table_kind
from docforge.text.table_lines import (
    has_caption_label,
    is_note_line,
    looks_like_title,
    unit_in_text,
    unit_line,
)


def _open_text(block: Block | None) -> TextBlock | None:
    """A text block no pass has given a role yet, or None."""
    if isinstance(block, TextBlock) and block.role == "text" and block.text.strip():
        return block
    return None


def is_table_title(block: Block | None) -> bool:
    """A line that can be the title of the table below it.

    A numbered line is a heading, unless its number is a table's (``表1``); a line the
    source styled as a heading is a title only when it is worded as one.
    """
    text_block = _open_text(block)
    if text_block is None:
        return False
    text = text_block.text.strip()
    if not looks_like_title(text) or is_note_line(text) or unit_line(text):
        return False
    labelled = has_caption_label(text)
    if not labelled and parse_label(text) is not None:
        return False
    return not text_block.hints.outline_level or labelled or standard_table_kind(text) is not None


def _title_inside(table: TableBlock) -> TableBlock:
    """A first row spanning the grid that states the unit, or a labelled or standard title, leaves the rows."""
    if len(table.rows) < 3:
        return table
    first = table.rows[0]
    filled = [cell for cell in first if cell.text.strip()]
    if len(filled) != 1 or any(cell.row_span > 1 for cell in first):
        return table
    text = filled[0].text.strip()
    unit = unit_line(text)
    caption = table.caption
    if unit:
        caption = caption or unit.title or None
    elif (
        caption is None
        and (has_caption_label(text) or standard_table_kind(text))
        and looks_like_title(text)
    ):
        caption = text
    else:
        return table
    return replace(
        table,
        rows=table.rows[1:],
        header_rows=max(0, table.header_rows - 1),
        caption=caption,
        unit=unit.unit if unit else table.unit,
    )


def _unit_in_header(table: TableBlock) -> TableBlock:
    if table.unit:
        return table
    for row in table.rows[: table.header_rows]:
        for cell in row:
            if unit := unit_in_text(cell.text):
                return replace(table, unit=unit)
    return table


def _lines_above(out: list[Block], table: TableBlock) -> tuple[TableBlock, list[Block]]:
    """Take the unit line and the title line from the end of ``out``; what they leave stays as text."""
    kept: list[Block] = []
    first_break = None
    if (line := _open_text(out[-1] if out else None)) and (unit := unit_line(line.text)):
        out.pop()
        first_break = line.break_before
        table = replace(table, unit=unit.unit)
        if unit.fields:
            kept.append(replace(line, spans=(Span(unit.fields),)))
        if unit.title and looks_like_title(unit.title):
            table = replace(table, caption=unit.title)
    if (
        table.caption is None
        and out
        and is_table_title(out[-1])
        and (len(out) > 1 or has_caption_label(out[-1].text))
    ):  # the document's first line is its own title
        title = out.pop()
        first_break = title.break_before
        table = replace(table, caption=title.text.strip())
    if first_break is not None:
        if kept:
            kept[0] = replace(kept[0], break_before=first_break)
        else:
            table = replace(table, break_before=first_break)
    return table, kept


def _lines_below(
    blocks: tuple[Block, ...], start: int, table: TableBlock
) -> tuple[TableBlock, int]:
    """The caption printed below (a ``表N`` line no later table claims) and the notes; how many blocks were used."""
    i = start
    line = _open_text(blocks[i] if i < len(blocks) else None)
    if (
        table.caption is None
        and line
        and has_caption_label(line.text)
        and is_table_title(line)
        and not (i + 1 < len(blocks) and isinstance(blocks[i + 1], TableBlock))
    ):
        table = replace(table, caption=line.text.strip())
        i += 1
    notes = list(table.notes)
    while (line := _open_text(blocks[i] if i < len(blocks) else None)) and is_note_line(line.text):
        notes.append(line.spans)
        i += 1
    return replace(table, notes=tuple(notes)), i - start


def attach_table_captions(draft: Draft) -> Draft:
    blocks = draft.blocks
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, TableBlock):
            out.append(block)
            i += 1
            continue
        table, kept = _lines_above(out, block)
        table = _unit_in_header(_title_inside(table))
        table, used = _lines_below(blocks, i + 1, table)
        out.extend(kept)
        out.append(table)
        i += 1 + used
    return draft.evolve(out)
