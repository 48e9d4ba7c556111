"""Scanned reports read by OCR give the report of their text: outline, body text and tables.

Each seed's PDF is rasterised once per session (pdftoppm) into an image-only
PDF, with a red seal stamped over its last paragraph and its first page
turned a little, as a scanner would leave it. Real Tesseract reads it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from docforge.bench.cer import character_error_rate
from docforge.bench.scans import scanned_pdf
from docforge.convert import convert_to_xml
from docforge.model.xml import q
from tests.conftest import SEED_STEMS, seed
from tests.outline import outline_f1, outline_lines

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tesseract") is None, reason="Tesseract is not installed (make install)"
    ),
]

SCAN_DPI = {
    stem: (150 if i % 2 else 200) for i, stem in enumerate(SEED_STEMS)
}  # the range scanners use
MAX_CER = 0.02
MIN_OUTLINE_F1 = 0.95
HEADING_LIKENESS = 0.8


class Scans:
    """Each seed's scan, rasterised and converted at most once per session (per test worker)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.roots: dict[str, etree._Element] = {}

    def __getitem__(self, stem: str) -> etree._Element:
        if stem not in self.roots:
            path = self.folder / f"{stem}.pdf"
            path.write_bytes(scanned_pdf(seed(stem, "pdf"), SCAN_DPI[stem]))
            self.roots[stem] = convert_to_xml(path)
        return self.roots[stem]


@pytest.fixture(scope="session")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Scans:
    return Scans(tmp_path_factory.mktemp("scans"))


def body_text(root: etree._Element) -> str:
    body = root.find(q("body"))
    return "".join(body.itertext())


def table_texts(root: etree._Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(q("table"))]


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_scan_gives_the_report_of_its_text(stem: str, scanned: Scans) -> None:
    """One test per seed, so a parallel run converts each scan once: outline, body text, tables, notes."""
    root = scanned[stem]
    text = convert_to_xml(seed(stem))
    expected, found = outline_lines(text), outline_lines(root)
    f1 = outline_f1(found, expected, HEADING_LIKENESS)
    cer = character_error_rate(body_text(root), body_text(text))
    print(
        f"{stem} ({SCAN_DPI[stem]} dpi scan): heading F1 {f1:.3f} ({len(found)} found, "
        f"{len(expected)} expected), body CER {cer:.2%}"
    )
    assert f1 >= MIN_OUTLINE_F1, "\n".join(sorted(set(found) ^ set(expected)))
    assert cer <= MAX_CER
    tables = table_texts(convert_to_xml(seed(stem, "pdf")))
    read = table_texts(root)
    assert len(read) == len(tables)
    for got, want in zip(read, tables, strict=True):
        assert character_error_rate(got, want) <= MAX_CER
    warnings = [w.text for w in root.iter(q("warning"))]
    assert any(
        re.search(r"by OCR \(Tesseract .*dpi\).*mean confidence \d+", w) for w in warnings
    ), warnings
    assert any(w.startswith("straightened skewed scans: pages 1 ") for w in warnings), warnings
    assert any(w.startswith("removed red seal marks before OCR: pages") for w in warnings), warnings


def test_mixed_pdf_with_a_scanned_last_page_is_one_report(tmp_path: Path) -> None:
    """A born-digital report whose signed last page was scanned reads on over the page break."""
    import pikepdf

    stem = SEED_STEMS[2]
    pdf = seed(stem, "pdf")
    scan = tmp_path / "last.pdf"
    with pikepdf.open(pdf) as document:
        pages = len(document.pages)
    scan.write_bytes(scanned_pdf(pdf, 200, skew_page=None, first=pages, last=pages))
    mixed = tmp_path / "mixed.pdf"
    with pikepdf.open(pdf) as document, pikepdf.open(scan) as scanned_page:
        del document.pages[-1]
        document.pages.extend(scanned_page.pages)
        document.save(mixed)
    root = convert_to_xml(mixed)
    text = convert_to_xml(seed(stem))
    warnings = [w.text for w in root.iter(q("warning"))]
    assert any(f"pages {pages}, mean confidence" in w for w in warnings), warnings
    assert outline_f1(outline_lines(root), outline_lines(text), HEADING_LIKENESS) >= MIN_OUTLINE_F1
    cer = character_error_rate(body_text(root), body_text(text))
    print(f"mixed {stem}: body CER {cer:.2%}")
    assert cer <= MAX_CER
    assert len(list(root.iter(q("p")))) == len(list(text.iter(q("p"))))
