"""Pass: heal paragraphs that a page break (or a stray paragraph mark) split in two.

``…资金分配`` broken as ``资`` / ``金分配…`` by a page break leaves a block that
ends mid-sentence. A block of prose that stops without closing punctuation
and is followed by one that does not start a numbered item continues there.
"""

from __future__ import annotations

from docforge.model.blocks import Block, TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.labels import SECTION_SCHEMES, parse_label
from docforge.normalize.pipeline import Change, Draft
from docforge.normalize.textops import boundary, join_blocks
from docforge.text.chars import ends_paragraph, han_count

SECTION_HEADING_MAX = 60
PROSE_MIN_CHARS = 16


def _is_prose_fragment(block: TextBlock) -> bool:
    """A block that reads as an unfinished sentence rather than a title or heading."""
    text = block.text
    if block.role != "text" or block.hints.outline_level or ends_paragraph(text):
        return False
    if _is_bulleted(text):
        return False
    if block.hints.centered:
        return False
    label = parse_label(text)
    if label:
        if label.label.scheme in SECTION_SCHEMES and len(label.rest) <= SECTION_HEADING_MAX:
            return False
        return any(mark in label.rest for mark in "，,；;")
    has_clause = any(mark in text for mark in "，。；、：,;")
    return has_clause or han_count(text) >= PROSE_MIN_CHARS


BULLETS = "•·▪◦●○■□◆◇►▶➢✓√-–—*"


def _is_bulleted(text: str) -> bool:
    return text[:1] in BULLETS and text[:2] not in ("——", "--")


def _starts_new_unit(block: TextBlock) -> bool:
    return (
        block.role != "text"
        or bool(block.hints.outline_level)
        or block.hints.centered
        or parse_label(block.text) is not None
        or _is_bulleted(block.text)
    )


def heal_page_breaks(draft: Draft) -> Draft:
    out: list[Block] = []
    changes: list[Change] = []
    for block in draft.blocks:
        previous = out[-1] if out else None
        if (
            isinstance(block, TextBlock)
            and isinstance(previous, TextBlock)
            and _is_prose_fragment(previous)
            and not _starts_new_unit(block)
        ):
            view = boundary(previous.text, block.text)
            changes.append(
                Change(ChangeKind.HEAL_SPLIT_PARAGRAPH, block.prov, view, view.replace("⏎", ""))
            )
            out[-1] = join_blocks(previous, block)
        else:
            out.append(block)
    return draft.evolve(out, changes)
