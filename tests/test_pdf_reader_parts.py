"""The PDF reader's geometry parts on their own: what they promise beyond the seeds' XML.

The seeds' golden XML, the renditions and the real-PDF corpus hold the reader's
output as a whole; these hold the parts' own contracts (the gutter sweep's
shortcut, the fake-bold filter leaving its input alone, a born-digital PDF
read without the OCR machinery).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
from hypothesis import given, settings
from hypothesis import strategies as st

from docforge.extract import read_source
from docforge.extract.pdf_columns import _gap_cover, _sweep, find_gutter
from docforge.extract.pdf_lines import drop_overprints, rows_of_chars
from docforge.extract.pdf_pdfium import open_document
from tests.conftest import SEED_STEMS, seed

positions = st.floats(min_value=0, max_value=600, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    left=positions,
    width=st.floats(min_value=1, max_value=600),
    rows=st.lists(st.lists(st.tuples(positions, st.floats(0, 200)), max_size=4), max_size=12),
)
def test_gap_cover_counts_the_gaps_that_take_in_each_position(
    left: float, width: float, rows: list[list[tuple[float, float]]]
) -> None:
    gaps = [[(start, start + length) for start, length in row] for row in rows]
    xs = _sweep(left, left + width)
    expected = [sum(1 for row in gaps for g0, g1 in row if g0 <= x <= g1) for x in xs]
    assert _gap_cover(xs, gaps) == expected


def _char(text: str, x0: float, top: float, size: float = 10.0) -> dict:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size,
        "top": top,
        "bottom": top + size,
        "size": size,
        "fontname": "SimSun",
        "upright": True,
    }


def _two_columns(rows: int) -> list[list[dict]]:
    """Rows of four characters in each of two columns 100 points apart."""
    out = []
    for row in range(rows):
        top = 100.0 + 14 * row
        left = [_char("字", 50.0 + 10 * k, top) for k in range(4)]
        right = [_char("文", 190.0 + 10 * k, top) for k in range(4)]
        out.append(left + right)
    return out


def test_a_gutter_needs_enough_open_rows() -> None:
    """Six rows open at the gutter make two columns; five (one short of MIN_OPEN_ROWS) do not."""
    assert find_gutter(rows_of_chars(c for row in _two_columns(6) for c in row)) == (90.0, 190.0)
    assert find_gutter(rows_of_chars(c for row in _two_columns(5) for c in row)) is None


def test_overprinted_glyphs_are_kept_once_and_the_records_given_stay_as_they_were() -> None:
    first, again, other = _char("财", 50, 100), _char("财", 50.4, 100.3), _char("财", 80, 100)
    given_records = [dict(first), dict(again), dict(other)]
    kept = drop_overprints(given_records)
    assert [(c["x0"], c.get("doubled", False)) for c in kept] == [(50, True), (80, False)]
    assert given_records == [first, again, other]


def test_a_born_digital_pdf_is_read_without_loading_the_ocr_machinery() -> None:
    """numpy, Pillow and the Tesseract glue cost a fresh process a fifth of reading a long PDF."""
    code = (
        "import sys; from pathlib import Path; from docforge.extract import read_source; "
        f"read_source(Path({str(seed(SEED_STEMS[0], 'pdf'))!r})); "
        "print(sorted(m for m in ('numpy', 'PIL', 'docforge.extract.ocr_reading') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_file_qpdf_repairs_is_read_by_pdfplumber_alone(tmp_path: Path) -> None:
    """A page without ``/Type /Page``: QPDF and PDFium count it, pdfminer does not. Such a
    file is damaged in a way each library repairs its own, so pdfplumber reads all of it,
    as it would have before PDFium (never PDFium's pages with pdfplumber's count)."""
    source = seed(SEED_STEMS[1], "pdf")
    with pikepdf.open(source) as pdf:
        del pdf.pages[1].obj["/Type"]
        damaged = tmp_path / "untyped-page.pdf"
        pdf.save(damaged)
    with pdfplumber.open(damaged) as pdf:
        plumber_pages = len(pdf.pages)
    with pikepdf.open(damaged) as pdf:
        assert len(pdf.pages) == plumber_pages + 1
    assert open_document(damaged.read_bytes()) is None
    assert read_source(damaged).source.pages == plumber_pages
