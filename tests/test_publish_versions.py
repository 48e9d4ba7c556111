"""Versions: a report, its corrected version, then a broken file claiming to be it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.conftest import SEED_STEMS, seed
from tests.publish_support import (
    archive_problems,
    catalog_rows,
    catalog_versions,
    publish,
    report_folder,
    site_problems,
    site_versions,
)
from tests.test_cli import docforge

pytestmark = pytest.mark.slow

ORIGINAL = "全年组织各类协商活动不少于8次"
CORRECTED = "全年组织各类协商活动不少于10次"


def page(path: Path) -> lxml_html.HtmlElement:
    """A page by its file or, as links name it, its folder."""
    if path.is_dir():
        path = path / "index.html"
    return lxml_html.fromstring(path.read_text(encoding="utf-8"))


def test_corrected_version_replaces_the_first_and_a_broken_file_harms_neither(
    tmp_path: Path,
) -> None:
    incoming, site, archive = tmp_path / "incoming", tmp_path / "site", tmp_path / "archive"
    incoming.mkdir()
    report_file = incoming / "report.txt"
    text = seed(SEED_STEMS[0]).read_text(encoding="utf-8")
    assert ORIGINAL in text
    report_file.write_text(text, encoding="utf-8")
    assert publish(incoming, site, archive, "--no-pdf").returncode == 0

    report_file.write_text(text.replace(ORIGINAL, CORRECTED), encoding="utf-8")
    second = publish(incoming, site, archive, "--no-pdf")
    assert second.returncode == 0, second.stderr
    assert catalog_rows(archive, "SELECT COUNT(*), MAX(number) FROM versions") == [(2, 2)]
    good_site = site_versions(site)

    report_file.write_bytes(os.urandom(4096))
    third = publish(incoming, site, archive, "--no-pdf")
    assert third.returncode == 1
    assert "report.txt" in third.stderr
    assert catalog_rows(archive, "SELECT COUNT(*) FROM failures") == [(1,)]

    assert catalog_rows(archive, "SELECT COUNT(*) FROM versions") == [(2,)]
    assert site_versions(site) == good_site == catalog_versions(archive)
    assert site_problems(site) == [] and archive_problems(archive) == []
    [(slug,)] = catalog_rows(archive, "SELECT slug FROM reports")
    folder = report_folder(site, archive, slug)
    latest = page(folder / "index.html")
    body = latest.find(".//main").text_content()
    assert CORRECTED in body and ORIGINAL not in body
    versions = latest.find(".//section[@class='versions']")
    first_link = versions.xpath(".//a[normalize-space()='第1版']")
    assert first_link, "the first version is not listed"
    assert versions.xpath(".//time[starts-with(@datetime, '20')]")
    first = page(folder / first_link[0].get("href"))
    assert ORIGINAL in first.find(".//main").text_content()
    banner = first.find(".//main/p[@class='version-banner']")
    assert banner is not None and "此为历史版本" in banner.text_content()
    first_folder = folder / first_link[0].get("href")
    assert (first_folder / banner.find("a").get("href")).resolve() == folder.resolve()
    notes = [td.text_content() for td in versions.xpath(".//tbody/tr/td[3]")]
    assert notes[0].startswith("与第1版相比") and "改动 1 处" in notes[0], notes
    index = page(site / "index.html").find(".//main").text_content()
    assert "第2版" in index

    listed = docforge("archive", "list", "--archive", str(archive))
    assert listed.returncode == 0 and listed.stdout.startswith(slug) and "\tv2\t" in listed.stdout
    shown = docforge("archive", "show", slug, "--archive", str(archive))
    assert shown.returncode == 0
    assert [line.split()[0] for line in shown.stdout.splitlines() if line[:1] == "v"] == [
        "v1",
        "v2",
    ]
    missing = docforge("archive", "show", "no-such-report", "--archive", str(archive))
    assert missing.returncode == 1 and "no-such-report" in missing.stderr
