"""Saved government web pages and their pasted text give the seed's report, chrome gone, metadata kept.

The pages are built from the seeds in the shapes of real 政务公开 pages
(``tests/web_pages.py``); the pasted text is what Chromium copies from them
(``innerText`` of the page: the visible text).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from docforge.convert import convert_to_xml
from docforge.errors import InputError
from docforge.model.xml import comparable, q, serialize
from tests.browser import chromium
from tests.conftest import SEED_STEMS, seed
from tests.web_pages import INVISIBLE, PUBLISHED, SHAPES, disclosure_for, page_html, write_page

# Strings of the chrome vocabulary that no paragraph, heading, item or cell of a report may keep.
CHROME_STRINGS = (
    "当前位置",
    "您当前的位置",
    "索引号",
    "发布机构",
    "发文机关",
    "主题分类",
    "时效性",
    "有效性",
    "浏览次数",
    "点击数",
    "浏览量",
    "【字体",
    "分享到",
    "打印本页",
    "关闭窗口",
    "上一篇",
    "下一篇",
    "相关链接",
    "附件下载",
    "主办单位",
    "承办单位",
    "网站标识码",
    "ICP备",
    "公网安备",
    "版权所有",
    "联系电话",
    "无障碍",
    "繁體",
    "扫一扫",
    "首页",
)
CASES = [(stem, shape) for stem in SEED_STEMS for shape in SHAPES]


def _id(case: tuple) -> str:
    return f"{case[0][:3]}-{case[1].name}"


def without_disclosure(root: etree._Element) -> bytes:
    """The comparable report without what the page adds: its disclosure block and the date it lends."""
    root = etree.fromstring(etree.tostring(root))
    meta = root.find(q("meta"))
    for name in ("disclosure", "filled"):
        for el in meta.findall(q(name)):
            meta.remove(el)
    return comparable(root)


def _compact(text: str) -> str:
    return "".join(text.split())


def body_texts(root: etree._Element) -> list[str]:
    body = root.find(q("body"))
    return [
        "".join(el.itertext())
        for el in body.iter(q("p"), q("heading"), q("item"), q("td"), q("th"))
    ]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("pages")
    return {(stem, shape.name): write_page(folder, stem, shape) for stem, shape in CASES}


@pytest.fixture(scope="module")
def text_xml() -> dict[str, etree._Element]:
    return {stem: convert_to_xml(seed(stem)) for stem in SEED_STEMS}


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_saved_page_gives_the_seed_report_with_its_disclosure_metadata(
    case, pages, text_xml
) -> None:
    stem, shape = case
    root = convert_to_xml(pages[stem, shape.name])
    assert without_disclosure(root) == without_disclosure(text_xml[stem])
    meta = root.find(q("meta"))
    info = disclosure_for(stem)
    disclosure = meta.find(q("disclosure"))
    assert disclosure is not None
    assert disclosure.findtext(q("published")).startswith(PUBLISHED)
    assert disclosure.find(q("published")).get("iso") == PUBLISHED
    assert disclosure.findtext(q("origin")) == info.origin
    if shape.template in ("county", "portal", "cms"):
        assert disclosure.findtext(q("publisher")) == info.publisher
        assert disclosure.findtext(q("docnumber")) == info.docnumber
    if shape.template in ("county", "portal"):
        assert disclosure.findtext(q("index")) == info.index
        assert disclosure.findtext(q("validity")) == "有效"
    text_filled = text_xml[stem].find(q("meta")).findtext(q("filled"))
    assert meta.findtext(q("filled")) == (text_filled or PUBLISHED)
    assert meta.find(q("source")).get("format") == "html"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_no_chrome_or_invisible_text_reaches_the_report(case, pages) -> None:
    stem, shape = case
    root = convert_to_xml(pages[stem, shape.name])
    seed_text = seed(stem).read_text(encoding="utf-8")
    for text in body_texts(root):
        for chrome in CHROME_STRINGS:
            assert chrome not in _compact(text) or chrome in seed_text, (chrome, text)
    document = serialize(root).decode()
    for hidden in INVISIBLE:
        assert hidden not in document


def test_encodings_are_read_as_declared_or_detected(pages) -> None:
    for stem, shape in CASES[: len(SHAPES)]:
        source = convert_to_xml(pages[stem, shape.name]).find(f"{q('meta')}/{q('source')}")
        assert source.get("encoding") == shape.encoding


@pytest.fixture(scope="module")
def pasted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """What a reader gets by selecting the whole page in Chromium and pasting it into a text file."""
    folder = tmp_path_factory.mktemp("pasted")
    found = {}
    with chromium() as browser:
        page = browser.new_page()
        page.route(
            "**/*", lambda route: route.abort()
        )  # nothing is fetched, as a saved page offline
        for stem, shape in CASES:
            if shape.mhtml:
                continue
            page.set_content(page_html(stem, shape))
            path = folder / f"{stem}.{shape.name}.txt"
            path.write_text(page.inner_text("body"), encoding="utf-8")
            found[stem, shape.name] = path
    return found


def _report_parts(root: etree._Element) -> bytes:
    """Title, department, year, kind and body: what pasted text must share with the page."""
    root = etree.fromstring(without_disclosure(root))
    meta = root.find(q("meta"))
    for el in list(meta):
        if etree.QName(el).localname not in ("title", "department", "year", "kind"):
            meta.remove(el)
    return etree.tostring(root)


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if not c[1].mhtml], ids=_id)
def test_pasted_text_gives_the_same_report(case, pasted, text_xml) -> None:
    stem, shape = case
    root = convert_to_xml(pasted[stem, shape.name])
    assert _report_parts(root) == _report_parts(text_xml[stem])
    disclosure = root.find(f"{q('meta')}/{q('disclosure')}")
    assert (
        disclosure is not None and disclosure.findtext(q("origin")) == disclosure_for(stem).origin
    )
    for text in body_texts(root):
        for chrome in CHROME_STRINGS:
            assert chrome not in _compact(text) or chrome in seed(stem).read_text(
                encoding="utf-8"
            ), (chrome, text)


def test_chrome_is_logged_in_the_change_log(pages) -> None:
    stem, shape = CASES[2]
    root = convert_to_xml(pages[stem, shape.name])
    befores = [c.findtext(q("before")) for c in root.iter(q("change"))]
    assert any("来源" in b for b in befores)
    assert any("打印本页" in b for b in befores)


TABLE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 部门预决算</div>
<div class="xxgk"><p>发布机构：某县教育局</p><p>成文日期：2023年3月1日</p></div>
<div id="zoom"><h1>2022年度部门整体支出绩效自评报告</h1>
<p>为做好2022年度部门整体支出绩效自评工作，现将有关情况报告如下：</p>
<h2>一、部门整体支出情况</h2>
<p>2022年全年支出合计120.00万元，具体如下表。</p>
<table border="1"><caption>表1 支出情况表</caption>
<thead><tr><th rowspan="2">项目</th><th colspan="2">金额（万元）</th></tr><tr><th>预算数</th><th>决算数</th></tr></thead>
<tbody><tr><td>基本支出</td><td>100.00</td><td>98.50</td></tr><tr><td>项目支出</td><td>20.00</td><td>21.50</td></tr></tbody></table>
<h2>二、存在问题</h2><ul><li>预算编制不够精细。</li><li>绩效目标不够明确。</li></ul>
<ol><li>加强预算管理。</li><li>完善绩效目标。</li></ol>
</div></body></html>"""


def test_tables_lists_and_headings_keep_their_structure(tmp_path: Path) -> None:
    path = tmp_path / "table.htm"
    path.write_text(TABLE_PAGE, encoding="utf-8")
    root = convert_to_xml(path)
    meta = root.find(q("meta"))
    assert meta.findtext(q("title")) == "2022年度部门整体支出绩效自评报告"
    assert (
        meta.findtext(q("department")) == "某县教育局"
    )  # the report names none: the page's 发布机构
    assert meta.find(q("filled")).get("iso") == "2023-03-01"  # and its 成文日期
    codes = {w.get("code") for w in root.iter(q("warning"))}
    assert {"metadata-from-page-department", "metadata-from-page-filled"} <= codes
    table = next(root.iter(q("table")))
    assert table.findtext(q("caption")) == "表1 支出情况表"
    head = table.find(q("thead"))
    assert len(head) == 2 and head[0][0].get("rowspan") == "2" and head[0][1].get("colspan") == "2"
    assert ["".join(td.itertext()) for td in table.find(q("tbody"))[1]] == [
        "项目支出",
        "20.00",
        "21.50",
    ]
    headings = ["".join(h.itertext()) for h in root.iter(q("heading"))]
    assert headings == ["部门整体支出情况", "存在问题"]
    items = ["".join(i.itertext()).strip() for i in root.iter(q("item"))]
    assert items == ["1.加强预算管理。", "2.完善绩效目标。"]


@pytest.mark.slow  # runs the command line once per page
@pytest.mark.parametrize(
    ("name", "data", "cause"),
    [
        (
            "empty-shell.html",
            b"<html><head><title>x</title></head><body><div id='nav'><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></div>"
            b"<script>var a = '\xe6\x96\x87\xe5\xad\x97';</script></body></html>",
            "no article content",
        ),
        (
            "redirect.htm",
            b'<html><head><meta http-equiv="refresh" content="0; url=https://www.example.invalid/t1.html">'
            b"</head><body></body></html>",
            "only redirects to https://www.example.invalid/t1.html",
        ),
        ("picture.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not a web page"),
        (
            "archive.mhtml",
            b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n"
            b"Content-Type: image/png\n\nxx\n--b--\n",
            "not a web page",
        ),
    ],
)
def test_bad_web_pages_are_refused_in_one_line(
    tmp_path: Path, name: str, data: bytes, cause: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        convert_to_xml(path)
    assert cause in str(caught.value) and "\n" not in str(caught.value)
    result = subprocess.run(
        [sys.executable, "-m", "docforge.cli", "convert", str(path), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0] and cause in lines[0]


@pytest.mark.slow
def test_publish_takes_saved_pages_and_shows_their_disclosure_metadata(tmp_path: Path) -> None:
    from tests.publish_support import publish

    incoming = tmp_path / "incoming"
    incoming.mkdir()
    stem = SEED_STEMS[1]
    for shape in SHAPES[:2] + SHAPES[-1:]:  # .html, .htm and .mhtml
        page = write_page(incoming, stem, shape)
        if shape.template == "portal":
            page.rename(page.with_suffix(".htm"))
    result = publish(incoming, tmp_path / "site", tmp_path / "archive", "--no-pdf")
    assert result.returncode == 0, result.stderr
    catalog = json.loads((tmp_path / "site" / "catalog.json").read_text(encoding="utf-8"))
    [report] = catalog["reports"]
    assert report["department"] == disclosure_for(stem).publisher
    assert {v["source_format"] for v in report["versions"]} == {"html"}
    disclosed = report["versions"][0]["disclosure"]
    assert (
        disclosed["published"] == PUBLISHED and disclosed["origin"] == disclosure_for(stem).origin
    )
    page = (tmp_path / "site" / report["page"]).read_text(encoding="utf-8")
    assert (
        "<dt>发布日期</dt>" in page
        and "<dt>来源</dt>" in page
        and disclosure_for(stem).index in page
    )


REPORT_TITLE = "某县教育局2022年度部门整体支出绩效自评报告"
REPORT = [
    (
        "p",
        "为做好2022年度部门整体支出绩效自评工作，某县教育局组织开展了绩效评价工作，现将有关情况报告如下：",
    ),
    ("h", "一、部门整体支出情况"),
    ("p", "2022年全年支出合计120.00万元，具体如下表。"),
    ("t", ""),
    ("p", "注：本表数据来源于部门决算。"),
    ("h", "二、存在问题"),
    ("p", "预算编制不够精细，绩效目标不够明确。"),
]
TABLE_HEAD = [["项目", "金额（万元）", None], [None, "预算数", "决算数"]]
TABLE_BODY = [
    ["基本支出", "100.00", "98.50"],
    ["项目支出", "20.00", "21.50"],
    ["合计", "120.00", "120.00"],
]


def _report_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(REPORT_TITLE)
    for kind, text in REPORT:
        if kind != "t":
            document.add_paragraph(text)
            continue
        table = document.add_table(rows=len(TABLE_HEAD) + len(TABLE_BODY), cols=3)
        for r, row in enumerate(TABLE_HEAD + TABLE_BODY):
            for c, value in enumerate(row):
                if value is not None:
                    table.cell(r, c).paragraphs[0].add_run(value).bold = r < len(TABLE_HEAD)
        table.cell(0, 0).merge(table.cell(1, 0))
        table.cell(0, 1).merge(table.cell(0, 2))
    document.save(path)
    return path


def _report_page(path: Path) -> Path:
    """The same report as Word saves a table into a web page: bold runs in the head, spans as attributes."""
    parts = []
    for kind, text in REPORT:
        if kind == "t":
            head = (
                '<tr><td rowspan="2"><b>项目</b></td><td colspan="2"><b>金额（万元）</b></td></tr>'
                "<tr><td><b>预算数</b></td><td><b>决算数</b></td></tr>"
            )
            body = "".join(
                "<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in TABLE_BODY
            )
            parts.append(f'<table border="1">{head}{body}</table>')
        else:
            parts.append(
                f"<h2>{text}</h2>" if kind == "h" else f'<p style="text-indent:2em">{text}</p>'
            )
    path.write_text(
        f'<html><head><meta charset="utf-8"></head><body><div class="crumb">当前位置：首页 &gt; 政务公开'
        f'</div><h1>{REPORT_TITLE}</h1><div id="zoom">{"".join(parts)}</div><p>【打印本页】【关闭窗口】</p>'
        "</body></html>",
        encoding="utf-8",
    )
    return path


def test_a_table_gives_the_same_xml_from_a_saved_page_and_from_word(tmp_path: Path) -> None:
    page = convert_to_xml(_report_page(tmp_path / "report.html"))
    word = convert_to_xml(_report_docx(tmp_path / "report.docx"))
    assert comparable(page) == comparable(word)
    head = next(page.iter(q("thead")))
    assert [[c.get("rowspan"), c.get("colspan")] for c in head[0]] == [["2", None], [None, "2"]]


LAYOUT_PAGE = """<html><head><meta charset="utf-8"><title>某局2022年度部门整体支出绩效评价报告</title></head><body>
<table width="100%"><tr><td class="left" width="200"><ul><li><a>机构概况</a></li><li><a>政策文件</a></li>
<li><a>财政预决算</a></li></ul></td>
<td class="main"><div class="bt">某局2022年度部门整体支出绩效评价报告</div>
<p>　　为做好2022年度部门整体支出绩效评价工作，某局组织开展了绩效评价工作，现将有关情况报告如下：</p>
<p>　　一、部门概况</p><p>　　本局内设机构5个，编制人数30人，实有人数28人，全年工作任务完成良好。</p>
<p>　　二、绩效情况</p><p>　　2022年部门整体支出合计1280.50万元，预算执行率98.5%，各项目均按计划实施。</p>
</td></tr></table>
<div class="related"><h3>相关链接</h3><ul><li><a>某局2021年度部门整体支出绩效评价报告全文公开情况说明文件</a></li></ul></div>
</body></html>"""


def test_an_article_in_a_layout_table_leaves_the_navigation_column_out(tmp_path: Path) -> None:
    path = tmp_path / "layout.html"
    path.write_text(LAYOUT_PAGE, encoding="utf-8")
    root = convert_to_xml(path)
    assert root.find(f"{q('meta')}/{q('title')}").text == "某局2022年度部门整体支出绩效评价报告"
    text = "".join(root.find(q("body")).itertext())
    assert "机构概况" not in text and "相关链接" not in text
    assert ["".join(h.itertext()) for h in root.iter(q("heading"))] == ["部门概况", "绩效情况"]
    assert root.find(q("changes")) is not None and not root.find(q("warnings")).xpath(
        "*[starts-with(., 'the article was found')]"
    )
