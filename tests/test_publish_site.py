"""``docforge publish`` of the sample: the site in a real browser, search, and a no-op rerun."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html

from docforge.model.xml import parse_report, q, validation_errors
from docforge.publish.job import pdf_renderer
from docforge.publish.site import location_label, tree_digest
from docforge.render.report_view import display_title
from tests.conftest import SEED_STEMS, seed
from tests.html_structure import structure_problems
from tests.publish_support import (
    PUBLISH_ALL,
    archive_problems,
    catalog_rows,
    publish,
    site_problems,
)

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample, one text file per seed report, published once into a fresh folder."""
    base = tmp_path_factory.mktemp("publish")
    incoming = base / "incoming"
    incoming.mkdir()
    for stem in SEED_STEMS:
        shutil.copy(seed(stem), incoming / f"{stem}.txt")
    result = publish(incoming, base / "site", base / "archive", *PUBLISH_ALL)
    assert result.returncode == 0, result.stdout + result.stderr
    return {
        "incoming": incoming,
        "site": base / "site",
        "archive": base / "archive",
        "stdout": result.stdout,
    }


@pytest.fixture(scope="module")
def server(published: dict[str, Path]) -> Iterator[str]:
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(published["site"].resolve())
    )
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (make install adds the Debian package)")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_index_report_downloads_in_a_browser(
    published: dict[str, Path], server: str, browser
) -> None:
    page = browser.new_page(accept_downloads=True)
    page.goto(server + "index.html")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    links = page.locator("main ul.report-list a")
    assert links.count() == len(SEED_STEMS)
    title = links.first.inner_text()
    links.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    xml_href = page.get_by_role("link", name="下载XML").get_attribute("href")
    response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + xml_href)
    assert response.ok
    root = parse_report(response.body()).getroot()
    assert validation_errors(root) == []
    meta = root.find(q("meta"))
    # The index and the page name the department even where the report's own title does not.
    assert display_title(meta.findtext(q("title")), meta.findtext(q("department"))) == title
    pdf_links = page.get_by_role("link", name="下载PDF")
    assert pdf_renderer() is not None, "make install provides WeasyPrint and Pango"
    with page.expect_download() as download_info:
        page.evaluate(
            "href => { const a = document.createElement('a'); a.href = href;"
            " a.download = 'report.pdf'; document.body.append(a); a.click(); }",
            pdf_links.first.get_attribute("href"),
        )
    assert Path(download_info.value.path()).read_bytes()[:5] == b"%PDF-"
    page.close()


def test_search_finds_a_seed_by_a_chinese_term(
    published: dict[str, Path], server: str, browser
) -> None:
    catalog = json.loads((published["site"] / "catalog.json").read_text(encoding="utf-8"))
    wanted = next(r for r in catalog["reports"] if r["department"] and "常宁" in r["department"])
    page = browser.new_page()
    page.goto(server + "search.html?q=" + "常宁")
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    address = wanted["page"].removesuffix("index.html")
    assert any(href.endswith(address) for href in hrefs), hrefs
    results.first.click()
    page.wait_for_load_state()
    assert "常宁" in page.locator("h1").inner_text()
    page.close()


def test_every_page_keeps_the_structure_contract(published: dict[str, Path]) -> None:
    site = published["site"]
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) >= 3 * len(SEED_STEMS) + 2
    for page in pages:
        doc = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        assert doc.get("lang") == "zh-CN", page
        assert len(doc.findall(".//main//h1")) == 1, page
        if page.name == "index.html" and (page.parent / "report.xml").exists():
            assert structure_problems(page.read_text(encoding="utf-8")) == [], page


def test_conversion_report_lists_every_change(published: dict[str, Path]) -> None:
    site, archive = published["site"], published["archive"]
    for slug, number, xml_sha in catalog_rows(
        archive,
        "SELECT r.slug, v.number, v.xml_sha256 FROM versions v"
        " JOIN reports r ON r.id = v.report_id",
    ):
        root = parse_report(archive / "xml" / xml_sha[:2] / f"{xml_sha}.xml").getroot()
        changes = list(root.iter(q("change")))
        page = lxml_html.fromstring(
            (site / "_review" / slug / f"v{number}" / "index.html").read_text(encoding="utf-8")
        )
        # grouped by kind on the page; the first cell numbers each change in the log's order
        rows = sorted(
            page.findall(".//table[@class='changes']/tbody/tr"),
            key=lambda row: int(row.findall("td")[0].text_content()),
        )
        assert len(rows) == len(changes)
        for row, change in zip(rows, changes, strict=True):
            cells = [c.text_content() for c in row.findall("td")]
            assert row.findall("td")[1].findtext("code") == change.get("kind")
            assert any("\u4e00" <= ch <= "\u9fff" for ch in cells[1]), (
                "the kind is not named in Chinese"
            )
            assert cells[3] == (change.findtext(q("before")) or "")
            assert cells[4] in (change.findtext(q("after")) or "（删除）", "（删除）")
        assert len(page.findall(".//ul[@class='warnings']/li")) == len(
            list(root.iter(q("warning")))
        )


def test_open_data_and_sitemap(published: dict[str, Path]) -> None:
    site = published["site"]
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert len(catalog["reports"]) == len(SEED_STEMS)
    csv_lines = (site / "catalog.csv").read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(csv_lines) == 1 + len(SEED_STEMS)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for report in catalog["reports"]:
        assert "/" + report["page"].removesuffix("index.html") + "</loc>" in sitemap


def test_rerun_with_nothing_changed_converts_nothing(published: dict[str, Path]) -> None:
    site, archive = published["site"], published["archive"]
    build_before = site.resolve()
    result = publish(published["incoming"], site, archive, *PUBLISH_ALL)
    assert result.returncode == 0, result.stderr
    assert re.search(r"发布完成，用时 [0-9.]+ 秒（网站无变化）", result.stdout)
    last_run = catalog_rows(
        archive, "SELECT converted, unchanged, failed FROM runs ORDER BY id DESC LIMIT 1"
    )
    assert last_run == [(0, len(SEED_STEMS), 0)]
    assert catalog_rows(archive, "SELECT COUNT(*) FROM versions") == [(len(SEED_STEMS),)]
    assert site.resolve() == build_before
    assert site_problems(site) == [] and archive_problems(archive) == []


@pytest.mark.parametrize(
    ("src", "words"),
    [
        ("l36", "第36行"),
        ("p3 l5-7", "第3页 第5–7行"),
        ("para12", "第12段"),
        ("", ""),
        ("sheet2!B4", "sheet2!B4"),
    ],
)
def test_change_locations_read_as_words(src: str, words: str) -> None:
    assert location_label(src) == words


def test_site_fingerprint_covers_every_module_of_the_package(tmp_path: Path) -> None:
    """An edit anywhere in the package (here: the renderer) must rebuild the site."""
    package = Path(__file__).resolve().parents[1] / "docforge"
    copy = tmp_path / "docforge"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = tree_digest(copy)
    renderer = copy / "render" / "html.py"
    renderer.write_text(renderer.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert tree_digest(copy) != before
