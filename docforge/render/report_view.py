"""A renderer's view of a canonical report: plain dataclasses read from the XML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from markupsafe import Markup, escape

from docforge.model.xml import q, table_grid
from docforge.text.web_chrome import DISCLOSURE_NAMES

NUMERIC_CELLS = ("amount", "percent")
# From this many columns a table is wider than the text column: it may use the window's
# width on a desktop and goes on a landscape page in the PDF.
WIDE_TABLE_COLUMNS = 7


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
    kind: str  # p, ol, ul, glossary, table, figure
    html: Markup = Markup("")
    items: list[ListItemView] = field(default_factory=list)
    terms: list[TermView] = field(default_factory=list)
    caption: Markup | None = None
    head: list[list[CellView]] = field(default_factory=list)
    body: list[list[CellView]] = field(default_factory=list)
    alt: str = ""
    unit: str | None = None  # a table's unit (单位：万元)
    notes: list[Markup] = field(default_factory=list)  # a table's 注：… lines
    table_id: str = ""
    table_kind: str = ""
    columns: int = 0  # grid columns: a wide table gets the window's width and a landscape page

    @property
    def wide(self) -> bool:
        return self.columns >= WIDE_TABLE_COLUMNS

    @property
    def caption_text(self) -> str:
        return str(self.caption.striptags()) if self.caption else ""


@dataclass
class CellView:
    html: Markup
    row_span: int = 1
    col_span: int = 1
    scope: str = ""  # "col" or "row" for a header cell
    numeric: bool = False  # an amount or a percentage: right-aligned, tabular figures

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
    def opens_with_wide_table(self) -> bool:
        """Whether a wide table is the first thing under the heading: the heading goes on its landscape page."""
        if self.blocks:
            return self.blocks[0].kind == "table" and self.blocks[0].wide
        return bool(self.sections) and self.sections[0].opens_with_wide_table

    @property
    def tables(self) -> list[BlockView]:
        """The section's own tables that have a caption, for the list of tables in the contents."""
        return [b for b in self.blocks if b.kind == "table" and b.caption and b.table_id]

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
    signature: list[Markup] = field(default_factory=list)  # the closing 署名/日期 lines

    @property
    def display_title(self) -> str:
        """The title as pages, the PDF and search show it: it always says whose report it is."""
        return display_title(self.title, self.department)

    @property
    def title_added(self) -> str:
        """What the page puts in front of the source's title to name the department, or ''.

        The printed PDF keeps the title as the department printed it (its document title, in
        the metadata, names the department), so a PDF reads back as the same report."""
        return self.display_title.removesuffix(self.title).strip()

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
    def title_phrases(self) -> list[list[str]]:
        """Each title part cut into the phrases a line may break between (see ``phrases``)."""
        return [phrases(part) for part in self.title_parts]

    @property
    def heading_phrases(self) -> list[str]:
        """The phrases of the page's H1: the added department's, then the title's."""
        return self.title_added_phrases + [phrase for part in self.title_phrases for phrase in part]

    @property
    def title_added_phrases(self) -> list[str]:
        return phrases(self.title_added) if self.title_added else []

    @property
    def keywords(self) -> list[str]:
        """Search keywords for the page and the PDF's metadata: who, when, what kind."""
        year = f"{self.year}年度" if self.year else None
        return [k for k in (self.department, year, self.kind) if k]


# Words that end a phrase in a department's name or a report's kind: a line of a title may break
# after them and nowhere else (常宁市|委员会|办公室, 部门|整体|支出|绩效|评价|报告).
_PHRASE_ENDS = re.compile(
    "政治协商会议|委员会|办公室|办公厅|人民政府|[省市县区旗州]|年度|部门|单位|整体|支出|项目|"
    "绩效|评价|自评|工作|情况|决算|预算|信息|公开|报告"
)


def phrases(text: str) -> list[str]:
    """``text`` cut after each phrase end; joined again they are ``text``."""
    cuts = [0, *(m.end() for m in _PHRASE_ENDS.finditer(text)), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b]]


def display_title(title: str, department: str | None) -> str:
    """``title``, led by the department's name when the title does not name it already.

    A title such as 2022年度部门整体支出绩效自评报告 does not say whose report it is; on an index,
    in a browser tab or in search results that is the first thing a reader needs."""
    if not department or department in title:
        return title
    return f"{department} {title}"


def inline_html(el: etree._Element) -> Markup:
    """An element's mixed content as escaped HTML."""
    parts = [escape(el.text or "")]
    for child in el:
        name = etree.QName(child).localname
        inner = inline_html(child)
        if name in ("strong", "em"):
            parts.append(Markup(f"<{name}>{inner}</{name}>"))
        elif name == "amount":
            parts.append(
                Markup('<span class="amount" data-value="{}">{}</span>').format(
                    child.get("value"), inner
                )
            )
        elif name == "noteref":
            parts.append(
                Markup('<sup><a href="#note-{0}" id="ref-{0}">{1}</a></sup>').format(
                    child.get("ref"), inner
                )
            )
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
        CellView(
            inline_html(c),
            int(c.get("rowspan", 1)),
            int(c.get("colspan", 1)),
            scope(c),
            c.get("type") in NUMERIC_CELLS,
        )
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
            terms.append(
                TermView(
                    num.text if num is not None else "",
                    inline_html(term),
                    inline_html(entry.find(q("definition"))),
                )
            )
        return BlockView("glossary", terms=terms)
    if name in ("ol", "ul"):
        items = []
        for item in el.iter(q("item")):
            num = item.find(q("num"))
            copy = etree.fromstring(etree.tostring(item))
            copy.remove(copy.find(q("num")))
            copy.text = num.tail or ""
            items.append(ListItemView(num.text, inline_html(copy)))
        return BlockView(name, items=items)
    if name == "table":
        caption = el.find(q("caption"))
        head = el.find(q("thead"))
        body = el.find(q("tbody"))
        notes = el.find(q("tablenotes"))
        return BlockView(
            "table",
            caption=inline_html(caption) if caption is not None else None,
            head=[_cells(tr, True) for tr in head] if head is not None else [],
            body=[_cells(tr, False) for tr in body] if body is not None else [],
            unit=el.findtext(q("unit")),
            notes=[inline_html(p) for p in notes] if notes is not None else [],
            table_id=el.get("id", ""),
            table_kind=el.get("kind", ""),
            columns=max((len(row) for row in table_grid(list(el.iter(q("tr"))))), default=0),
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
        signature=[
            inline_html(line) for line in root.iterfind(f"{q('body')}/{q('signature')}/{q('line')}")
        ],
        disclosure=_disclosure(meta.find(q("disclosure"))),
    )


def _disclosure(el: etree._Element | None) -> list[tuple[str, str]]:
    if el is None:
        return []
    # The page's own title repeats the report's: not shown again.
    return [
        (
            DISCLOSURE_NAMES.get(etree.QName(child).localname, etree.QName(child).localname),
            child.text or "",
        )
        for child in el
        if etree.QName(child).localname != "pagetitle"
    ]
