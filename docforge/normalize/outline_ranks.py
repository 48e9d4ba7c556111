"""Outline ranks: where a heading stands in the report's hierarchy, in one place.

A smaller rank encloses a larger one. A numbered heading takes its scheme's rank
(``第一部分`` over ``一、`` over ``（一）`` over ``1.``); an unnumbered one takes the rank
its look gives it (a declared outline level, or a centred display line above the
numbered sections it introduces). The numbering check and the XML builder both walk
the outline by these ranks, so they always agree on who is whose sibling.
"""

from __future__ import annotations

from collections.abc import Iterable

from docforge.model.blocks import NumberLabel, TextBlock
from docforge.model.vocabulary import NumberScheme

# Scheme rank: smaller is higher in the outline.
RANKS = {
    NumberScheme.PART: 10,
    NumberScheme.CHAPTER: 20,
    NumberScheme.SECTION: 30,
    NumberScheme.HANZI_COMMA: 40,
    NumberScheme.PAREN_HANZI: 50,
    NumberScheme.ARABIC_DOT: 60,
    NumberScheme.DECIMAL: 60,
    NumberScheme.PAREN_ARABIC: 70,
    NumberScheme.CIRCLED: 80,
    NumberScheme.ARTICLE: 90,
}


def rank(label: NumberLabel) -> int:
    """Outline rank of a label: a smaller rank encloses a larger one."""
    return RANKS[label.scheme] + (label.depth if label.scheme == NumberScheme.DECIMAL else 0)


# Rank of a heading the source styled but did not number, by its outline level.
UNNUMBERED_RANKS = {1: 40, 2: 50, 3: 60, 4: 70}
# A centred title without a number stands above the numbered sections it introduces.
DISPLAY_RANK = 35


def styled_outline(blocks: Iterable[object]) -> bool:
    """Whether every heading declares an outline level: then the levels rank numbered headings too."""
    headings = [b for b in blocks if isinstance(b, TextBlock) and b.role == "heading"]
    return bool(headings) and all(b.hints.outline_level for b in headings)


def heading_rank(block: TextBlock, styled: bool = False) -> int:
    """Outline rank of a heading block: its label's, else what its look says.

    In a document whose every heading declares an outline level (``styled``), a
    numbered heading ranks no lower than its level says: Word's ``Heading 1`` over
    ``1 这是第一章标题`` puts it beside an unnumbered ``Heading 1``, while a part
    (第一部分) keeps its place above both.
    """
    if block.label:
        level = UNNUMBERED_RANKS.get(block.hints.outline_level or 0) if styled else None
        return min(rank(block.label), level) if level else rank(block.label)
    if not block.hints.outline_level and (block.hints.centered or block.hints.display):
        return DISPLAY_RANK
    return UNNUMBERED_RANKS.get(block.hints.outline_level or 1, 75)
