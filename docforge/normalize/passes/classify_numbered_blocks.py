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

import re
from dataclasses import dataclass, replace

from docforge.model.blocks import Block, NumberLabel, Span, TableBlock, TextBlock
from docforge.normalize.labels import ITEM_SCHEMES, SECTION_SCHEMES, LabelMatch, parse_label
from docforge.normalize.pipeline import Draft
from docforge.text.chars import ends_paragraph
from docforge.text.units import MONEY_UNIT_PATTERN

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
    head_end: int = 0  # end of the heading words in the text after the label
    body_start: int = 0  # start of the run-in body in the text after the label
    punct: str = ""


def heading_shape(rest: str, section_scheme: bool) -> Shape:
    head_max = SECTION_RUNIN_HEAD_MAX if section_scheme else RUNIN_HEAD_MAX
    cut = next((i for i, ch in enumerate(rest) if ch in RUNIN_ENDS), -1)
    if cut >= 2 and rest[cut] in "：:" and _names_after_colon(rest[cut + 1 :]):
        cut = -1  # ``危险源：火灾``: the words after the colon are a name, part of the heading
    if cut >= 2:
        head = rest[:cut]
        body = rest[cut + 1 :]
        if (
            body.strip()
            and cut <= head_max
            and head.count("，") + head.count(",") <= 1
            and "；" not in head
        ):
            return Shape("run-in", cut, cut + 1 + (len(body) - len(body.lstrip())), rest[cut])
    if rest.rstrip()[-1:] in "；;":
        return Shape("prose")  # a clause of an enumeration (``（一）落实……要求；``), never a title
    words = rest.rstrip("。：:")
    limit = SECTION_STANDALONE_MAX if section_scheme else STANDALONE_MAX
    unfinished_clause = words[-1:] in ("，", ",", "、")
    clauses = words.count("，") + words.count(",")
    if (
        words
        and len(words) <= limit
        and not unfinished_clause
        and clauses <= 1
        and not any(ch in words for ch in "。！？；")
    ):
        return Shape("standalone", len(words), len(rest), rest[len(words) :])
    return Shape("prose")


COLON_NAME_MAX = 12


def _names_after_colon(tail: str) -> bool:
    """The words after a heading's colon are a short name (``火灾``), not a sentence."""
    tail = tail.strip()
    return 0 < len(tail) <= COLON_NAME_MAX and not any(ch in tail for ch in "，,。；;！？!?：:")


def slice_spans(spans: tuple[Span, ...], start: int, end: int | None = None) -> tuple[Span, ...]:
    """The spans covering characters ``start:end`` of their joined text."""
    out, pos = [], 0
    for span in spans:
        lo, hi = pos, pos + len(span.text)
        pos = hi
        a, b = max(start, lo), hi if end is None else min(end, hi)
        if a < b:
            out.append(span.with_text(span.text[a - lo : b - lo]))
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
    """Whether the short lines after block ``i`` lead into a table (a unit or date line first).

    When another centred line stands between block ``i`` and the table, that nearer line is
    the table's caption and block ``i`` the title of the section the table opens
    (``某某局2024年度部门决算表`` over ``收入支出决算总表``).
    """
    for block in blocks[i + 1 : i + 4]:
        if isinstance(block, TableBlock):
            return True
        if (
            not isinstance(block, TextBlock)
            or len(block.text) > DISPLAY_HEADING_MAX
            or ends_paragraph(block.text)
        ):
            return False
        if block.hints.centered and not any(mark in block.text for mark in "：:"):
            return False
    return False


def body_font_size(blocks: list[Block]) -> float | None:
    """The font size most of the text is set in (by characters), when the source gave sizes."""
    sizes: dict[float, int] = {}
    for block in blocks:
        if isinstance(block, TextBlock) and block.hints.font_size:
            sizes[block.hints.font_size] = sizes.get(block.hints.font_size, 0) + len(block.text)
    return max(sizes, key=sizes.__getitem__) if sizes else None


# A line this much larger than the body text is a display line (a title), wherever it stands.
DISPLAY_SIZE_RATIO = 1.25


def _display_look(block: TextBlock, body_size: float | None, styled_document: bool) -> bool:
    """Centred, or (where the source does not declare its headings by style) set larger than the body."""
    larger = bool(
        body_size
        and block.hints.font_size
        and block.hints.font_size >= DISPLAY_SIZE_RATIO * body_size
    )
    return block.hints.centered or (larger and not styled_document)


def _unnumbered_heading(
    block: TextBlock, following: Block | None, display: bool | None = None
) -> bool:
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
        (block.hints.centered if display is None else display)
        and len(text) <= DISPLAY_HEADING_MAX
        and not ends_paragraph(text)
        and not any(mark in text for mark in "：:，,。；")
        and isinstance(following, TextBlock)
    )


# Heading words that state an amount of money (``因公出国（境）费支出0.39万元``,
# ``公务接待费25.40万元，与上年持平``) are a statement, not a title.
_STATES_FIGURE = re.compile(rf"(?:\d|[XＸ×xX]{{2,}})\s*(?:{MONEY_UNIT_PATTERN})")
# Headings declared with styles in at least this many blocks make a styled document.
STYLED_MIN = 3
BULLETS = "•·▪◦●○■□◆◇►▶➢➤❖✓√✔☐☑"


@dataclass(frozen=True)
class Evidence:
    """What the page says about one numbered block, for :func:`heading_or_item`.

    ``shape`` is how its words read (run-in heading, standalone line, prose);
    ``section_scheme`` whether its label is of a section kind (第X部分, 一、, （一）);
    ``styled`` whether the source declared it a heading (a Word heading style);
    ``set_apart`` whether its look differs from body text (bold, centred, larger);
    ``run_length`` how many numbered blocks in sequence stand together with nothing
    between; ``siblings_prose`` whether one of those siblings reads as prose;
    ``all_runin`` whether every sibling is a run-in heading; ``body_follows``
    whether body text (not a sibling) comes right after it; ``states_figure``
    whether its heading words end in an amount.
    """

    shape: Shape
    section_scheme: bool
    styled: bool
    set_apart: bool
    run_length: int
    siblings_prose: bool
    all_runin: bool
    body_follows: bool
    states_figure: bool
    provision: bool
    styled_document: bool = False
    word_list: bool = False


def heading_or_item(e: Evidence) -> str:
    """The one decision between ``heading``, ``item`` (of a list) and ``paragraph`` for a numbered block.

    - a provision (``第一条``) is an item of its article list;
    - a block the source styled as a heading is one when its words fit a heading;
    - in a document that declares its headings with styles, a paragraph Word numbered as a
      list item, with no heading style and no look of its own, is a list item;
    - words that read as prose (too long, several clauses, sentence marks inside) never head a section;
    - heading words that state a figure (``公务接待费支出0.39万元。``) are a statement: an item;
    - siblings behave the same: when one block of a run of numbered siblings is prose, all are items
      (the twelve ``1、负责……`` duties), unless the block is set apart by its look;
    - a section label (一、, （一）, 第X部分) on heading-shaped words is a heading;
    - a lower label (1、, （1）) heads a section when it stands alone in its sequence, when all its
      siblings are run-in headings, when body text follows it, or when its look sets it apart;
      otherwise consecutive siblings are the items of a list.
    """
    if e.provision:
        return "item"
    if e.styled and e.shape.kind != "prose":
        return "heading"
    if e.styled_document and e.word_list and not e.styled and not e.set_apart:
        return "item" if e.run_length > 1 or e.shape.kind != "prose" else "paragraph"
    if e.shape.kind == "prose":
        return "item" if e.run_length > 1 else "paragraph"
    if e.states_figure:
        return "item" if e.run_length > 1 else "paragraph"
    if e.siblings_prose and not e.set_apart:
        return "item"
    if e.section_scheme:
        return "heading"
    if e.run_length == 1 or e.all_runin or e.set_apart or e.body_follows:
        return "heading"
    return "item"


def _set_apart(block: TextBlock) -> bool:
    return block.hints.bold or block.hints.centered


def _body_follows(blocks: list[Block], i: int, run: list[int]) -> bool:
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        i + 1 not in run
        and isinstance(following, TextBlock)
        and following.role == "text"
        and parse_label(following.text) is None
        and not following.hints.centered
    )


def _bulleted(block: Block) -> bool:
    return isinstance(block, TextBlock) and block.role == "text" and block.text[:1] in BULLETS


def as_bullet(block: TextBlock, value: int) -> TextBlock:
    mark = block.text[:1]
    label = NumberLabel(scheme="bullet", value=value, text=mark)
    return replace(
        block,
        role="item",
        label=label,
        spans=slice_spans(block.spans, 1 + len(block.text[1:]) - len(block.text[1:].lstrip())),
    )


def classify_numbered_blocks(draft: Draft) -> Draft:
    blocks = list(draft.blocks)
    matches: list[LabelMatch | None] = [
        parse_label(b.text)
        if isinstance(b, TextBlock) and b.role == "text" and not _bulleted(b)
        else None
        for b in blocks
    ]
    out = list(blocks)
    styled_document = (
        sum(1 for b in blocks if isinstance(b, TextBlock) and b.hints.outline_level) >= STYLED_MIN
    )
    for run in _runs(blocks, matches):
        shapes = {}
        for i in run:
            match = matches[i]
            section = match.label.scheme in SECTION_SCHEMES
            shape = heading_shape(match.rest, section)
            if shape.kind == "prose" and blocks[i].hints.outline_level:
                shape = Shape("standalone", len(match.rest), len(match.rest))
            shapes[i] = shape
        siblings_prose = any(shapes[i].kind == "prose" for i in run)
        all_runin = all(shapes[i].kind == "run-in" for i in run)
        for i in run:
            block, match, shape = blocks[i], matches[i], shapes[i]
            head = match.rest[: shape.head_end]
            evidence = Evidence(
                shape=shape,
                section_scheme=match.label.scheme in SECTION_SCHEMES,
                styled=bool(block.hints.outline_level),
                set_apart=_set_apart(block),
                run_length=len(run),
                siblings_prose=siblings_prose,
                all_runin=all_runin,
                body_follows=_body_follows(blocks, i, run),
                states_figure=shape.kind != "prose" and bool(_STATES_FIGURE.search(head.strip())),
                provision=match.label.scheme in ITEM_SCHEMES,
                styled_document=styled_document,
                word_list=block.hints.label_from_numbering,
            )
            decision = heading_or_item(evidence)
            if decision == "heading":
                out[i] = as_heading(block, match, shape)
            elif decision == "item":
                out[i] = as_item(block, match)
            else:
                out[i] = replace(block, role="paragraph")
    bullets = 0
    body_size = body_font_size(blocks)
    for i, block in enumerate(out):
        if _bulleted(block):
            bullets = (
                bullets + 1
                if i
                and isinstance(out[i - 1], TextBlock)
                and out[i - 1].role == "item"
                and out[i - 1].label.scheme == "bullet"
                else 1
            )
            out[i] = as_bullet(block, bullets)
        elif isinstance(block, TextBlock) and block.role == "text":
            following = out[i + 1] if i + 1 < len(out) else None
            display = _display_look(block, body_size, styled_document)
            if _unnumbered_heading(block, following, display) and not (
                display and _titles_a_table(out, i)
            ):
                heading = as_heading(
                    block, None, Shape("standalone", len(block.text), len(block.text))
                )
                out[i] = replace(heading, hints=replace(heading.hints, display=display))
            else:
                out[i] = replace(block, role="paragraph")
    return draft.evolve(out)
