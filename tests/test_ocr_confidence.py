"""OCR confidence is data: blocks say they came from a scan, doubtful words are listed, checks say so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from docforge.bench.scans import scanned_pdf
from docforge.check import check_report
from docforge.convert import convert_to_xml
from docforge.extract.ocr_chars import line_chars
from docforge.extract.ocr_tesseract import Word
from docforge.extract.pdf_lines import make_line
from docforge.model.xml import q, validation_errors
from tests.conftest import FIXTURES, SEED_STEMS, seed

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is not installed"
)


def word(text: str, left: int, conf: float, width: int = 44) -> Word:
    return Word(
        text=text, left=left, top=100, width=width * len(text), height=40, line=(1, 1, 1), conf=conf
    )


def test_low_confidence_words_of_a_line_are_listed() -> None:
    chars = line_chars(
        [word("部门", 100, 95), word("固本", 190, 41), word("强基", 280, 93)], dpi=200
    )
    line = make_line(chars, 3)
    assert line.text == "部门固本强基"
    assert line.uncertain == (("固本", 41),)
    assert line.confidence == pytest.approx((95 * 2 + 41 * 2 + 93 * 2) / 6)


def test_chinese_words_are_not_spaced_but_latin_words_are() -> None:
    chars = line_chars(
        [
            word("项目", 100, 90),
            word("PDF", 200, 90, 22),
            word("file", 290, 90, 22),
            word("1", 400, 90, 22),
            word(".", 424, 90, 10),
        ],
        dpi=200,
    )
    assert make_line(chars, 1).text == "项目PDF file 1."


def test_a_bracket_is_full_width_when_its_cell_is_an_em() -> None:
    """Full-width brackets fill an em cell each (ink at its inner side); half-width ones leave no room."""
    wide = line_chars(
        [
            word("费", 100, 90, 43),
            word("(", 174, 90, 10),
            word("一", 190, 90, 40),
            word(")", 234, 90, 10),
            word("元", 278, 90, 43),
        ],
        dpi=200,
    )
    narrow = line_chars(
        [
            word("费", 100, 90, 43),
            word("(", 146, 90, 10),
            word("一", 160, 90, 40),
            word(")", 203, 90, 10),
            word("元", 216, 90, 43),
        ],
        dpi=200,
    )
    assert make_line(wide, 1).text == "费（一）元"
    assert make_line(narrow, 1).text == "费(一)元"


@needs_tesseract
def test_scanned_blocks_carry_their_confidence_and_doubtful_words(tmp_path: Path) -> None:
    stem = SEED_STEMS[3]
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf(seed(stem, "pdf"), 150, first=1, last=2, seal=False))
    root = convert_to_xml(path)
    assert not validation_errors(root)
    paragraphs = [p for p in root.iter(q("p")) if p.get("src")]
    assert paragraphs and all(0 <= float(p.get("ocr-confidence")) <= 100 for p in paragraphs)
    for doubtful in root.iter(q("word")):
        assert float(doubtful.get("confidence")) < 60 and doubtful.get("src").startswith("p")
    born_digital = convert_to_xml(seed(stem, "pdf"))
    assert not [el for el in born_digital.iter() if el.get("ocr-confidence")]
    assert born_digital.find(q("uncertain-words")) is None


def test_figure_findings_on_scanned_blocks_say_so() -> None:
    root = convert_to_xml(FIXTURES / "checks" / "sum-parts-exceed-total.txt")
    plain = check_report(root)
    assert plain and not any(f.ocr for f in plain)
    scanned = etree.fromstring(etree.tostring(root))
    for el in scanned.iter():
        if el.get("src"):
            el.set("ocr-confidence", "88")
    assert not validation_errors(scanned)
    flagged = check_report(scanned)
    assert [f.code for f in flagged] == [f.code for f in plain]
    # Findings on the figures of a block are flagged; document-level ones (a missing required
    # section) have no block and are not about a scanned figure.
    on_blocks = [f for f in flagged if f.src]
    assert on_blocks and all(
        f.ocr and "OCR" in f.message and "OCR" in f.message_en for f in on_blocks
    )
