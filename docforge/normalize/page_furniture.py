"""Pass: drop page furniture — page numbers and running headers and footers.

Page numbers are recognised by their forms (``— 3 —``, ``第 3 页 共 9 页``,
``3/9``, a bare number). Running headers and footers are short lines that
repeat next to page boundaries; a line standing right before a table is that
table's title or unit (``单位：万元``), never furniture, however often it
repeats. A dropped block leaves a page break behind, so the paragraph it
interrupted can be healed.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from docforge.model.blocks import Block, Break, TableBlock, TextBlock
from docforge.normalize.pipeline import Change, Draft

_PAGE_NUMBER = re.compile(
    r"^(?:"
    r"[-—–－~～\s]*\d{1,4}[-—–－~～\s]*"                      # 3, - 3 -, — 3 —
    r"|第\s*\d{1,4}\s*页\s*[,，/]?\s*(?:共\s*\d{1,4}\s*页)?"    # 第 3 页 共 9 页
    r"|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"                                 # 3/9
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
    r")$"
)
RUNNING_MAX_CHARS = 40
NEIGHBOURHOOD = 2
RUNNING_SHARE = 0.5   # of the page boundaries: a running line stands at this many or more


def is_page_number(text: str) -> bool:
    text = text.strip()
    if text.isdigit() and 1900 <= int(text) <= 2099:
        return False  # a year standing alone (cover pages), not a page number
    return bool(_PAGE_NUMBER.match(text))


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _boundaries(blocks: tuple[Block, ...]) -> list[int]:
    """Positions where a page ends: page-number blocks and page breaks."""
    marks = []
    for i, block in enumerate(blocks):
        if isinstance(block, TextBlock) and is_page_number(block.text):
            marks.append(i)
        elif block.break_before is Break.PAGE and i:
            marks.append(i - 1)
            marks.append(i)
    return marks


def _clusters(marks: list[int]) -> list[tuple[int, int]]:
    """Page boundaries as (first, last) mark positions: marks a line apart are one boundary."""
    clusters: list[tuple[int, int]] = []
    for mark in sorted(set(marks)):
        if clusters and mark - clusters[-1][1] <= 1:
            clusters[-1] = (clusters[-1][0], mark)
        else:
            clusters.append((mark, mark))
    return clusters


def _running_lines(blocks: tuple[Block, ...], marks: list[int]) -> set[str]:
    """Texts of short lines that stand next to most page boundaries (two at least).

    A heading or a table's unit line (``单位：万元``) may open a few pages; a
    running header or footer is on nearly all of them.
    """
    places: dict[str, set[int]] = {}
    clusters = _clusters(marks)
    needed = max(2, math.ceil(RUNNING_SHARE * len(clusters)))
    for first, last in clusters:
        for j in range(max(0, first - NEIGHBOURHOOD), min(len(blocks), last + NEIGHBOURHOOD + 1)):
            block = blocks[j]
            if (
                isinstance(block, TextBlock)
                and 0 < len(block.text) <= RUNNING_MAX_CHARS
                and not is_page_number(block.text)
            ):
                places.setdefault(_key(block.text), set()).add(j)
    return {text for text, where in places.items() if len(where) >= needed}


def drop_page_furniture(draft: Draft) -> Draft:
    blocks = draft.blocks
    marks = _boundaries(blocks)
    running = _running_lines(blocks, marks)
    near_marks = {j for m in marks for j in range(m - NEIGHBOURHOOD, m + NEIGHBOURHOOD + 1)}
    kept: list[Block] = []
    changes: list[Change] = []
    page_break_pending = False
    for i, block in enumerate(blocks):
        introduces_table = i + 1 < len(blocks) and isinstance(blocks[i + 1], TableBlock)
        furniture = isinstance(block, TextBlock) and (
            is_page_number(block.text)
            or (i in near_marks and _key(block.text) in running and not introduces_table)
        )
        if furniture:
            changes.append(Change("drop-page-furniture", block.prov, block.text, ""))
            page_break_pending = True
            continue
        if page_break_pending and kept:
            block = replace(block, break_before=Break.PAGE)
        page_break_pending = False
        kept.append(block)
    return draft.evolve(kept, changes)
