"""The published HTML page: its markup, and the page as Debian's chromium shows it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html
from playwright.sync_api import Browser, Page

from docforge.render.html import DEFAULT_PORTAL_NAME, PageLinks, render_html
from tests.browser import AXE_SCRIPT, chromium, serve
from tests.html_structure import structure_problems
from tests.render_fixtures import CRAFTED_STEMS, REPORT_STEMS, report_root, write_site

pytestmark = pytest.mark.slow

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (320, 375, 1280)
OpenPage = Callable[..., Page]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    links = {stem: PageLinks(pdf=f"{stem}.pdf", xml=f"{stem}.xml", home="index.html")
             for stem in REPORT_STEMS}
    return {stem: render_html(report_root(stem), links[stem]) for stem in REPORT_STEMS}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(write_site(tmp_path_factory.mktemp("site"))) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make install` (npm ci)")
    with chromium() as browser:
        yield browser


@pytest.fixture
def open_page(browser: Browser, site: str) -> Iterator[OpenPage]:
    opened: list[Page] = []

    def open_(stem: str, width: int = 1280) -> Page:
        page = browser.new_page(viewport={"width": width, "height": 800})
        opened.append(page)
        page.goto(f"{site}{stem}.html", wait_until="load")
        return page

    yield open_
    for page in opened:
        page.close()


# --- markup -------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_page_keeps_the_structure_contract(pages: dict[str, str], stem: str) -> None:
    assert structure_problems(pages[stem]) == []


@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_page_has_the_portal_furniture(pages: dict[str, str], stem: str) -> None:
    doc = lxml_html.fromstring(pages[stem])
    body = doc.find("body")
    first_link = body.find(".//a")
    assert first_link.get("href") == "#content" and doc.get_element_by_id("content").tag == "main"
    assert DEFAULT_PORTAL_NAME in body.find("header").text_content()
    crumbs = body.find(".//nav[@class='breadcrumb']")
    assert crumbs.find(".//a").get("href") == "index.html"
    terms = [dt.text for dt in doc.iter("dt")]
    known = ["部门", "年度", "报告类型", "填报日期", "来源文件"]
    assert terms == [t for t in known if t in terms] and terms[-1] == "来源文件"
    hrefs = {a.get("href") for a in doc.iter("a")}
    assert {f"{stem}.pdf", f"{stem}.xml"} <= hrefs


def test_portal_name_is_configurable() -> None:
    page = render_html(report_root(REPORT_STEMS[0]), PageLinks(portal_name="某市政府信息公开"))
    assert "某市政府信息公开" in lxml_html.fromstring(page).find(".//header").text_content()
    assert DEFAULT_PORTAL_NAME not in page


@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_sections_are_labelled_by_headings_with_stable_ids(pages: dict[str, str], stem: str) -> None:
    doc = lxml_html.fromstring(pages[stem])
    sections = doc.findall(".//div[@class='report-body']//section")
    assert sections
    for section in sections:
        heading = doc.get_element_by_id(section.get("aria-labelledby"))
        assert heading.getparent() is section and heading.tag in {"h2", "h3", "h4", "h5", "h6"}
    toc_targets = [a.get("href")[1:] for a in doc.find(".//nav[@class='toc']").iter("a")]
    assert toc_targets == [s.get("id") for s in sections]
    again = lxml_html.fromstring(render_html(report_root(stem), PageLinks()))
    assert [h.get("id") for h in again.iter("h2", "h3", "h4", "h5", "h6")][1:] == \
           [h.get("id") for h in doc.iter("h2", "h3", "h4", "h5", "h6")][1:]


@pytest.mark.parametrize("stem", CRAFTED_STEMS)
def test_tables_have_captions_scoped_headers_and_a_focusable_region(pages: dict[str, str], stem: str) -> None:
    doc = lxml_html.fromstring(pages[stem])
    tables = list(doc.iter("table"))
    assert tables
    for table in tables:
        region = table.getparent()
        assert region.get("role") == "region" and region.get("tabindex") == "0" and region.get("aria-label")
        assert table.find("caption") is not None
        for th in table.iter("th"):
            in_head = th.getparent().getparent().tag == "thead"
            assert th.get("scope") == ("col" if in_head else "row")


# --- in the browser -------------------------------------------------------------------------

@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_axe_finds_no_wcag_21_aa_violation(open_page: OpenPage, stem: str) -> None:
    page = open_page(stem)
    page.add_script_tag(path=str(AXE_SCRIPT))
    violations = page.evaluate(
        """async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
             .violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)""",
        WCAG_21_AA)
    assert violations == []


_LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const hidden = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(h => {
    const box = h.getBoundingClientRect();
    const style = getComputedStyle(h);
    return box.width === 0 || box.height === 0 || box.left < 0 || box.right > width + 0.5
      || style.visibility !== 'visible' || style.display === 'none';
  }).map(h => h.textContent);
  return {overflow: document.documentElement.scrollWidth - width,
          headings: document.querySelectorAll('h1, h2, h3, h4, h5, h6').length, hidden};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_no_horizontal_scroll_and_every_heading_visible(open_page: OpenPage, stem: str, width: int) -> None:
    layout = open_page(stem, width).evaluate(_LAYOUT)
    assert layout["overflow"] <= 0
    assert layout["headings"] > 1 and layout["hidden"] == []


_RUNIN = """() => [...document.querySelectorAll('section.runin')].map(s => {
  const heading = s.firstElementChild, next = heading.nextElementSibling;
  if (!next || next.tagName !== 'P') return null;
  const h = heading.getClientRects(), p = next.getClientRects(), last = h[h.length - 1];
  const lineEnd = s.getBoundingClientRect().right, em = parseFloat(getComputedStyle(s).fontSize);
  const sameLine = Math.abs(last.top - p[0].top) < 2 && last.right <= p[0].left + 1;
  const filledItsLine = last.right > lineEnd - 1.5 * em && p[0].top > last.top;
  return {text: heading.textContent, runIn: getComputedStyle(heading).display === 'inline'
          && (sameLine || filledItsLine)};
}).filter(Boolean)"""


@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_run_in_headings_open_their_paragraphs_line(open_page: OpenPage, pages: dict[str, str], stem: str) -> None:
    runs = open_page(stem, 375).evaluate(_RUNIN)
    if 'class="level-' not in pages[stem] or " runin" not in pages[stem]:
        assert runs == []
        return
    assert runs
    assert [r["text"] for r in runs if not r["runIn"]] == []


def test_skip_link_is_first_and_shows_when_focused(open_page: OpenPage) -> None:
    page = open_page(REPORT_STEMS[0], 375)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const a = document.activeElement, box = a.getBoundingClientRect();
        return {href: a.getAttribute('href'), top: box.top, left: box.left,
                outline: getComputedStyle(a).outlineStyle}; }""")
    assert focused["href"] == "#content"
    assert focused["top"] >= 0 and focused["left"] >= 0 and focused["outline"] != "none"


def test_table_region_scrolls_inside_itself_on_a_narrow_phone(open_page: OpenPage) -> None:
    page = open_page(CRAFTED_STEMS[0], 320)
    widths = page.evaluate("""() => [...document.querySelectorAll('.table-scroll')].map(r =>
        ({region: r.clientWidth, table: r.scrollWidth, overflow: getComputedStyle(r).overflowX}))""")
    assert widths and all(w["overflow"] == "auto" for w in widths)
    assert max(w["region"] for w in widths) <= 320
    assert any(w["table"] > w["region"] for w in widths), "no table is wider than a 320 px phone"


def test_page_reads_without_css(tmp_path: Path, browser: Browser) -> None:
    """With no stylesheet the document order alone carries it: title, then contents, then body."""
    stem = CRAFTED_STEMS[0]
    page_file = tmp_path / "bare.html"
    page_file.write_text(render_html(report_root(stem), PageLinks(stylesheet="")), encoding="utf-8")
    page = browser.new_page(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    try:
        page.goto(page_file.as_uri())
        order = page.evaluate("""() => [...document.querySelectorAll('h1, nav.toc, .report-body h2')]
            .map(e => e.getBoundingClientRect().top)""")
        assert order == sorted(order) and len(order) > 2
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        page.close()


def test_print_stylesheet_leaves_out_the_web_furniture(open_page: OpenPage) -> None:
    page = open_page(REPORT_STEMS[0], 1280)
    page.emulate_media(media="print")
    shown = page.evaluate("""() => ['.banner', '.breadcrumb', '.toc', '.downloads', 'main h1']
        .map(sel => getComputedStyle(document.querySelector(sel)).display !== 'none')""")
    assert shown == [False, False, False, False, True]


@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_title_breaks_only_between_department_year_and_kind(pages: dict[str, str], stem: str) -> None:
    root = report_root(stem)
    ns = "{urn:docforge:report:1}"
    h1 = lxml_html.fromstring(pages[stem]).find(".//h1")
    parts = [span.text for span in h1.iter("span")]
    assert "".join(parts) == h1.text_content() == root.findtext(f".//{ns}title")
    for phrase in filter(None, (root.findtext(f".//{ns}department"), root.findtext(f".//{ns}kind"))):
        assert phrase in parts or phrase not in h1.text_content()
