"""find_table_headers with merged cells, which the pass fixtures' one-line tables cannot show."""

from __future__ import annotations

from docforge.model.blocks import Cell, Span, TableBlock
from docforge.normalize.passes.find_table_headers import header_rows_above_figures


def _cell(text: str, rows: int = 1, columns: int = 1) -> Cell:
    return Cell((Span(text),) if text else (), row_span=rows, col_span=columns)


def test_a_header_cell_merged_down_over_the_rows_of_words_is_the_header() -> None:
    table = TableBlock(
        rows=(
            (_cell("项目", rows=2), _cell("申请人情况", columns=2)),
            (_cell("自然人"), _cell("法人")),
            (_cell("一、本年新收"), _cell("38"), _cell("4")),
        )
    )
    assert header_rows_above_figures(table) == 2


def test_a_form_whose_merged_cell_runs_down_beside_a_figure_has_no_header() -> None:
    table = TableBlock(
        rows=(
            (_cell("程序文件", rows=2), _cell("版本"), _cell("B")),
            (_cell("修订状态"), _cell("0")),
            (_cell("页码"), _cell("1"), _cell("2")),
        )
    )
    assert header_rows_above_figures(table) == 0
