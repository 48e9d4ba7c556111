"""Pass: decide which numbered blocks are headings, which are list items, which are prose.

Run-in headings are the norm below the top level: ``1.不断强化思想政治引领。不断增强…``
is a heading (``1.`` + ``不断强化思想政治引领``) followed by body text. A numbered
block is a heading when it is *shaped* like one: a short head closed by ``。``
or ``：`` with body after it (run-in), or a short line on its own (standalone).
Consecutive numbered blocks with nothing between them are list items unless
every one of them is a run-in heading: the twelve ``1、负责…`` duties of a
department are a list, not twelve sections.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docforge.model.blocks import Block, Span, TableBlock, TextBlock
from docforge.normalize.labels import ITEM_SCHEMES, SECTION_SCHEMES, LabelMatch, parse_label
from docforge.normalize.pipeline import Draft
from docforge.text.chars import ends_paragraph

RUNIN_ENDS = "。：:！？!?"
RUNIN_HEAD_MAX = 30
SECTION_RUNIN_HEAD_MAX = 40
STANDALONE_MAX = 40
SECTION_STANDALONE_MAX = 60
UNNUMBERED_HEADING_MAX = 60
DISPLAY_HEADING_MAX = 40


@dataclass(frozen=True)
class Shape:
    """How a numbered block reads: ``run-in``, ``standalone`` or ``prose``."""

    kind: str
    head_end: int = 0      # end of the heading words in the text after the label
    body_start: int = 0    # start of the run-in body in the text after the label
    punct: str = ""


def heading_shape(rest: str, section_scheme: bool) -> Shape:
    head_max = SECTION_RUNIN_HEAD_MAX if section_scheme else RUNIN_HEAD_MAX
    cut = next((i for i, ch in enumerate(rest) if ch in RUNIN_ENDS), -1)
    if cut >= 2:
        head = rest[:cut]
        body = rest[cut + 1:]
        if (
            body.strip()
            and cut <= head_max
            and head.count("，") + head.count(",") <= 1
            and "；" not in head
        ):
            return Shape("run-in", cut, cut + 1 + (len(body) - len(body.lstrip())), rest[cut])
    words = rest.rstrip("。：:；;")
    limit = SECTION_STANDALONE_MAX if section_scheme else STANDALONE_MAX
    unfinished_clause = words[-1:] in ("，", ",", "、")
    clauses = words.count("，") + words.count(",")
    if (words and len(words) <= limit and not unfinished_clause and clauses <= 1
            and not any(ch in words for ch in "。！？；")):
        return Shape("standalone", len(words), len(rest), rest[len(words):])
    return Shape("prose")


def slice_spans(spans: tuple[Span, ...], start: int, end: int | None = None) -> tuple[Span, ...]:
    """The spans covering characters ``start:end`` of their joined text."""
    out, pos = [], 0
    for span in spans:
        lo, hi = pos, pos + len(span.text)
        pos = hi
        a, b = max(start, lo), hi if end is None else min(end, hi)
        if a < b:
            out.append(span.with_text(span.text[a - lo:b - lo]))
    return tuple(out)


def _plain(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Heading words carry no inline emphasis: the heading is already marked."""
    text = "".join(s.text for s in spans)
    return (Span(text),) if text else ()


def as_heading(block: TextBlock, match: LabelMatch | None, shape: Shape) -> TextBlock:
    """The block as a heading: label, heading words, closing mark, run-in body."""
    offset = len(block.text) - len(match.rest) if match else 0
    hints = replace(block.hints, signal=block.hints.signal or f"numbering:{shape.kind}")
    return replace(
        block,
        role="heading",
        label=match.label if match else None,
        title=_plain(slice_spans(block.spans, offset, offset + shape.head_end)),
        title_punct=shape.punct.strip(),
        spans=slice_spans(block.spans, offset + shape.body_start),
        hints=hints,
    )


def as_item(block: TextBlock, match: LabelMatch) -> TextBlock:
    offset = len(block.text) - len(match.rest)
    return replace(block, role="item", label=match.label, spans=slice_spans(block.spans, offset))


def _runs(blocks: list[Block], matches: list[LabelMatch | None]) -> list[list[int]]:
    """Groups of consecutive blocks numbered in sequence in the same scheme."""
    runs: list[list[int]] = []
    for i, match in enumerate(matches):
        if match is None:
            continue
        prev = runs[-1][-1] if runs else None
        before = matches[prev].label if prev is not None else None
        if (
            prev == i - 1
            and (before.scheme, before.depth) == (match.label.scheme, match.label.depth)
            and match.label.value == before.value + 1
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _titles_a_table(blocks: list[Block], i: int) -> bool:
    """Whether the short lines after block ``i`` lead into a table (a unit or date line first)."""
    for block in blocks[i + 1:i + 4]:
        if isinstance(block, TableBlock):
            return True
        if not isinstance(block, TextBlock) or len(block.text) > DISPLAY_HEADING_MAX:
            return False
    return False


def _unnumbered_heading(block: TextBlock, following: Block | None) -> bool:
    """A block the source styled as a heading although it carries no number.

    Either the source declared it one (a Word heading style, an outline level),
    or it is a short centred line standing above body text, as section titles
    of budget and final-accounts reports are set. A centred line above a table
    is the table's title, and one with a colon (``单位：万元``) is a note.
    """
    text = block.text
    if not 0 < len(text) <= UNNUMBERED_HEADING_MAX:
        return False
    if block.hints.outline_level:
        return True
    return (
        block.hints.centered
        and len(text) <= DISPLAY_HEADING_MAX
        and not ends_paragraph(text)
        and not any(mark in text for mark in "：:，,。；")
        and isinstance(following, TextBlock)
    )


def classify_numbered_blocks(draft: Draft) -> Draft:
    blocks = list(draft.blocks)
    matches: list[LabelMatch | None] = [
        parse_label(b.text) if isinstance(b, TextBlock) and b.role == "text" else None
        for b in blocks
    ]
    out = list(blocks)
    for run in _runs(blocks, matches):
        shapes = {}
        for i in run:
            match = matches[i]
            section = match.label.scheme in SECTION_SCHEMES
            shape = heading_shape(match.rest, section)
            if shape.kind == "prose" and blocks[i].hints.outline_level:
                shape = Shape("standalone", len(match.rest), len(match.rest))
            shapes[i] = shape
        section_run = matches[run[0]].label.scheme in SECTION_SCHEMES
        all_runin = all(shapes[i].kind == "run-in" for i in run)
        for i in run:
            block, match, shape = blocks[i], matches[i], shapes[i]
            styled = bool(block.hints.outline_level)
            provision = match.label.scheme in ITEM_SCHEMES
            if provision:
                out[i] = as_item(block, match)
            elif shape.kind != "prose" and (section_run or len(run) == 1 or all_runin or styled):
                out[i] = as_heading(block, match, shape)
            elif len(run) > 1:
                out[i] = as_item(block, match)
            else:
                out[i] = replace(block, role="paragraph")
    for i, block in enumerate(out):
        if isinstance(block, TextBlock) and block.role == "text":
            following = out[i + 1] if i + 1 < len(out) else None
            if _unnumbered_heading(block, following) and not (
                    block.hints.centered and _titles_a_table(out, i)):
                out[i] = as_heading(block, None, Shape("standalone", len(block.text), len(block.text)))
            else:
                out[i] = replace(block, role="paragraph")
    return draft.evolve(out)
