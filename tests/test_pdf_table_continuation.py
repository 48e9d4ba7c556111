"""A table the page break cuts is one table: the rules the break leaves open are closed, and a
row label merged down over rows that the break cuts is one cell again (as in the document
before it was printed), so every row keeps its figures under their own columns."""

from __future__ import annotations

import pytest
from lxml import etree

from docforge.extract.pdf_tables import (
    finder_settings,
    joinable_columns,
    regrid,
    run_on_merged_cells,
    union_columns,
)
from docforge.model.blocks import Cell, Span, TableBlock
from docforge.model.xml import parse_report, q, table_grid
from tests.conftest import SHARED_CORPUS
from tests.conversions import converted_xml, run_folder


def _cell(text: str = "", rows: int = 1, columns: int = 1) -> Cell:
    return Cell(spans=(Span(text),) if text else (), row_span=rows, col_span=columns)


def _shape(rows) -> list[list[tuple[str, int, int]]]:
    return [[(c.text, c.row_span, c.col_span) for c in row] for row in rows]


def test_a_label_cut_by_the_page_break_runs_on_over_the_next_page() -> None:
    first = (
        (_cell("三、本年度办理结果", rows=2), _cell("（一）予以公开"), _cell("50")),
        (_cell("（四）无法提供"), _cell("31")),
    )
    more = (
        (_cell(rows=2), _cell(), _cell("2.没有现成信息"), _cell("1")),
        (_cell("（五）不予处理"), _cell("1.信访举报"), _cell("1")),
    )
    joined, rest = run_on_merged_cells(first, more)
    assert _shape(joined) == [
        [("三、本年度办理结果", 4, 1), ("（一）予以公开", 1, 1), ("50", 1, 1)],
        [("（四）无法提供", 2, 1), ("31", 1, 1)],
    ]
    assert _shape(rest) == [
        [("2.没有现成信息", 1, 1), ("1", 1, 1)],
        [("（五）不予处理", 1, 1), ("1.信访举报", 1, 1), ("1", 1, 1)],
    ]


@pytest.mark.parametrize(
    "more",
    [
        ((_cell("新的一行"), _cell("2")),),  # the next page starts a row of its own
        ((_cell(columns=2), _cell("2")),),  # an empty cell wider than the label above it
    ],
    ids=["row-of-its-own", "other-columns"],
)
def test_a_row_of_its_own_on_the_next_page_is_left_alone(more) -> None:
    first = ((_cell("合计"), _cell("12")),)
    assert run_on_merged_cells(first, more) == (first, more)


def test_an_empty_figure_cell_is_no_continuation_of_the_figure_above() -> None:
    first = ((_cell("12"), _cell("合计")),)
    more = ((_cell(), _cell("小计")),)
    assert run_on_merged_cells(first, more) == (first, more)


def test_a_part_whose_rows_merge_some_columns_joins_on_the_finer_grid() -> None:
    """The first page holds only rows whose label spans the three label columns, so it has
    no rules between them; the next page has them. One grid for both, each cell spanning
    the columns its rules enclose."""
    coarse, fine = (76.0, 300.0, 400.0, 517.0), (76.0, 103.0, 180.0, 300.0, 400.0, 517.0)
    assert joinable_columns(coarse, fine) and joinable_columns(fine, coarse)
    assert union_columns(coarse, fine) == fine
    first = TableBlock(rows=((_cell("一、本年新收"), _cell("38"), _cell("44")),))
    assert _shape(regrid(first, coarse, fine).rows) == [
        [("一、本年新收", 1, 3), ("38", 1, 1), ("44", 1, 1)]
    ]


@pytest.mark.parametrize(
    "other",
    [(76.0, 250.0, 517.0), (60.0, 103.0, 300.0, 400.0, 517.0), (76.0, 300.0, 400.0, 480.0)],
    ids=["a-rule-the-first-part-lacks", "other-left-edge", "other-right-edge"],
)
def test_tables_of_other_columns_are_not_joined(other: tuple[float, ...]) -> None:
    assert not joinable_columns((76.0, 103.0, 300.0, 400.0, 517.0), other)


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom}


def test_a_top_rule_drawn_only_over_the_new_cells_is_closed() -> None:
    """The next page's top rule spans the cells that start there, not the merged labels that
    run on from the page before, whose column rules end in the air."""
    verticals = [_edge("v", x, x, 80, 270) for x in (77, 103, 180, 311, 516)]
    top_over_new_cells = _edge("h", 180, 516, 80, 80)
    bottom = _edge("h", 77, 516, 270, 270)
    assert finder_settings([*verticals, top_over_new_cells, bottom]) == {
        "explicit_horizontal_lines": [80]
    }
    whole_top = _edge("h", 77, 516, 80, 80)
    assert finder_settings([*verticals, whole_top, bottom]) == {}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory):
    real = SHARED_CORPUS / "real"
    if not real.is_dir():
        pytest.skip(
            "../shared/corpus is absent: the third-party corpus is read from there, never copied"
        )
    folder = run_folder(tmp_path_factory)
    return lambda name: parse_report(converted_xml(folder, real / name)).getroot()


def _rows(table: etree._Element) -> list[list[str]]:
    grid = table_grid([tr for part in table for tr in part if tr.tag == q("tr")])
    width = max(max(row) + 1 for row in grid if row)
    return [
        ["".join(row[c].itertext()).strip() if c in row else "∅" for c in range(width)]
        for row in grid
    ]


def test_a_disclosure_report_keeps_its_counts_under_their_columns(real) -> None:
    """hzq2023: the 申请情况 table runs from page 3 to page 4, where the rules above the
    merged 三、本年度办理结果 and （四）无法提供 cells are not drawn."""
    root = real("kirogovcompare/hzq2023_working.pdf")
    table = next(t for t in root.iter(q("table")) if "本年新收" in "".join(t.itertext()))
    rows = _rows(table)
    assert all("∅" not in row for row in rows)
    by_label = {row[2]: row[3:] for row in rows}
    assert by_label["3.补正后申请内容仍不明确"] == ["0"] * 7
    assert by_label["（七）总计"] == ["21", "0", "0", "0", "0", "0", "21"]
    merged = [
        (cell.text, cell.get("rowspan"))
        for cell in table.iter(q("td"))
        if cell.text in ("三、本年度办理结果", "（四）无法提供")
    ]
    assert merged == [("三、本年度办理结果", "20"), ("（四）无法提供", "3")]


def test_a_listed_company_report_keeps_its_merged_row_label_over_the_page_break(real) -> None:
    """pdfplumber's issue-67 sample: 重大资产出售事项进展 has one date on page 7 and two on page 8."""
    root = real("pdfplumber/issue-67-example.pdf")
    cell = next(c for c in root.iter(q("td")) if c.text == "重大资产出售事项进展")
    assert cell.get("rowspan") == "3"
    assert not [c for c in root.iter(q("td")) if c.get("type") == "empty" and c.get("rowspan")]
