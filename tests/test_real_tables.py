"""Real 决算/预算 PDFs: every standard table is found with its caption, unit and kind (golden lines checked by eye
against ``pdftoppm`` renders of the pages), and no table title is left behind as a body paragraph."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from docforge.model.xml import parse_report, q
from docforge.text.standard_tables import standard_table_kind
from tests.conftest import FIXTURES, SHARED_CORPUS
from tests.real_tables import table_lines

REAL = SHARED_CORPUS / "real"
GOLDEN = FIXTURES / "real-tables"
GOLDENS = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.tables.txt"))


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not REAL.is_dir():
        pytest.skip(
            "../shared/corpus is absent: the third-party corpus is read from there, never copied"
        )
    pdfs = [REAL / golden.replace(".tables.txt", ".pdf") for golden in GOLDENS]
    outdir = tmp_path_factory.mktemp("real-tables")
    subprocess.run(
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
        check=True,
        capture_output=True,
        timeout=900,
    )
    return outdir


def _report(outdir: Path, golden: str) -> etree._Element:
    return parse_report(
        (outdir / f"{Path(golden).name.replace('.tables.txt', '')}.xml").read_bytes()
    ).getroot()


@pytest.mark.parametrize("golden", GOLDENS)
def test_tables_match_golden(converted: Path, golden: str) -> None:
    expected = (GOLDEN / golden).read_text(encoding="utf-8").splitlines()
    assert table_lines(_report(converted, golden)) == expected


@pytest.mark.parametrize("golden", GOLDENS)
def test_every_standard_table_is_found_and_no_title_is_left_as_text(
    converted: Path, golden: str
) -> None:
    root = _report(converted, golden)
    kinds = [t.get("kind") for t in root.iter(q("table")) if t.get("kind")]
    assert len(kinds) == len(set(kinds)) == 9, kinds  # each of the nine standard tables, once
    for table in root.iter(q("table")):
        if table.get("kind"):
            assert table.findtext(q("unit")) in ("元", "万元")
    for p in root.iter(q("p")):
        text = "".join(p.itertext()).strip()
        assert standard_table_kind(text) is None, text
