"""Pass: recognise a table of contents and keep it out of the body.

``目录`` followed by entries that end in page numbers (often with dot leaders)
is the printed document's navigation; the published page builds its own.
"""

from __future__ import annotations

import re

from docforge.model.blocks import Block, TextBlock
from docforge.normalize.chars import ends_paragraph
from docforge.normalize.pipeline import Change, Draft

_TOC_HEADING = re.compile(r"^目\s*录$")
_PAGE = r"(?:\d{1,3}|[ivxlcIVXLC]{1,6})"  # front matter is often numbered in roman
_ENTRY = re.compile(rf"^.{{1,80}}?(?:[.…·．_\-—\s]{{2,}}|\s)\s*{_PAGE}$")
_LEADER_ONLY = re.compile(rf"^[.…·．_\-—\s]{{2,}}\s*{_PAGE}$|^\d{{1,3}}$")
ENTRY_LINE_MAX = 60


def _is_entry(block: Block) -> bool:
    return isinstance(block, TextBlock) and bool(
        _ENTRY.match(block.text) or _LEADER_ONLY.match(block.text)
    )


def _is_split_entry(blocks: list[Block], i: int) -> bool:
    """An entry's title on one line with its leader and page number on the next."""
    block = blocks[i]
    return (
        isinstance(block, TextBlock)
        and len(block.text) <= ENTRY_LINE_MAX
        and not ends_paragraph(block.text)
        and i + 1 < len(blocks)
        and isinstance(blocks[i + 1], TextBlock)
        and bool(_LEADER_ONLY.match(blocks[i + 1].text))
    )


def drop_table_of_contents(draft: Draft) -> Draft:
    blocks = list(draft.blocks)
    out: list[Block] = []
    changes: list[Change] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, TextBlock) and _TOC_HEADING.match(block.text):
            j = i + 1
            while j < len(blocks) and (_is_entry(blocks[j]) or _is_split_entry(blocks, j)):
                j += 1
            if j - i >= 3:
                entries = " | ".join(b.text for b in blocks[i:j] if isinstance(b, TextBlock))
                changes.append(Change("drop-table-of-contents", block.prov, entries, ""))
                i = j
                continue
        out.append(block)
        i += 1
    return draft.evolve(out, changes)
