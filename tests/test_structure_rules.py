"""Each structure rule on a document made for it: Word files built with python-docx, a PDF
printed with WeasyPrint, plain text. See docs/structure.md for the rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from weasyprint import HTML

from docforge.convert import convert_to_xml
from docforge.model.xml import q
from docforge.normalize import normalize
from docforge.normalize.passes.classify_numbered_blocks import Evidence, Shape, heading_or_item
from tests.docx_builder import Para, lvl, numbered_docx, numbering_xml, read
from tests.outline import outline_lines

BULLET = 1
DECIMAL = 2
NUMBERING = numbering_xml(
    {1: lvl(0, "bullet", "❖"), 2: lvl(0, "decimal", "%1、")},
    {BULLET: (1, ""), DECIMAL: (2, "")},
)


def _root_of_docx(paragraphs: list[Para]) -> etree._Element:
    return normalize(read(numbered_docx(NUMBERING, paragraphs))).root


def _items(root: etree._Element, tag: str) -> list[str]:
    return ["".join(i.itertext()) for el in root.iter(q(tag)) for i in el.iter(q("item"))]


def test_word_bullets_and_numbered_sentences_under_styled_headings_are_list_items() -> None:
    root = _root_of_docx(
        [
            Para("危险源监控措施"),
            Para("一、危险源：火灾", style="Heading 1"),
            Para("监控措施："),
            Para("设有消防水系统，同时设有室内外消火栓。", num_id=DECIMAL),
            Para("车间内严禁设置员工宿舍。", num_id=DECIMAL),
            Para("职责", style="Heading 1"),
            Para("审核并批准本程序；", num_id=BULLET),
            Para("确保该程序的有效执行；", num_id=BULLET),
            Para("名词解释", style="Heading 1"),
            Para("基本支出：指为保障机构正常运转、完成日常工作任务而发生的支出。"),
            Para("项目支出：指为完成特定行政工作任务而发生的支出。"),
        ]
    )
    assert outline_lines(root) == ["1\t一、\t危险源：火灾", "1\t\t职责", "1\t\t名词解释"]
    assert [i.findtext(q("num")) for i in root.iter(q("item"))] == ["1、", "2、", "❖", "❖"]
    assert root.find(f".//{q('ul')}") is not None and root.find(f".//{q('ol')}") is not None
    assert [t.text for t in root.iter(q("term"))] == ["基本支出", "项目支出"]


def test_a_run_of_definitions_is_a_glossary_anywhere() -> None:
    root = _root_of_docx(
        [
            Para("某某局工作说明"),
            Para("一、有关用语", style="Heading 1"),
            Para("财政拨款收入：指从本级财政部门取得的财政拨款。"),
            Para("事业收入：指开展专业业务活动取得的收入。"),
            Para("经营收入：是指在专业业务活动之外取得的收入。"),
        ]
    )
    assert [t.text for t in root.iter(q("term"))] == ["财政拨款收入", "事业收入", "经营收入"]
    assert outline_lines(root) == ["1\t一、\t有关用语"]


def test_a_run_in_heading_splits_at_the_colon_only_before_a_sentence(tmp_path: Path) -> None:
    source = tmp_path / "colon.txt"
    source.write_text(
        "某某局2024年度部门整体支出绩效自评报告\n\n一、危险源：火灾\n\n正文一句。\n\n"
        "二、主动公开情况：本年度主动公开信息一千条，较上年增长。\n",
        encoding="utf-8",
    )
    root = convert_to_xml(source)
    assert outline_lines(root) == ["1\t一、\t危险源：火灾", "1\t二、\t主动公开情况"]


def test_masthead_and_document_number_are_front_matter(tmp_path: Path) -> None:
    source = tmp_path / "notice.txt"
    source.write_text(
        "某某委办公厅\n\n某某局办公厅\n\n某办财规〔2019〕860号\n\n关于加强某项工作的通知\n\n"
        "各有关单位：\n\n现就有关事项通知如下。\n\n一、总体要求\n\n正文。\n\n二、工作措施\n\n正文。\n",
        encoding="utf-8",
    )
    root = convert_to_xml(source)
    assert root.findtext(f"{q('meta')}/{q('title')}") == "关于加强某项工作的通知"
    assert outline_lines(root) == ["1\t一、\t总体要求", "1\t二、\t工作措施"]
    assert [p.text for p in root.find(q("body")).findall(q("p"))][:3] == [
        "某某委办公厅",
        "某某局办公厅",
        "某办财规〔2019〕860号",
    ]


PRINTED = """<html lang="zh-CN"><head><style>
@page { size: A4; margin: 30mm 25mm; }
body { font-family: 'Noto Serif CJK SC'; font-size: 12pt; }
.cover { text-align: center; font-size: 22pt; page-break-after: always; padding-top: 60mm; }
.cover p { margin: 8mm 0; }
.toc { page-break-after: always; }
.big { font-size: 18pt; margin-left: 2em; }
p.body { text-indent: 2em; }
</style></head><body>
<div class="cover"><p>某某区某某局2025年部门预算</p><p>2025年8月</p></div>
<div class="toc"><p style="text-align:center">目  录</p>
<p>一、部门主要职能……………………………………1</p><p>二、名词解释……………………………………………2</p>
<p>三、其他相关情况说明…………………………………3</p></div>
<p class="big">某某局主要职能</p>
<p class="body">某某局是主管本区某项工作的区政府工作部门，主要职责是组织实施有关工作，并承担相应责任。</p>
<p class="big">名词解释</p>
<p class="body">（一）财政拨款收入：指本年度从本级财政部门取得的财政拨款。</p>
<p class="body">（二）事业收入：指事业单位开展专业业务活动取得的收入。</p>
<p class="big">其他相关情况说明</p>
<p class="body">一、“三公”经费预算情况说明</p>
<p class="body">本年“三公”经费预算数为10.81万元，与上年持平。</p>
<p class="body">二、机关运行经费预算</p>
<p class="body">本年机关运行经费预算为120.00万元，与上年持平。</p>
</body></html>"""


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> etree._Element:
    path = tmp_path_factory.mktemp("printed") / "budget.pdf"
    HTML(string=PRINTED).write_pdf(path)
    return convert_to_xml(path)


def test_printed_budget_cover_toc_titles_and_glossary(printed: etree._Element) -> None:
    assert outline_lines(printed) == [
        "1\t\t某某局主要职能",
        "1\t\t名词解释",
        "1\t\t其他相关情况说明",
        "2\t一、\t“三公”经费预算情况说明",
        "2\t二、\t机关运行经费预算",
    ]
    assert [t.text for t in printed.iter(q("term"))] == ["财政拨款收入", "事业收入"]
    kinds = {c.get("kind") for c in printed.iter(q("change"))}
    assert "drop-table-of-contents" in kinds


def _evidence(**changes: object) -> Evidence:
    base = dict(
        shape=Shape("run-in", 4, 5, "。"),
        section_scheme=False,
        styled=False,
        set_apart=False,
        run_length=3,
        siblings_prose=False,
        all_runin=True,
        body_follows=False,
        states_figure=False,
        provision=False,
    )
    base.update(changes)
    return Evidence(**base)


@pytest.mark.parametrize(
    ("changes", "decision"),
    [
        ({}, "heading"),  # 1.不断强化思想政治引领。不断增强……
        ({"siblings_prose": True}, "item"),  # one sibling is a duty sentence
        ({"siblings_prose": True, "set_apart": True}, "heading"),  # … unless bold sets it apart
        ({"states_figure": True}, "item"),  # 1、公务接待费支出0.39万元。……
        ({"shape": Shape("prose")}, "item"),  # 1、设有消防水系统，同时……。
        ({"shape": Shape("prose"), "run_length": 1}, "paragraph"),
        ({"provision": True}, "item"),  # 第一条 ……
        (
            {"all_runin": False, "shape": Shape("standalone", 4, 4)},
            "item",
        ),  # 7.1、表单名 / 7.2、表单名
        ({"all_runin": False, "shape": Shape("standalone", 4, 4), "body_follows": True}, "heading"),
        (
            {"all_runin": False, "shape": Shape("standalone", 4, 4), "section_scheme": True},
            "heading",
        ),
        ({"styled_document": True, "word_list": True}, "item"),  # Word list under styled headings
    ],
)
def test_heading_or_item_weighs_the_signals(changes: dict, decision: str) -> None:
    assert heading_or_item(_evidence(**changes)) == decision
