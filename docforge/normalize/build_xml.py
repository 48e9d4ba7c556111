"""Build the canonical XML from a normalized draft: nested sections, lists, tables, the change log."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from docforge.model.blocks import (
    Block,
    FigureBlock,
    NoteBlock,
    Provenance,
    SourceInfo,
    Span,
    TableBlock,
    TextBlock,
    UncertainWord,
)
from docforge.model.vocabulary import BlockRole
from docforge.model.xml import NSMAP, SCHEMA_VERSION, q
from docforge.normalize.outline_ranks import heading_rank, styled_outline
from docforge.normalize.pipeline import Draft
from docforge.text.dates import canonical_date
from docforge.text.standard_tables import standard_table_kind
from docforge.text.web_chrome import DISCLOSURE_FIELDS


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    el = etree.SubElement(parent, q(tag), {k: v for k, v in attrib.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def append_inline(el: etree._Element, spans: tuple[Span, ...]) -> None:
    """Append spans as mixed content: text, ``<strong>``, ``<em>``."""
    for span in spans:
        if not span.text:
            continue
        target = el
        if span.strong:
            target = _sub(target, "strong")
        if span.emphasis:
            target = _sub(target, "em")
        if target is el:
            if len(el):
                el[-1].tail = (el[-1].tail or "") + span.text
            else:
                el.text = (el.text or "") + span.text
        else:
            target.text = span.text


def _num(parent: etree._Element, block: TextBlock) -> None:
    label = block.label
    _sub(
        parent,
        "num",
        label.text,
        scheme=label.scheme,
        value=str(label.value),
        original=label.original,
    )


def _table(parent: etree._Element, block: TableBlock, number: int) -> None:
    kind = standard_table_kind(block.caption) if block.caption else None
    table = _sub(
        parent,
        "table",
        id=f"t{number}",
        kind=kind.value if kind else None,
        src=block.prov.describe() or None,
        **_ocr(block.prov),
    )
    if block.caption:
        _sub(table, "caption", block.caption)
    if block.unit:
        _sub(table, "unit", block.unit)
    head = _sub(table, "thead") if block.header_rows else None
    body = _sub(table, "tbody")
    for r, row in enumerate(block.rows):
        in_head = r < block.header_rows
        tr = _sub(head if in_head else body, "tr")
        for cell in row:
            td = _sub(
                tr,
                "th" if in_head else "td",
                rowspan=str(cell.row_span) if cell.row_span > 1 else None,
                colspan=str(cell.col_span) if cell.col_span > 1 else None,
            )
            append_inline(td, cell.spans)
    if block.notes:
        notes = _sub(table, "tablenotes")
        for note in block.notes:
            append_inline(_sub(notes, "p"), note)


class _OutlineBuilder:
    """Places blocks in nested sections as headings open and close them."""

    def __init__(self, body: etree._Element, styled: bool = False) -> None:
        self.body = body
        self.styled = styled
        self.stack: list[tuple[int, etree._Element]] = []
        self.counters: list[int] = [0]
        self.tables = 0

    @property
    def container(self) -> etree._Element:
        return self.stack[-1][1] if self.stack else self.body

    def open_section(self, block: TextBlock) -> None:
        r = heading_rank(block, self.styled)
        while self.stack and self.stack[-1][0] >= r:
            self.stack.pop()
            self.counters.pop()
        self.counters[-1] += 1
        path = "-".join(str(n) for n in self.counters)
        section = _sub(
            self.container,
            "section",
            id=f"s{path}",
            level=str(len(self.stack) + 1),
            runin="true" if block.spans else None,
            src=block.prov.describe() or None,
            **_ocr(block.prov),
        )
        if block.label:
            _num(section, block)
        heading = _sub(section, "heading", punct=block.title_punct or None)
        append_inline(heading, block.title)
        if block.spans:
            append_inline(_sub(section, "p"), block.spans)
        self.stack.append((r, section))
        self.counters.append(0)

    def add(self, block: Block, previous: Block | None) -> None:
        src = block.prov.describe() or None
        if isinstance(block, TableBlock):
            self.tables += 1
            _table(self.container, block, self.tables)
        elif isinstance(block, FigureBlock):
            _sub(_sub(self.container, "figure", src=src), "alt", block.alt)
        elif isinstance(block, TextBlock) and block.role == "heading":
            self.open_section(block)
        elif isinstance(block, TextBlock) and block.role == "item":
            tag = "ul" if block.label.scheme == "bullet" else "ol"
            last = self.container[-1] if len(self.container) else None
            continuing = (
                last is not None
                and last.tag == q(tag)
                and isinstance(previous, TextBlock)
                and previous.role == "item"
                and previous.label.scheme == block.label.scheme
            )
            ol = last if continuing else _sub(self.container, tag)
            item = _sub(ol, "item", src=src, **_ocr(block.prov))
            _num(item, block)
            append_inline(item, block.spans)
        elif isinstance(block, TextBlock) and block.role == "term":
            last = self.container[-1] if len(self.container) else None
            continuing = (
                last is not None
                and last.tag == q("glossary")
                and isinstance(previous, TextBlock)
                and previous.role == "term"
            )
            glossary = last if continuing else _sub(self.container, "glossary")
            entry = _sub(glossary, "entry", src=src)
            if block.label:
                _num(entry, block)
            term = _sub(entry, "term", punct=block.title_punct or None)
            append_inline(term, block.title)
            append_inline(_sub(entry, "definition"), block.spans)
        elif isinstance(block, TextBlock) and block.role == "paragraph":
            append_inline(_sub(self.container, "p", src=src, **_ocr(block.prov)), block.spans)
        elif isinstance(block, TextBlock) and block.role == BlockRole.SIGNATURE:
            # The closing 署名/日期 belongs to the whole document, after every section.
            last = self.body[-1] if len(self.body) else None
            signature = (
                last
                if last is not None and last.tag == q("signature")
                else _sub(self.body, "signature")
            )
            append_inline(_sub(signature, "line", src=src), block.spans)


def _disclosure(meta: etree._Element, fields: dict[str, str]) -> None:
    """The web page's publication metadata, in the schema's order; dates with their ISO form."""
    present = [name for name in DISCLOSURE_FIELDS if fields.get(name)]
    if not present:
        return
    el = _sub(meta, "disclosure")
    for name in present:
        iso = canonical_date(fields[name]) if name in ("written", "published") else None
        _sub(el, name, fields[name], iso=iso)


def _meta(root: etree._Element, draft: Draft, source: SourceInfo, version: str, title: str) -> None:
    meta = _sub(root, "meta")
    _sub(meta, "title", title)
    for block in draft.blocks:
        if isinstance(block, TextBlock) and block.role == "subtitle":
            _sub(meta, "subtitle", block.text)
    info = draft.metadata
    if info is None:
        raise ValueError("the draft has no metadata: run the chain's keep_report_metadata first")
    if info.department:
        _sub(meta, "department", info.department)
    if info.year:
        _sub(meta, "year", str(info.year))
    if info.kind:
        _sub(meta, "kind", info.kind)
    if info.filled:
        _sub(meta, "filled", info.filled, iso=info.filled_iso)
    _disclosure(meta, dict(draft.disclosure))
    _sub(
        meta,
        "source",
        file=source.file_name,
        format=source.format,
        sha256=source.sha256,
        size=str(source.size),
        encoding=source.encoding,
        pages=str(source.pages) if source.pages else None,
    )
    _sub(meta, "generator", name="docforge", version=version)


def _ocr(prov: Provenance) -> dict[str, str]:
    """The ``ocr-confidence`` attribute of a block read from a scan (it goes with ``src``)."""
    if prov.ocr_confidence is None or not prov.describe():
        return {}
    return {"ocr-confidence": f"{prov.ocr_confidence:.0f}"}


def build_report(
    draft: Draft,
    source: SourceInfo,
    version: str,
    fallback_title: str,
    uncertain: Sequence[UncertainWord] = (),
) -> etree._Element:
    root = etree.Element(q("report"), nsmap=NSMAP, version=SCHEMA_VERSION)
    title_block = next(
        (b for b in draft.blocks if isinstance(b, TextBlock) and b.role == "title"), None
    )
    _meta(root, draft, source, version, title_block.text if title_block else fallback_title)
    body = _sub(root, "body")
    builder = _OutlineBuilder(body, styled_outline(draft.blocks))
    previous: Block | None = None
    notes = [b for b in draft.blocks if isinstance(b, NoteBlock)]
    for block in draft.blocks:
        if not isinstance(block, NoteBlock):
            builder.add(block, previous)
            previous = block
    if notes:
        notes_el = _sub(root, "notes")
        for note in notes:
            append_inline(
                _sub(notes_el, "note", id=note.ref, src=note.prov.describe() or None), note.spans
            )
    changes = _sub(root, "changes")
    for change in draft.changes:
        el = _sub(changes, "change", kind=change.kind, src=change.location.describe() or None)
        _sub(el, "before", change.before)
        _sub(el, "after", change.after)
    if uncertain:
        words = _sub(root, "uncertain-words")
        for word in uncertain:
            _sub(
                words,
                "word",
                word.text,
                src=word.prov.describe(),
                confidence=f"{word.confidence:.0f}",
            )
    if draft.warnings:
        warnings = _sub(root, "warnings")
        for code, message in draft.warnings:
            _sub(warnings, "warning", message, code=code)
    return root
