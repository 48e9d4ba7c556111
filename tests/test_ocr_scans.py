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
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed (make install)"),
]

SCAN_DPI = {stem: (150 if i % 2 else 200) for i, stem in enumerate(SEED_STEMS)}   # the range scanners use
MAX_CER = 0.02
MIN_OUTLINE_F1 = 0.95
HEADING_LIKENESS = 0.8


@pytest.fixture(scope="session")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, etree._Element]:
    """Each seed's scan converted (once per session), by stem."""
    folder = tmp_path_factory.mktemp("scans")
    out = {}
    for stem in SEED_STEMS:
        path = folder / f"{stem}.pdf"
        path.write_bytes(scanned_pdf(seed(stem, "pdf"), SCAN_DPI[stem]))
        out[stem] = convert_to_xml(path)
    return out


def body_text(root: etree._Element) -> str:
    body = root.find(q("body"))
    return "".join(body.itertext())


def table_texts(root: etree._Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(q("table"))]


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_scan_has_the_outline_of_its_text(stem: str, scanned: dict[str, etree._Element]) -> None:
    expected = outline_lines(convert_to_xml(seed(stem)))
    found = outline_lines(scanned[stem])
    f1 = outline_f1(found, expected, HEADING_LIKENESS)
    print(f"{stem}: heading F1 {f1:.3f} ({len(found)} found, {len(expected)} expected)")
    assert f1 >= MIN_OUTLINE_F1, "\n".join(sorted(set(found) ^ set(expected)))


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_scan_body_text_is_within_two_percent_of_the_text(stem: str, scanned: dict[str, etree._Element]) -> None:
    cer = character_error_rate(body_text(scanned[stem]), body_text(convert_to_xml(seed(stem))))
    print(f"{stem}: body CER {cer:.2%} at {SCAN_DPI[stem]} dpi")
    assert cer <= MAX_CER


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_scan_tables_are_recovered(stem: str, scanned: dict[str, etree._Element]) -> None:
    expected = table_texts(convert_to_xml(seed(stem, "pdf")))
    found = table_texts(scanned[stem])
    assert len(found) == len(expected)
    for got, want in zip(found, expected, strict=True):
        assert character_error_rate(got, want) <= MAX_CER


def test_scan_says_it_was_read_by_ocr(scanned: dict[str, etree._Element]) -> None:
    root = scanned[SEED_STEMS[0]]
    warnings = [w.text for w in root.iter(q("warning"))]
    assert any(re.search(r"by OCR \(Tesseract .*dpi\).*mean confidence \d+", w) for w in warnings), warnings
    assert any("straightened skewed scans: pages 1" in w for w in warnings), warnings
    assert any(w.startswith("removed red seal marks") for w in warnings), warnings


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
