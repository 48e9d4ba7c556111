"""PDF reader: paragraphs, tables and page furniture from the page geometry.

Pages are read one at a time and released, keeping only their lines and
tables, so a long report runs in bounded memory. When every page is read,
the furniture that repeats in the page bands is known and removed, the
margins of the text are known, and the lines become paragraphs.
"""

from __future__ import annotations

import io
import logging
import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFNoValidXRef, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSEOF, PSException
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.geometry import obj_to_edges

from docforge.errors import InputError
from docforge.extract import Progress
from docforge.extract.pdf_columns import column_lines, find_gutters
from docforge.extract.pdf_furniture import (
    PageLines,
    is_furniture,
    running_key,
    running_keys,
)
from docforge.extract.pdf_lines import (
    Line,
    drop_overprints,
    ocr_confidence,
    rows_of_chars,
    usable_chars,
)
from docforge.extract.pdf_paragraphs import Frame, PageFlow, PageItem, Placed, flow_blocks
from docforge.extract.pdf_pdfium import PdfiumDocument, PdfiumPage, open_document
from docforge.extract.pdf_tables import (
    PageTable,
    column_edges,
    finder_settings,
    inside,
    is_visible_rule,
    read_table,
)
from docforge.extract.text_layer import is_garbled, needs_ocr, unmapped_count
from docforge.model.blocks import Extraction, Provenance, SourceInfo, UncertainWord
from docforge.text.page_numbers import may_be_page_number

PDFIUM = (
    os.environ.get("DOCFORGE_PDF_CHARS", "pdfium") != "pdfplumber"
)  # pdfplumber alone, for comparison
MARGIN_BIN = 2.0  # points
MARGIN_MIN_LINES = 3
MARGIN_SHARE = 0.05  # of the lines


@dataclass(frozen=True)
class PageContent:
    """What is kept of a page once it is released: its lines (with columns) and tables."""

    number: int
    width: float
    height: float
    lines: tuple[tuple[Line, int], ...]
    tables: tuple[PageTable, ...]
    rotated: int = 0


_ENCRYPTED = "the PDF is encrypted with a password; decrypt it first"


def _cause(exc: BaseException) -> BaseException:
    """The pdfminer error that pdfplumber wrapped, when it wrapped one."""
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


def _open(path: Path, data: bytes) -> pdfplumber.PDF:
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a PDF file (no %PDF header)")
    try:
        return pdfplumber.open(io.BytesIO(data))
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        cause = _cause(exc)
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise InputError(path, _ENCRYPTED) from None
        if isinstance(cause, PSEOF | PDFNoValidXRef):
            raise InputError(
                path,
                "truncated or damaged PDF: its cross-reference table and trailer cannot be found",
            ) from None
        raise InputError(
            path, f"damaged PDF that cannot be opened ({cause.__class__.__name__})"
        ) from None


@dataclass(frozen=True)
class _Ruled:
    """What pdfplumber's table finder reads of a page: its edges and its box."""

    edges: list[dict]
    bbox: tuple[float, float, float, float]


def _tables(ruled: _Ruled | pdfplumber.page.Page) -> list[tuple[tuple, list]]:
    settings = TableSettings.resolve(finder_settings(ruled.edges))
    return [(t.bbox, [c for c in t.cells if c]) for t in TableFinder(ruled, settings).tables]


def _read_page(
    number: int,
    width: float,
    height: float,
    chars: Sequence[dict],
    ruled: _Ruled | pdfplumber.page.Page,
) -> PageContent:
    rotated = sum(1 for c in chars if not c.get("upright", True) and c["text"].strip())
    return page_content(number, width, height, usable_chars(chars), _tables(ruled), rotated)


def _read_pdfium_page(page: PdfiumPage) -> PageContent:
    """A page from PDFium's records: the visible rules' edges as pdfplumber makes them."""
    visible = [r for r in page.rules if is_visible_rule(r)]
    edges = [
        edge
        for kind in ("line", "rect", "curve")  # pdfplumber's order of the edges
        for rule in visible
        if rule["object_type"] == kind
        for edge in obj_to_edges(rule)
    ]
    ruled = _Ruled(edges, (0.0, 0.0, page.width, page.height))
    return _read_page(page.number, page.width, page.height, page.chars, ruled)


def _read_plumber_page(page: pdfplumber.page.Page, number: int) -> PageContent:
    ruled = page.filter(is_visible_rule)
    return _read_page(number, float(page.width), float(page.height), page.chars, ruled)


def page_content(
    number: int,
    width: float,
    height: float,
    upright: Sequence[dict],
    found: Sequence[tuple[tuple[float, float, float, float], list]],
    rotated: int = 0,
) -> PageContent:
    """A page's lines and tables from its upright characters and the table boxes found on it.

    Born-digital and scanned pages both come here: the characters are the
    PDF's glyphs or the OCR's, the table cells come from drawn rules or from
    rules found in the image.
    """
    chars = drop_overprints(upright)
    tables = []
    boxes = []
    for bbox, cells in found:
        within = [c for c in chars if inside(c, bbox)]
        block = read_table(cells, within, number)
        if block is None:
            continue
        if read := ocr_confidence([c for c in within if not c["text"].isspace()]):
            block = replace(block, prov=replace(block.prov, ocr_confidence=read["confidence"]))
        boxes.append(bbox)
        tables.append(PageTable(block=block, bbox=bbox, columns=column_edges(cells)))
    body = [c for c in chars if not any(inside(c, box) for box in boxes)] if boxes else chars
    rows = rows_of_chars(usable_chars(body))  # overprints were dropped above, before the tables
    lines = column_lines(rows, number, find_gutters(rows))
    return PageContent(number, width, height, tuple(lines), tuple(tables), rotated)


class _PageTreesDiffer(Exception):
    """pdfplumber counts other pages than PDFium and pikepdf in a file QPDF found sound."""


class _Plumber:
    """pdfplumber's view of the file, its page tree walked on first use only: on a long
    born-digital PDF PDFium reads, the walk (which ``PDF.close`` also makes) alone costs a
    twentieth of the reading."""

    def __init__(self, path: Path, pdf: pdfplumber.PDF) -> None:
        self.path = path
        self.pdf = pdf
        self.walked = False

    def pages(self) -> list[pdfplumber.page.Page]:
        """The pages; a one-line error when the page tree is damaged."""
        try:
            pages = self.pdf.pages
        except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a damaged page tree
            cause = _cause(exc)
            if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
                raise InputError(self.path, _ENCRYPTED) from None
            raise InputError(
                self.path, f"damaged PDF whose pages cannot be read ({cause.__class__.__name__})"
            ) from None
        self.walked = True
        return pages

    def close(self) -> None:
        if self.walked:
            self.pdf.close()


def _page_count(plumber: _Plumber, fast: PdfiumDocument | None) -> int:
    """The pages read: PDFium's count where PDFium opened the file, else pdfplumber's."""
    return fast.count if fast is not None else len(plumber.pages())


def _pages(
    plumber: _Plumber,
    fast: PdfiumDocument | None,
    warnings: list[str],
    scans: list[int],
) -> Iterator[PageContent]:
    """Each page's content; a page that needs OCR is yielded as a placeholder and listed in ``scans``.

    Characters and rules come from PDFium where it rebuilds pdfplumber's
    records faithfully (``pdf_pdfium``), from pdfplumber for the other pages.
    """
    count = _page_count(plumber, fast)
    for index in range(count):
        page = None
        try:
            own = next(fast.pages, None) if fast is not None else None
            if isinstance(own, PdfiumPage):
                if needs_ocr(own.chars):
                    scans.append(index)
                    yield PageContent(index + 1, own.width, own.height, (), ())
                else:
                    yield _read_pdfium_page(own)
                continue
            theirs = plumber.pages()
            if len(theirs) != count:
                raise _PageTreesDiffer
            page = theirs[index]
            if needs_ocr(page.chars):
                scans.append(index)
                yield PageContent(index + 1, float(page.width), float(page.height), (), ())
            else:
                yield _read_plumber_page(page, index + 1)
        except (InputError, _PageTreesDiffer):
            raise
        except Exception as exc:  # noqa: BLE001 - one damaged page must not lose the others
            warnings.append(
                f"page {index + 1} could not be read ({exc.__class__.__name__}); skipped"
            )
        finally:
            if page is not None:
                page.close()


def _check_text(path: Path, pages: Sequence[PageContent], scanned: bool = False) -> str | None:
    """Refuse a PDF whose text cannot be published: none at all, or glyphs without Unicode meaning.

    A few unmapped glyphs among readable text are let through, with a warning to say so.
    """
    text = "".join(line.text for page in pages for line, _ in page.lines)
    text += "".join(
        cell.text for page in pages for t in page.tables for row in t.block.rows for cell in row
    )
    visible = re.sub(r"\s+", "", text)
    if not visible:
        if scanned:
            raise InputError(
                path, "OCR found no text on the scanned pages (blank or unreadable scan)"
            )
        raise InputError(path, "the PDF has no text layer (a scan?); it needs OCR first")
    if is_garbled(visible):
        raise InputError(
            path,
            "the PDF's text has no usable Unicode mapping (garbled font encoding); "
            "it needs OCR or the source document",
        )
    if unmapped := unmapped_count(visible):
        return f"{unmapped} characters have no Unicode mapping and are kept as the PDF gives them"
    return None


def _with_scans(
    path: Path,
    data: bytes,
    pages: list[PageContent],
    scans: list[int],
    warnings: list[str],
    progress: Progress | None,
) -> list[PageContent]:
    """The pages with those that need it read by OCR (a one-line error when OCR cannot be run).

    The OCR machinery (numpy, Pillow, the Tesseract glue) is imported here, not
    with the module: it is a fifth of a fresh process's time on a born-digital PDF.
    """
    from docforge.extract.ocr_reading import OcrFailure, read_scans

    try:
        read = read_scans(data, scans, progress)
    except OcrFailure as exc:
        raise InputError(path, str(exc)) from None
    warnings.extend(read.warnings)
    by_number = {page.number: page for page in read.pages}
    out = []
    for page in pages:
        ocr = by_number.get(page.number)
        out.append(
            page
            if ocr is None
            else page_content(page.number, page.width, page.height, ocr.chars, ocr.tables)
        )
    return out


def _common_edges(values: Sequence[float], lines: int) -> list[float]:
    """Edge positions (in 2-point bins) shared by enough lines to be a margin, not a one-off."""
    bins = Counter(round(v / MARGIN_BIN) for v in values)
    needed = max(MARGIN_MIN_LINES, MARGIN_SHARE * lines)
    return [b * MARGIN_BIN for b, n in bins.items() if n >= needed]


def _margins(lines: Sequence[Line]) -> Frame | None:
    """The left margin (the leftmost edge many lines start at) and the right one (where full lines end)."""
    if not lines:
        return None
    lefts = _common_edges([line.x0 for line in lines], len(lines))
    rights = _common_edges([line.x1 for line in lines], len(lines))
    left = min(lefts) - MARGIN_BIN / 2 if lefts else min(line.x0 for line in lines)
    right = max(rights) + MARGIN_BIN / 2 if rights else max(line.x1 for line in lines)
    return Frame(left=left, right=right)


def _flows(pages: Sequence[PageContent]) -> tuple[list[PageFlow], list[str]]:
    """Each page's lines and tables in reading order, furniture removed; and the furniture dropped.

    The margins of full-width text come from all pages of one size together:
    a page of short lines (a contents page) has no right margin of its own.
    Columns take theirs from their own lines.
    """
    page_lines = [PageLines(p.number, p.height, tuple(line for line, _ in p.lines)) for p in pages]
    running = running_keys(page_lines)
    dropped: list[str] = []
    kept: list[list[tuple[Line, int]]] = []
    for page, lines in zip(pages, page_lines, strict=True):
        body = []
        for line, column in page.lines:
            if is_furniture(line, lines, running):
                dropped.append(line.text)
            else:
                body.append((line, column))
        kept.append(body)
    by_size: dict[tuple[int, int], list[Line]] = {}
    for page, body in zip(pages, kept, strict=True):
        by_size.setdefault(_page_size(page), []).extend(
            line for line, column in body if column == 0
        )
    frames = {size: _margins(lines) for size, lines in by_size.items()}
    flows = []
    for page, body in zip(pages, kept, strict=True):
        columns = {c for _, c in body if c}
        own = {column: _margins([line for line, c in body if c == column]) for column in columns}
        own[0] = frames[_page_size(page)]
        items: list[PageItem] = [
            Placed(line, own[column] or Frame(line.x0, line.x1), column, number)
            for number, (line, column) in enumerate(body, start=1)
        ]
        flows.append(PageFlow(page.number, tuple(_place_tables(items, page.tables))))
    return flows, dropped


def _page_size(page: PageContent) -> tuple[int, int]:
    return round(page.width), round(page.height)


def _place_tables(items: list[PageItem], tables: Sequence[PageTable]) -> list[PageItem]:
    """Tables inserted before the first line below them."""
    out: list[PageItem] = []
    pending = sorted(tables, key=lambda t: t.top)
    for item in items:
        while (
            pending
            and isinstance(item, Placed)
            and item.column == 0
            and pending[0].top <= item.line.top
        ):
            out.append(pending.pop(0))
        out.append(item)
    out.extend(pending)
    return out


def _furniture_warning(dropped: Sequence[str]) -> str:
    """One line saying what page furniture was dropped: running lines by text, page numbers by count."""
    numbers = sum(1 for text in dropped if may_be_page_number(text))
    running: Counter[str] = Counter()
    example: dict[str, str] = {}
    for text in dropped:
        if not may_be_page_number(text):
            running[running_key(text)] += 1
            example.setdefault(running_key(text), text)
    parts = [f"'{example[key]}' ×{n}" for key, n in running.most_common(3)]
    if len(running) > 3:
        parts.append(f"{len(running) - 3} more running lines")
    if numbers:
        parts.append(f"{numbers} page numbers")
    return f"dropped {len(dropped)} lines of page furniture: {', '.join(parts)}"


def read_pdf_file(
    path: Path, data: bytes, digest: str, progress: Progress | None = None
) -> Extraction:
    """Read a PDF into blocks; raises InputError with a one-line cause for what cannot be read."""
    logging.getLogger("pdfminer").setLevel(
        logging.ERROR
    )  # damage is reported as warnings or an InputError
    plumber = _Plumber(path, _open(path, data))
    warnings: list[str] = []
    scans: list[int] = []
    fast = None
    try:
        fast = open_document(data) if PDFIUM else None
        try:
            pages = list(_pages(plumber, fast, warnings, scans))
        except _PageTreesDiffer:
            if fast is not None:
                fast.pages.close()
            fast = None
            warnings.clear()
            scans.clear()
            pages = list(_pages(plumber, None, warnings, scans))
        page_count = _page_count(plumber, fast)
    finally:
        if fast is not None:
            fast.pages.close()
        plumber.close()
    if not pages:
        raise InputError(path, "damaged PDF: no page could be read")
    if scans:
        pages = _with_scans(path, data, pages, scans, warnings, progress)
    if unmapped := _check_text(path, pages, scanned=bool(scans)):
        warnings.append(unmapped)
    if rotated := sum(page.rotated for page in pages):
        warnings.append(
            f"left out {rotated} characters set sideways (margin notes or rotated labels)"
        )
    flows, dropped = _flows(pages)
    if dropped:
        warnings.append(_furniture_warning(dropped))
    blocks = flow_blocks(flows)
    if not blocks:
        raise InputError(path, "the PDF has no text outside its page furniture")
    source = SourceInfo(
        file_name=path.name, format="pdf", sha256=digest, size=len(data), pages=page_count
    )
    return Extraction(
        source=source, blocks=blocks, warnings=warnings, uncertain=_uncertain_words(flows)
    )


def _uncertain_words(flows: Sequence[PageFlow]) -> list[UncertainWord]:
    """The low-confidence words of the scanned pages' lines, where they stand."""
    return [
        UncertainWord(text, Provenance(page=item.line.page, line=item.number), confidence)
        for flow in flows
        for item in flow.items
        if isinstance(item, Placed)
        for text, confidence in item.line.uncertain
    ]
