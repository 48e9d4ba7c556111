"""A renderer's view of a canonical report: plain dataclasses read from the XML."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from markupsafe import Markup, escape

from docforge.model.xml import q
from docforge.text.web_chrome import DISCLOSURE_NAMES


@dataclass
class ListItemView:
    label: str
    html: Markup


@dataclass
class TermView:
    label: str
    term: Markup
    definition: Markup


@dataclass
class BlockView:
    kind: str                       # p, ol, ul, glossary, table, figure
    html: Markup = Markup("")
    items: list[ListItemView] = field(default_factory=list)
    terms: list[TermView] = field(default_factory=list)
    caption: Markup | None = None
    head: list[list[CellView]] = field(default_factory=list)
    body: list[list[CellView]] = field(default_factory=list)
    alt: str = ""


@dataclass
class CellView:
    html: Markup
    row_span: int = 1
    col_span: int = 1
    scope: str = ""                 # "col" or "row" for a header cell

    @property
    def tag(self) -> str:
        return "th" if self.scope else "td"


@dataclass
class NoteView:
    id: str
    html: Markup


@dataclass
class SectionView:
    id: str
    level: int
    label: str
    scheme: str
    heading: Markup
    heading_text: str
    punct: str
    runin: bool
    blocks: list[BlockView]
    sections: list[SectionView]

    @property
    def rank(self) -> int:
        """The HTML heading rank: ``<h2>`` for the top of the outline, never skipping."""
        return min(self.level + 1, 6)


@dataclass
class ReportView:
    title: str
    subtitles: list[str]
    department: str | None
    year: str | None
    kind: str | None
    filled: str | None
    source_file: str
    source_format: str
    blocks: list[BlockView]
    sections: list[SectionView]
    change_count: int
    notes: list[NoteView] = field(default_factory=list)
    # A web copy's publication metadata, as (Chinese field name, value) in the schema's order.
    disclosure: list[tuple[str, str]] = field(default_factory=list)

    @property
    def title_parts(self) -> list[str]:
        """The title cut before and after the department's name and the report kind.

        A long title may only break between these parts, so each line keeps whole
        words (GB/T 9704: 回行时要做到词意完整)."""
        parts = [self.title]
        for phrase in filter(None, (self.department, self.kind)):
            parts = [piece for part in parts for piece in part.partition(phrase) if piece]
        return parts

    @property
    def keywords(self) -> list[str]:
        """Search keywords for the page and the PDF's metadata: who, when, what kind."""
        year = f"{self.year}年度" if self.year else None
        return [k for k in (self.department, year, self.kind) if k]


def inline_html(el: etree._Element) -> Markup:
    """An element's mixed content as escaped HTML."""
    parts = [escape(el.text or "")]
    for child in el:
        name = etree.QName(child).localname
        inner = inline_html(child)
        if name in ("strong", "em"):
            parts.append(Markup(f"<{name}>{inner}</{name}>"))
        elif name == "amount":
            parts.append(Markup('<span class="amount" data-value="{}">{}</span>').format(
                child.get("value"), inner))
        elif name == "noteref":
            parts.append(Markup('<sup><a href="#note-{0}" id="ref-{0}">{1}</a></sup>').format(
                child.get("ref"), inner))
        else:
            parts.append(inner)
        parts.append(escape(child.tail or ""))
    return Markup("").join(parts)


def _cells(tr: etree._Element, in_head: bool) -> list[CellView]:
    """A row's cells: every cell of the head heads its column, a ``th`` of the body its row."""
    def scope(cell: etree._Element) -> str:
        if in_head:
            return "col"
        return "row" if cell.tag == q("th") else ""

    return [
        CellView(inline_html(c), int(c.get("rowspan", 1)), int(c.get("colspan", 1)), scope(c))
        for c in tr
    ]


def _block(el: etree._Element) -> BlockView | None:
    name = etree.QName(el).localname
    if name == "p":
        return BlockView("p", html=inline_html(el))
    if name == "glossary":
        terms = []
        for entry in el.iter(q("entry")):
            num = entry.find(q("num"))
            term = entry.find(q("term"))
            terms.append(TermView(num.text if num is not None else "", inline_html(term),
                                  inline_html(entry.find(q("definition")))))
        return BlockView("glossary", terms=terms)
    if name in ("ol", "ul"):
        items = []
        for item in el.iter(q("item")):
            num = item.find(q("num"))
            copy = etree.fromstring(etree.tostring(item))
            copy.remove(copy.find(q("num")))
            copy.text = (num.tail or "")
            items.append(ListItemView(num.text, inline_html(copy)))
        return BlockView(name, items=items)
    if name == "table":
        caption = el.find(q("caption"))
        head = el.find(q("thead"))
        body = el.find(q("tbody"))
        return BlockView(
            "table",
            caption=inline_html(caption) if caption is not None else None,
            head=[_cells(tr, True) for tr in head] if head is not None else [],
            body=[_cells(tr, False) for tr in body] if body is not None else [],
        )
    if name == "figure":
        return BlockView("figure", alt=el.findtext(q("alt")) or "")
    return None


def _children(el: etree._Element) -> tuple[list[BlockView], list[SectionView]]:
    blocks, sections = [], []
    for child in el:
        if child.tag == q("section"):
            sections.append(_section(child))
        elif child.tag not in (q("num"), q("heading")):
            view = _block(child)
            if view:
                blocks.append(view)
    return blocks, sections


def _section(el: etree._Element) -> SectionView:
    num = el.find(q("num"))
    heading = el.find(q("heading"))
    blocks, sections = _children(el)
    return SectionView(
        id=el.get("id"),
        level=int(el.get("level")),
        label=num.text if num is not None else "",
        scheme=num.get("scheme") if num is not None else "",
        heading=inline_html(heading),
        heading_text="".join(heading.itertext()),
        punct=heading.get("punct", ""),
        runin=el.get("runin") == "true",
        blocks=blocks,
        sections=sections,
    )


def read_report_view(root: etree._Element) -> ReportView:
    meta = root.find(q("meta"))
    source = meta.find(q("source"))
    blocks, sections = _children(root.find(q("body")))
    changes = root.find(q("changes"))
    notes = root.find(q("notes"))
    return ReportView(
        title=meta.findtext(q("title")),
        subtitles=[s.text for s in meta.findall(q("subtitle"))],
        department=meta.findtext(q("department")),
        year=meta.findtext(q("year")),
        kind=meta.findtext(q("kind")),
        filled=meta.findtext(q("filled")),
        source_file=source.get("file"),
        source_format=source.get("format"),
        blocks=blocks,
        sections=sections,
        change_count=len(changes) if changes is not None else 0,
        notes=[NoteView(n.get("id"), inline_html(n)) for n in notes] if notes is not None else [],
        disclosure=_disclosure(meta.find(q("disclosure"))),
    )


def _disclosure(el: etree._Element | None) -> list[tuple[str, str]]:
    if el is None:
        return []
    # The page's own title repeats the report's: not shown again.
    return [(DISCLOSURE_NAMES.get(etree.QName(child).localname, etree.QName(child).localname), child.text or "")
            for child in el if etree.QName(child).localname != "pagetitle"]
