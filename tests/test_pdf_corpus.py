"""Real PDFs from the shared corpus: each converts or fails with one line; the Chinese reports keep their outline."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from docforge.model.xml import parse_report, q
from tests.conftest import FIXTURES, SHARED_CORPUS
from tests.conversions import keep_converted, run_folder
from tests.eval_outlines import golden_source, matched_pairs, parse_outline_lines
from tests.outline import outline_lines

pytestmark = pytest.mark.slow

REAL = SHARED_CORPUS / "real"
GOLDEN_OUTLINES = FIXTURES / "real-outlines"
GOLDENS = sorted(
    p.relative_to(GOLDEN_OUTLINES).as_posix() for p in GOLDEN_OUTLINES.rglob("*.outline.txt")
)
# Inputs SOURCES.md describes as unreadable, and the cause each must be refused with.
REFUSED = {
    "pdfplumber/password-example.pdf": "encrypted with a password",
    "pdfminer/aes-128.pdf": "encrypted with a password",
}
# A scan without a text layer and a text layer without Unicode meaning: both read by OCR now
# (they used to be refused as needing OCR).
READ_BY_OCR = ("mineru/small_ocr.pdf", "pdfjs/XiaoBiaoSong.pdf")
# The Shanghai budget and final-accounts reports: each opens with a contents list.
WITH_CONTENTS = ("govbudgetchecker", "tianbaoxitong")
_LEADER = re.compile(r"[.…·．_]{4,}")


@dataclass(frozen=True)
class Run:
    pdfs: list[Path]
    outdir: Path
    stderr: str
    returncode: int

    def report(self, name: str) -> etree._Element:
        return parse_report((self.outdir / f"{Path(name).stem}.xml").read_bytes())


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Every real PDF through one ``docforge convert`` call, as a user runs it; its XML is
    offered to the other tests of the run that read the same PDFs (tests/conversions.py)."""
    if not REAL.is_dir():
        pytest.skip(
            "../shared/corpus is absent: the third-party corpus is read from there, never copied"
        )
    pdfs = sorted(REAL.rglob("*.pdf"))
    outdir = tmp_path_factory.mktemp("real")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "docforge.cli",
            "convert",
            *map(str, pdfs),
            "-o",
            str(outdir),
            "--to",
            "xml",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    folder = run_folder(tmp_path_factory)
    for pdf in pdfs:
        if (outdir / f"{pdf.stem}.xml").exists():
            keep_converted(folder, pdf, outdir / f"{pdf.stem}.xml")
    return Run(pdfs, outdir, result.stderr, result.returncode)


def test_every_real_pdf_converts_or_fails_with_one_line(converted: Run) -> None:
    assert "Traceback" not in converted.stderr
    errors = converted.stderr.strip().splitlines()
    assert len(errors) == len(REFUSED), converted.stderr
    for pdf in converted.pdfs:
        name = pdf.relative_to(REAL).as_posix()
        said = [line for line in errors if line.startswith(f"docforge: {pdf}: ")]
        if name in REFUSED:
            assert len(said) == 1 and REFUSED[name] in said[0], converted.stderr
        else:
            assert not said and (converted.outdir / f"{pdf.stem}.xml").exists(), name
    assert converted.returncode == 1


@pytest.mark.parametrize("name", READ_BY_OCR)
def test_scans_and_garbled_text_layers_are_read_by_ocr(converted: Run, name: str) -> None:
    root = converted.report(name)
    warnings = [w.text for w in root.iter(q("warning"))]
    assert any("scanned pages by OCR (Tesseract chi_sim+eng" in w for w in warnings), warnings
    body = "".join(root.find(q("body")).itertext())
    assert len(re.findall(r"[\u4e00-\u9fff]", body)) > 100


@pytest.mark.parametrize("golden", GOLDENS)
def test_real_report_outline_matches_golden(converted: Run, golden: str) -> None:
    """Each golden outline (read from the rendered pages) is found with heading F1 with rank >= 0.85."""
    name = golden.removesuffix(".outline.txt")
    if golden_source(name).suffix != ".pdf":
        pytest.skip("a Word file: scored by make eval")
    expected = parse_outline_lines(
        (GOLDEN_OUTLINES / golden).read_text(encoding="utf-8").splitlines()
    )[0]
    found = [line.split("\t", 2) for line in outline_lines(converted.report(name + ".pdf"))]
    pairs = matched_pairs(
        [(h.level, re.sub(r"\s+", "", h.text)) for h in expected],
        [(int(level), re.sub(r"\s+", "", text)) for level, _, text in found],
    )
    precision = len(pairs) / max(1, len(found))
    recall = len(pairs) / max(1, len(expected))
    f1 = 2 * precision * recall / (precision + recall) if pairs else 0.0
    assert f1 >= 0.85, (golden, precision, recall)


def test_contents_entries_never_pose_as_headings(converted: Run) -> None:
    for pdf in converted.pdfs:
        if pdf.parent.name not in WITH_CONTENTS:
            continue
        root = converted.report(pdf.name)
        kinds = {change.get("kind") for change in root.iter(q("change"))}
        assert "drop-table-of-contents" in kinds, (
            f"{pdf.name}: its contents list was not recognised"
        )
        lines = outline_lines(root)
        assert not [line for line in lines if _LEADER.search(line)], pdf.name
        parts = [line for line in lines if line.startswith("1\t第")]
        assert len(parts) == len(set(parts)), (pdf.name, parts)


def test_table_unit_lines_are_kept_not_dropped_as_furniture(converted: Run) -> None:
    for pdf in converted.pdfs:
        if pdf.parent.name not in WITH_CONTENTS:
            continue
        root = converted.report(pdf.name)
        dropped = [
            "".join(change.find(q("before")).itertext())
            for change in root.iter(q("change"))
            if change.get("kind") == "drop-page-furniture"
        ]
        assert not [text for text in dropped if "单位：" in text], pdf.name
