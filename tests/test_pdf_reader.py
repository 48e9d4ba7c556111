"""The PDF reader on small PDFs printed inside the test (WeasyPrint from HTML) and on bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
import weasyprint

from docforge.convert import convert_to_xml
from docforge.errors import InputError
from docforge.extract import read_source
from docforge.model.blocks import Break, TableBlock, TextBlock
from docforge.model.xml import q
from tests.conftest import SEED_STEMS, seed

STYLE = """
@page { size: A5; margin: 20mm 15mm;
  @top-center { content: "某某县教育局"; font-size: 9pt }
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt } }
body { font-family: "Noto Serif CJK SC"; font-size: 12pt; line-height: 1.6; text-align: justify; margin: 0 }
p { text-indent: 2em; margin: 0 }
h1 { text-align: center; font-size: 18pt; font-weight: bold; margin: 0 0 12pt }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 }
td, th { border: 0.75pt solid black; padding: 2pt; font-size: 10.5pt; font-weight: normal }
.columns { columns: 2; column-gap: 24pt }
.next-page { break-before: page }
"""
# A one-page document: its running header cannot be told by repetition, so it has only a page number.
ONE_PAGE = STYLE.replace('@top-center { content: "某某县教育局"; font-size: 9pt }', "")
TITLE = "某某县教育局2023年度部门整体支出绩效评价报告"
LONG = (
    "为全面落实预算绩效管理要求，本局对照年初设定的绩效目标，逐项核对资金使用情况，" * 12
    + "形成本报告。"
)


def print_pdf(tmp_path: Path, body: str, style: str = STYLE) -> Path:
    target = tmp_path / "doc.pdf"
    html = f'<html lang="zh-CN"><body>{body}</body></html>'
    weasyprint.HTML(string=html).write_pdf(target, stylesheets=[weasyprint.CSS(string=style)])
    return target


def texts(blocks: list) -> list[str]:
    return [b.text for b in blocks if isinstance(b, TextBlock)]


def tables(blocks: list) -> list[TableBlock]:
    return [b for b in blocks if isinstance(b, TableBlock)]


def test_ruled_table_with_merged_cells_becomes_a_table_in_place(tmp_path: Path) -> None:
    pdf = print_pdf(
        tmp_path,
        f"""
        <p>{LONG}</p>
        <table>
          <tr><th rowspan="2">项目</th><th colspan="2">金额（万元）</th></tr>
          <tr><th>预算数</th><th>决算数</th></tr>
          <tr><td>基本支出</td><td>100.00</td><td>98.50</td></tr>
          <tr><td rowspan="2">项目支出</td><td>50.00</td><td>49.00</td></tr>
          <tr><td>20.00</td><td>19.00</td></tr>
        </table>
        <p>表后的说明段落。</p>""",
        ONE_PAGE,
    )
    blocks = read_source(pdf).blocks
    assert [type(b).__name__ for b in blocks] == ["TextBlock", "TableBlock", "TextBlock"]
    assert texts(blocks) == [LONG, "表后的说明段落。"]
    table = tables(blocks)[0]
    shape = [[(c.text, c.row_span, c.col_span) for c in row] for row in table.rows]
    assert shape == [
        [("项目", 2, 1), ("金额（万元）", 1, 2)],
        [("预算数", 1, 1), ("决算数", 1, 1)],
        [("基本支出", 1, 1), ("100.00", 1, 1), ("98.50", 1, 1)],
        [("项目支出", 2, 1), ("50.00", 1, 1), ("49.00", 1, 1)],
        [("20.00", 1, 1), ("19.00", 1, 1)],
    ]
    assert table.header_rows == 2


def test_table_across_two_pages_is_one_table_with_its_header_once(tmp_path: Path) -> None:
    rows = "".join(
        f"<tr><td>{i}</td><td>第{i}个预算单位</td><td>{i * 3}.50</td></tr>" for i in range(1, 41)
    )
    pdf = print_pdf(
        tmp_path,
        f"""
        <p>纳入本部门决算编制范围的单位如下。</p>
        <table><thead><tr><th>序号</th><th>单位名称</th><th>金额</th></tr></thead><tbody>{rows}</tbody></table>
        <p>以上单位均已纳入。</p>""",
    )
    extraction = read_source(pdf)
    assert extraction.source.pages >= 2
    [table] = tables(extraction.blocks)
    assert table.header_rows == 1
    assert [c.text for c in table.rows[0]] == ["序号", "单位名称", "金额"]
    assert [row[0].text for row in table.rows[1:]] == [str(i) for i in range(1, 41)]
    assert texts(extraction.blocks) == ["纳入本部门决算编制范围的单位如下。", "以上单位均已纳入。"]


def test_paragraph_across_a_page_break_is_joined_and_furniture_dropped(tmp_path: Path) -> None:
    pdf = print_pdf(
        tmp_path, f"<p>{LONG}</p><p>{LONG}</p><p class='next-page'>新的一页从这里开始。</p>"
    )
    extraction = read_source(pdf)
    blocks = extraction.blocks
    assert extraction.source.pages >= 3
    assert texts(blocks) == [LONG, LONG, "新的一页从这里开始。"]
    assert [b.break_before for b in blocks] == [Break.PARAGRAPH, Break.PARAGRAPH, Break.PAGE]
    assert all(b.hints.first_line_indent for b in blocks)
    assert any("page furniture" in w for w in extraction.warnings)


def test_centred_title_is_the_reports_title(tmp_path: Path) -> None:
    pdf = print_pdf(tmp_path, f"<h1>{TITLE}</h1><p>一、部门基本情况</p><p>{LONG}</p>", ONE_PAGE)
    first = read_source(pdf).blocks[0]
    assert first.text == TITLE
    assert first.hints.centered and first.hints.bold and first.hints.font_size == 18
    root = convert_to_xml(pdf)
    assert root.find(q("meta")).find(q("title")).text == TITLE


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    left = "左栏的第一段文字，说明本单位的主要职能和机构设置情况。" * 5
    right = "右栏的第二段文字，说明本年度预算执行和绩效目标完成情况。" * 5
    pdf = print_pdf(
        tmp_path, f"<h1>附件</h1><div class='columns'><p>{left}</p><p>{right}</p></div>", ONE_PAGE
    )
    assert texts(read_source(pdf).blocks) == ["附件", left, right]


def test_paragraph_running_on_into_the_next_column_is_one(tmp_path: Path) -> None:
    pdf = print_pdf(
        tmp_path, f"<h1>附件</h1><div class='columns'><p>{LONG}</p></div><p>{LONG}</p>", ONE_PAGE
    )
    assert texts(read_source(pdf).blocks) == ["附件", LONG, LONG]


def test_not_a_pdf_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("这不是PDF文件", encoding="utf-8")
    with pytest.raises(InputError, match="not a PDF"):
        read_source(fake)


def test_truncated_pdf_is_refused_with_its_cause(tmp_path: Path) -> None:
    data = seed(SEED_STEMS[0], "pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="truncated or damaged"):
        read_source(cut)


def test_pdf_without_text_goes_to_ocr_and_a_blank_one_is_refused(tmp_path: Path) -> None:
    """A page without text is read by OCR now (it used to be refused as needing OCR); with nothing to read, refused."""
    scan = print_pdf(
        tmp_path,
        "<div style='width: 50mm; height: 50mm; background: #333'></div>",
        style="@page { size: A5 }",
    )
    with pytest.raises(InputError, match="OCR found no text on the scanned pages"):
        read_source(scan)


def test_encrypted_pdf_is_refused_and_empty_password_opens(shared_corpus: Path) -> None:
    with pytest.raises(InputError, match="encrypted with a password"):
        read_source(shared_corpus / "real/pdfplumber/password-example.pdf")
    opened = read_source(shared_corpus / "real/pdfminer/issue-00352-hash-twos-complement.pdf")
    assert opened.blocks


def test_garbled_text_layer_is_read_by_ocr_not_published(shared_corpus: Path) -> None:
    """A text layer without a usable Unicode mapping is not published: the page is read by OCR instead."""
    extraction = read_source(shared_corpus / "real/pdfjs/XiaoBiaoSong.pdf")
    text = "".join(b.text for b in extraction.blocks if isinstance(b, TextBlock))
    assert "红军作战的原则" in text and "游击战争" in text
    assert not re.search(r"[\ue000-\uf8ff\ufffd]|\(cid:", text)
    assert any(w.startswith("read 1 scanned pages by OCR") for w in extraction.warnings)


def test_letter_spaced_chinese_reads_without_spurious_spaces(tmp_path: Path) -> None:
    spaced = "<p style='letter-spacing: 0.8em; text-indent: 0'>教科卫体委员会2023年工作总结</p>"
    pdf = print_pdf(tmp_path, f"{spaced}<p>{LONG}</p>", ONE_PAGE)
    with pdfplumber.open(pdf) as opened:
        assert "教 科 卫 体" in opened.pages[0].extract_text()  # what a text dump makes of it
    assert texts(read_source(pdf).blocks)[0] == "教科卫体委员会2023年工作总结"


def test_fake_bold_double_printing_reads_once_as_bold(shared_corpus: Path) -> None:
    blocks = read_source(shared_corpus / "real/pdfplumber/issue-842-example.pdf").blocks
    code = [b for b in blocks if isinstance(b, TextBlock) and b.text.startswith("股票代码")]
    assert [b.text for b in code] == ["股票代码：300218"]
    assert code[0].hints.bold and "fake-bold" in code[0].hints.signal
