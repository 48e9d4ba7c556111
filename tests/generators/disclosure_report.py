"""A 政府信息公开工作年度报告 made the way an office makes it: Word (python-docx) with the national
template's two tables of case counts, merged cells and all, printed to PDF by LibreOffice.

Enough prose stands before the 申请情况 table that page breaks cut it, inside its merged
三、本年度办理结果 and （五）不予处理 labels, as they do in many printed reports. Its rows are
kept whole over a page break (Word's "allow row to break across pages" off): a row split
between two pages is not read as one yet (see the README's limits).
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Pt

TITLE = "某某县示例局2024年政府信息公开工作年度报告"
APPLICANTS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
# (item, sub-item, figures of 自然人 and the five kinds of 法人或其他组织); 总计 is added.
RESULTS: list[tuple[str | None, str | None, list[int]]] = [
    ("（一）予以公开", None, [12, 2, 0, 0, 1, 0]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, [3, 0, 0, 0, 0, 0]),
    ("（三）不予公开", "1.属于国家秘密", [1, 0, 0, 0, 0, 0]),
    (None, "2.其他法律行政法规禁止公开", [0, 0, 0, 0, 0, 0]),
    (None, "3.危及“三安全一稳定”", [0, 0, 0, 0, 0, 0]),
    (None, "4.保护第三方合法权益", [2, 0, 0, 0, 0, 0]),
    (None, "5.属于三类内部事务信息", [0, 0, 0, 0, 0, 0]),
    (None, "6.属于四类过程性信息", [1, 1, 0, 0, 0, 0]),
    (None, "7.属于行政执法案卷", [0, 0, 0, 0, 0, 0]),
    (None, "8.属于行政查询事项", [0, 0, 0, 0, 0, 0]),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", [9, 1, 0, 0, 0, 0]),
    (None, "2.没有现成信息需要另行制作", [1, 0, 0, 0, 0, 0]),
    (None, "3.补正后申请内容仍不明确", [1, 0, 0, 0, 0, 0]),
    ("（五）不予处理", "1.信访举报投诉类申请", [1, 0, 0, 0, 0, 0]),
    (None, "2.重复申请", [1, 0, 0, 0, 0, 0]),
    (None, "3.要求提供公开出版物", [0, 0, 0, 0, 0, 0]),
    (None, "4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0]),
    (None, "5.要求行政机关确认或重新出具已获取信息", [0, 0, 0, 0, 0, 0]),
    ("（六）其他处理", None, [0, 0, 0, 0, 0, 1]),
]
NEW = [38, 4, 0, 0, 1, 1]
CARRIED_IN = [3, 0, 0, 0, 0, 0]
HANDLED = [sum(figures[i] for *_, figures in RESULTS) for i in range(6)]
CARRIED_OUT = [n + c - h for n, c, h in zip(NEW, CARRIED_IN, HANDLED, strict=True)]
# 行政复议, 未经复议直接起诉, 复议后起诉: 结果维持, 结果纠正, 其他结果, 尚未审结 (总计 added).
REVIEWS = [[2, 1, 0, 1], [1, 0, 0, 2], [0, 1, 0, 0]]
OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
PROSE = (
    "本年度，本机关坚持以公开为常态、不公开为例外，围绕中心工作推进决策、执行、管理、服务、"
    "结果公开，完善政府信息公开制度，规范依申请公开办理流程，及时回应群众关切。"
)


def _with_total(figures: list[int]) -> list[str]:
    return [str(v) for v in [*figures, sum(figures)]]


def _put(cell, text: str, size: float = 9) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.font.size = Pt(size)


def _merged(table, top: int, left: int, bottom: int, right: int, text: str) -> None:
    """Merge the cells from (top, left) to (bottom, right) and write ``text`` in them."""
    table.cell(top, left).merge(table.cell(bottom, right))
    _put(table.cell(top, left), text)


def _rows_kept_whole(table) -> None:
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _application_table(document, carried_out: list[int]) -> None:
    rows = 3 + 2 + len(RESULTS) + 2
    table = document.add_table(rows=rows, cols=10)
    table.style = "Table Grid"
    cell = table.cell
    _merged(
        table, 0, 0, 2, 2, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )
    _merged(table, 0, 3, 0, 9, "申请人情况")
    _merged(table, 1, 3, 2, 3, "自然人")
    _merged(table, 1, 4, 1, 8, "法人或其他组织")
    _merged(table, 1, 9, 2, 9, "总计")
    for i, name in enumerate(APPLICANTS):
        _put(cell(2, 4 + i), name)

    def figures(row: int, values: list[int]) -> None:
        for i, text in enumerate(_with_total(values)):
            _put(cell(row, 3 + i), text)

    def whole_row(row: int, label: str, values: list[int]) -> None:
        _merged(table, row, 0, row, 2, label)
        figures(row, values)

    whole_row(3, "一、本年新收政府信息公开申请数量", NEW)
    whole_row(4, "二、上年结转政府信息公开申请数量", CARRIED_IN)
    first, total_row = 5, 5 + len(RESULTS)
    _merged(table, first, 0, total_row, 0, "三、本年度办理结果")
    row = first
    while row < total_row:
        item, sub, values = RESULTS[row - first]
        if sub is None:
            _merged(table, row, 1, row, 2, item or "")
        else:
            span = 1 + next(
                (k for k, (other, *_) in enumerate(RESULTS[row - first + 1 :]) if other),
                len(RESULTS) - (row - first) - 1,
            )
            _merged(table, row, 1, row + span - 1, 1, item or "")
            for k in range(span):
                _, sub_k, values_k = RESULTS[row - first + k]
                _put(cell(row + k, 2), sub_k or "")
                figures(row + k, values_k)
            row += span
            continue
        figures(row, values)
        row += 1
    _merged(table, total_row, 1, total_row, 2, "（七）总计")
    figures(total_row, HANDLED)
    whole_row(total_row + 1, "四、结转下年度继续办理", carried_out)
    _rows_kept_whole(table)


def _review_table(document) -> None:
    table = document.add_table(rows=3, cols=15)
    table.style = "Table Grid"
    cell = table.cell
    _merged(table, 0, 0, 0, 4, "行政复议")
    _merged(table, 0, 5, 0, 14, "行政诉讼")
    for i, outcome in enumerate(OUTCOMES):
        _merged(table, 1, i, 2, i, outcome)
    for g, group in enumerate(("未经复议直接起诉", "复议后起诉")):
        start = 5 + 5 * g
        _merged(table, 1, start, 1, start + 4, group)
        for i, outcome in enumerate(OUTCOMES):
            _put(cell(2, start + i), outcome)
    row = table.add_row()
    for i, text in enumerate(t for group in REVIEWS for t in _with_total(group)):
        _put(row.cells[i], text)


def disclosure_report_docx(path: Path, carried_out_slip: int = 0) -> Path:
    """Write the report as DOCX; ``carried_out_slip`` adds cases to 四、结转下年度继续办理's 自然人,
    a slip the checks must find in every rendition."""
    document = docx.Document()
    title = document.add_paragraph()
    title.add_run(TITLE).font.size = Pt(20)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(
        "本报告根据《中华人民共和国政府信息公开条例》要求编制，数据统计期限自2024年1月1日起至"
        "2024年12月31日止。"
    )
    document.add_paragraph("一、总体情况")
    for _ in range(6):
        document.add_paragraph(PROSE)
    document.add_paragraph("二、主动公开政府信息情况")
    document.add_paragraph(PROSE)
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    carried_out = [CARRIED_OUT[0] + carried_out_slip, *CARRIED_OUT[1:]]
    _application_table(document, carried_out)
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    _review_table(document)
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph(PROSE)
    document.add_paragraph("六、其他需要报告的事项")
    document.add_paragraph("本年度未收取信息处理费。")
    document.save(path)
    return path
