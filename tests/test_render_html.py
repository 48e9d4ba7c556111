"""The published HTML page: its markup, and the page as Debian's chromium shows it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html
from playwright.sync_api import Browser, Page

from docforge.render.html import DEFAULT_PORTAL_NAME, PageLinks, VersionLink, render_html
from docforge.render.report_view import display_title, phrases, read_report_view
from tests.browser import AXE_SCRIPT, axe_violations, chromium, serve
from tests.conftest import SEED_STEMS
from tests.html_structure import structure_problems
from tests.render_fixtures import CRAFTED_STEMS, REPORT_STEMS, report_root, write_site

pytestmark = pytest.mark.slow

WIDTHS = (320, 375, 1280)
OpenPage = Callable[..., Page]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    links = {
        stem: PageLinks(pdf=f"{stem}.pdf", xml=f"{stem}.xml", home="index.html")
        for stem in REPORT_STEMS
    }
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
def test_sections_are_labelled_by_headings_with_stable_ids(
    pages: dict[str, str], stem: str
) -> None:
    doc = lxml_html.fromstring(pages[stem])
    sections = doc.findall(".//div[@class='report-body']//section")
    assert sections
    for section in sections:
        heading = doc.get_element_by_id(section.get("aria-labelledby"))
        assert heading.getparent() is section and heading.tag in {"h2", "h3", "h4", "h5", "h6"}
    toc_targets = [a.get("href")[1:] for a in doc.find(".//nav[@class='toc']").iter("a")]
    assert toc_targets == [s.get("id") for s in sections]
    again = lxml_html.fromstring(render_html(report_root(stem), PageLinks()))
    assert [h.get("id") for h in again.iter("h2", "h3", "h4", "h5", "h6")][1:] == [
        h.get("id") for h in doc.iter("h2", "h3", "h4", "h5", "h6")
    ][1:]


@pytest.mark.parametrize("stem", CRAFTED_STEMS)
def test_tables_have_captions_scoped_headers_and_a_focusable_region(
    pages: dict[str, str], stem: str
) -> None:
    doc = lxml_html.fromstring(pages[stem])
    tables = list(doc.iter("table"))
    assert tables
    for table in tables:
        region = table.getparent()
        assert (
            region.get("role") == "region"
            and region.get("tabindex") == "0"
            and region.get("aria-label")
        )
        assert table.find("caption") is not None
        for th in table.iter("th"):
            in_head = th.getparent().getparent().tag == "thead"
            assert th.get("scope") == ("col" if in_head else "row")


# --- in the browser -------------------------------------------------------------------------


@pytest.mark.parametrize("care", [False, True], ids=["standard", "care"])
@pytest.mark.parametrize("width", (375, 1280))
@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_axe_finds_no_wcag_21_aa_violation(
    open_page: OpenPage, stem: str, width: int, care: bool
) -> None:
    page = open_page(stem, width)
    if care:
        page.locator(".care-switch").click()
        assert page.evaluate("document.documentElement.classList.contains('care')")
    assert axe_violations(page) == []


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
def test_no_horizontal_scroll_and_every_heading_visible(
    open_page: OpenPage, stem: str, width: int
) -> None:
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
def test_run_in_headings_open_their_paragraphs_line(
    open_page: OpenPage, pages: dict[str, str], stem: str
) -> None:
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
def test_title_breaks_only_between_department_year_and_kind(
    pages: dict[str, str], stem: str
) -> None:
    root = report_root(stem)
    ns = "{urn:docforge:report:1}"
    title, department = root.findtext(f".//{ns}title"), root.findtext(f".//{ns}department")
    h1 = lxml_html.fromstring(pages[stem]).find(".//h1")
    parts = [span.text_content().strip() for span in h1.iter("span")]
    assert (
        "".join(parts)
        == h1.text_content().replace(" ", "")
        == display_title(title, department).replace(" ", "")
    )
    for phrase in filter(None, (department, root.findtext(f".//{ns}kind"))):
        assert phrase in parts or phrase not in h1.text_content()


@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_h1_and_title_always_name_the_department(pages: dict[str, str], stem: str) -> None:
    root = report_root(stem)
    department = root.findtext(".//{urn:docforge:report:1}department")
    doc = lxml_html.fromstring(pages[stem])
    assert department
    assert department in doc.find(".//h1").text_content()
    assert doc.findtext(".//title").startswith(doc.find(".//h1").text_content().strip())
    assert doc.findtext(".//title").endswith(f" - {DEFAULT_PORTAL_NAME}")


def test_a_title_without_the_department_is_led_by_it() -> None:
    assert (
        display_title("2022年度部门整体支出绩效自评报告", "乐昌市政协")
        == "乐昌市政协 2022年度部门整体支出绩效自评报告"
    )
    assert display_title("乐昌市政协2022年度报告", "乐昌市政协") == "乐昌市政协2022年度报告"
    assert display_title("2022年度报告", None) == "2022年度报告"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "中国人民政治协商会议常宁市委员会办公室",
            ["中国人民政治协商会议", "常宁市", "委员会", "办公室"],
        ),
        ("部门整体支出绩效自评报告", ["部门", "整体", "支出", "绩效", "自评", "报告"]),
        ("自治区政协办公厅", ["自治区", "政协办公厅"]),
        ("2020年度", ["2020年度"]),
    ],
)
def test_title_phrases_keep_words_whole(text: str, expected: list[str]) -> None:
    assert phrases(text) == expected


_TITLE_LINES = """() => {
  const h1 = document.querySelector('h1'), range = document.createRange(), lines = new Map();
  const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (!box.width) continue;
      const top = Math.round(box.top);
      lines.set(top, (lines.get(top) || '') + node.data[i]);
    }
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(e => e[1].trim());
}"""


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_long_titles_break_between_phrases_on_a_phone(open_page: OpenPage, stem: str) -> None:
    view = read_report_view(report_root(stem))
    allowed, at = set(), 0
    for phrase in view.heading_phrases:
        at += len(phrase.replace(" ", ""))
        allowed.add(at)
    lines = open_page(stem, 375).evaluate(_TITLE_LINES)
    ends, at = set(), 0
    for line in lines:
        at += len(line.replace(" ", ""))
        ends.add(at)
    assert "".join(lines).replace(" ", "") == view.display_title.replace(" ", "")
    assert ends <= allowed, lines


_BREADCRUMB = """() => [...document.querySelectorAll('.breadcrumb li')].map(li => ({
  before: getComputedStyle(li, '::before').content, after: getComputedStyle(li, '::after').content}))"""


def test_breadcrumb_reads_home_year_department_and_never_starts_a_line_with_its_separator(
    open_page: OpenPage, pages: dict[str, str]
) -> None:
    stem = next(s for s in SEED_STEMS if s.startswith("000"))
    crumbs = [
        li.text_content()
        for li in lxml_html.fromstring(pages[stem]).findall(".//nav[@class='breadcrumb']//li")
    ]
    root = report_root(stem)
    assert crumbs == [
        "首页",
        f"{root.findtext('.//{urn:docforge:report:1}year')}年度",
        root.findtext(".//{urn:docforge:report:1}department"),
    ]
    # The separator ends the item before it, glued by a no-break space: a wrapped line starts
    # with an item's own words, never with a lone ›.
    items = open_page(stem, 320).evaluate(_BREADCRUMB)
    assert [i["before"] for i in items] == ["none"] * len(items)
    assert all("›" in i["after"] and "\u00a0" in i["after"] for i in items[:-1])
    assert "›" not in items[-1]["after"]


# --- contents, back to top, 关怀模式 ----------------------------------------------------------


def _depth(li) -> int:
    return sum(1 for a in li.iterancestors("li"))


@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_contents_show_two_levels_and_fold_the_rest(pages: dict[str, str], stem: str) -> None:
    toc = lxml_html.fromstring(pages[stem]).find(".//nav[@class='toc']")
    assert toc.find("details/summary").text_content() == "目录"
    for li in toc.iter("li"):
        folded = any(d.get("class") == "toc-more" for d in li.iterancestors("details"))
        assert folded == (_depth(li) >= 2), li.text_content()[:20]


_TOC_STATE = """() => {
  const toc = document.querySelector('nav.toc'), first = toc.querySelector('.toc-box > ol > li > a');
  const box = first.getBoundingClientRect(), body = document.querySelector('.report-body h2').getBoundingClientRect();
  const visible = a => a.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true});
  return {firstVisible: visible(first), beside: box.right <= body.left, above: toc.getBoundingClientRect().bottom <= body.top,
          sticky: getComputedStyle(toc).position,
          deepVisible: [...toc.querySelectorAll('.toc-more a')].filter(visible).length,
          deep: toc.querySelectorAll('.toc-more a').length};
}"""


def test_contents_fold_above_the_text_on_a_phone_and_stand_beside_it_on_a_desktop(
    open_page: OpenPage,
) -> None:
    stem = next(s for s in SEED_STEMS if s.startswith("004"))
    phone = open_page(stem, 375).evaluate(_TOC_STATE)
    assert not phone["firstVisible"] and phone["above"] and phone["sticky"] != "sticky"
    desktop = open_page(stem, 1280).evaluate(_TOC_STATE)
    assert desktop["firstVisible"] and desktop["beside"] and desktop["sticky"] == "sticky"
    assert desktop["deep"] > 0 and desktop["deepVisible"] == 0


def test_contents_expand_and_collapse(open_page: OpenPage) -> None:
    stem = next(s for s in SEED_STEMS if s.startswith("004"))
    page = open_page(stem, 375)
    summary = page.locator(".toc-box > summary")
    first = page.locator(".toc-box > ol > li > a").first
    assert not first.is_visible()
    summary.click()
    assert first.is_visible()
    more = page.locator(".toc-more").first
    deep = more.locator("a").first
    assert not deep.is_visible()
    more.locator("summary").click()
    assert deep.is_visible()
    more.locator("summary").click()
    assert not deep.is_visible()
    summary.click()
    assert not first.is_visible()


def test_contents_stand_open_on_a_desktop_without_javascript(
    tmp_path: Path, browser: Browser
) -> None:
    stem = next(s for s in SEED_STEMS if s.startswith("004"))
    site = write_site(tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    try:
        page.goto((site / f"{stem}.html").as_uri())
        assert page.locator(".toc-box > ol > li > a").first.is_visible()
        assert not page.locator(".care-switch").is_visible(), "a switch that cannot work is hidden"
    finally:
        page.close()


def test_back_to_top_returns_to_the_header(open_page: OpenPage) -> None:
    page = open_page(REPORT_STEMS[0], 375)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.locator(".back-to-top a").click()
    page.wait_for_function("window.scrollY === 0")


def test_header_search_box_goes_to_the_search_page(pages: dict[str, str]) -> None:
    form = lxml_html.fromstring(pages[REPORT_STEMS[0]]).find(".//header//form")
    assert form.get("action") == "search.html" and form.get("role") == "search"
    assert form.find(".//input").get("name") == "q"


_CARE_LOOK = """() => { const s = getComputedStyle(document.querySelector('.report-body p'));
  const a = getComputedStyle(document.querySelector('.report-body a, .downloads a'));
  return {size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight), color: s.color,
          underline: a.textDecorationLine}; }"""


def test_care_mode_is_larger_darker_wider_and_underlined(open_page: OpenPage) -> None:
    stem = REPORT_STEMS[0]
    page = open_page(stem, 375)
    plain = page.evaluate(_CARE_LOOK)
    page.locator(".care-switch").click()
    assert page.locator(".care-switch").get_attribute("aria-pressed") == "true"
    care = page.evaluate(_CARE_LOOK)
    assert care["size"] >= plain["size"] * 1.2
    assert care["line"] / care["size"] > plain["line"] / plain["size"]
    assert care["color"] == "rgb(0, 0, 0)" and care["underline"] == "underline"


def test_care_mode_persists_across_pages(open_page: OpenPage) -> None:
    first, second = REPORT_STEMS[0], REPORT_STEMS[1]
    page = open_page(first, 1280)
    page.locator(".care-switch").click()
    page.goto(page.url.replace(first, second))
    assert page.evaluate("document.documentElement.classList.contains('care')")
    assert page.locator(".care-switch").get_attribute("aria-pressed") == "true"
    page.locator(".care-switch").click()
    page.goto(page.url.replace(second, first))
    assert not page.evaluate("document.documentElement.classList.contains('care')")


def test_version_list_is_not_set_larger_than_the_section_headings(
    tmp_path: Path, browser: Browser
) -> None:
    links = PageLinks(
        home="index.html",
        versions=(
            VersionLink(1, "2024-01-02T03:04:05Z", "v1/index.html", "v1/conversion.html"),
            VersionLink(
                2, "2024-02-02T03:04:05Z", "v2/index.html", "v2/conversion.html", current=True
            ),
        ),
    )
    site = write_site(tmp_path)
    page_file = site / "versions.html"
    page_file.write_text(render_html(report_root(REPORT_STEMS[0]), links), encoding="utf-8")
    page = browser.new_page(viewport={"width": 375, "height": 800})
    try:
        page.goto(page_file.as_uri())
        sizes = page.evaluate("""() => ({versions: parseFloat(getComputedStyle(document.querySelector('#versions-title')).fontSize),
            section: parseFloat(getComputedStyle(document.querySelector('.report-body h2')).fontSize)})""")
        assert sizes["versions"] <= sizes["section"]
    finally:
        page.close()
