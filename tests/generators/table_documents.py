"""Reports with tables, made the way a department makes them: Word (python-docx), printed to PDF by LibreOffice.

Each table stands under a title line (``表1：…``, ``表二 …`` or a centred standard
title), a unit line, and over ``注：…`` notes; one table runs on over a page break
under ``续表`` and its repeated header. The same report is then read as DOCX and PDF.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@dataclass(frozen=True)
class TableSpec:
    """A table as printed: title line, unit line, header rows, body rows, notes, and where a page break cuts it."""

    title: str | None
    unit_line: str | None
    header: list[list[str]]
    rows: list[list[str]]
    notes: list[str]
    centred_title: bool = False
    continued_after: int | None = None  # body rows before a page break; the rest goes under 续表


BUDGET = TableSpec(
    title="表1：2022年度部门预算执行情况",
    unit_line="单位：万元",
    header=[["项目", "预算数", "决算数", "执行率"]],
    rows=[
        ["基本支出", "820.00", "812.35", "99.07%"],
        ["项目支出", "414.56", "367.85", "88.73%"],
        ["合计", "1234.56", "1180.20", "95.60%"],
    ],
    notes=["注：执行率为决算数占预算数的比例。"],
)
STANDARD = TableSpec(
    title="一般公共预算财政拨款支出决算表",
    unit_line="金额单位：元",
    header=[["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
    rows=[
        ["201", "一般公共服务支出", "2106.66", "1503.52", "603.14"],
        ["20106", "财政事务", "2106.66", "1503.52", "603.14"],
        ["2010601", "行政运行", "1511.89", "1503.52", "8.37"],
        ["2010602", "一般行政管理事务", "10.00", "", "10.00"],
    ]
    + [[f"20106{n:02d}", f"其他事务{n}", f"{n}.00", "", f"{n}.00"] for n in range(3, 40)],
    notes=["注：本表反映部门本年度一般公共预算财政拨款支出情况。"],
    centred_title=True,
    continued_after=30,
)
SCORES = TableSpec(
    title="表二 部门整体支出绩效评价指标得分",
    unit_line=None,
    header=[["一级指标", "二级指标", "分值", "得分"]],
    rows=[["投入", "预算执行率", "10", "9.2"], ["产出", "重点工作完成率", "20", "19"]],
    notes=[],
)
TABLES = (BUDGET, STANDARD, SCORES)


PROSE = (
    "以上情况说明本局预算执行总体较好，各项支出符合规定。本局严格执行预算管理制度，加强财务核算，"
    "规范资金使用，确保资金安全有效，全年未发生违规使用财政资金的情况，预算执行进度符合序时要求。"
)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    tr_pr.append(mark)


def _grid(document, header: list[list[str]], rows: list[list[str]]) -> None:
    table = document.add_table(rows=0, cols=len(header[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for texts in header:
        row = table.add_row()
        _repeat_header(row)
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text)
    for texts in rows:
        row = table.add_row()
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text


def _line(document, text: str, centred: bool = False):
    paragraph = document.add_paragraph(text)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def table_report_docx(path: Path, tables: tuple[TableSpec, ...] = TABLES) -> Path:
    """Write a short 绩效 report with the given tables as DOCX."""
    document = docx.Document()
    title = document.add_paragraph()
    title.add_run("某县财政局2022年度部门整体支出绩效自评报告").font.size = Pt(22)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(document, "一、部门整体收支情况")
    _line(document, "2022年度本局收入合计1234.56万元，支出合计1180.20万元，具体情况如下。")
    for spec in tables:
        if spec.title:
            _line(document, spec.title, centred=spec.centred_title or spec.title.startswith("表"))
        if spec.unit_line:
            _line(document, spec.unit_line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        cut = spec.continued_after or len(spec.rows)
        _grid(document, spec.header, spec.rows[:cut])
        if spec.continued_after is not None:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            _line(document, "续表", centred=True)
            _grid(document, spec.header, spec.rows[cut:])
        for note in spec.notes:
            _line(document, note)
        _line(document, PROSE)
    _line(document, "二、下一步工作计划")
    _line(document, "进一步加强预算管理，提高资金使用效益。")
    document.save(path)
    return path


def print_to_pdf(docx_path: Path) -> Path:
    """The DOCX printed to PDF by LibreOffice, next to it."""
    out = docx_path.parent
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{out / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return docx_path.with_suffix(".pdf")
