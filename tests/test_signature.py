"""The closing 署名/日期 block: found at the end of a report, kept in ``<signature>``, set to the
right on the page and in the PDF, and read back from the PDF as the same block."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from lxml import html as lxml_html

from docforge.convert import convert_to_xml
from docforge.model.xml import q, validation_errors
from docforge.render.html import render_html
from docforge.render.pdf import render_pdf
from tests.conftest import FIXTURES

BODY = """某某县教育局2023年度部门整体支出绩效自评报告

一、部门基本情况
本部门负责全县教育事业发展规划和管理工作。
二、存在的问题
部分项目支出进度偏慢，下一步将加强预算执行监控。
"""


def _signature(tmp_path: Path, ending: str) -> list[str]:
    source = tmp_path / "report.txt"
    source.write_text(BODY + ending, encoding="utf-8")
    root = convert_to_xml(source)
    assert validation_errors(root) == []
    return [line.text for line in root.iterfind(f"{q('body')}/{q('signature')}/{q('line')}")]


@pytest.mark.parametrize(
    ("ending", "lines"),
    [
        ("\n某某县教育局\n2024年3月15日\n", ["某某县教育局", "2024年3月15日"]),
        (
            "\n中共某某县委员会办公室\n二〇二四年三月\n",
            ["中共某某县委员会办公室", "二〇二四年三月"],
        ),
        ("\n2024年3月15日\n", ["2024年3月15日"]),
        ("\n以上情况特此报告。\n2024年3月15日\n", ["2024年3月15日"]),
        ("\n某某县教育局\n2024年3月15日前完成全部整改。\n", []),
        ("\n下一步，我们将在2024年3月前完成整改。\n", []),
    ],
)
def test_the_closing_signer_and_date_become_the_signature(
    tmp_path: Path, ending: str, lines: list[str]
) -> None:
    assert _signature(tmp_path, ending) == lines


def test_a_date_inside_the_text_is_no_signature(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text(
        BODY.replace("二、存在的问题", "2023年12月\n二、存在的问题"), encoding="utf-8"
    )
    assert convert_to_xml(source).find(f"{q('body')}/{q('signature')}") is None


SAMPLE = FIXTURES / "site" / "sample-agri-2022.txt"


def test_the_page_sets_the_signature_after_the_text() -> None:
    doc = lxml_html.fromstring(render_html(convert_to_xml(SAMPLE)))
    body = doc.find(".//div[@class='report-body']")
    assert body[-1].get("class") == "signature"
    assert [p.text for p in body[-1]] == ["示例县农业农村局", "2023年3月15日"]


@pytest.mark.slow
def test_the_pdf_sets_the_signature_right_and_reads_back_the_same(tmp_path: Path) -> None:
    root = convert_to_xml(SAMPLE)
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(render_pdf(root))
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[-1]
        words = page.extract_text_lines()
    date = next(w for w in words if w["text"] == "2023年3月15日")
    signer = next(w for w in words if w["text"] == "示例县农业农村局")
    middle = page.width / 2
    assert date["x0"] > middle and signer["x0"] > middle and signer["top"] < date["top"]
    # The signer is centred over the date.
    assert abs((signer["x0"] + signer["x1"]) / 2 - (date["x0"] + date["x1"]) / 2) < 2
    back = convert_to_xml(pdf)
    assert [line.text for line in back.iterfind(f"{q('body')}/{q('signature')}/{q('line')}")] == [
        "示例县农业农村局",
        "2023年3月15日",
    ]
