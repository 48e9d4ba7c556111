"""Tables as a reader meets them: caption and unit, right-aligned figures, a scroll region that says it
scrolls, wide tables on the window's width and on a landscape PDF page, empty grids, a list of tables."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree, html

from docforge.extract.text import read_text_lines
from docforge.model.blocks import Extraction, SourceInfo
from docforge.normalize import normalize
from docforge.render.html import PageLinks, render_html, stylesheet_text
from docforge.render.pdf import render_pdf
from tests.browser import axe_violations, chromium, serve

WIDE_HEAD = "科目编码\t科目名称\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入"


def _wide_rows(n: int) -> list[str]:
    return [f"201{i:02d}\t某项支出第{i}项\t{100 + i}.50\t{100 + i}.50\t\t\t\t\t" for i in range(n)]


TEXT = "\n".join(
    [
        "某局2024年度部门决算",
        "第一部分 部门概况",
        "一、主要职能",
        "负责本行政区域内的某项管理工作。",
        "第二部分 部门决算表",
        "收入决算表",
        "单位：万元",
        WIDE_HEAD,
        *_wide_rows(45),
        "注：本表反映部门本年度取得的各项收入情况。",
        "财政拨款“三公”经费支出决算表",
        "单位：万元",
        "项目\t预算数\t决算数",
        "因公出国（境）费\t\t",
        "公务接待费\t\t",
        "注：本部门本年度无“三公”经费支出，故本表无数据。",
        "第三部分 部门决算情况说明",
        "一、收入决算情况说明",
        "本年收入合计4,942.50万元，全部为财政拨款收入。",
    ]
)


@pytest.fixture(scope="module")
def root() -> etree._Element:
    source = SourceInfo(file_name="wide.txt", format="text", sha256="0" * 64, size=1)
    return normalize(Extraction(source=source, blocks=read_text_lines(TEXT))).root


@pytest.fixture(scope="module")
def page(root: etree._Element) -> str:
    return render_html(root, PageLinks(stylesheet="report.css", tables="tables/"))


def test_caption_unit_numeric_cells_and_region_name(page: str) -> None:
    doc = html.fromstring(page)
    wide = doc.get_element_by_id("t1")
    assert "wide" in wide.get("class") and wide.get("data-kind") == "income"
    caption = wide.find(".//caption")
    assert caption.text_content() == "收入决算表单位：万元"
    region = wide.find(".//div[@role='region']")
    assert region.get("aria-label") == "收入决算表（可横向滚动）" and region.get("tabindex") == "0"
    assert wide.find(".//p[@class='scroll-hint']") is not None
    first = wide.find(".//tbody/tr")
    assert [td.get("class") for td in first] == [
        None,
        None,
        "num",
        "num",
        None,
        None,
        None,
        None,
        None,
    ]
    links = [a.get("href") for a in wide.iter("a")]
    assert links == ["tables/t1.csv", "tables/t1.json"]
    assert (
        wide.find(".//div[@class='table-notes']").text_content()
        == "注：本表反映部门本年度取得的各项收入情况。"
    )


def test_tables_are_listed_in_the_contents_under_their_section(page: str) -> None:
    doc = html.fromstring(page)
    toc = doc.find(".//nav[@class='toc']")
    lists = toc.findall(".//ul[@class='toc-tables']")
    assert len(lists) == 1
    assert [(a.get("href"), a.text_content()) for a in lists[0].iter("a")] == [
        ("#t1", "收入决算表"),
        ("#t2", "财政拨款“三公”经费支出决算表"),
    ]
    assert lists[0].getparent().find("a").text_content() == "第二部分部门决算表"


@pytest.fixture(scope="module")
def browser_page(page: str, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("wide")
    (folder / "r.html").write_text(page, encoding="utf-8")
    (folder / "report.css").write_text(stylesheet_text(), encoding="utf-8")
    with serve(folder) as base, chromium() as browser:
        yield browser, f"{base}r.html", folder


@pytest.mark.parametrize("width", [375, 1280])
def test_wide_table_scrolls_in_its_region_and_uses_the_window_on_a_desktop(
    browser_page, width: int
) -> None:
    browser, url, folder = browser_page
    tab = browser.new_page(viewport={"width": width, "height": 900})
    tab.goto(url, wait_until="load")
    tab.evaluate("document.getElementById('t1').scrollIntoView()")
    tab.screenshot(path=str(folder / f"wide-{width}.png"))
    sizes = tab.evaluate("""() => {
        const block = document.getElementById('t1'), region = block.querySelector('[role=region]');
        const hint = block.querySelector('.scroll-hint');
        return {page: document.documentElement.scrollWidth, main: document.querySelector('main').clientWidth,
                block: block.getBoundingClientRect().width, left: block.getBoundingClientRect().left,
                scroll: region.scrollWidth, client: region.clientWidth,
                hint: hint.getBoundingClientRect().height,
                numAlign: getComputedStyle(block.querySelector('td.num')).textAlign,
                figures: getComputedStyle(block.querySelector('td.num')).fontVariantNumeric};
    }""")
    tab.close()
    assert sizes["page"] == width  # the page never scrolls sideways
    assert sizes["hint"] > 0 and sizes["numAlign"] == "right" and sizes["figures"] == "tabular-nums"
    assert sizes["left"] >= 0
    if width == 1280:
        assert sizes["block"] > sizes["main"] + 200  # wider than the text column, within the window
    else:
        assert sizes["scroll"] > sizes["client"]  # the table scrolls inside its region


def test_a_wide_table_and_the_contents_beside_it_never_show_through_each_other(
    browser_page,
) -> None:
    """On a desktop the wide table passes over the contents sidebar, which stays in view beside
    the text: what a reader sees where they meet is the table alone, on its own ground."""
    browser, url, _ = browser_page
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(url, wait_until="load")
    tab.evaluate("document.getElementById('t1').scrollIntoView()")
    seen = tab.evaluate("""() => {
        const toc = document.querySelector('nav.toc').getBoundingClientRect();
        const block = document.getElementById('t1');
        const x = toc.left + toc.width / 2, y = Math.min(toc.bottom, 880) - 20;
        const top = document.elementFromPoint(x, y);
        return {overlap: block.getBoundingClientRect().left < toc.right,
                inTable: block.contains(top),
                ground: getComputedStyle(block).backgroundColor};
    }""")
    tab.close()
    assert seen["overlap"]
    assert seen["inTable"] and seen["ground"] not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_wcag_violation_on_a_page_with_a_wide_table(browser_page, width: int) -> None:
    browser, url, _ = browser_page
    tab = browser.new_page(viewport={"width": width, "height": 900})
    tab.goto(url, wait_until="load")
    violations = axe_violations(tab)
    tab.close()
    assert violations == []


def test_pdf_puts_the_wide_table_on_landscape_pages_with_its_header_and_shows_an_empty_grid(
    root: etree._Element, tmp_path: Path
) -> None:
    data = render_pdf(root)
    (tmp_path / "wide.pdf").write_bytes(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        shapes = [(p.width > p.height, p.extract_text() or "") for p in pdf.pages]
        types: dict[str, int] = {}

        def walk(nodes: list[dict]) -> None:
            for node in nodes:
                types[node.get("type")] = types.get(node.get("type"), 0) + 1
                walk(node.get("children", []))

        walk(pdf.structure_tree)
        empty_rows = [p for p in pdf.pages if "因公出国" in (p.extract_text() or "")][0]
        rules = [r for r in empty_rows.rects + empty_rows.lines if abs(r["top"] - r["bottom"]) < 1]
    landscape = [text for wide, text in shapes if wide]
    assert len(landscape) >= 2 and all(
        "本年收入合计" in text for text in landscape
    )  # header on each page
    assert "部门决算表" in landscape[0] and "部门决算表" not in "".join(
        t for w, t in shapes if not w
    )  # heading goes along
    assert not shapes[0][0] and not shapes[-1][0]  # the text before and after stays portrait
    assert "本年收入合计4,942.50" not in "".join(landscape)
    assert types.get("Caption", 0) >= 2 and types.get("Table", 0) >= 2
    assert len(rules) >= 4  # the empty 三公 table keeps its rows' rules
