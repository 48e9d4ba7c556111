"""Captions, units and notes of tables, one rule for every format; tables continued over a page are one."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from docforge.convert import convert_to_xml
from docforge.model.blocks import (
    Break,
    Cell,
    Extraction,
    SourceInfo,
    Span,
    StyleHints,
    TableBlock,
    plain,
)
from docforge.model.xml import comparable, q, validation_errors
from docforge.normalize import normalize
from tests.generators.table_documents import SOFFICE, TABLES, print_to_pdf, table_report_docx

INTRO = plain("2022年度本局收入合计1234.56万元，支出合计1180.20万元，具体情况如下：")


def grid(*rows: tuple[str, ...], header_rows: int = 1, **kwargs) -> TableBlock:
    return TableBlock(
        rows=tuple(tuple(Cell((Span(t),) if t else ()) for t in row) for row in rows),
        header_rows=header_rows,
        **kwargs,
    )


BUDGET = (
    ("项目", "预算数", "决算数", "执行率"),
    ("基本支出", "820.00", "812.35", "99.07%"),
    ("合计", "1234.56", "1180.20", "95.60%"),
)


def report(*blocks) -> etree._Element:
    source = SourceInfo(file_name="t.txt", format="text", sha256="0" * 64, size=1)
    root = normalize(
        Extraction(source=source, blocks=[plain("某局2022年度部门整体支出绩效自评报告"), *blocks])
    ).root
    assert validation_errors(root) == []
    return root


def described(root: etree._Element) -> list[tuple[str | None, str | None, list[str], int]]:
    """Each table as (caption, unit, notes, number of rows)."""
    return [
        (
            "".join(t.find(q("caption")).itertext()) if t.find(q("caption")) is not None else None,
            t.findtext(q("unit")),
            ["".join(p.itertext()) for p in t.iterfind(f"{q('tablenotes')}/{q('p')}")],
            len(list(t.iter(q("tr")))),
        )
        for t in root.iter(q("table"))
    ]


def paragraphs(root: etree._Element) -> list[str]:
    return [
        "".join(p.itertext()) for p in root.iter(q("p")) if p.getparent().tag != q("tablenotes")
    ]


@pytest.mark.parametrize(
    ("lines", "caption", "unit"),
    [
        (["表1：2022年度部门预算执行情况", "单位：万元"], "表1：2022年度部门预算执行情况", "万元"),
        (["表一 部门预算执行情况", "金额单位：元"], "表一 部门预算执行情况", "元"),
        (["部门预算执行情况表"], "部门预算执行情况表", None),
        (["收入支出决算总表单位：万元"], "收入支出决算总表", "万元"),
        (["表3 项目支出情况（单位：万元）"], "表3 项目支出情况", "万元"),
        (["单位：万元"], None, "万元"),
    ],
)
def test_title_and_unit_lines_above_become_caption_and_unit(
    lines: list[str], caption: str | None, unit: str | None
) -> None:
    root = report(INTRO, *(plain(line) for line in lines), grid(*BUDGET))
    assert described(root) == [(caption, unit, [], 3)]
    assert paragraphs(root) == [INTRO.text]


def test_unit_line_with_the_compiler_keeps_the_compiler_as_text() -> None:
    root = report(
        plain("2026年部门财务收支预算总表"), plain("编制部门：某区司法局单位：元"), grid(*BUDGET)
    )
    assert described(root) == [("2026年部门财务收支预算总表", "元", [], 3)]
    assert paragraphs(root) == ["编制部门：某区司法局"]
    assert root.find(f".//{q('table')}").get("kind") == "income-expenditure-summary"


def test_notes_below_and_caption_below() -> None:
    root = report(
        grid(*BUDGET),
        plain("表1 部门预算执行情况"),
        plain("注：执行率为决算数占预算数的比例。"),
        plain("注2：本表无数据的单元格为零。"),
        plain("以上情况说明预算执行总体较好。"),
    )
    assert described(root) == [
        (
            "表1 部门预算执行情况",
            None,
            ["注：执行率为决算数占预算数的比例。", "注2：本表无数据的单元格为零。"],
            3,
        )
    ]
    assert paragraphs(root) == ["以上情况说明预算执行总体较好。"]


def test_sentences_headings_and_numbered_lines_are_not_captions() -> None:
    heading = plain("（一）预算执行情况")
    styled = plain("工作开展情况", hints=StyleHints(outline_level=2))
    root = report(
        plain("一、部门整体收支情况"),
        heading,
        grid(*BUDGET),
        INTRO,
        grid(*BUDGET),
        styled,
        grid(*BUDGET),
    )
    assert [c for c, *_ in described(root)] == [None, None, None]
    assert [h.findtext(q("heading")) for h in root.iter(q("section"))][:2] == [
        "部门整体收支情况",
        "预算执行情况",
    ]


def test_unit_and_title_rows_inside_the_grid() -> None:
    table = grid(("单位：万元", "", "", ""), *BUDGET, header_rows=2)
    titled = grid(("表2 收入决算表",), *BUDGET, header_rows=2)
    in_header = grid(("项目（单位：万元）", "预算数", "决算数", "执行率"), *BUDGET[1:])
    root = report(plain("部门预算执行情况表"), table, INTRO, titled, INTRO, in_header)
    assert described(root) == [
        ("部门预算执行情况表", "万元", [], 3),
        ("表2 收入决算表", None, [], 3),
        (None, "万元", [], 3),
    ]
    assert root.findall(f".//{q('table')}")[1].get("kind") == "income"


HEAD = ("项目", "预算数", "决算数", "执行率")
ROWS_A = (("基本支出", "820.00", "812.35", "99.07%"),)
ROWS_B = (("项目支出", "414.56", "367.85", "88.73%"), ("合计", "1234.56", "1180.20", "95.60%"))


@pytest.mark.parametrize(
    "second",
    [
        [plain("续表", break_before=Break.PAGE), grid(HEAD, *ROWS_B)],  # 续表 and its header
        [
            plain("续表1", break_before=Break.PAGE),
            grid(*ROWS_B, header_rows=0),
        ],  # 续表 without a header
        [
            plain("表1 部门预算执行情况", break_before=Break.PAGE),
            plain("单位：万元"),
            grid(HEAD, *ROWS_B),
        ],  # title and unit repeated
        [plain("单位：万元", break_before=Break.PAGE), grid(HEAD, *ROWS_B)],  # unit repeated
        [grid(HEAD, *ROWS_B, break_before=Break.PAGE)],  # header repeated
        [
            plain("续表", break_before=Break.PAGE),
            grid(("表1（续）", "", "", ""), HEAD, *ROWS_B, header_rows=2),
        ],
    ],
)
def test_a_table_continued_on_the_next_page_is_one_table(second: list) -> None:
    root = report(
        INTRO,
        plain("表1 部门预算执行情况"),
        plain("单位：万元"),
        grid(HEAD, *ROWS_A),
        *second,
        plain("注：执行率为决算数占预算数的比例。"),
    )
    assert described(root) == [
        ("表1 部门预算执行情况", "万元", ["注：执行率为决算数占预算数的比例。"], 4)
    ]
    (table,) = root.iter(q("table"))
    assert [td.text or td.findtext(q("amount")) for td in table.iter(q("td"))][::4] == [
        "基本支出",
        "项目支出",
        "合计",
    ]


def test_two_tables_with_their_own_titles_stay_apart() -> None:
    root = report(
        plain("表1 收入决算表"),
        grid(HEAD, *ROWS_A),
        plain("表2 支出决算表", break_before=Break.PAGE),
        grid(HEAD, *ROWS_B),
        grid(("甲", "乙"), ("1", "2"), break_before=Break.PAGE),
    )
    assert [(c, n) for c, _, _, n in described(root)] == [
        ("表1 收入决算表", 2),
        ("表2 支出决算表", 3),
        (None, 2),
    ]


def test_cells_are_typed() -> None:
    table = grid(
        ("科目编码", "", "", "科目名称", "合计", "人数（人）", "执行率"),
        ("类", "款", "项", "", "", "", ""),
        ("201", "", "", "一般公共服务支出", "2,106.66", "12", "95.89%"),
        ("201", "06", "01", "行政运行", "-3.5", "", "100%"),
        ("2010602", "", "", "一般行政管理事务", "—", "3", ""),
        header_rows=2,
    )
    root = report(plain("单位：万元"), table)
    rows = [
        [(td.get("type"), td.get("value"), td.get("level"), td.get("unit")) for td in tr]
        for tr in root.find(f".//{q('tbody')}")
    ]
    assert rows == [
        [
            ("code", None, "1", None),
            ("empty", None, None, None),
            ("empty", None, None, None),
            ("text", None, None, None),
            ("amount", "2106.66", None, None),
            ("amount", "12", None, "人"),
            ("percent", "95.89", None, None),
        ],
        [
            ("code", None, "1", None),
            ("code", None, "2", None),
            ("code", None, "3", None),
            ("text", None, None, None),
            ("amount", "-3.5", None, None),
            ("empty", None, None, None),
            ("percent", "100", None, None),
        ],
        [
            ("code", None, "3", None),
            ("empty", None, None, None),
            ("empty", None, None, None),
            ("text", None, None, None),
            ("text", None, None, None),
            ("amount", "3", None, "人"),
            ("empty", None, None, None),
        ],
    ]
    amount = root.find(f".//{q('td')}[@value='2106.66']/{q('amount')}")
    assert (amount.get("unit"), amount.get("kind")) == ("万元", "money")


def test_figures_under_a_percent_header_are_percentages() -> None:
    """``%`` in the header names the unit of the bare figures below it (``45``, not ``45%``)."""
    root = report(grid(("项目", "人数", "%"), ("满意", "45", "90"), ("合计", "50", "100")))
    cells = [
        [(td.get("type"), td.get("value")) for td in tr][1:] for tr in root.find(f".//{q('tbody')}")
    ]
    assert cells == [[("amount", "45"), ("percent", "90")], [("amount", "50"), ("percent", "100")]]


@pytest.fixture(scope="module")
def renditions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if SOFFICE is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: the generated report cannot be printed to PDF"
        )
    path = table_report_docx(tmp_path_factory.mktemp("tables") / "tables.docx")
    return path, print_to_pdf(path)


def test_docx_and_its_printed_pdf_give_the_same_tables(renditions: tuple[Path, Path]) -> None:
    docx_path, pdf_path = renditions
    from_docx, from_pdf = convert_to_xml(docx_path), convert_to_xml(pdf_path)
    assert comparable(from_pdf) == comparable(from_docx)
    tables = described(from_docx)
    assert [(c, u, notes) for c, u, notes, _ in tables] == [
        (t.title, t.unit_line and t.unit_line.split("：")[1], t.notes) for t in TABLES
    ]
    assert [n for *_, n in tables] == [
        len(t.header) + len(t.rows) for t in TABLES
    ]  # 续表 merged, header once
    kinds = [t.get("kind") for t in from_docx.iter(q("table"))]
    assert kinds == [None, "general-budget-expenditure", None]
