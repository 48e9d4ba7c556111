"""The published site as a citizen reads it: the index by year, kind and department, department
pages with their figures, search with filters, one header and footer, 关怀模式 across pages,
and axe in both modes at phone and desktop width."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html
from playwright.sync_api import Browser, Route

from docforge.publish.paths import department_folder, department_year_folder
from tests.browser import AXE_SCRIPT, axe_violations, chromium, serve
from tests.screenshots import publish_sample, sample_pages

pytestmark = pytest.mark.slow

SAMPLE_DEPARTMENT = "示例县农业农村局"
# What fixtures/site/ states, year by year: 预算数 and 决算数 in 万元.
SAMPLE_FIGURES = {
    2021: ("512.40", "498.36"),
    2022: ("538.10", "530.75"),
    2023: ("560.00", "541.18"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_sample(tmp_path_factory.mktemp("reading"), "--no-pdf").resolve()


@pytest.fixture(scope="module")
def catalog(site: Path) -> dict:
    return json.loads((site / "catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make install` (npm ci)")
    with chromium() as browser:
        yield browser


def _doc(site: Path, page: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / page).read_text(encoding="utf-8"))


# --- the index --------------------------------------------------------------------------------


def test_index_groups_by_year_then_kind_then_department_with_counts(
    site: Path, catalog: dict
) -> None:
    doc = _doc(site, "index.html")
    years = doc.findall(".//section[@class='year']")
    labels = [re.sub(r"（\d+份）", "", y.find("h2").text_content()) for y in years]
    assert labels == sorted(labels, reverse=True) and labels[0] == "2023年度"
    total = 0
    for year in years:
        count = int(re.search(r"（(\d+)份）", year.find("h2").text_content()).group(1))
        kinds = year.findall("section[@class='kind']")
        assert (
            kinds
            and sum(
                int(re.search(r"（(\d+)份）", k.find("h3").text_content()).group(1)) for k in kinds
            )
            == count
        )
        for kind in kinds:
            assert kind.find("h3").text_content().startswith("部门整体支出绩效报告")
            for dept in kind.findall("section[@class='department']"):
                entries = dept.findall(".//ul[@class='report-list']/li")
                assert int(
                    re.search(r"（(\d+)份）", dept.find("h4").text_content()).group(1)
                ) == len(entries)
                name = re.sub(r"（\d+份）", "", dept.find("h4").text_content())
                for entry in entries:
                    facts = entry.find("span").text_content()
                    assert facts.startswith(name) and "报告" in facts
                    assert name in entry.find("a").text_content(), "the entry names its department"
        total += count
    assert total == len(catalog["reports"])


def test_index_heading_names_the_kinds_it_lists(site: Path) -> None:
    assert _doc(site, "index.html").findtext(".//h1") == "部门整体支出绩效报告目录"


# --- department pages -------------------------------------------------------------------------


def test_department_page_lists_every_report_and_the_figures_by_year(site: Path) -> None:
    doc = _doc(site, f"{department_folder(SAMPLE_DEPARTMENT)}index.html")
    assert SAMPLE_DEPARTMENT in doc.findtext(".//h1")
    assert len(doc.findall(".//ul[@class='report-list']/li")) == len(SAMPLE_FIGURES)
    table = doc.find(".//table[@class='figures-table']")
    head = [th.text_content() for th in table.findall("thead/tr/th")]
    assert head[:3] == ["项目", "单位", "2021年"] and "2023年" in head and head.count("较上年") == 2
    rows = {
        tr.find("th").text_content(): [td.text_content() for td in tr.findall("td")]
        for tr in table.findall("tbody/tr")
    }
    budget, final = rows["预算数"], rows["决算数"]
    assert [budget[1], budget[2], budget[4]] == [SAMPLE_FIGURES[y][0] for y in (2021, 2022, 2023)]
    assert [final[1], final[2], final[4]] == [SAMPLE_FIGURES[y][1] for y in (2021, 2022, 2023)]
    assert budget[3] == "+25.70" and final[3] == "+32.39"
    assert rows["预算执行率"][1] == "97.26"


def test_department_chart_is_an_image_with_title_description_and_the_table_beside_it(
    site: Path,
) -> None:
    doc = _doc(site, f"{department_folder(SAMPLE_DEPARTMENT)}index.html")
    svg = next(doc.iter("svg"))
    assert svg.get("role") == "img"
    title, desc = (doc.get_element_by_id(i) for i in svg.get("aria-labelledby").split())
    assert title.tag == "title" and SAMPLE_DEPARTMENT in title.text
    assert desc.tag == "desc" and all(SAMPLE_FIGURES[y][0] in desc.text for y in SAMPLE_FIGURES)
    assert len(svg.findall(".//rect")) >= 2 * len(SAMPLE_FIGURES)
    assert (
        svg.getparent().tag == "figure" and doc.find(".//table[@class='figures-table']") is not None
    )


def test_department_year_page_shows_the_change_from_the_year_before(site: Path) -> None:
    doc = _doc(site, f"{department_year_folder(SAMPLE_DEPARTMENT, 2022)}index.html")
    assert [
        li.find("a").text_content() for li in doc.findall(".//ul[@class='report-list']/li")
    ] == [f"{SAMPLE_DEPARTMENT}2022年度部门整体支出绩效自评报告"]
    head = [th.text_content() for th in doc.findall(".//table[@class='figures-table']/thead/tr/th")]
    assert head == ["项目", "单位", "2021年", "2022年", "较上年"]
    crumbs = [
        li.text_content().replace("\u00a0›", "")
        for li in doc.findall(".//nav[@class='breadcrumb']//li")
    ]
    assert crumbs == ["首页", "2022年度", SAMPLE_DEPARTMENT]


def test_report_breadcrumb_leads_to_its_department_page(site: Path, catalog: dict) -> None:
    report = next(
        r for r in catalog["reports"] if r["department"] == SAMPLE_DEPARTMENT and r["year"] == 2022
    )
    doc = _doc(site, report["page"])
    links = doc.findall(".//nav[@class='breadcrumb']//a")
    assert [a.text_content() for a in links] == ["首页", "2022年度", SAMPLE_DEPARTMENT]
    target = (site / report["page"]).parent / links[-1].get("href")
    assert (
        target.resolve()
        == (site / department_year_folder(SAMPLE_DEPARTMENT, 2022) / "index.html").resolve()
    )


# --- one header and footer --------------------------------------------------------------------


def _chrome(site: Path, page: str) -> tuple[str, str]:
    doc = _doc(site, page)
    text = [
        re.sub(r"\s+", " ", doc.find(f".//{tag}").text_content()).strip()
        for tag in ("header", "footer")
    ]
    return text[0], text[1]


def test_every_page_has_the_same_header_and_footer(site: Path) -> None:
    pages = [
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts
    ]
    assert any(p.startswith("departments/") for p in pages) and "accessibility.html" in pages
    first = _chrome(site, "index.html")
    assert "关怀模式" in first[0] and "无障碍声明" in first[1]
    for page in pages:
        if 'http-equiv="refresh"' in (site / page).read_text(encoding="utf-8"):
            continue  # an old address that only redirects to the new one
        assert _chrome(site, page) == first, page
        doc = _doc(site, page)
        assert doc.find(".//header//form[@role='search']") is not None, page
        assert len(doc.findall(".//main//h1")) == 1, page


# --- in the browser ---------------------------------------------------------------------------


@pytest.mark.parametrize("care", [False, True], ids=["standard", "care"])
@pytest.mark.parametrize("width", (375, 1280))
@pytest.mark.parametrize("name", ["index", "report", "department", "search", "accessibility"])
def test_axe_finds_no_violation_in_either_mode(
    browser: Browser, site: Path, base: str, name: str, width: int, care: bool
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    if care:
        context.add_init_script("localStorage.setItem('docforge-care', '1')")
    try:
        page = context.new_page()
        page.goto(base + sample_pages(site)[name], wait_until="load")
        if name == "search":
            page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
        assert page.evaluate("document.documentElement.classList.contains('care')") == care
        assert axe_violations(page) == []
        assert (
            page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            <= 0
        )
    finally:
        context.close()


def test_care_mode_persists_across_the_site(browser: Browser, site: Path, base: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + "index.html")
        page.locator(".care-switch").click()
        for name in ("department", "report", "search", "accessibility"):
            page.goto(base + sample_pages(site)[name])
            assert page.evaluate("document.documentElement.classList.contains('care')"), name
            assert page.locator(".care-switch").get_attribute("aria-pressed") == "true", name
    finally:
        context.close()


def _titles(page) -> list[str]:
    """The title of each result (not of its sub-results: those are the page's headings)."""
    return page.evaluate("""() => [...document.querySelectorAll('.pagefind-ui__result')]
        .map(r => r.querySelector('.pagefind-ui__result-title').textContent.trim())""")


def _slug(href: str) -> str:
    """A result's report, by its readable address ``{year}/{department}/{kind}``."""
    return re.search(r"/((?:\d{4}|undated)/[^/]+/[^/]+)/", href).group(1)


def _results(page) -> list[str]:
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
    page.wait_for_timeout(1000)  # a search already under way settles before the links are read
    links = page.locator(".pagefind-ui__result-link")
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


def _results_when(page, holds: Callable[[list[str]], bool]) -> list[str]:
    """The results once they satisfy ``holds``, read until it does or 15 s have gone by (a
    search started by a click redraws the list when it is done, later under load)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        hrefs = _results(page)
        if hrefs and holds(hrefs):
            return hrefs
        page.wait_for_timeout(200)
    return []


def test_search_with_a_year_filter_returns_only_that_year(
    browser: Browser, base: str, catalog: dict
) -> None:
    year_of = {
        "/".join(v["page"].split("/")[:3]): r["year"]
        for r in catalog["reports"]
        for v in r["versions"]
    }
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base + "search.html?q=预算")
        everything = _results(page)
        assert len({year_of[_slug(h)] for h in everything}) > 1
        page.goto(base + "search.html?q=预算&年度=2022年度")
        filtered = _results(page)
        assert filtered and {year_of[_slug(h)] for h in filtered} == {2022}
        page.goto(base + "search.html?q=预算")
        _results(page)
        page.get_by_label(re.compile("^2021年度")).check()
        assert _results_when(page, lambda hrefs: {year_of[_slug(h)] for h in hrefs} == {2021})
    finally:
        page.close()


def _slow_filter_index(route: Route) -> None:
    time.sleep(0.3)
    route.continue_()


def test_search_filters_by_department_and_kind(browser: Browser, base: str) -> None:
    """A search with a filter in its address keeps every filter on offer, however the parts of
    the index arrive: with each filter part slow to come, as on a loaded server, Pagefind UI
    alone showed the 部门 filter only (the filtered search loads that part and answers first)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/pagefind/filter/*", _slow_filter_index)
    page = context.new_page()
    try:
        page.goto(base + f"search.html?q=预算&部门={SAMPLE_DEPARTMENT}")
        _results(page)
        titles = _titles(page)
        assert titles and all(SAMPLE_DEPARTMENT in t for t in titles)
        page.wait_for_timeout(1500)
        names = page.locator(".pagefind-ui__filter-name").all_text_contents()
        assert sorted(names) == sorted(["年度", "部门", "报告类型"])
        assert page.locator(f"input[name='部门'][value='{SAMPLE_DEPARTMENT}']").is_checked()
        # Waking the search box did not take the reader's focus.
        assert page.evaluate("document.activeElement === document.body")
    finally:
        context.close()


_EXCERPTS = """() => [...document.querySelectorAll('.pagefind-ui__result-excerpt')].map(e => ({
  text: e.textContent, marks: [...e.querySelectorAll('mark')].map(m => ({text: m.textContent,
    joined: (m.previousSibling === null || m.previousSibling.nodeType === 1 && m.previousSibling.tagName === 'MARK')
            || (m.nextSibling !== null && m.nextSibling.nodeType === 1 && m.nextSibling.tagName === 'MARK')}))}))"""


def test_search_excerpts_show_the_figure_and_mark_no_lone_character(
    browser: Browser, base: str
) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 900})
    try:
        page.goto(base + "search.html?q=预算执行率")
        _results(page)
        excerpts = page.evaluate(_EXCERPTS)
        assert max(len(e["text"]) for e in excerpts) >= 50
        assert any(re.search(r"\d+(\.\d+)?万元", e["text"]) for e in excerpts)
        lone = [
            m["text"]
            for e in excerpts
            for m in e["marks"]
            if len(m["text"]) == 1 and not m["joined"]
        ]
        assert lone == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        page.close()


def test_search_results_name_the_department(browser: Browser, base: str, catalog: dict) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base + "search.html?q=乐昌")
        _results(page)
        titles = _titles(page)
        departments = [r["department"] for r in catalog["reports"] if r["department"]]
        assert titles and all(any(d in t for d in departments) for t in titles)
    finally:
        page.close()


def test_header_search_box_opens_the_results(browser: Browser, site: Path, base: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 900})
    try:
        page.goto(base + sample_pages(site)["report"])
        page.locator("#site-q").fill("三公")
        page.locator("#site-q").press("Enter")
        page.wait_for_url(re.compile(r"search\.html\?q="))
        assert _results(page)
    finally:
        page.close()
