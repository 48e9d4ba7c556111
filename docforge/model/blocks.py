"""The block stream: what every reader emits and the normalizer consumes.

Readers know formats, the normalizer knows the genre; this module is the
only thing they share. A block says what text the source had, how strongly it
was separated from the block before it, which style hints the source gave, and
where it came from. Nothing here says which format produced it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from docforge.model.vocabulary import BlockRole


class Break(Enum):
    """How strongly the source separated a block from the one before it.

    A ``LINE`` break is a bare line end (weak in hard-wrapped text), a
    ``PARAGRAPH`` break is a blank line or a paragraph mark, a ``PAGE`` break
    is a page boundary (form feed, page furniture, a new PDF page).
    """

    LINE = "line"
    PARAGRAPH = "paragraph"
    PAGE = "page"


@dataclass(frozen=True)
class Provenance:
    """Where a block came from: page, line range or paragraph index (all 1-based)."""

    page: int | None = None
    line: int | None = None
    line_end: int | None = None
    paragraph: int | None = None
    ocr_confidence: float | None = (
        None  # mean OCR confidence (0–100) when the block was read from a scan
    )

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"p{self.page}")
        if self.line is not None:
            end = f"-{self.line_end}" if self.line_end and self.line_end != self.line else ""
            parts.append(f"l{self.line}{end}")
        if self.paragraph is not None:
            parts.append(f"para{self.paragraph}")
        return " ".join(parts)

    def through(self, other: Provenance) -> Provenance:
        """The span from this block to ``other``, for blocks joined into one."""
        last = other.line_end or other.line
        if self.line is None or last is None:
            return self
        return replace(self, line_end=max(last, self.line_end or self.line))


@dataclass(frozen=True)
class Span:
    """A run of text with the inline emphasis the source gave it."""

    text: str
    strong: bool = False
    emphasis: bool = False

    def with_text(self, text: str) -> Span:
        return replace(self, text=text)


@dataclass(frozen=True)
class StyleHints:
    """What the source's formatting suggests; the normalizer decides.

    ``outline_level`` is an explicit heading level the source declared (a Word
    heading style or outline level, 1 = top). ``signal`` names what decided a
    heading hint, so a wrong call can be traced to its cause. ``display`` is set by the
    normalizer on an unnumbered title that its look (centred, or set larger than the
    body) makes a display heading.
    """

    outline_level: int | None = None
    bold: bool = False
    centered: bool = False
    font_size: float | None = None
    first_line_indent: bool = False
    label_from_numbering: bool = False
    signal: str | None = None
    display: bool = False


@dataclass(frozen=True)
class NumberLabel:
    """A number label such as ``一、`` or ``（2）``, kept as data apart from the heading.

    ``scheme`` is the kind of numbering (``hanzi-comma``, ``paren-hanzi``,
    ``arabic-dot``, ``paren-arabic`` …), ``text`` the label as published,
    ``original`` the label as the source had it when a fix changed it.
    ``depth`` counts the parts of a decimal outline label (``1.2.3`` is 3).
    """

    scheme: str
    value: int
    text: str
    original: str | None = None
    depth: int = 1


@dataclass(frozen=True)
class TextBlock:
    """A paragraph or line of text, and, once classified, its role in the document.

    Readers set ``spans``, ``break_before``, ``hints`` and ``prov``. The
    normalizer sets ``role`` (``title``, ``heading``, ``item``, ``paragraph`` …),
    ``label`` and, for headings, ``title`` (the heading words; ``spans`` then
    holds the run-in body, empty for a standalone heading) and ``title_punct``
    (the mark that closed the heading words in the source, such as ``。``).
    """

    spans: tuple[Span, ...]
    prov: Provenance = Provenance()
    break_before: Break = Break.PARAGRAPH
    hints: StyleHints = StyleHints()
    role: BlockRole = BlockRole.TEXT
    label: NumberLabel | None = None
    title: tuple[Span, ...] = ()
    title_punct: str = ""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def title_text(self) -> str:
        return "".join(s.text for s in self.title)


@dataclass(frozen=True)
class Cell:
    """A table cell; spans follow the HTML model."""

    spans: tuple[Span, ...]
    row_span: int = 1
    col_span: int = 1

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class TableBlock:
    """A table: rows of cells, of which the first ``header_rows`` are headers.

    ``caption`` is the title as printed, ``unit`` the unit its figures are stated in
    (``万元`` from a ``单位：万元`` line), ``notes`` the ``注：…`` lines printed below it.
    """

    rows: tuple[tuple[Cell, ...], ...]
    prov: Provenance = Provenance()
    break_before: Break = Break.PARAGRAPH
    header_rows: int = 0
    caption: str | None = None
    role: BlockRole = BlockRole.TABLE
    unit: str | None = None
    notes: tuple[tuple[Span, ...], ...] = ()

    @property
    def width(self) -> int:
        """The number of grid columns, spans resolved."""
        return max((len(row) for row in grid_rows(self.rows)), default=0)


def grid_rows(rows: tuple[tuple[Cell, ...], ...]) -> list[list[Cell | None]]:
    """The table as a grid: each cell in every slot it covers (``None`` where a row is short)."""
    grid: list[dict[int, Cell]] = [{} for _ in rows]
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            while column in grid[r]:
                column += 1
            for dr in range(cell.row_span):
                for dc in range(cell.col_span):
                    if r + dr < len(rows):
                        grid[r + dr][column + dc] = cell
            column += cell.col_span
    width = max((max(slots) + 1 for slots in grid if slots), default=0)
    return [[slots.get(c) for c in range(width)] for slots in grid]


@dataclass(frozen=True)
class FigureBlock:
    """An image in the source, kept as a figure with its alternative text."""

    alt: str
    prov: Provenance = Provenance()
    break_before: Break = Break.PARAGRAPH
    role: BlockRole = BlockRole.FIGURE


@dataclass(frozen=True)
class NoteBlock:
    """A footnote or endnote; ``ref`` matches the note reference in the text."""

    ref: str
    spans: tuple[Span, ...]
    prov: Provenance = Provenance()
    break_before: Break = Break.PARAGRAPH
    role: BlockRole = BlockRole.NOTE

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


Block = TextBlock | TableBlock | FigureBlock | NoteBlock


@dataclass(frozen=True)
class SourceInfo:
    """What the source file was: kept in the XML metadata."""

    file_name: str
    format: str
    sha256: str
    size: int
    encoding: str | None = None
    pages: int | None = None


@dataclass(frozen=True)
class UncertainWord:
    """A word OCR read with low confidence: for an editor to check against the scan."""

    text: str
    prov: Provenance
    confidence: float


@dataclass
class Extraction:
    """A reader's result: the source description, its blocks and what it noticed.

    ``disclosure`` holds the publication metadata a web page states outside the
    report's own text (索引号, 发布机构, 文号, 发布日期, 来源 …), as (field, value)
    pairs named as in ``docforge.text.web_chrome.DISCLOSURE_FIELDS``.
    """

    source: SourceInfo
    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)
    disclosure: tuple[tuple[str, str], ...] = ()
    uncertain: list[UncertainWord] = field(default_factory=list)


def plain(text: str, **kwargs: Any) -> TextBlock:
    """A text block of one unstyled span (handy for readers and tests)."""
    return TextBlock(spans=(Span(text),), **kwargs)


def header_covering_spans(rows: Sequence[Sequence[Cell]], header_rows: int) -> int:
    """Header rows grown to take in the rows their cells span down into (a span cannot cross
    thead/tbody)."""
    covered = min(header_rows, len(rows))
    r = 0
    while r < covered:
        covered = min(len(rows), max([covered] + [r + c.row_span for c in rows[r]]))
        r += 1
    return covered
