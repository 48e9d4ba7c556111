"""Writes the crafted XML fixtures of the table and completeness checks into fixtures/checks/ (reviewed by eye).

Run ``python tests/generators/check_fixtures.py`` after changing a case here; read the diff of the XML before committing.
"""

import re
import sys
from pathlib import Path

OUT = (
    Path(sys.argv[1])
    if len(sys.argv) > 1
    else Path(__file__).resolve().parents[2] / "fixtures" / "checks"
)
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:docforge:report:1" version="1">
  <meta>
    <title>某某县示例局2024年度部门决算</title>
    <department>某某县示例局</department>
    <year>2024</year>
    <source file="{name}.pdf" format="pdf" sha256="0000000000000000000000000000000000000000000000000000000000000000" size="1" pages="9"/>
    <generator name="docforge" version="0.1.0"/>
  </meta>
  <body>
"""
TAIL = """  </body>
  <changes/>
</report>
"""


def cell(text):
    if text == "":
        return '<td type="empty"/>'
    if text.replace(".", "").replace(",", "").isdigit() and "." in text:
        v = text.replace(",", "")
        return f'<td type="amount" value="{v}"><amount value="{v}" unit="万元" kind="money">{text}</amount></td>'
    if text.isdigit() and len(text) in (3, 5, 7):
        return f'<td type="code" level="{ {3: 1, 5: 2, 7: 3}[len(text)] }">{text}</td>'
    return f'<td type="text">{text}</td>'


def table(tid, kind, caption, head, rows, page, notes=None, unit="万元"):
    out = [
        f'    <table id="{tid}" kind="{kind}" src="p{page}">'
        if kind
        else f'    <table id="{tid}" src="p{page}">',
        f"      <caption>{caption}</caption>",
    ]
    if unit:
        out.append(f"      <unit>{unit}</unit>")
    out.append("      <thead>")
    for hrow in head:
        out.append("        <tr>" + "".join(h for h in hrow) + "</tr>")
    out.append("      </thead>\n      <tbody>")
    for row in rows:
        out.append("        <tr>" + "".join(cell(c) for c in row) + "</tr>")
    out.append("      </tbody>")
    if notes:
        out.append(f"      <tablenotes><p>{notes}</p></tablenotes>")
    out.append("    </table>")
    return "\n".join(out) + "\n"


def th(text, cols=1, rows=1):
    attrs = (f' colspan="{cols}"' if cols > 1 else "") + (f' rowspan="{rows}"' if rows > 1 else "")
    return f"<th{attrs}>{text}</th>"


def summary(housing="32.13", spent="307.82", grand_right="319.82"):
    head = [[th("收入", 2), th("支出", 2)], [th("项目"), th("决算数"), th("项目"), th("决算数")]]
    rows = [
        ["一、一般公共预算财政拨款收入", "300.00", "一、一般公共服务支出", "264.87"],
        ["二、其他收入", "7.82", "二、社会保障和就业支出", "10.82"],
        ["", "", "三、住房保障支出", housing],
        ["本年收入合计", "307.82", "本年支出合计", spent],
        ["年初结转和结余", "12.00", "年末结转和结余", "12.00"],
        ["总计", "319.82", "总计", grand_right],
    ]
    return table("t1", "income-expenditure-summary", "表一 收入支出决算总表", head, rows, 5)


def general_budget(item="51.32"):
    head = [[th("科目编码"), th("科目名称"), th("合计"), th("基本支出"), th("项目支出")]]
    rows = [
        ["合计", "", "307.82", "105.58", "202.24"],
        ["201", "一般公共服务支出", "264.87", "62.63", "202.24"],
        ["20139", "社会工作事务", "264.87", "62.63", "202.24"],
        ["2013901", "行政运行", item, "51.32", ""],
        ["2013950", "事业运行", "11.31", "11.31", ""],
        ["2013999", "其他社会工作事务支出", "202.24", "", "202.24"],
        ["208", "社会保障和就业支出", "10.82", "10.82", ""],
        ["20805", "行政事业单位养老支出", "10.82", "10.82", ""],
        ["2080505", "机关事业单位基本养老保险缴费支出", "6.18", "6.18", ""],
        ["2080506", "机关事业单位职业年金缴费支出", "4.64", "4.64", ""],
        ["221", "住房保障支出", "32.13", "32.13", ""],
        ["22102", "住房改革支出", "32.13", "32.13", ""],
        ["2210201", "住房公积金", "32.13", "32.13", ""],
    ]
    return table(
        "t5", "general-budget-expenditure", "表五 一般公共预算财政拨款支出决算表", head, rows, 9
    )


def write(name, *parts):
    (OUT / f"{name}.xml").write_text(
        HEAD.format(name=name) + "".join(parts) + TAIL, encoding="utf-8"
    )


write("table-two-sided-balances", summary())
write("table-two-sided-unbalanced", summary(housing="30.13", spent="305.82", grand_right="317.82"))
write("table-levels-add-up", general_budget())
write("table-levels-wrong-item", general_budget(item="53.32"))


def expenditure(social="10.82", total="307.82"):
    head = [
        [th("功能分类科目编码"), th("科目名称"), th("本年支出合计"), th("基本支出"), th("项目支出")]
    ]
    rows = [
        ["合计", "", total, "", ""],
        ["201", "一般公共服务支出", "264.87", "62.63", "202.24"],
        ["208", "社会保障和就业支出", social, social, ""],
        ["221", "住房保障支出", "32.13", "32.13", ""],
    ]
    rows[0][3] = f"{62.63 + float(social) + 32.13:.2f}"
    rows[0][4] = "202.24"
    return table("t3", "expenditure", "表三 支出决算表", head, rows, 7)


def section(sid, num, heading, *paras):
    body = "".join(f'      <p src="p12 l{i + 2}">{p}</p>\n' for i, p in enumerate(paras))
    return (
        f'    <section id="{sid}" level="1" src="p12 l1">\n      <num scheme="hanzi-comma" value="{num}">'
        f"{'一二三四五六七八九十'[num - 1]}、</num>\n      <heading>{heading}</heading>\n{body}    </section>\n"
    )


def fund(closing="15.00", notes=None, empty=False):
    head = [
        [
            th("项目", 2, 2),
            th("年初结转和结余", 1, 2),
            th("本年收入", 1, 2),
            th("本年支出", 3),
            th("年末结转和结余", 1, 2),
        ],
        [th("小计"), th("基本支出"), th("项目支出")],
    ]
    rows = [
        ["合计", "", "10.00", "100.00", "95.00", "", "95.00", closing],
        ["212", "城乡社区支出", "10.00", "100.00", "95.00", "", "95.00", closing],
    ]
    if empty:
        rows = [["合计", "", "", "", "", "", "", ""]]
    return table(
        "t8", "government-fund", "表八 政府性基金预算财政拨款收入支出决算表", head, rows, 11, notes
    )


write("cross-tables-agree", summary(), expenditure())
write("cross-tables-disagree", summary(), expenditure(social="12.82", total="309.82"))
STATED = (
    "本年收入合计307.82万元，其中：一般公共预算财政拨款收入300.00万元，占97.46%；其他收入7.82万元，占2.54%。",
    "本年支出合计307.82万元。",
)
write("text-figures-match-tables", summary(), section("s1", 2, "收入决算情况说明", *STATED))
write(
    "text-figure-disagrees-with-table",
    summary(),
    section("s1", 2, "收入决算情况说明", STATED[0], "本年支出合计309.82万元。"),
)
write("table-balance-columns-hold", fund())
write("table-balance-columns-wrong", fund(closing="20.00"))
write(
    "empty-table-marked",
    fund(empty=True, notes="注：本单位无政府性基金预算财政拨款收入和支出，故本表无数据。"),
)
write("empty-table-unmarked", fund(empty=True))


def minimal(tid, kind, caption, page):
    return table(
        tid, kind, caption, [[th("项目"), th("决算数")]], [["合计", "1.00"], ["其他", "1.00"]], page
    )


PARTS = [section("s1", 1, "部门概况", "本部门主要职能。"), section("s2", 2, "部门决算表")]
ALL = [
    ("income-expenditure-summary", "收入支出决算总表"),
    ("income", "收入决算表"),
    ("expenditure", "支出决算表"),
    ("fiscal-summary", "财政拨款收入支出决算总表"),
    ("general-budget-expenditure", "一般公共预算财政拨款支出决算表"),
    ("general-budget-basic-expenditure", "一般公共预算财政拨款基本支出决算表"),
    ("three-public", "财政拨款“三公”经费支出决算表"),
    ("government-fund", "政府性基金预算财政拨款收入支出决算表"),
    ("state-capital", "国有资本经营预算财政拨款收入支出决算表"),
]
TAILS = [
    section("s3", 3, "部门决算情况说明", "说明。"),
    section("s4", 4, "名词解释", "财政拨款收入：指……"),
]
write(
    "missing-none",
    *PARTS,
    *(minimal(f"m{i}", k, f"表{i + 1} {c}", i + 5) for i, (k, c) in enumerate(ALL)),
    *TAILS,
)
# The 财政拨款 summary is absent: the one table of the nine that the report lacks.
write(
    "missing-required-table",
    *PARTS,
    *(
        minimal(f"m{i}", k, f"表{i + 1} {c}", i + 5)
        for i, (k, c) in enumerate(ALL)
        if k != "fiscal-summary"
    ),
    *TAILS,
)
# The 情况说明 part is absent: tables and glossary only.
write(
    "missing-required-section",
    *PARTS,
    *(minimal(f"m{i}", k, f"表{i + 1} {c}", i + 5) for i, (k, c) in enumerate(ALL)),
    TAILS[1],
)
# Rows grouped under a label spanning several rows (a 政府信息公开年报 statistics table): the rows are not a list
# that a 总计 row follows, so no row sum is checked there; the 总计 column still is (9 ≠ 10 + 1 is reported).
GROUPED = """    <table id="t1" src="p3">
      <caption>收到和处理政府信息公开申请情况</caption>
      <thead><tr><th colspan="2">项目</th><th>自然人</th><th>法人</th><th>总计</th></tr></thead>
      <tbody>
        <tr><td colspan="2">一、本年新收政府信息公开申请数量</td><td>21</td><td>0</td><td>21</td></tr>
        <tr><td rowspan="3">三、本年度办理结果</td><td>（一）予以公开</td><td>4</td><td>0</td><td>4</td></tr>
        <tr><td>（二）不予公开</td><td>6</td><td>0</td><td>6</td></tr>
        <tr><td>（七）总计</td><td>10</td><td>0</td><td>10</td></tr>
        <tr><td colspan="2">四、结转下年度继续办理</td><td>10</td><td>1</td><td>9</td></tr>
      </tbody>
    </table>
"""
(OUT / "table-grouped-rows.xml").write_text(
    HEAD.format(name="table-grouped-rows").replace(
        "2024年度部门决算", "2024年政府信息公开工作年度报告"
    )
    + GROUPED
    + TAIL,
    encoding="utf-8",
)


def split_codes(xml_table: str) -> str:
    """The same table with its 科目编码 printed in 类 | 款 | 项 columns (201 | 39 | 01), as many PDFs print it."""

    def split(match: re.Match[str]) -> str:
        code = match.group(2)
        parts = [code[:3], code[3:5], code[5:7]]
        return "".join(cell(p) for p in parts)

    body = re.sub(r'(<td type="code" level="\d">)(\d+)</td>', split, xml_table)
    body = body.replace(
        '<td type="text">合计</td><td type="empty"/>',
        '<td type="text" colspan="3">合计</td><td type="empty"/>',
    )
    return body.replace("<th>科目编码</th>", '<th colspan="3">科目编码</th>').replace(
        "</th></tr>\n      </thead>",
        "</th></tr>\n        <tr><th>类</th><th>款</th><th>项</th><th/><th/><th/><th/></tr>\n      </thead>",
        1,
    )


write("table-levels-split-codes-add-up", split_codes(general_budget()))
write("table-levels-split-codes-wrong-item", split_codes(general_budget(item="53.32")))
ITEM = "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：行政单位人员支出。年初预算为52.00万元，支出决算为{}万元。"
write(
    "text-item-matches-table",
    general_budget(),
    section("s1", 5, "一般公共预算财政拨款支出决算情况说明", ITEM.format("51.32")),
)
write(
    "text-item-disagrees-with-table",
    general_budget(),
    section("s1", 5, "一般公共预算财政拨款支出决算情况说明", ITEM.format("15.32")),
)
