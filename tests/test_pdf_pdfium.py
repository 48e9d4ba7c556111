"""PDFium's records (``extract/pdf_pdfium``) against pdfplumber's, field by field.

The reader takes a page's characters and rules from PDFium only where they
are pdfplumber's to within 0.01 pt (``bench/pdf_chars``). Each case below is a
small PDF written for one thing PDFium does its own way — spaces it folds
away, a text object it leaves out, colours it gives as RGB — and the seeds and
the real corpus are compared whole.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from docforge.bench.pdf_chars import compare
from tests.conftest import FIXTURES, SHARED_CORPUS

SEEDS = sorted((FIXTURES / "seeds").glob("*.pdf"))
REAL = sorted((SHARED_CORPUS / "real").glob("*/*.pdf")) if SHARED_CORPUS.exists() else []

# A ToUnicode map for codes 0x20–0x7E as themselves, and 0xA0 as U+3000 where asked.
_CMAP = """/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test def 1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfrange <20> <7E> <0020> endbfrange
{extra}endcmap CMapName currentdict /CMap defineresource pop end end"""


def _pdf(path: Path, content: str, ideographic_space: bool = False) -> Path:
    """A one-page A4 PDF drawing ``content`` in a font with its own widths, descent and ToUnicode map.

    The font is not embedded (PDFium draws it with a stand-in); both readers
    measure it by its ``Widths`` and ``FontDescriptor``, as they do a real file's.
    """
    pdf = pikepdf.new()
    extra = "1 beginbfchar <A0> <3000> endbfchar\n" if ideographic_space else ""
    widths = [
        250 if code == 32 else 1000 if code == 0xA0 else 500 + (code % 7) * 40
        for code in range(32, 256)
    ]
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.TrueType,
            BaseFont=pikepdf.Name("/TestSerif"),
            FirstChar=32,
            LastChar=255,
            Widths=widths,
            Encoding=pikepdf.Name.WinAnsiEncoding,
            FontDescriptor=pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.FontDescriptor,
                    FontName=pikepdf.Name("/TestSerif"),
                    Flags=32,
                    FontBBox=[-100, -220, 1000, 900],
                    ItalicAngle=0,
                    Ascent=880,
                    Descent=-220,
                    CapHeight=700,
                    StemV=80,
                )
            ),
            ToUnicode=pikepdf.Stream(pdf, _CMAP.format(extra=extra).encode()),
        )
    )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_stream(content.encode("latin-1")),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


CASES = {
    # Two spaces in one string: PDFium keeps the first only.
    "double-space": "BT /F1 12 Tf 72 700 Td (Budget  2024 and   more) Tj ET",
    # A space alone in its own text object after a gap, as LibreOffice writes: PDFium leaves it out.
    "lone-space-object": (
        "BT /F1 12 Tf 72 700 Td (Budget) Tj ET BT /F1 12 Tf 112 700 Td ( ) Tj ET "
        "BT /F1 12 Tf 115.4 700 Td (2024) Tj ET"
    ),
    # Fake bold: the same text drawn again 0.3 pt aside; PDFium drops the repeat, pdfminer keeps it.
    "fake-bold": (
        "BT /F1 14 Tf 72 700 Td (Summary) Tj ET BT /F1 14 Tf 72.3 700 Td (Summary) Tj ET "
        "BT /F1 12 Tf 72 680 Td (plain text) Tj ET"
    ),
    # Text objects out of left-to-right order on one line: PDFium sorts them, pdfminer does not.
    "stream-order": ("BT /F1 12 Tf 200 700 Td (second) Tj ET BT /F1 12 Tf 72 700 Td (first) Tj ET"),
    # A kerned string whose gaps PDFium fills with spaces of its own.
    "kerning": "BT /F1 12 Tf 72 700 Td [(Tab) -600 (le) -2000 ( 3)] TJ ET",
    # Rules: a stroked grid of lines, a filled black rect, white boxes set as RGB (invisible).
    "rules-rgb": (
        "0 0 0 RG 1 w 72 600 m 300 600 l S 72 580 m 300 580 l S 72 560 m 300 560 l S "
        "72 560 m 72 600 l S 186 560 m 186 600 l S 300 560 m 300 600 l S "
        "0 0 0 rg 72 500 100 2 re f 1 1 1 rg 72 400 200 50 re f "
        "BT 0 0 0 rg /F1 10 Tf 80 585 Td (Item) Tj ET"
    ),
    # A white box set as gray: pdfminer keeps the gray level as a number, which is no white to the reader.
    "rules-gray": "1 g 72 400 200 50 re f 0 G 72 300 m 200 300 l S BT 0 g /F1 10 Tf 72 320 Td (x) Tj ET",
    # A curve and a closed path drawn with lines rather than re.
    "rules-paths": (
        "0 G 72 300 m 100 350 150 350 200 300 c S 72 200 m 172 200 l 172 250 l 72 250 l h S "
        "BT /F1 10 Tf 72 180 Td (paths) Tj ET"
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_crafted_case_equal(name: str, tmp_path: Path) -> None:
    path = _pdf(tmp_path / f"{name}.pdf", CASES[name])
    result = compare(path)
    assert not result.unopened
    assert not result.differ, result.examples
    # Where PDFium's records cannot be rebuilt, the page is left to pdfplumber; say which.
    assert result.taken == 1, result.reasons


def test_ideographic_space(tmp_path: Path) -> None:
    """PDFium may report U+3000 as U+0020; a font that maps a code to it is watched for that."""
    path = _pdf(tmp_path / "ideographic.pdf", r"BT /F1 12 Tf 72 700 Td (A\240B C) Tj ET", True)
    result = compare(path)
    assert not result.differ, result.examples


def test_standard_font_left_to_pdfplumber(tmp_path: Path) -> None:
    """pdfminer measures the 14 standard fonts by its own metrics, whatever the file's widths: not taken."""
    path = tmp_path / "helvetica.pdf"
    pdf = pikepdf.new()
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
    )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_stream(b"BT /F1 12 Tf 72 700 Td (Helvetica) Tj ET"),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    result = compare(path)
    assert result.taken == 0
    assert "standard font" in " ".join(result.reasons)


def test_mixed_colour_spaces_left_to_pdfplumber(tmp_path: Path) -> None:
    """A white box on a page that sets colours both as gray and as RGB cannot be told: not taken."""
    content = (
        "1 1 1 rg 72 400 200 50 re f 1 g 72 300 200 50 re f BT 0 g /F1 10 Tf 72 320 Td (x) Tj ET"
    )
    result = compare(_pdf(tmp_path / "mixed.pdf", content))
    assert result.taken == 0
    assert "mixes colour spaces" in " ".join(result.reasons)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_pdfs_equal(path: Path) -> None:
    result = compare(path)
    assert not result.differ, result.examples
    assert result.taken == result.pages, result.reasons


@pytest.mark.skipif(not REAL, reason="the real corpus (../shared/corpus/real) is not here")
@pytest.mark.parametrize("path", REAL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_pdfs_equal_where_taken(path: Path) -> None:
    result = compare(path)
    assert not result.differ, result.examples
