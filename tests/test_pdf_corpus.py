"""Real PDFs from the shared corpus: each converts or fails with one line; the Chinese reports keep their outline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from docforge.convert import convert_to_xml
from tests.conftest import FIXTURES
from tests.outline import outline_lines

GOLDEN_OUTLINES = FIXTURES / "real-outlines"
GOLDENS = sorted(p.relative_to(GOLDEN_OUTLINES).as_posix() for p in GOLDEN_OUTLINES.rglob("*.outline.txt"))
# Inputs SOURCES.md describes as unreadable, and the cause each must be refused with.
REFUSED = {
    "pdfplumber/password-example.pdf": "encrypted with a password",
    "pdfminer/aes-128.pdf": "encrypted with a password",
    "mineru/small_ocr.pdf": "no text layer",
    "pdfjs/XiaoBiaoSong.pdf": "no usable Unicode mapping",
}


def test_every_real_pdf_converts_or_fails_with_one_line(shared_corpus: Path, tmp_path: Path) -> None:
    real = shared_corpus / "real"
    pdfs = sorted(real.rglob("*.pdf"))
    result = subprocess.run(
        [sys.executable, "-m", "docforge.cli", "convert", *map(str, pdfs), "-o", str(tmp_path), "--to", "xml"],
        capture_output=True, text=True, timeout=600,
    )
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == len(REFUSED), result.stderr
    for pdf in pdfs:
        name = pdf.relative_to(real).as_posix()
        said = [line for line in errors if line.startswith(f"docforge: {pdf}: ")]
        if name in REFUSED:
            assert len(said) == 1 and REFUSED[name] in said[0], result.stderr
        else:
            assert not said and (tmp_path / f"{pdf.stem}.xml").exists(), name
    assert result.returncode == 1


@pytest.mark.parametrize("golden", GOLDENS)
def test_real_report_outline_matches_golden(shared_corpus: Path, golden: str) -> None:
    pdf = shared_corpus / "real" / golden.replace(".outline.txt", ".pdf")
    expected = (GOLDEN_OUTLINES / golden).read_text(encoding="utf-8").splitlines()
    assert outline_lines(convert_to_xml(pdf)) == expected
