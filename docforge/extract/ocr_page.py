"""One scanned PDF page read by OCR: rendered, cleaned, its rules found, its words recognised.

The result is plain data (characters and rule edges in page points), so a
page can be read in a worker process and handed back to the PDF reader,
which treats it as it treats a born-digital page.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium

from docforge.extract.ocr_chars import page_chars
from docforge.extract.ocr_image import prepare_page
from docforge.extract.ocr_rescue import rescue_lines
from docforge.extract.ocr_rules import erase_rules, find_rules, rule_edges
from docforge.extract.ocr_tesseract import read_alone, recognise
from docforge.extract.pdf_lines import Char

# Measured on the seeds' body text (tests/test_ocr_resolution.py, `make bench`): Chinese body
# text of 14–16 pt reads with the character error rate flat from here up; below it, errors climb.
OCR_DPI = 200


@dataclass(frozen=True)
class OcrPage:
    """What OCR read on one page, in page points (top-left origin)."""

    number: int
    chars: tuple[Char, ...]
    edges: tuple[dict, ...]
    skew: float
    seal_pixels: int
    dpi: int = OCR_DPI

    @property
    def confidence(self) -> float | None:
        """The mean confidence (0–100) of the page's characters, None when nothing was read."""
        values = [c["conf"] for c in self.chars if not c["text"].isspace()]
        return statistics.fmean(values) if values else None


A4_LONG_SIDE = 842.0  # points
OVERSIZE = 1.2  # a page this much longer than A4 holds an A4 page scanned at a large nominal size


def page_dpi(width: float, height: float, dpi: int = OCR_DPI) -> int:
    """The resolution to render a page at: ``dpi``, scaled down for a page far larger than A4.

    Scanners that do not record their resolution make a 96-ppi image of an A4
    page into a 17-inch PDF page; rendered at 200 dpi it would be blown up to
    twice its pixels and its text to twice the size OCR reads best.
    """
    long_side = max(width, height)
    if long_side > OVERSIZE * A4_LONG_SIDE:
        return max(72, round(dpi * A4_LONG_SIDE / long_side))
    return dpi


def render_page(document: pdfium.PdfDocument, index: int, dpi: int):
    """A page of the PDF as an RGB image at ``dpi``."""
    page = document[index]
    try:
        return page.render(scale=dpi / 72.0).to_pil().convert("RGB")
    finally:
        page.close()


def ocr_page(data: bytes, index: int, dpi: int = OCR_DPI) -> OcrPage:
    """Read page ``index`` (0-based) of the PDF in ``data`` by OCR."""
    document = pdfium.PdfDocument(data)
    try:
        dpi = page_dpi(*document[index].get_size(), dpi)
        rgb = render_page(document, index, dpi)
    finally:
        document.close()
    return ocr_image(rgb, index + 1, dpi)


def ocr_image(rgb, number: int, dpi: int) -> OcrPage:
    """Read a page image (as rendered at ``dpi``) by OCR."""
    prepared = prepare_page(rgb)
    rules = find_rules(prepared.image, dpi)
    image = erase_rules(prepared.image, rules) if rules else prepared.image
    words = rescue_lines(image, recognise(image, dpi), lambda cut: read_alone(cut, dpi))
    _, _, edges = rule_edges(rules, dpi)
    return OcrPage(
        number=number,
        chars=tuple(page_chars(words, dpi)),
        edges=tuple(edges),
        skew=prepared.skew,
        seal_pixels=prepared.seal_pixels,
        dpi=dpi,
    )
