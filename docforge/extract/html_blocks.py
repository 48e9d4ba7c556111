"""A web page's article as blocks: the page's own structure mapped to the block stream.

Each block-level element (``p``, ``div``, ``li``, ``h1``–``h6`` …) is a
paragraph; ``br`` breaks it into lines; ``h1``–``h6`` declare an outline level
(relative to the article's highest), as a Word heading style does; bold runs
(``b``, ``strong``, ``font-weight``) become strong spans, so ``<p><b>（一）主要职能。</b>…``
reads as the DOCX reader's bold run-in label; ``text-align:center`` and
``text-indent`` or leading ``&nbsp;``/``　`` indents become the centring and
first-line-indent hints; data tables keep their cells, spans and header rows,
layout tables are read through. Links keep their text; images keep only their
alternative text. Whether a block is a heading is left to the normalizer, as
for every other format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import html as lxml_html

from docforge.model.blocks import (
    Block,
    Break,
    Cell,
    FigureBlock,
    Provenance,
    Span,
    StyleHints,
    TableBlock,
    TextBlock,
    header_covering_spans,
)

# Elements whose content a reader never sees, or that are no part of an article.
SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "option",
        "optgroup",
        "label",
        "datalist",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "param",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "source",
        "track",
        "map",
        "area",
        "nav",
        "dialog",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "blockquote",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "pre",
        "center",
        "address",
        "figure",
        "figcaption",
        "hr",
        "details",
        "summary",
        "body",
        "html",
        "fieldset",
        "legend",
    }
)
HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)"
_INDENT_STYLE = re.compile(rf"text-indent\s*:\s*{_NUMBER}", re.IGNORECASE)
_FONT_SIZE = re.compile(rf"font-size\s*:\s*{_NUMBER}\s*(pt|px)", re.IGNORECASE)
# Collapsible white space in HTML: not the no-break space and not the ideographic space.
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
# A paragraph indented by its text: an ideographic space or two no-break spaces.
_TEXT_INDENT = re.compile(
    r"^[ \u00a0\u2002\u2003\u3000]*(?:\u3000|\u00a0[ \u00a0]*\u00a0|[\u2002\u2003])"
)
_EDGE_SPACE = " \u00a0\u2002\u2003\u3000\t\n\r\f"
MIN_FIGURE_SIDE = 32
# A cell holding more text than this is a page column, not a figure of a data table.
LAYOUT_CELL_CHARS = 400


def is_hidden(el: lxml_html.HtmlElement) -> bool:
    """Hidden from every reader: ``hidden``, ``aria-hidden``, ``display:none``, hidden inputs."""
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden", "").lower() == "true"
        or bool(_HIDDEN_STYLE.search(el.get("style", "")))
    )


def remove_invisible(root: lxml_html.HtmlElement) -> None:
    """Drop scripts, styles, forms, embedded frames, hidden elements (their tails stay)."""
    doomed = [
        el
        for el in root.iter()
        if not isinstance(el.tag, str) or el.tag in SKIPPED_TAGS or is_hidden(el)
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


@dataclass
class _Segment:
    spans: list[Span] = field(default_factory=list)
    break_before: Break = Break.PARAGRAPH

    def add(self, text: str, strong: bool, emphasis: bool) -> None:
        if not text:
            return
        if self.spans and (self.spans[-1].strong, self.spans[-1].emphasis) == (strong, emphasis):
            self.spans[-1] = self.spans[-1].with_text(self.spans[-1].text + text)
        else:
            self.spans.append(Span(text, strong, emphasis))

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class _Style:
    """What a block element tells about the paragraphs in it."""

    level: int | None = None
    centered: bool = False
    indent: bool = False
    font_size: float | None = None
    strong: bool = False
    emphasis: bool = False


def _element_style(el: lxml_html.HtmlElement, inherited: _Style) -> _Style:
    style = el.get("style", "")
    tag = el.tag
    size = _FONT_SIZE.search(style)
    indent = _INDENT_STYLE.search(style)
    return replace(
        inherited,
        level=HEADING_TAGS.get(tag, inherited.level),
        centered=(
            inherited.centered
            or tag == "center"
            or el.get("align", "").lower() == "center"
            or bool(_CENTER_STYLE.search(style))
        ),
        indent=inherited.indent or bool(indent and float(indent.group(1)) > 0),
        font_size=(
            float(size.group(1)) * (0.75 if size.group(2).lower() == "px" else 1.0)
            if size
            else inherited.font_size
        ),
        strong=inherited.strong or tag in ("b", "strong") or bool(_BOLD_STYLE.search(style)),
        emphasis=inherited.emphasis or tag in ("i", "em") or bool(_ITALIC_STYLE.search(style)),
    )


def is_layout_table(table: lxml_html.HtmlElement) -> bool:
    """A table that lays the page out rather than holding data: nested tables, one cell, or prose in a cell."""
    if table.xpath(".//table"):
        return True
    cells = table.xpath(".//td|.//th")
    return len(cells) <= 1 or any(len(cell.text_content()) > LAYOUT_CELL_CHARS for cell in cells)


class BlockWriter:
    """Walks an article element in document order and writes blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.segments: list[_Segment] = [_Segment()]
        self.style = _Style()
        self.count = 0
        self.pending = Break.PARAGRAPH

    # -- paragraphs --------------------------------------------------------

    def flush(self) -> None:
        for segment in self.segments:
            self._emit(segment)
        self.segments = [_Segment()]

    def _emit(self, segment: _Segment) -> None:
        raw = segment.text
        spans = _trimmed(segment.spans)
        if not spans:
            if segment.break_before is Break.LINE and self.blocks:
                self.pending = Break.PARAGRAPH  # an empty line between lines: a blank line
            return
        self.count += 1
        hints = StyleHints(
            outline_level=self.style.level,
            bold=all(s.strong for s in spans if s.text.strip()),
            centered=self.style.centered,
            font_size=self.style.font_size,
            first_line_indent=self.style.indent or bool(_TEXT_INDENT.match(raw)),
            signal=f"html:h{self.style.level}" if self.style.level else None,
        )
        kind = segment.break_before
        if self.pending is Break.PARAGRAPH or not self.blocks:
            kind = Break.PARAGRAPH
        self.blocks.append(
            TextBlock(
                spans=spans, prov=Provenance(paragraph=self.count), break_before=kind, hints=hints
            )
        )
        self.pending = Break.LINE

    def line_break(self) -> None:
        self.segments.append(_Segment(break_before=Break.LINE))

    # -- elements ------------------------------------------------------------

    def block(self, el: lxml_html.HtmlElement) -> None:
        """A block element: its own paragraphs, apart from what came before and after."""
        self.flush()
        self.pending = Break.PARAGRAPH
        outer = self.style
        self.style = _element_style(el, outer)
        if el.tag == "table" and not is_layout_table(el):
            self.table(el)
        elif el.tag in ("ul", "ol"):
            self.items(el)
        else:
            self.inline(el, top=True)
        self.flush()
        self.style = outer
        self.pending = Break.PARAGRAPH

    def items(self, el: lxml_html.HtmlElement) -> None:
        number = int(el.get("start", "1")) if el.get("start", "1").isdigit() else 1
        for child in el:
            if child.tag != "li":
                self.node(child)
                continue
            self.flush()
            self.pending = Break.PARAGRAPH
            if el.tag == "ol":
                self.segments[-1].add(f"{number}.", self.style.strong, self.style.emphasis)
                number += 1
            self.inline(child, top=True)
            self.flush()

    def inline(self, el: lxml_html.HtmlElement, top: bool = False) -> None:
        """The text and children of ``el`` into the open paragraph."""
        outer = self.style
        if not top:
            self.style = _element_style(el, outer)
        self.text(el.text)
        for child in el:
            self.node(child)  # restores the style it changed
            self.text(child.tail)
        self.style = outer

    def node(self, el: lxml_html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIPPED_TAGS:
            return
        if tag == "br":
            self.line_break()
        elif tag == "img":
            self.image(el)
        elif tag in BLOCK_TAGS:
            self.block(el)
        else:
            self.inline(el)

    def text(self, text: str | None) -> None:
        if text:
            self.segments[-1].add(
                _COLLAPSIBLE.sub(" ", text), self.style.strong, self.style.emphasis
            )

    def image(self, el: lxml_html.HtmlElement) -> None:
        alt = (el.get("alt") or el.get("title") or "").strip()
        small = any(
            v.isdigit() and int(v) < MIN_FIGURE_SIDE
            for v in (el.get("width", ""), el.get("height", ""))
        )
        if alt and not small:
            self.flush()
            self.blocks.append(FigureBlock(alt=alt, prov=Provenance(paragraph=self.count + 1)))

    def table(self, el: lxml_html.HtmlElement) -> None:
        rows: list[tuple[Cell, ...]] = []
        head_rows = 0
        for tr in el.iter("tr"):
            cells = tuple(_cell(td) for td in tr if td.tag in ("td", "th"))
            if not cells:
                continue
            in_thead = tr.getparent() is not None and tr.getparent().tag == "thead"
            if (
                in_thead or all(td.tag == "th" for td in tr if td.tag in ("td", "th"))
            ) and head_rows == len(rows):
                head_rows += 1
            rows.append(cells)
        if not rows:
            return
        if not head_rows and len(rows) > 1 and _all_bold(rows[0]):
            head_rows = 1  # a first row set in bold heads the table, as Word's saved pages mark it
        head_rows = header_covering_spans(tuple(rows), head_rows)
        caption = el.find("caption")
        caption_text = (
            _COLLAPSIBLE.sub(" ", caption.text_content()).strip() if caption is not None else None
        )
        self.count += 1
        self.blocks.append(
            TableBlock(
                rows=tuple(rows),
                prov=Provenance(paragraph=self.count),
                header_rows=head_rows if head_rows < len(rows) else 0,
                caption=caption_text or None,
            )
        )


def _cell(td: lxml_html.HtmlElement) -> Cell:
    writer = BlockWriter()
    writer.inline(td, top=True)
    writer.flush()
    spans: list[Span] = []
    for block in writer.blocks:
        if isinstance(block, TextBlock):
            if spans:
                spans.append(Span("\n"))
            spans.extend(block.spans)
    return Cell(
        spans=tuple(spans), row_span=_span(td.get("rowspan")), col_span=_span(td.get("colspan"))
    )


def _all_bold(row: tuple[Cell, ...]) -> bool:
    spans = [s for cell in row for s in cell.spans if s.text.strip()]
    return bool(spans) and all(s.strong for s in spans)


def _span(value: str | None) -> int:
    return max(1, min(int(value), 1000)) if value and value.strip().isdigit() else 1


def _trimmed(spans: list[Span]) -> tuple[Span, ...]:
    """Spans with the edges' white space (indent included) cut and no-break spaces made plain."""
    spans = [
        s.with_text(s.text.replace("\u00a0", " ").replace("\u2002", " ").replace("\u2003", " "))
        for s in spans
        if s.text
    ]
    while spans and not spans[0].text.strip(_EDGE_SPACE):
        spans.pop(0)
    while spans and not spans[-1].text.strip(_EDGE_SPACE):
        spans.pop()
    if not spans:
        return ()
    spans[0] = spans[0].with_text(spans[0].text.lstrip(_EDGE_SPACE))
    spans[-1] = spans[-1].with_text(spans[-1].text.rstrip(_EDGE_SPACE))
    return tuple(s for s in spans if s.text)


def article_blocks(article: lxml_html.HtmlElement) -> list[Block]:
    """The blocks of an article element, heading levels made relative to its highest."""
    writer = BlockWriter()
    writer.block(article)
    blocks = writer.blocks
    declared = [
        b.hints.outline_level for b in blocks if isinstance(b, TextBlock) and b.hints.outline_level
    ]
    first = blocks[0] if blocks else None
    if (
        isinstance(first, TextBlock)
        and first.hints.outline_level == min(declared, default=0)
        and declared.count(first.hints.outline_level) == 1
    ):
        # The article's one top heading standing first is its title, not a section.
        blocks[0] = replace(
            first, hints=replace(first.hints, outline_level=None, signal="html:title")
        )
        declared = declared[1:]
    levels = sorted(set(declared))
    if levels:
        rank = {level: i + 1 for i, level in enumerate(levels)}
        blocks = [
            replace(b, hints=replace(b.hints, outline_level=rank[b.hints.outline_level]))
            if isinstance(b, TextBlock) and b.hints.outline_level
            else b
            for b in blocks
        ]
    return blocks
