"""Tables in text renditions: tab-separated, space-aligned and Markdown pipe rows read back cell for cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from docforge.convert import convert_to_xml
from docforge.extract import read_source
from docforge.extract.text import read_text_lines
from docforge.extract.text_tables import is_field_grid
from docforge.model.blocks import Break, TableBlock
from docforge.model.xml import q
from tests.generators.table_documents import table_report_docx
from tests.generators.text_tables import pipe_table, space_aligned, tab_separated, table_texts

WRITERS = {"tsv": tab_separated, "aligned": space_aligned, "pipe": pipe_table}
# Word files of the shared corpus that hold tables (the seeds' Word files hold none).
REAL_DOCX = (
    "mineru/docx_01.docx",
    "docling/word_tables.docx",
    "pure-smart-sop/电厂管理巡视规定.docx",
    "pure-smart-sop/公司运营管理.docx",
    "pandoc/tables.docx",
)


def _tables(lines: list[str]) -> list[TableBlock]:
    return [b for b in read_text_lines("\n".join(lines)) if isinstance(b, TableBlock)]


def _filled_columns(rows: list[list[str]]) -> list[list[str]]:
    """The grid without its rows and columns that are empty throughout: aligned spaces cannot show those."""
    rows = [row for row in rows if any(row)]
    keep = [c for c in range(len(rows[0])) if any(row[c] for row in rows)]
    return [[row[c] for c in keep] for row in rows]


def _docx_tables(path: Path) -> list[list[list[str]]]:
    grids = [table_texts(b) for b in read_source(path).blocks if isinstance(b, TableBlock)]
    return [g for g in grids if len(g) >= 2 and len(g[0]) >= 2 and any(any(row) for row in g)]


def _roundtrip(grid: list[list[str]], form: str) -> None:
    if form == "aligned":
        grid = _filled_columns(grid)
    lines = ["表格前的一段说明文字。", "", *WRITERS[form](grid), "", "表格后的一段说明文字。"]
    (table,) = _tables(lines)
    got = table_texts(table)
    if form == "aligned":
        got = _filled_columns(got)
    assert got == grid


@pytest.mark.parametrize("form", WRITERS)
def test_generated_report_tables_come_back_cell_for_cell(form: str, tmp_path: Path) -> None:
    for grid in _docx_tables(table_report_docx(tmp_path / "tables.docx")):
        _roundtrip(grid, form)


@pytest.mark.parametrize("form", WRITERS)
@pytest.mark.parametrize("name", REAL_DOCX)
def test_real_word_tables_come_back_cell_for_cell(
    shared_corpus: Path, name: str, form: str
) -> None:
    # A grid of nothing but ``field：value`` cells reads as lines of disclosure fields, by design.
    grids = [g for g in _docx_tables(shared_corpus / "real" / name) if not is_field_grid(g)]
    if form == "aligned":
        grids = [g for g in grids if _unambiguous_when_aligned(_filled_columns(g))]
    assert grids
    for grid in grids:
        _roundtrip(grid, form)


def _unambiguous_when_aligned(rows: list[list[str]]) -> bool:
    """Whether aligned spaces can show the grid at all.

    Two rows must show two cells (else the lines are just lines), no cell may hold a run of
    spaces, and a row of one cell must be no wider than its column's cells in the other rows
    (a wider one reads as a title line over the table, and is one in print).
    """
    if any("  " in t for row in rows for t in row):
        return False
    multi = [row for row in rows if sum(1 for t in row if t) >= 2]
    if len(multi) < 2:
        return False
    for row in rows:
        filled = [(c, t) for c, t in enumerate(row) if t]
        if len(filled) == 1:
            c, text = filled[0]
            if len(text) > max((len(r[c]) for r in multi), default=0):
                return False
    return True


def test_ragged_rows_title_unit_and_total() -> None:
    text = "\n".join(
        [
            "部门预算执行情况如下。",
            "表1 部门预算执行情况",
            "                         单位：万元",
            "项目        预算数     决算数     执行率",
            "基本支出    820.00     812.35     99.07%",
            "项目支出    414.56                88.73%",
            "合计        1234.56    1180.20",
            "注：执行率为决算数占预算数的比例。",
        ]
    )
    blocks = read_text_lines(text)
    (table,) = [b for b in blocks if isinstance(b, TableBlock)]
    assert table_texts(table) == [
        ["项目", "预算数", "决算数", "执行率"],
        ["基本支出", "820.00", "812.35", "99.07%"],
        ["项目支出", "414.56", "", "88.73%"],
        ["合计", "1234.56", "1180.20", ""],
    ]
    assert table.header_rows == 1


def test_tab_rows_of_a_web_copy_are_a_table_not_a_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "web.txt"
    path.write_text(
        "\n".join(
            [
                "某县财政局2022年度部门整体支出绩效自评报告",
                "一、部门整体收支情况",
                "全年预算执行情况如下：",
                "表1 青溪县财政局2022年度预算执行情况",
                "项目\t预算数（万元）\t决算数（万元）\t执行率",
                "人员经费\t1286.40\t1279.62\t99.47%",
                "公用经费\t120.00\t98.50\t82.08%",
                "合计\t1406.40\t1378.12\t97.99%",
                "二、绩效目标完成情况",
                "各项目标均已完成。",
            ]
        ),
        encoding="utf-8",
    )
    root = convert_to_xml(path)
    (table,) = root.iter(q("table"))
    assert "".join(table.find(q("caption")).itertext()) == "表1 青溪县财政局2022年度预算执行情况"
    assert [len(tr) for tr in table.iter(q("tr"))] == [4, 4, 4, 4]
    cell = table.find(f".//{q('td')}[@type='amount']")
    assert (cell.get("value"), cell.find(q("amount")).get("unit")) == ("1286.40", "万元")
    assert all("1286.40" not in "".join(p.itertext()) for p in root.iter(q("p")))


def _text_rendition(docx_path: Path, form: str) -> str:
    """The Word report as a text copy: a line per paragraph, a form feed per page break, tables in ``form``."""
    out: list[str] = []
    for block in read_source(docx_path).blocks:
        if block.break_before is Break.PAGE:
            out.append("\f")
        if isinstance(block, TableBlock):
            out.extend(WRITERS[form](table_texts(block)))
        else:
            out.append(block.text)
    return "\n".join(out) + "\n"


def _described_tables(root) -> list[tuple]:
    def text(el) -> str | None:
        return "".join(el.itertext()) if el is not None else None

    return [
        (
            text(t.find(q("caption"))),
            t.findtext(q("unit")),
            t.get("kind"),
            [text(p) for p in t.iterfind(f"{q('tablenotes')}/{q('p')}")],
            [[" ".join(text(c).split()) for c in tr] for tr in t.iter(q("tr"))],
        )
        for t in root.iter(q("table"))
    ]


@pytest.mark.parametrize("form", WRITERS)
def test_text_copy_of_a_report_gives_the_tables_of_its_word_file(form: str, tmp_path: Path) -> None:
    docx_path = table_report_docx(tmp_path / "report.docx")
    text_path = tmp_path / "report.txt"
    text_path.write_text(_text_rendition(docx_path, form), encoding="utf-8")
    from_docx, from_text = convert_to_xml(docx_path), convert_to_xml(text_path)
    assert _described_tables(from_text) == _described_tables(from_docx)
    assert ["".join(p.itertext()) for p in from_text.iter(q("p"))] == [
        "".join(p.itertext()) for p in from_docx.iter(q("p"))
    ]


def test_lines_of_fields_are_no_table() -> None:
    """A web page's disclosure fields laid out with tabs or spaces stay lines for the metadata pass."""
    lines = [
        "索 引 号：431121000-2023-00031\t主题分类：财政",
        "发布机构：某县农业农村局\t发布日期：2023-06-12",
        "",
        "编制单位：某局      单位：万元",
        "填报日期：2023.1     联系电话：0746-1234567",
    ]
    assert _tables(lines) == []
