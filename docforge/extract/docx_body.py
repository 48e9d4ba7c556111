"""The body of a Word document as blocks: paragraphs, tables, figures, notes.

Walks ``document.xml`` in document order the way Word renders it: tracked
insertions in and deletions out, a field's result rather than its code, the
text of hyperlinks, content controls and text boxes, automatic numbering
labels put in front of the paragraph text. Headers, footers and comments
live in other parts and are never read.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lxml import etree

from docforge.extract.docx_numbering import (
    NumberingCounter,
    paragraph_numbering,
    read_numbering,
)
from docforge.extract.docx_package import MC_NS, WordPackage, w
from docforge.extract.docx_styles import StyleSheet, first, flag, int_attr, read_styles
from docforge.extract.docx_symbols import symbol_text
from docforge.extract.docx_tables import read_table, uses_first_row_look
from docforge.extract.number_formats import format_number
from docforge.model.blocks import (
    Block,
    Break,
    FigureBlock,
    NoteBlock,
    Provenance,
    Span,
    StyleHints,
    TableBlock,
    TextBlock,
)

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
VML_NS = "urn:schemas-microsoft-com:vml"
OFFICE_NS = "urn:schemas-microsoft-com:office:office"
MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"

# Containers whose children are read as if they stood in their place.
_TRANSPARENT = {
    w("hyperlink"),
    w("smartTag"),
    w("customXml"),
    w("ins"),
    w("moveTo"),
    w("fldSimple"),
    w("dir"),
    w("bdo"),
    w("sdtContent"),
}
# Content Word does not show (tracked deletions) or that is not text.
_SKIPPED = {
    w("del"),
    w("moveFrom"),
    w("rPr"),
    w("pPr"),
    w("sdtPr"),
    w("sdtEndPr"),
    w("instrText"),
    w("delText"),
    w("delInstrText"),
    w("commentReference"),
}
_CENTERED = {"center", "distribute"}
_SECTION_PAGE_TYPES = {"nextPage", "oddPage", "evenPage"}


@dataclass
class _Segment:
    """Text of one paragraph between line or page breaks."""

    spans: list[Span] = field(default_factory=list)
    break_before: Break = Break.PARAGRAPH
    sizes: Counter = field(default_factory=Counter)

    def add(self, text: str, strong: bool, emphasis: bool, size: float | None) -> None:
        if not text:
            return
        if self.spans and (self.spans[-1].strong, self.spans[-1].emphasis) == (strong, emphasis):
            self.spans[-1] = self.spans[-1].with_text(self.spans[-1].text + text)
        else:
            self.spans.append(Span(text, strong, emphasis))
        if size is not None:
            self.sizes[size] += len(text.strip())

    def trimmed(self) -> tuple[Span, ...]:
        spans = [s for s in self.spans if s.text]
        if spans:
            spans[0] = spans[0].with_text(spans[0].text.lstrip())
            spans[-1] = spans[-1].with_text(spans[-1].text.rstrip())
        return tuple(s for s in spans if s.text)


@dataclass
class _Paragraph:
    """What one ``w:p`` produced while its runs were read."""

    ppr: etree._Element | None
    segments: list[_Segment] = field(default_factory=lambda: [_Segment()])
    extra: list[Block] = field(default_factory=list)

    def new_segment(self, kind: Break) -> None:
        self.segments.append(_Segment(break_before=kind))


class BodyReader:
    """Reads a Word package's body into blocks, keeping Word's layout state
    (numbering counters, open fields, note numbers) across paragraphs."""

    def __init__(self, package: WordPackage) -> None:
        self.package = package
        self.styles: StyleSheet = read_styles(package.styles)
        self.numbering = NumberingCounter(read_numbering(package.numbering), self.styles)
        self.fields: list[bool] = []  # one entry per open complex field: True while in its code
        self.paragraph_count = 0
        self.pending_break: Break | None = None
        self.notes: list[tuple[str, str, str]] = []  # (kind, id, mark) in order of reference
        self.warnings: list[str] = []

    # -- document order -------------------------------------------------

    def read(self) -> list[Block]:
        body = self.package.document.find(w("body"))
        blocks = self.container(body)
        if blocks:
            blocks[0] = _with_break(blocks[0], Break.PARAGRAPH)
        return blocks + self.note_blocks()

    def container(self, parent: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        for child in parent:
            if child.tag == w("p"):
                blocks.extend(self.paragraph(child))
            elif child.tag == w("tbl"):
                blocks.append(self.table(child))
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    blocks.extend(self.container(content))
            elif child.tag in (w("customXml"), w("ins"), w("moveTo")):
                blocks.extend(self.container(child))
            elif child.tag == w("altChunk"):
                self.warnings.append(
                    f"an embedded document (altChunk) after paragraph {self.paragraph_count} "
                    "was not read; open and save the file in Word to merge it"
                )
        return blocks

    def _take_break(self, default: Break = Break.PARAGRAPH) -> Break:
        kind, self.pending_break = self.pending_break or default, None
        return kind

    # -- paragraphs -------------------------------------------------------

    def paragraph(self, p: etree._Element, *, count: bool = True) -> list[Block]:
        ppr = p.find(w("pPr"))
        if count:
            self.paragraph_count += 1
        index = self.paragraph_count
        props = self.styles.paragraph_props(ppr)
        para = _Paragraph(ppr)
        if flag(props, "pageBreakBefore"):
            self.pending_break = Break.PAGE
        para.segments[0].break_before = self._take_break()
        self.inline(p, para)
        # A field's code never spans paragraphs (its result may): one left open
        # is malformed, and must not hide the rest of the document.
        self.fields = [in_code for in_code in self.fields if not in_code]
        if _mark_deleted(ppr) and not any(seg.spans for seg in para.segments):
            return []  # a paragraph deleted as a tracked change: Word neither shows nor numbers it
        numbered = paragraph_numbering(ppr, self.styles, self.numbering.defs)
        label = self.numbering.next_label(*numbered) if numbered else None
        blocks: list[Block] = []
        hints = self._hints(props, ppr, para)
        for i, segment in enumerate(para.segments):
            spans = segment.trimmed()
            if i == 0 and label is not None and label.text and spans:
                spans = (Span(label.text + _separator(label.text, label.suffix)),) + spans
            if not spans:
                if segment.break_before is Break.PAGE:
                    self.pending_break = Break.PAGE
                continue
            block_hints = hints if i == 0 else replace(hints, first_line_indent=False)
            if i == 0 and label is not None and label.text:
                block_hints = replace(block_hints, label_from_numbering=True)
            kind = segment.break_before
            if self.pending_break and i:
                kind = self._take_break(kind)
            blocks.append(
                TextBlock(
                    spans=spans,
                    prov=Provenance(paragraph=index),
                    break_before=kind,
                    hints=block_hints,
                )
            )
        for block in para.extra:
            blocks.append(_with_break(block, self._take_break()) if not blocks else block)
        sect = ppr.find(w("sectPr")) if ppr is not None else None
        if sect is not None and _section_starts_page(sect):
            self.pending_break = Break.PAGE
        return blocks

    def _hints(
        self, props: list[etree._Element], ppr: etree._Element | None, para: _Paragraph
    ) -> StyleHints:
        level, signal = self.styles.heading_level(ppr)
        text_spans = [s for seg in para.segments for s in seg.spans if s.text.strip()]
        jc = first(props, "jc")
        ind = first(props, "ind")
        sizes = sum((seg.sizes for seg in para.segments), Counter()).most_common(1)
        indent = 0
        if ind is not None:
            indent = max(int_attr(ind, "firstLine") or 0, int_attr(ind, "firstLineChars") or 0)
        bold = bool(text_spans) and all(s.strong for s in text_spans)
        return StyleHints(
            outline_level=level,
            bold=bold,
            centered=jc is not None and jc.get(w("val")) in _CENTERED,
            font_size=sizes[0][0] if sizes else None,
            first_line_indent=indent > 0,
            signal=signal,
        )

    # -- runs -------------------------------------------------------------

    def inline(self, parent: etree._Element, para: _Paragraph) -> None:
        for child in parent:
            tag = child.tag
            if tag in _SKIPPED or not isinstance(tag, str):
                continue
            if tag == w("r"):
                self.run(child, para)
            elif tag in _TRANSPARENT:
                self.inline(child, para)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.inline(content, para)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                self._alternate(child, lambda el: self.inline(el, para))
            elif tag.startswith(f"{{{MATH_NS}}}"):
                self.math(child, para)

    def run(self, r: etree._Element, para: _Paragraph) -> None:
        rpr = r.find(w("rPr"))
        props = self.styles.run_props(para.ppr, rpr)
        strong, emphasis = flag(props, "b"), flag(props, "i")
        half_points = int_attr(first(props, "sz"), "val")
        size = half_points / 2 if half_points else None

        def text(value: str) -> None:
            if not any(self.fields):
                para.segments[-1].add(value, strong, emphasis, size)

        for child in r:
            tag = child.tag
            if tag == w("t"):
                text(child.text or "")
            elif tag in (w("tab"), w("ptab")):
                text(" ")
            elif tag == w("br"):
                if any(self.fields):
                    continue
                kind = child.get(w("type"))
                para.new_segment(Break.PAGE if kind == "page" else Break.LINE)
            elif tag == w("cr"):
                para.new_segment(Break.LINE)
            elif tag == w("noBreakHyphen"):
                text("-")
            elif tag == w("sym"):
                text(_symbol(child))
            elif tag == w("fldChar"):
                self._field_char(child.get(w("fldCharType")))
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                text(self._note_mark(child))
            elif tag in (w("drawing"), w("pict"), w("object")):
                if not any(self.fields):
                    self.graphic(child, para)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                self._alternate(child, lambda el: self.run(el, para))

    def math(self, el: etree._Element, para: _Paragraph) -> None:
        value = "".join(t.text or "" for t in el.iter(f"{{{MATH_NS}}}t"))
        para.segments[-1].add(value, False, False, None)

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(True)
        elif kind == "separate" and self.fields:
            self.fields[-1] = False
        elif kind == "end" and self.fields:
            self.fields.pop()

    @staticmethod
    def _alternate(el: etree._Element, read: Callable[[etree._Element], None]) -> None:
        """Markup compatibility: read the first choice (Word's own rendering), else the fallback."""
        choice = el.find(f"{{{MC_NS}}}Choice")
        chosen = choice if choice is not None else el.find(f"{{{MC_NS}}}Fallback")
        if chosen is not None:
            read(chosen)

    def graphic(self, el: etree._Element, para: _Paragraph) -> None:
        """An image or chart becomes a figure; a text box's paragraphs become blocks."""
        boxes = [
            b
            for b in el.iter(w("txbxContent"))
            if not any(a.tag == w("txbxContent") for a in b.iterancestors())
        ]
        for box in boxes:
            para.extra.extend(self.container(box))
        is_picture = any(
            True for _ in el.iter(f"{{{DRAWING_NS}}}blip", f"{{{VML_NS}}}imagedata")
        ) or any(
            (g.get("uri") or "").endswith(("/chart", "/diagram"))
            for g in el.iter(f"{{{DRAWING_NS}}}graphicData")
        )
        if not is_picture:
            return
        doc_pr = next(el.iter(f"{{{WP_NS}}}docPr"), None)
        alt = ""
        if doc_pr is not None:
            alt = doc_pr.get("descr") or doc_pr.get("title") or ""
        if not alt:
            shape = next((s for s in el.iter() if s.get("alt")), None)
            imagedata = next(el.iter(f"{{{VML_NS}}}imagedata"), None)
            alt = (shape.get("alt") if shape is not None else "") or (
                imagedata.get(f"{{{OFFICE_NS}}}title", "") if imagedata is not None else ""
            )
        para.extra.append(
            FigureBlock(alt=alt.strip(), prov=Provenance(paragraph=self.paragraph_count))
        )

    # -- tables -----------------------------------------------------------

    def table(self, tbl: etree._Element) -> TableBlock:
        kind = self._take_break()
        first_paragraph = self.paragraph_count + 1
        style = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
        bold_first_row = uses_first_row_look(tbl) and self.styles.table_first_row_bold(
            style.get(w("val")) if style is not None else None
        )
        rows, header_rows = read_table(tbl, self.cell, bold_first_row)
        return TableBlock(
            rows=rows,
            header_rows=header_rows,
            break_before=kind,
            prov=Provenance(paragraph=first_paragraph),
        )

    def cell(self, tc: etree._Element) -> tuple[tuple[Span, ...], bool]:
        """A cell's text as spans (paragraphs on their own lines, nested tables flattened)."""
        pending = self.pending_break
        lines: list[tuple[Span, ...]] = []
        for block in self.container(tc):
            if isinstance(block, TextBlock):
                lines.append(block.spans)
            elif isinstance(block, TableBlock):
                for row in block.rows:
                    cells = [c.spans for c in row if c.text.strip()]
                    if cells:
                        lines.append(_joined(cells, " "))
        self.pending_break = pending
        texts = [s for line in lines for s in line if s.text.strip()]
        return _joined(lines, "\n"), bool(texts) and all(s.strong for s in texts)

    # -- notes ------------------------------------------------------------

    def _note_mark(self, ref: etree._Element) -> str:
        kind = "footnote" if ref.tag == w("footnoteReference") else "endnote"
        number = sum(1 for k, _, _ in self.notes if k == kind) + 1
        mark = str(number) if kind == "footnote" else format_number(number, "lowerRoman")
        self.notes.append((kind, ref.get(w("id")) or "", mark))
        custom = (ref.get(w("customMarkFollows")) or "").lower() in ("1", "true", "on")
        return "" if custom else f"[{mark}]"

    def note_blocks(self) -> list[Block]:
        parts = {"footnote": self.package.footnotes, "endnote": self.package.endnotes}
        blocks: list[Block] = []
        for kind, note_id, mark in self.notes:
            root = parts[kind]
            if root is None:
                continue
            note = next((n for n in root.iter(w(kind)) if n.get(w("id")) == note_id), None)
            if note is None:
                continue
            lines = [
                b.spans
                for p in note.iter(w("p"))
                for b in self.paragraph(p, count=False)
                if isinstance(b, TextBlock)
            ]
            spans = _joined(lines, " ")
            if spans:
                blocks.append(
                    NoteBlock(ref=mark if kind == "footnote" else f"e{mark}", spans=spans)
                )
        return blocks


def _joined(parts: list[tuple[Span, ...]], separator: str) -> tuple[Span, ...]:
    out: list[Span] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Span(separator))
        out.extend(part)
    return tuple(out)


def _separator(label: str, suffix: str) -> str:
    """What Word puts between a label and the text, as text.

    ``space`` is a space and ``nothing`` is nothing. A tab is a gap in the
    layout: after a label ending in a full-width character (``一、``,
    ``（一）``, ``１．``) that character already makes the gap, as the text
    renditions of such documents show; after ``1.`` or ``•`` a space does.
    """
    if suffix == "nothing" or not label:
        return ""
    if suffix == "space":
        return " "
    return "" if unicodedata.east_asian_width(label[-1]) in ("F", "W") else " "


def _symbol(el: etree._Element) -> str:
    try:
        code = int(el.get(w("char")) or "", 16)
    except ValueError:
        return ""
    return symbol_text(code, el.get(w("font")))


def _mark_deleted(ppr: etree._Element | None) -> bool:
    mark = ppr.find(w("rPr")) if ppr is not None else None
    return mark is not None and (
        mark.find(w("del")) is not None or mark.find(w("moveFrom")) is not None
    )


def _section_starts_page(sect: etree._Element) -> bool:
    kind = sect.find(w("type"))
    return kind is None or kind.get(w("val")) in _SECTION_PAGE_TYPES


def _with_break(block: Block, kind: Break) -> Block:
    return replace(block, break_before=kind)
