"""Plain-text and Markdown reader: one block per non-empty line, one table per run of table rows.

Whether a line end is a paragraph end or a hard wrap is genre knowledge and
left to the normalizer; this reader only says how lines were separated (bare
line end, blank line, form feed) and whether a line was indented.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from docforge.extract.encoding import decode_text
from docforge.extract.inline_markup import parse_emphasis
from docforge.extract.text_tables import find_text_tables
from docforge.model.blocks import Block, Break, Provenance, StyleHints, TextBlock

_INDENT = re.compile(r"^(?:[ \t]{2,}|\u3000)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _line_block(raw: str, number: int, break_before: Break, markdown: bool) -> TextBlock:
    hints = StyleHints(first_line_indent=bool(_INDENT.match(raw)))
    line = raw.strip()
    if markdown and (m := _MD_HEADING.match(line)):
        hints = StyleHints(outline_level=len(m.group(1)), signal="markdown-heading")
        line = m.group(2)
    return TextBlock(
        spans=parse_emphasis(line),
        prov=Provenance(line=number),
        break_before=break_before,
        hints=hints,
    )


def read_text_lines(text: str, *, markdown: bool = False) -> list[Block]:
    """Blocks for the lines of a decoded text: one per line, and one per table of lines."""
    blocks: list[Block] = []
    pending = Break.PARAGRAPH
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    tables = {t.first: t for t in find_text_tables(lines)}
    skip_to = 0
    for number, line_text in enumerate(lines, start=1):
        if number - 1 < skip_to:
            continue
        if (table := tables.get(number - 1)) is not None:
            blocks.append(
                replace(
                    table.block,
                    prov=Provenance(line=number, line_end=table.last + 1),
                    break_before=pending if blocks else Break.PARAGRAPH,
                )
            )
            pending = Break.PARAGRAPH
            skip_to = table.last + 1
            continue
        for segment, raw in enumerate(line_text.split("\f")):
            if segment:
                pending = Break.PAGE
            if not raw.strip():
                if pending is Break.LINE:
                    pending = Break.PARAGRAPH
                continue
            blocks.append(
                _line_block(raw, number, pending if blocks else Break.PARAGRAPH, markdown)
            )
            pending = Break.LINE
    return blocks


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in (".md", ".markdown")


def read_text(data: bytes, path: Path) -> tuple[list[Block], str]:
    """Blocks of a text file and the encoding it was found in."""
    decoded = decode_text(data)
    return read_text_lines(decoded.text, markdown=is_markdown(path)), decoded.encoding
