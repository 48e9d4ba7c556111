"""Real 决算/预算 PDFs: every standard table is found with its caption, unit and kind (golden lines checked by eye
against ``pdftoppm`` renders of the pages), and no table title is left behind as a body paragraph."""

from __future__ import annotations

import pytest
from lxml import etree

from docforge.model.xml import parse_report, q
from docforge.text.standard_tables import standard_table_kind
from tests.conftest import FIXTURES, SHARED_CORPUS
from tests.conversions import converted_xml, run_folder
from tests.real_tables import table_lines

REAL = SHARED_CORPUS / "real"
GOLDEN = FIXTURES / "real-tables"
GOLDENS = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.tables.txt"))


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Each golden's PDF as ``docforge convert --to xml`` gives it (once per run: tests/conversions.py)."""
    if not REAL.is_dir():
        pytest.skip(
            "../shared/corpus is absent: the third-party corpus is read from there, never copied"
        )
    folder = run_folder(tmp_path_factory)
    return {
        golden: converted_xml(folder, REAL / golden.replace(".tables.txt", ".pdf"))
        for golden in GOLDENS
    }


def _report(converted: dict[str, bytes], golden: str) -> etree._Element:
    return parse_report(converted[golden]).getroot()


@pytest.mark.parametrize("golden", GOLDENS)
def test_tables_match_golden(converted: dict[str, bytes], golden: str) -> None:
    expected = (GOLDEN / golden).read_text(encoding="utf-8").splitlines()
    assert table_lines(_report(converted, golden)) == expected


@pytest.mark.parametrize("golden", GOLDENS)
def test_every_standard_table_is_found_and_no_title_is_left_as_text(
    converted: dict[str, bytes], golden: str
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
