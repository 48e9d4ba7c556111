"""Small operations on text blocks that several passes share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from docforge.model.blocks import Block, Span, TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.pipeline import Change, Draft
from docforge.text.chars import is_cjk

_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")
_HYPHENATED = re.compile(r"[A-Za-z]-$")


def joiner(left: str, right: str) -> tuple[str, str, str]:
    """How two pieces of one wrapped paragraph meet: (left, separator, right).

    Chinese joins Chinese with nothing between; Latin words join with one
    space; a Latin word hyphenated at the line end is rejoined.
    """
    left = left.rstrip()
    right = right.lstrip()
    if _HYPHENATED.search(left) and right[:1].islower():
        return left[:-1], "", right
    if (
        left
        and right
        and not is_cjk(left[-1])
        and not is_cjk(right[0])
        and (_LATIN_END.search(left) and _LATIN_START.search(right) or left[-1] in ",;:.!?")
    ):
        return left, " ", right
    return left, "", right


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and (merged[-1].strong, merged[-1].emphasis) == (span.strong, span.emphasis):
            merged[-1] = merged[-1].with_text(merged[-1].text + span.text)
        else:
            merged.append(span)
    return tuple(merged)


def join_blocks(first: TextBlock, second: TextBlock) -> TextBlock:
    """One block from two pieces of the same paragraph."""
    left_text = first.text.rstrip()
    left, sep, _ = joiner(left_text, second.text)
    left_spans = list(first.spans)
    right_spans = list(second.spans)
    if left_spans:
        tail = left_spans[-1].text.rstrip()
        if len(left) < len(left_text):
            tail = tail[:-1]
        left_spans[-1] = left_spans[-1].with_text(tail)
    if right_spans:
        right_spans[0] = right_spans[0].with_text(right_spans[0].text.lstrip())
    spans = merge_spans(left_spans + [Span(sep)] + right_spans)
    return replace(first, spans=spans, prov=first.prov.through(second.prov))


def boundary(left: str, right: str, width: int = 8) -> str:
    """A short view of where two pieces met, for the change log."""
    return f"{left.rstrip()[-width:]}⏎{right.lstrip()[:width]}"


Edit = tuple[int, int, str]


def apply_edits(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for start, end, replacement in sorted(edits):
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def edit_snippets(text: str, edits: list[Edit], width: int = 6) -> list[tuple[str, str]]:
    """Before/after views of each edit with a little context, for the change log."""
    views = []
    for start, end, replacement in sorted(edits):
        lo, hi = max(0, start - width), min(len(text), end + width)
        views.append((text[lo:hi], text[lo:start] + replacement + text[end:hi]))
    return views


def edit_block_text(
    block: Block, find_edits: Callable[[str], list[Edit]], kind: ChangeKind
) -> tuple[Block, list[Change]]:
    """Apply the edits ``find_edits`` proposes to every span of a block; log each one."""
    if not isinstance(block, TextBlock):
        return block, []
    changes: list[Change] = []

    def apply(spans: tuple[Span, ...]) -> tuple[Span, ...]:
        out = []
        for span in spans:
            edits = find_edits(span.text)
            if edits:
                changes.extend(
                    Change(kind, block.prov, before, after)
                    for before, after in edit_snippets(span.text, edits)
                )
                span = span.with_text(apply_edits(span.text, edits))
            out.append(span)
        return tuple(out)

    edited = replace(block, spans=apply(block.spans), title=apply(block.title))
    return edited, changes


def edit_all_blocks(
    draft: Draft, find_edits: Callable[[str], list[Edit]], kind: ChangeKind
) -> Draft:
    """The draft with ``find_edits`` applied to every text block, each edit logged."""
    blocks, changes = [], []
    for block in draft.blocks:
        edited, found = edit_block_text(block, find_edits, kind)
        blocks.append(edited)
        changes.extend(found)
    return draft.evolve(blocks, changes)
