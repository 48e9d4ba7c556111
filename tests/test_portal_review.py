"""The portal as its editor runs it, in a real browser: review before going live, approval with a
corrected year, withdrawal, a second version, readable addresses and the site's own settings.

The sample: one complete report (live at once), one without a year and one with figure errors
(both held).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from tests.conftest import FIXTURES, ROOT, seed
from tests.publish_support import catalog_rows, publish, site_problems, subprocess_env

CONFIG = FIXTURES / "portal" / "site.toml"
BASE_URL = "https://jxgk.example.gov.cn/portal/"
COMPLETE = "001_b543688848e45de6"  # 大祥区…2022年度…整体支出绩效评价报告, no figure errors
WITH_ERRORS = "004_61b0b8f1dd07b1cd"  # states 481.39 元 where 万元 is meant
NO_YEAR = FIXTURES / "portal" / "no_year.txt"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def docforge(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docforge.cli", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=subprocess_env(),
        cwd=ROOT,
    )


@dataclass
class Portal:
    incoming: Path
    site: Path
    archive: Path

    @property
    def options(self) -> tuple[str, ...]:
        return ("--site", str(self.site), "--archive", str(self.archive), "--config", str(CONFIG))

    def slug(self, like: str) -> str:
        [(slug,)] = catalog_rows(
            self.archive,
            "SELECT r.slug FROM reports r JOIN versions v"
            " ON v.report_id = r.id JOIN sources s ON"
            f" s.sha256 = v.source_sha256 WHERE s.file_name LIKE '{like}%'"
            " GROUP BY r.slug",
        )
        return slug

    def address(self, slug: str) -> str | None:
        [(address,)] = catalog_rows(
            self.archive, f"SELECT address FROM reports WHERE slug = '{slug}'"
        )
        return address

    def sitemap(self) -> list[str]:
        root = etree.parse(str(self.site / "sitemap.xml")).getroot()
        return [loc.text for loc in root.iter(f"{SITEMAP}loc")]

    def index_links(self) -> list[str]:
        doc = lxml_html.fromstring((self.site / "index.html").read_text(encoding="utf-8"))
        return [a.get("href") for a in doc.xpath("//main//ul[@class='report-list']//a")]


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Portal:
    base = tmp_path_factory.mktemp("portal")
    incoming = base / "incoming"
    incoming.mkdir()
    shutil.copy(seed(COMPLETE), incoming / "complete.txt")
    shutil.copy(seed(WITH_ERRORS), incoming / "errors.txt")
    shutil.copy(NO_YEAR, incoming / "no_year.txt")
    portal = Portal(incoming, base / "site", base / "archive")
    result = publish(incoming, portal.site, portal.archive, "--no-pdf", "--config", str(CONFIG))
    assert result.returncode == 0, result.stdout + result.stderr
    return portal


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from tests.browser import chromium

    with chromium() as chrome:
        yield chrome


def served(portal: Portal):
    from tests.browser import serve

    return serve(portal.site.absolute())  # the link, as a web server sees each switch


def test_review_approve_withdraw_and_a_second_version(portal: Portal, browser) -> None:
    complete, held_year, held_errors = (
        portal.slug("complete"),
        portal.slug("no_year"),
        portal.slug("errors"),
    )
    live = portal.address(complete)
    assert live == "2022/daxiangquzhengzhixieshanghuiyiweiyuanhui/zhengti-jixiao"
    assert portal.address(held_year) is None and portal.address(held_errors) is None
    assert portal.index_links() == [live + "/"]
    assert portal.sitemap() == [BASE_URL, BASE_URL + live + "/", BASE_URL + live + "/v1/"]

    listed = docforge("review", "list", "--archive", str(portal.archive))
    assert listed.returncode == 0, listed.stderr
    rows = {line.split("\t")[0]: line for line in listed.stdout.splitlines()}
    assert set(rows) == {held_year, held_errors}
    assert "未识别出年度" in rows[held_year] and "数字核对发现 5 处错误" in rows[held_errors]

    with served(portal) as base:
        page = browser.new_page()
        page.goto(base + "_review/index.html")
        assert page.locator("meta[name=robots]").get_attribute("content").startswith("noindex")
        held = page.locator("table.held tbody tr")
        assert sorted(
            held.nth(i).get_attribute("data-report") for i in range(held.count())
        ) == sorted([held_year, held_errors])
        assert "未识别出年度" in page.locator(f"tr[data-report='{held_year}']").inner_text()
        # the editor's pages are linked from nowhere public
        page.goto(base + "index.html")
        assert page.locator("a[href*='_review']").count() == 0
        page.goto(base + live + "/")
        assert page.locator("a[href*='_review']").count() == 0
        assert "complete.txt" not in page.content()
        source = page.get_by_role("link", name=re.compile(r"\.txt$"))
        assert (
            source.get_attribute("download")
            == "2022年度大祥区政治协商会议委员会整体支出绩效评价报告.txt"
        )
        assert (
            page.request.get(page.url + source.get_attribute("href")).body()
            == (portal.incoming / "complete.txt").read_bytes()
        )
        # the old hash address leads to the readable one
        page.goto(base + f"reports/{complete}/")
        page.wait_for_url(base + live + "/")

        approved = docforge(
            "review",
            "approve",
            held_year,
            "--year",
            "2021",
            "--note",
            "年度据报送函确认",
            *portal.options,
        )
        assert approved.returncode == 0, approved.stderr
        new_address = portal.address(held_year)
        assert new_address == "2021/shifanquwenhualvyouju/zhengti-jixiao"
        assert BASE_URL + new_address + "/" in approved.stdout
        page.goto(base + new_address + "/")
        assert page.locator("h1").inner_text() == "示范区文化旅游局部门整体支出绩效评价报告"
        assert sorted(portal.index_links()) == sorted([live + "/", new_address + "/"])
        assert BASE_URL + new_address + "/" in portal.sitemap()
        assert _search(page, base, "游客 文物") == [new_address + "/"]

        withdrawn = docforge(
            "withdraw", held_year, "--reason", "报告数据有误，更正后重新发布", *portal.options
        )
        assert withdrawn.returncode == 0, withdrawn.stderr
        page.goto(base + new_address + "/")
        notice = page.locator("main").inner_text()
        assert "本报告已撤回" in notice and "报告数据有误，更正后重新发布" in notice
        assert re.search(r"撤回日期\s*20\d\d-\d\d-\d\d", notice)
        assert portal.index_links() == [live + "/"]
        assert not any(new_address in url for url in portal.sitemap())
        assert new_address + "/" not in _search(page, base, "游客 文物")
        assert _search(page, base, "大祥区") == [live + "/"]
        assert held_year in (portal.site / "_review" / "index.html").read_text(encoding="utf-8")

        corrected = portal.incoming / "complete.txt"
        corrected.write_text(
            corrected.read_text(encoding="utf-8") + "\n（本版更正了一处笔误。）\n", encoding="utf-8"
        )
        second = publish(
            portal.incoming,
            portal.site,
            portal.archive,
            "--no-pdf",
            "--config",
            str(CONFIG),
            "--note",
            "更正笔误",
        )
        assert second.returncode == 0, second.stderr
        assert portal.address(complete) == live
        page.goto(base + live + "/v1/")
        banner = page.locator("main p.version-banner")
        assert banner.inner_text().startswith("此为历史版本")
        banner.get_by_role("link", name="查看最新版本").click()
        page.wait_for_url(base + live + "/")
        assert "本版更正了一处笔误" in page.locator("main").inner_text()
        assert "更正笔误" in page.locator("section.versions").inner_text()
        assert page.locator("main p.version-banner").count() == 0
        page.close()
    assert site_problems(portal.site) == []


def _search(page, base: str, term: str) -> list[str]:
    """The pages Pagefind finds for ``term``, relative to the site (the index readers search)."""
    page.goto(base + "search.html")
    urls = page.evaluate(
        """async (term) => {
        const pagefind = await import("./pagefind/pagefind.js");
        const found = await pagefind.search(term);
        const data = await Promise.all(found.results.map(r => r.data()));
        return data.map(d => d.url);
    }""",
        term,
    )
    return sorted(url.removeprefix("/") for url in urls)


def test_site_settings_reach_footer_titles_and_canonical_links(portal: Portal, browser) -> None:
    live = portal.address(portal.slug("complete"))
    with served(portal) as base:
        page = browser.new_page()
        for path in ("index.html", live + "/", "search.html"):
            page.goto(base + path)
            assert page.title().endswith(" - 测试市部门绩效信息公开平台"), page.title()
            footer = page.locator("footer").inner_text()
            # The footer lists each setting under its label (主办单位 / 测试市财政局 …).
            for value in (
                "主办单位\n测试市财政局",
                "承办单位\n测试市大数据中心",
                "网站标识码\n4399000001",
                "测ICP备12345678号",
                "测公网安备 43990002000001号",
                "电话 0000-12345678",
            ):
                assert value in footer, (path, footer)
            assert "docforge" not in footer
        page.goto(base + live + "/")
        assert page.locator("link[rel=canonical]").get_attribute("href") == BASE_URL + live + "/"
        assert (
            page.get_by_role("link", name="测ICP备12345678号").get_attribute("href")
            == "https://beian.miit.gov.cn/"
        )
        page.close()
    robots = (portal.site / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /_review/" in robots and f"Sitemap: {BASE_URL}sitemap.xml" in robots


def test_a_bad_site_toml_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "site.toml"
    bad.write_text('name = "平台"\nbase_url = "jxgk.example.gov.cn"\n', encoding="utf-8")
    result = docforge(
        "publish",
        str(FIXTURES / "incoming"),
        "--site",
        str(tmp_path / "site"),
        "--archive",
        str(tmp_path / "archive"),
        "--config",
        str(bad),
    )
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert str(bad) in line and "base_url" in line and "http://" in line
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "archive").exists() and not (tmp_path / "site").exists()
