"""Pass: join hard-wrapped lines into paragraphs.

A PDF text dump or a fixed-width paste breaks every paragraph into lines of
nearly equal width. Such a text is recognised by its line widths; inside it a
line end is a paragraph end only where the line is short and finished, or the
next line is indented or starts with a number label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docforge.model.blocks import Block, Break, TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.labels import SECTION_SCHEMES, parse_label
from docforge.normalize.passes.classify_numbered_blocks import heading_shape
from docforge.normalize.pipeline import Change, Draft
from docforge.normalize.textops import boundary, join_blocks
from docforge.text.chars import display_width, ends_paragraph

# ``一是…`` ``十一是…`` open a paragraph of an enumeration when the line before ended one.
_ENUMERATION = re.compile(r"^[一二三四五六七八九十]{1,3}是")
FULL_LINE = 0.92  # a line this close to the wrap width was broken by the wrap
FULL_SLACK_CELLS = 4  # … or this close, in half-width cells (two Chinese characters)
SHORT_LINE = 0.6  # a line this short is a title or heading, never wrapped
MIN_WRAPPED_LINES = 4  # fewer line-broken lines than this cannot show a wrap width
WRAP_WIDTH_PERCENTILE = 0.9  # the wrap width is the width this share of lines stays within
MIN_WRAP_WIDTH_CELLS = 20  # narrower "wraps" are lists or verse, not a page's text block
MIN_BROKEN_SHARE = (
    0.3  # of the line-broken lines: this many full and unfinished make a wrapped text
)
OVERLONG_LINE = 1.15  # of the wrap width: a line this long was never wrapped at that width
MAX_OVERLONG_SHARE = 0.05  # of all lines: a wrapped text has hardly any overlong lines
MIN_PARAGRAPH_ENDS = 3  # clear paragraph ends needed to learn how paragraphs start
PARAGRAPH_MARK_SHARE = (
    0.7  # of those ends: this many followed by an indent (or a blank) make it the mark
)


@dataclass(frozen=True)
class WrapProfile:
    width: int

    def is_full(self, text: str) -> bool:
        """Within a character or two of the wrap width: the wrap, not the writer, ended it."""
        return display_width(text) >= self.width - max(
            FULL_SLACK_CELLS, (1 - FULL_LINE) * self.width
        )

    def is_short(self, text: str) -> bool:
        return display_width(text) < SHORT_LINE * self.width


def wrap_profile(blocks: tuple[Block, ...]) -> WrapProfile | None:
    """The wrap width of a hard-wrapped text, or None when lines are paragraphs."""
    lines = [b for b in blocks if isinstance(b, TextBlock)]
    followed = [a for a, b in zip(lines, lines[1:], strict=False) if b.break_before is Break.LINE]
    if len(followed) < MIN_WRAPPED_LINES:
        return None
    widths = sorted(display_width(b.text) for b in lines)
    width = widths[int(WRAP_WIDTH_PERCENTILE * (len(widths) - 1))]
    if width < MIN_WRAP_WIDTH_CELLS:
        return None
    profile = WrapProfile(width)
    broken = sum(1 for b in followed if profile.is_full(b.text) and not ends_paragraph(b.text))
    too_long = sum(1 for b in lines if display_width(b.text) > OVERLONG_LINE * width)
    if broken >= MIN_BROKEN_SHARE * len(followed) and too_long <= MAX_OVERLONG_SHARE * len(lines):
        return profile
    return None


def paragraph_style(profile: WrapProfile, blocks: tuple[Block, ...]) -> str:
    """How the text marks a new paragraph: ``indent``, ``blank`` (a blank line) or ``none``.

    Judged from the lines that clearly end a paragraph (finished and short of
    the wrap width): what follows them is what a paragraph start looks like.
    """
    lines = [b for b in blocks if isinstance(b, TextBlock)]
    after_ends = [
        b
        for a, b in zip(lines, lines[1:], strict=False)
        if ends_paragraph(a.text) and not profile.is_full(a.text) and not profile.is_short(a.text)
    ]
    if len(after_ends) < MIN_PARAGRAPH_ENDS:
        return "none"
    indented = sum(1 for b in after_ends if b.hints.first_line_indent) / len(after_ends)
    blank = sum(1 for b in after_ends if b.break_before is not Break.LINE) / len(after_ends)
    if indented >= PARAGRAPH_MARK_SHARE:
        return "indent"
    if blank >= PARAGRAPH_MARK_SHARE:
        return "blank"
    return "none"


def _is_one_line_heading(text: str) -> bool:
    """A whole numbered heading on one line: ``（二）坚持…出新出彩``, ``（1）项目监管（5分）。``.

    Lower-level labels also number list items, so there the line must be finished.
    """
    match = parse_label(text)
    if not match:
        return False
    section = match.label.scheme in SECTION_SCHEMES
    if heading_shape(match.rest, section_scheme=section).kind != "standalone":
        return False
    return section or ends_paragraph(text)


def _opens_section(text: str) -> bool:
    match = parse_label(text)
    return bool(match) and match.label.scheme in SECTION_SCHEMES


def _continues(
    profile: WrapProfile, style: str, previous: TextBlock, last_line: str, line: TextBlock
) -> bool:
    """Whether ``line`` carries on ``previous``, the paragraph whose last line was ``last_line``."""
    if line.break_before is Break.PARAGRAPH or line.hints.first_line_indent:
        return False
    if profile.is_short(last_line):
        return False
    finished = ends_paragraph(last_line)
    starts_unit = bool(parse_label(line.text) or _ENUMERATION.match(line.text))
    if line.break_before is Break.PAGE:
        if _opens_section(line.text):
            return False  # a page that starts with a section
        if style == "indent":
            return True  # not indented, so not a new paragraph
        if previous.text == last_line and _is_one_line_heading(last_line):
            return False  # a one-line heading ending a page
        # A full last line usually continues (a paragraph's own last line is seldom full).
        return profile.is_full(last_line) and not (finished and starts_unit)
    if finished and not profile.is_full(last_line):
        return False
    if style == "blank":
        return True
    if style == "indent":
        return not (finished and _opens_section(line.text))
    return not (finished and starts_unit)


def join_wrapped_lines(draft: Draft) -> Draft:
    profile = wrap_profile(draft.blocks)
    if profile is None:
        return draft
    style = paragraph_style(profile, draft.blocks)
    out: list[Block] = []
    changes: list[Change] = []
    last_line = ""
    for block in draft.blocks:
        previous = out[-1] if out else None
        if (
            isinstance(block, TextBlock)
            and isinstance(previous, TextBlock)
            and previous.role == "text"
            and _continues(profile, style, previous, last_line, block)
        ):
            changes.append(
                Change(
                    ChangeKind.JOIN_WRAPPED_LINES,
                    block.prov,
                    boundary(previous.text, block.text),
                    boundary(previous.text, block.text).replace("⏎", ""),
                )
            )
            out[-1] = join_blocks(previous, block)
        else:
            out.append(block)
        last_line = block.text if isinstance(block, TextBlock) else ""
    return draft.evolve(out, changes)
