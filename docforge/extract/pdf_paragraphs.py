"""Paragraphs from printed lines, by the geometry a word processor leaves.

A paragraph's lines share a font size and a line pitch; every line but the
last runs to the right margin. So a new paragraph starts where the line
before stopped well short of the margin, where a line is indented (the
official first-line indent of two characters), where the gap or the font
size changes, or where a centred line begins. The same test joins a
paragraph that runs on over a page or column break. A centred title wrapped
over two lines stays one paragraph.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from docforge.extract.pdf_lines import Line, is_wide
from docforge.extract.pdf_tables import (
    PageTable,
    continue_table,
    joinable_columns,
    regrid,
    union_columns,
)
from docforge.model.blocks import Block, Break, Provenance, Span, StyleHints, TableBlock, TextBlock
from docforge.text.chars import ends_paragraph

FULL_SLACK = 0.8  # of the font size: a line ending this close to its full edge is full
KINSOKU_SLACK = 1.6  # of the font size: a line may stop this short when the next line's mark pulled a character over
INDENT_MIN = 0.8  # of the font size: a line starting this far in is indented
PARAGRAPH_INDENT = 2  # characters: the official first-line indent
INDENT_TOLERANCE = 0.25
CENTRE_MIN = 0.4  # of the font size: both margins of a centred line are at least this wide
CENTRE_SKEW = 0.8  # of the font size: how unequal a centred line's margins may be
EXTRA_GAP = 0.4  # of the font size: space above the usual line gap that separates paragraphs
LARGER = 1.0  # points above the body size that make a line's size a heading signal


@dataclass(frozen=True)
class Frame:
    """The left and right margins of the text a line belongs to (a page or a column)."""

    left: float
    right: float

    def full_edge(self, size: float) -> float:
        """Where a full line of Chinese ends: at the last whole character cell.

        Unjustified Chinese cannot reach the margin when less than a character
        is left, so a full line may end up to a character short of it.
        """
        cells = math.floor((self.right - self.left) / size + 0.05)
        return min(self.right, self.left + cells * size)


@dataclass(frozen=True)
class Placed:
    """A line in reading order, with its frame, column and number on its page."""

    line: Line
    frame: Frame
    column: int
    number: int

    @property
    def size(self) -> float:
        return self.line.size

    def is_full(self) -> bool:
        return self.line.x1 >= self.frame.full_edge(self.size) - FULL_SLACK * self.size

    def is_full_before(self, following: Placed) -> bool:
        """Full, given what opens the next line: a run that may not be broken moves over whole.

        Quotation marks glue to both neighbours and an opening bracket to what follows
        (UAX #14), so a line may stop short by the whole run that would not fit.
        """
        glued = _unbreakable_start(following.line.text)
        return (
            self.line.x1 >= self.frame.full_edge(self.size) - (glued - 1 + FULL_SLACK) * self.size
        )

    def is_nearly_full(self) -> bool:
        """Full but for a character carried over with a mark that may not start a line (``案；``)."""
        return self.line.x1 >= self.frame.full_edge(
            self.size
        ) - KINSOKU_SLACK * self.size and not ends_paragraph(self.line.text)

    def is_wrapped_centred(self) -> bool:
        """A centred line so wide that one more character would not have fitted: the text wrapped."""
        width = self.line.x1 - self.line.x0
        return width + self.size >= self.frame.right - self.frame.left - FULL_SLACK * self.size

    def is_centred(self) -> bool:
        """Margins about equal on both sides, unless the left one is the two-character paragraph indent."""
        before = self.line.x0 - self.frame.left
        after = self.frame.right - self.line.x1
        return (
            min(before, after) >= CENTRE_MIN * self.size
            and abs(before - after) <= CENTRE_SKEW * self.size
            and abs(before - PARAGRAPH_INDENT * self.size) > INDENT_TOLERANCE * self.size
        )

    def is_indented(self) -> bool:
        return self.line.x0 - self.frame.left > INDENT_MIN * self.size and not self.is_centred()


_QUOTES = "“”‘’\"'"
_OPENERS = "（(《「『【〔"


def _unbreakable_start(text: str) -> int:
    """How many characters open ``text`` before the first place a line may break."""
    count = 1
    while count < len(text) and (
        text[count] in _QUOTES or text[count - 1] in _QUOTES or text[count - 1] in _OPENERS
    ):
        count += 1
    return count


PageItem = Placed | PageTable


@dataclass(frozen=True)
class PageFlow:
    """A page's body in reading order: its lines and tables, furniture removed."""

    number: int
    items: tuple[PageItem, ...]


def usual_gap(pages: Sequence[PageFlow]) -> dict[float, float]:
    """The usual gap between consecutive lines of one size, per size."""
    gaps: dict[float, list[float]] = {}
    for page in pages:
        lines = [item for item in page.items if isinstance(item, Placed)]
        for a, b in zip(lines, lines[1:], strict=False):
            if a.column == b.column and a.size == b.size and b.line.top > a.line.bottom:
                gaps.setdefault(a.size, []).append(b.line.top - a.line.bottom)
    return {size: statistics.median(values) for size, values in gaps.items()}


@dataclass(frozen=True)
class BodyLook:
    """The font size and family most of the text is set in, against which headings stand out."""

    size: float | None
    family: str | None


def font_family(font: str) -> str:
    """``NotoSansCJKjp-Bold`` → ``NotoSansCJKjp``: the family without its weight or style."""
    return font.split("-", 1)[0].split(",", 1)[0]


def body_look(pages: Sequence[PageFlow]) -> BodyLook:
    sizes: Counter[float] = Counter()
    families: Counter[str] = Counter()
    for page in pages:
        for item in page.items:
            if isinstance(item, Placed):
                sizes[item.size] += len(item.line.text)
                families[font_family(item.line.font)] += len(item.line.text)
    return BodyLook(
        size=sizes.most_common(1)[0][0] if sizes else None,
        family=families.most_common(1)[0][0] if families else None,
    )


def _same_look(a: Placed, b: Placed) -> bool:
    return abs(a.size - b.size) <= 0.1 * a.size and a.line.bold == b.line.bold


def continues(previous: Placed, line: Placed, gaps: dict[float, float], body: BodyLook) -> bool:
    """Whether ``line`` carries on the paragraph whose last line so far is ``previous``.

    Centred lines of one look run on when the first one wrapped, or when they
    are set larger than the body: a display title broken over lines by hand.
    """
    if abs(previous.size - line.size) > 0.1 * previous.size:
        return False
    same_frame = previous.line.page == line.line.page and previous.column == line.column
    if same_frame:
        gap = line.line.top - previous.line.bottom
        usual = gaps.get(previous.size, previous.size)
        if gap < -0.5 * line.size or gap > usual + EXTRA_GAP * previous.size:
            return False
    if previous.is_centred() and line.is_centred():
        display = body.size is not None and previous.size >= body.size + LARGER
        return (
            same_frame and _same_look(previous, line) and (previous.is_wrapped_centred() or display)
        )
    if not (previous.is_full() or previous.is_full_before(line) or previous.is_nearly_full()):
        return False
    if line.is_centred():
        return same_frame and previous.line.x0 < line.line.x0 and _same_look(previous, line)
    return not line.is_indented()


def join_text(lines: Sequence[Placed]) -> str:
    """Lines of one paragraph run together: Chinese without a space, Latin words with one."""
    text = ""
    for item in lines:
        piece = item.line.text
        if text and not (is_wide(text[-1]) or is_wide(piece[0])) and not text.endswith("-"):
            text += " "
        text += piece
    return text


def _hints(lines: Sequence[Placed], body: BodyLook) -> StyleHints:
    """The paragraph's look, and every signal that sets it apart from body text (``pdf:centred,fake-bold``)."""
    first = lines[0]
    centred = all(item.is_centred() or item.is_full() for item in lines) and any(
        i.is_centred() for i in lines
    )
    family = font_family(first.line.font)
    standalone = len(lines) == 1 and not first.is_full()
    signals = [
        name
        for name, present in (
            ("centred", centred),
            (
                f"font-size {first.size:g}>{body.size:g}" if body.size else "",
                bool(body.size) and first.size >= body.size + LARGER,
            ),
            ("fake-bold", first.line.fake_bold),
            ("bold-font", first.line.bold and not first.line.fake_bold),
            (f"font-family {family}", bool(body.family) and family != body.family and standalone),
            ("standalone-line", standalone and not first.is_indented()),
        )
        if present
    ]
    return StyleHints(
        font_size=first.size,
        bold=first.line.bold,
        centered=centred,
        first_line_indent=first.is_indented(),
        signal="pdf:" + ",".join(signals) if signals else None,
    )


def _mean_confidence(lines: Sequence[Placed]) -> float | None:
    """The OCR confidence of a paragraph's lines, weighted by their length; None for a born-digital one."""
    read = [
        (item.line.confidence, len(item.line.text))
        for item in lines
        if item.line.confidence is not None
    ]
    total = sum(n for _, n in read)
    return sum(c * n for c, n in read) / total if read and total else None


def _paragraph(lines: Sequence[Placed], break_before: Break, body: BodyLook) -> TextBlock:
    first, last = lines[0], lines[-1]
    prov = Provenance(
        page=first.line.page,
        line=first.number,
        line_end=last.number if last.line.page == first.line.page and last is not first else None,
        ocr_confidence=_mean_confidence(lines),
    )
    return TextBlock(
        spans=(Span(join_text(lines)),),
        prov=prov,
        break_before=break_before,
        hints=_hints(lines, body),
    )


def flow_blocks(pages: Sequence[PageFlow]) -> list[Block]:
    """The blocks of a document's pages: paragraphs joined by geometry, tables in place."""
    gaps = usual_gap(pages)
    body = body_look(pages)
    blocks: list[Block] = []
    current: list[Placed] = []
    current_break = Break.PARAGRAPH
    last_columns: tuple[float, ...] | None = None

    def flush() -> None:
        if current:
            blocks.append(_paragraph(current, current_break, body))
            current.clear()

    for page in pages:
        first_on_page = True
        for item in page.items:
            started = bool(blocks or current)
            opening = Break.PAGE if first_on_page and started else Break.PARAGRAPH
            first_on_page = False
            if isinstance(item, PageTable):
                flush()
                if (
                    opening is Break.PAGE
                    and blocks
                    and isinstance(blocks[-1], TableBlock)
                    and last_columns is not None
                    and joinable_columns(last_columns, item.columns)
                ):
                    edges = union_columns(last_columns, item.columns)
                    blocks[-1] = continue_table(
                        regrid(blocks[-1], last_columns, edges),
                        regrid(item.block, item.columns, edges),
                    )
                    last_columns = edges
                else:
                    blocks.append(replace(item.block, break_before=opening))
                    last_columns = item.columns
                continue
            last_columns = None
            if current and continues(current[-1], item, gaps, body):
                current.append(item)
                continue
            flush()
            current.append(item)
            current_break = opening
    flush()
    return blocks
