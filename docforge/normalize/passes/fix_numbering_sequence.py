"""Pass: check each heading sequence under its parent; fix duplicates and skips.

A heading's number must follow its previous sibling's (numbering restarts
under each new parent). A repeated number (``四、`` twice) or a skipped one is
renumbered, except a skipped part or chapter (``第三部分`` after ``第一部分``):
the parts of a report follow a fixed template, and a part made only of
tables often carries no heading of its own, so its absence is no numbering
slip and its successors keep their numbers. A number that fits nowhere
(``7、`` after ``1、``) shows the block was never a heading, and it goes back
to being a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docforge.model.blocks import Span, TextBlock
from docforge.model.vocabulary import ChangeKind, NumberScheme
from docforge.normalize.labels import format_numeral, numeral_of
from docforge.normalize.outline_ranks import heading_rank, styled_outline
from docforge.normalize.pipeline import Change, Draft

TEMPLATE_SCHEMES = (NumberScheme.PART, NumberScheme.CHAPTER)


@dataclass
class _Open:
    rank: int
    value: int


def relabel(block: TextBlock, value: int) -> TextBlock:
    """The heading with its number changed to ``value``, written as before."""
    label = block.label
    numeral = numeral_of(label.text, label.scheme)
    new_text = label.text.replace(numeral, format_numeral(label.scheme, value, numeral), 1)
    new_label = replace(label, value=value, text=new_text, original=label.original or label.text)
    return replace(block, label=new_label)


def demote(block: TextBlock) -> TextBlock:
    """A heading that was not one: its label and words go back into the paragraph."""
    head = block.label.text + block.title_text + block.title_punct
    return replace(
        block,
        role="paragraph",
        label=None,
        title=(),
        title_punct="",
        spans=(Span(head),) + block.spans,
    )


def fix_numbering_sequence(draft: Draft) -> Draft:
    stack: list[_Open] = []
    styled = styled_outline(draft.blocks)
    out, changes = [], []
    for block in draft.blocks:
        if isinstance(block, TextBlock) and block.role == "heading" and not block.label:
            # an unnumbered heading closes the numbered sequences it stands above
            unnumbered = heading_rank(block, styled)
            while stack and stack[-1].rank >= unnumbered:
                stack.pop()
        if not (isinstance(block, TextBlock) and block.role == "heading" and block.label):
            out.append(block)
            continue
        r = heading_rank(block, styled)
        while stack and stack[-1].rank > r:
            stack.pop()
        sibling = bool(stack) and stack[-1].rank == r
        expected = stack[-1].value + 1 if sibling else 1
        value = block.label.value
        template = block.label.scheme in TEMPLATE_SCHEMES
        if not (
            expected <= value <= expected + 1
            or (sibling and value == expected - 1)
            or (template and value > expected)
        ):
            out.append(demote(block))
            continue
        if value > expected and template:
            expected = value
        if value != expected:
            fixed = relabel(block, expected)
            changes.append(
                Change(ChangeKind.RENUMBER_HEADING, block.prov, block.label.text, fixed.label.text)
            )
            block = fixed
        if sibling:
            stack[-1].value = expected
        else:
            stack.append(_Open(r, expected))
        out.append(block)
    return draft.evolve(out, changes)
