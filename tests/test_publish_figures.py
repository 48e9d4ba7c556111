"""The figure checks reach the publisher and the public: conversion pages, open data, ``--strict``."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.conftest import seed
from tests.publish_support import catalog_rows, publish

pytestmark = pytest.mark.slow

WITH_ERRORS = "004_61b0b8f1dd07b1cd"  # states 481.39 元 where 万元 is meant
CLEAN = "002_af78986763f59c3a"  # no figure finding at all (001 now has notes: sections it lacks)
CLEAN_TITLE = "2021年度部门整体支出绩效评价报告"


WARNING_ONLY = """某某县示例局2024年度部门整体支出绩效自评报告

一、部门基本情况

本部门负责全县示例工作。

二、绩效情况

本年支出合计307.82万元，其中：基本支出105.58万元，占43.30%；项目支出202.24万元，占65.70%。
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("figures")
    incoming, site, archive = root / "incoming", root / "site", root / "archive"
    incoming.mkdir()
    for stem in (WITH_ERRORS, CLEAN):
        shutil.copy(seed(stem), incoming / f"{stem}.txt")
    # Both go live (this site lets reports with figure errors through), so both are in open data.
    config = root / "site.toml"
    config.write_text("[review]\nhold_on_errors = false\n", encoding="utf-8")
    result = publish(incoming, site, archive, "--no-pdf", "--config", str(config))
    assert result.returncode == 0, result.stderr
    return site, archive


def test_conversion_page_lists_the_figure_findings(published: tuple[Path, Path]) -> None:
    site, archive = published
    pages = sorted(site.glob("_review/*/v1/index.html"))
    assert len(pages) == 2
    findings = {}
    for page in pages:
        doc = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        title = doc.findtext(".//h1")
        rows = doc.xpath("//table[@class='findings']/tbody/tr")
        findings[title] = [r.text_content() for r in rows]
    flagged = [rows for title, rows in findings.items() if "自评报告" in title]
    clean = [rows for title, rows in findings.items() if title and CLEAN_TITLE in title]
    assert flagged and any("481.39" in row and "错误" in row for row in flagged[0])
    assert clean == [[]]


def test_open_data_carries_findings_and_key_figures(published: tuple[Path, Path]) -> None:
    site, _ = published
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    versions = {r["title"]: r["versions"][-1] for r in catalog["reports"]}
    flagged = next(v for t, v in versions.items() if "自评报告" in t)
    clean = next(v for t, v in versions.items() if CLEAN_TITLE in t)
    assert any(f["code"] == "unit-slip" and f["severity"] == "error" for f in flagged["findings"])
    assert clean["findings"] == []
    assert "key_figures" in flagged and flagged["figure_errors"] >= 1
    rows = list(csv.DictReader(io.StringIO((site / "catalog.csv").read_text(encoding="utf-8-sig"))))
    assert {"figure_errors", "budget", "final_accounts", "three_public_budget"} <= set(rows[0])
    assert any(row["three_public_budget"] == "9.4万元" for row in rows)


def test_strict_refuses_a_report_with_figure_errors(tmp_path: Path) -> None:
    incoming, site, archive = tmp_path / "incoming", tmp_path / "site", tmp_path / "archive"
    incoming.mkdir()
    for stem in (WITH_ERRORS, CLEAN):
        shutil.copy(seed(stem), incoming / f"{stem}.txt")
    # A warning only (a share that does not follow from its amounts): --strict lets it through.
    (incoming / "warning-only.txt").write_text(WARNING_ONLY, encoding="utf-8")
    result = publish(incoming, site, archive, "--no-pdf", "--strict")
    assert result.returncode == 1
    refused = [line for line in result.stderr.splitlines() if "因 --strict 拒绝发布" in line]
    assert len(refused) == 1 and f"{WITH_ERRORS}.txt" in refused[0] and "unit-slip" in refused[0]
    assert catalog_rows(archive, "SELECT COUNT(*) FROM versions") == [(2,)]


def test_findings_come_first_and_link_to_their_spot(published: tuple[Path, Path]) -> None:
    site, _ = published
    pages = sorted(site.glob("_review/*/v1/index.html"))
    assert pages
    for page in pages:
        doc = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        headings = [h.text_content() for h in doc.xpath("//main//h2")]
        assert headings.index("数字核对") < headings.index("修改记录")
        for href in doc.xpath("//table[@class='findings']//a/@href"):
            target, _, anchor = href.partition("#")
            assert target.endswith("/v1/index.html"), href  # the public page of this version
            version_page = lxml_html.fromstring((page.parent / target).read_text(encoding="utf-8"))
            assert not anchor or version_page.get_element_by_id(anchor) is not None


def test_report_page_notes_open_findings_neutrally(published: tuple[Path, Path]) -> None:
    site, _ = published
    notices = {}
    for page in sorted(site.glob("[0-9]*/*/*/index.html")):  # each report's current page
        doc = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        notices[doc.xpath("//h1")[0].text_content()] = [
            n.text_content() for n in doc.xpath("//*[@class='figure-notice']")
        ]
    flagged = next(v for t, v in notices.items() if "自评报告" in t)
    clean = next(v for t, v in notices.items() if CLEAN_TITLE in t)
    assert len(flagged) == 1 and "待核实" in flagged[0] and "错误" not in flagged[0]
    assert clean == []
