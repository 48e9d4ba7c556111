"""Pass: recognise a table of contents and keep it out of the body.

``目录`` followed by entries that end in page numbers (often with dot leaders)
is the printed document's navigation; the published page builds its own.
A contents list printed without page numbers is a run of short unfinished
lines; it ends where its first entry comes again (the body's first heading),
or else with the last page that holds nothing but such lines.
"""

from __future__ import annotations

import re

from docforge.model.blocks import Block, Break, TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.pipeline import Change, Draft
from docforge.text.chars import ends_paragraph

_TOC_HEADING = re.compile(r"^目\s*录$")
_PAGE = r"(?:\d{1,3}|[ivxlcIVXLC]{1,6})"  # front matter is often numbered in roman
_ENTRY = re.compile(
    rf"^.{{1,80}}?(?:[.…·．_\-—\s]{{2,}}|\s)\s*{_PAGE}$"
    r"|^.{1,80}?[.…·．_]{4,}$"  # a leader running to the line's end, its page number not printed
)
_LEADER_ONLY = re.compile(rf"^[.…·．_\-—\s]{{2,}}\s*{_PAGE}$|^\d{{1,3}}$")
ENTRY_LINE_MAX = 60
MIN_ENTRIES = 3
ECHO_SCAN = 200


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


def _key(block: Block) -> str:
    return re.sub(r"\s+", "", block.text) if isinstance(block, TextBlock) else ""


def _is_bare_entry(block: Block) -> bool:
    return (
        isinstance(block, TextBlock)
        and 0 < len(block.text) <= ENTRY_LINE_MAX
        and not ends_paragraph(block.text)
    )


def _echoed_contents_end(blocks: list[Block], start: int) -> int | None:
    """Where a contents list without page numbers that starts at ``start`` ends: the first entry's echo."""
    first = _key(blocks[start]) if start < len(blocks) else ""
    if not first:
        return None
    for j in range(start + 1, min(len(blocks), start + ECHO_SCAN)):
        if _key(blocks[j]) == first:
            entries = blocks[start:j]
            return (
                j
                if len(entries) >= MIN_ENTRIES and all(_is_bare_entry(b) for b in entries)
                else None
            )
    return None


def _contents_pages_end(blocks: list[Block], start: int) -> int | None:
    """Where a contents list without page numbers that fills whole pages from ``start`` ends."""
    end = start
    while end < len(blocks):
        page_end = next(
            (j for j in range(end + 1, len(blocks)) if blocks[j].break_before is Break.PAGE), None
        )
        if page_end is None or not all(_is_bare_entry(b) for b in blocks[end:page_end]):
            break
        end = page_end
    return end if end - start >= MIN_ENTRIES else None


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
            if j - i < MIN_ENTRIES:
                j = _echoed_contents_end(blocks, i + 1) or _contents_pages_end(blocks, i + 1) or j
            if j - i >= MIN_ENTRIES:
                entries = " | ".join(b.text for b in blocks[i:j] if isinstance(b, TextBlock))
                changes.append(Change(ChangeKind.DROP_TABLE_OF_CONTENTS, block.prov, entries, ""))
                i = j
                continue
        out.append(block)
        i += 1
    return draft.evolve(out, changes)
