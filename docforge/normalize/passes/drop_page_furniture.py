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
from dataclasses import dataclass, replace

from docforge.model.blocks import Block, Break, TableBlock, TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.labels import parse_label
from docforge.normalize.passes.join_wrapped_lines import wrap_profile
from docforge.normalize.pipeline import Change, Draft
from docforge.text.chars import ends_paragraph
from docforge.text.page_numbers import is_marked_page_number

_BARE_NUMBER = re.compile(r"^\d{1,4}$")
RUNNING_MAX_CHARS = 40
NEIGHBOURHOOD = 1
RUNNING_SHARE = 0.5  # of the page boundaries: a running line stands at this many or more


def _bare_number(block: Block) -> int | None:
    if isinstance(block, TextBlock) and _BARE_NUMBER.match(block.text.strip()):
        return int(block.text)
    return None


def page_number_positions(blocks: tuple[Block, ...]) -> set[int]:
    """Blocks that are page numbers.

    A bare number is one only where pages show it is: next to a page break,
    or counting up by one with the other bare numbers through the document —
    a number that merely ended a line of text is neither.
    """
    found = {
        i
        for i, b in enumerate(blocks)
        if isinstance(b, TextBlock) and is_marked_page_number(b.text)
    }
    bare = [(i, n) for i, b in enumerate(blocks) if (n := _bare_number(b)) is not None]
    for k, (i, n) in enumerate(bare):
        at_break = blocks[i].break_before is Break.PAGE or (
            i + 1 < len(blocks) and blocks[i + 1].break_before is Break.PAGE
        )
        counts_up = (k > 0 and bare[k - 1][1] == n - 1) or (
            k + 1 < len(bare) and bare[k + 1][1] == n + 1
        )
        if at_break or counts_up:
            found.add(i)
    return found


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _boundaries(blocks: tuple[Block, ...], numbers: set[int]) -> list[int]:
    """Positions where a page ends: page-number blocks and page breaks."""
    marks = []
    for i, block in enumerate(blocks):
        if i in numbers:
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


def _running_lines(blocks: tuple[Block, ...], marks: list[int], numbers: set[int]) -> set[str]:
    """Texts of short lines that stand right next to page boundaries on many pages.

    A running header or footer repeats at most boundaries; a body line that
    happens to recur near two of them (a repeated sentence), a heading or a
    table's unit line (``单位：万元``) opening a few pages does not.
    """
    clusters = _clusters(marks)
    places: dict[str, set[int]] = {}
    for first, last in clusters:
        for j in range(max(0, first - NEIGHBOURHOOD), min(len(blocks), last + NEIGHBOURHOOD + 1)):
            block = blocks[j]
            if (
                isinstance(block, TextBlock)
                and 0 < len(block.text) <= RUNNING_MAX_CHARS
                and j not in numbers
            ):
                places.setdefault(_key(block.text), set()).add(j)
    needed = max(2, math.ceil(RUNNING_SHARE * len(clusters)))
    return {text for text, where in places.items() if len(where) >= needed}


FEW_PAGES = 3
_ANY_MARK = re.compile(r"[，。、：；！？,.;:!?（）()《》“”]")


def _lone_headers(blocks: tuple[Block, ...], marks: list[int], numbers: set[int]) -> set[int]:
    """Running headers of a document too short for them to repeat.

    With one or two page boundaries a header is seen once: a short line
    straight after a page number, with no punctuation and no number label,
    is taken for one.
    """
    if len(_clusters(marks)) >= FEW_PAGES:
        return set()
    found = set()
    for number in numbers:
        j = number + 1
        if j < len(blocks) and isinstance(blocks[j], TextBlock) and j not in numbers:
            text = blocks[j].text
            if len(text) <= 30 and not _ANY_MARK.search(text) and not parse_label(text):
                found.add(j)
    return found


@dataclass(frozen=True)
class _Removal:
    """A run of furniture blocks taken out between two kept blocks."""

    first: int
    last: int


def _furniture_runs(blocks: tuple[Block, ...], is_furniture: list[bool]) -> list[_Removal]:
    runs: list[_Removal] = []
    for i, flag in enumerate(is_furniture):
        if not flag:
            continue
        if runs and runs[-1].last == i - 1:
            runs[-1] = _Removal(runs[-1].first, i)
        else:
            runs.append(_Removal(i, i))
    return runs


def _breaks_left_behind(blocks: tuple[Block, ...], runs: list[_Removal]) -> dict[int, Break]:
    """The break each removal leaves before the block that follows it.

    Where the text sets furniture off with a blank line only after finished
    sentences, the blank line is the paragraph's own: the page also ended a
    paragraph (``PARAGRAPH``), and no blank line means the text ran on
    (``LINE``). Where blank lines also pad page breaks that cut a sentence,
    they are layout and say nothing: the break is just ``PAGE``.
    """

    def padded_before(r: _Removal) -> bool:
        return blocks[r.first].break_before is not Break.LINE

    def padded_after(r: _Removal) -> bool:
        return blocks[r.last + 1].break_before is not Break.LINE

    profile = wrap_profile(blocks)

    def finished_before(r: _Removal) -> bool:
        """The text before the furniture could end a paragraph: finished, short of a wrapped
        line, or a paragraph of one line (a heading)."""
        before = blocks[r.first - 1] if r.first else None
        return isinstance(before, TextBlock) and (
            ends_paragraph(before.text)
            or (profile is not None and not profile.is_full(before.text))
            or before.break_before is not Break.LINE
        )

    inner = [r for r in runs if r.first > 0 and r.last + 1 < len(blocks)]

    def informative(padded) -> bool:
        marked = [r for r in inner if padded(r)]
        return 0 < len(marked) < len(inner) and all(finished_before(r) for r in marked)

    by_before, by_after = informative(padded_before), informative(padded_after)
    breaks = {}
    for r in inner:
        if not (by_before or by_after):
            breaks[r.last + 1] = Break.PAGE
        elif (by_before and padded_before(r)) or (by_after and padded_after(r)):
            breaks[r.last + 1] = Break.PARAGRAPH
        else:
            breaks[r.last + 1] = Break.LINE
    return breaks


def _introduces_table(blocks: tuple[Block, ...], i: int) -> bool:
    """A line right before a table is its title or unit line, never a running line."""
    return i + 1 < len(blocks) and isinstance(blocks[i + 1], TableBlock)


def drop_page_furniture(draft: Draft) -> Draft:
    blocks = draft.blocks
    numbers = page_number_positions(blocks)
    marks = _boundaries(blocks, numbers)
    running = _running_lines(blocks, marks, numbers)
    near_marks = {j for m in marks for j in range(m - NEIGHBOURHOOD, m + NEIGHBOURHOOD + 1)}
    lone = _lone_headers(blocks, marks, numbers)
    is_furniture = [
        isinstance(b, TextBlock)
        and (
            i in numbers
            or i in lone
            or (i in near_marks and _key(b.text) in running and not _introduces_table(blocks, i))
        )
        for i, b in enumerate(blocks)
    ]
    left_behind = _breaks_left_behind(blocks, _furniture_runs(blocks, is_furniture))
    kept: list[Block] = []
    changes: list[Change] = []
    for i, block in enumerate(blocks):
        if is_furniture[i]:
            changes.append(Change(ChangeKind.DROP_PAGE_FURNITURE, block.prov, block.text, ""))
            continue
        if i in left_behind and kept:
            block = replace(block, break_before=left_behind[i])
        kept.append(block)
    return draft.evolve(kept, changes)
