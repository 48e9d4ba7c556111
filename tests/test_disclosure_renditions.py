"""A 政府信息公开工作年度报告 made in Word and printed to PDF by LibreOffice gives one XML: the
template's tables with their merged labels, header rows and counts, although the page breaks
cut the 申请情况 table twice (once where its first page has no rules between the merged label
columns, once inside its merged labels). The checks find the same slip in both renditions."""

from __future__ import annotations

from pathlib import Path

import pytest

from docforge.check import Rule, check_report
from docforge.convert import convert_to_xml
from docforge.model.xml import comparable, q
from tests.generators.disclosure_report import CARRIED_OUT, RESULTS, disclosure_report_docx
from tests.generators.table_documents import SOFFICE, print_to_pdf

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def renditions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if SOFFICE is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: the generated report cannot be printed to PDF"
        )
    path = disclosure_report_docx(
        tmp_path_factory.mktemp("disclosure") / "disclosure.docx", carried_out_slip=1
    )
    return path, print_to_pdf(path)


def test_the_printed_pdf_gives_the_xml_of_the_word_file(renditions: tuple[Path, Path]) -> None:
    docx_path, pdf_path = renditions
    from_docx, from_pdf = convert_to_xml(docx_path), convert_to_xml(pdf_path)
    assert int(from_pdf.find(f"{q('meta')}/{q('source')}").get("pages")) >= 3
    assert comparable(from_pdf) == comparable(from_docx)
    applications, review = list(from_docx.iter(q("table")))
    assert len(applications.find(q("thead"))) == 3 and len(review.find(q("thead"))) == 3
    body = list(applications.find(q("tbody")))
    assert len(body) == 2 + len(RESULTS) + 2
    results = next(c for c in applications.iter(q("td")) if c.text == "三、本年度办理结果")
    assert results.get("rowspan") == str(len(RESULTS) + 1)


@pytest.mark.parametrize("rendition", [0, 1], ids=["docx", "pdf"])
def test_the_slip_in_the_counts_is_found_in_every_rendition(
    renditions: tuple[Path, Path], rendition: int
) -> None:
    findings = check_report(convert_to_xml(renditions[rendition]))
    balance = [f for f in findings if f.code is Rule.TABLE_BALANCE]
    natural = CARRIED_OUT[0]
    assert [f.excerpt.split(" ≠ ")[1] for f in balance] == [
        f"{sum(figures[0] for *_, figures in RESULTS)} + {natural + 1}",
        f"{sum(sum(figures) for *_, figures in RESULTS)} + {sum(CARRIED_OUT) + 1}",
    ]
    assert not [f for f in findings if f.code is Rule.TABLE_SUM]
