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

WITH_ERRORS = "004_61b0b8f1dd07b1cd"   # states 481.39 元 where 万元 is meant
CLEAN = "001_b543688848e45de6"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("figures")
    incoming, site, archive = root / "incoming", root / "site", root / "archive"
    incoming.mkdir()
    for stem in (WITH_ERRORS, CLEAN):
        shutil.copy(seed(stem), incoming / f"{stem}.txt")
    result = publish(incoming, site, archive, "--no-pdf")
    assert result.returncode == 0, result.stderr
    return site, archive


def test_conversion_page_lists_the_figure_findings(published: tuple[Path, Path]) -> None:
    site, archive = published
    pages = sorted(site.glob("reports/*/v1/conversion.html"))
    findings = {}
    for page in pages:
        doc = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        title = doc.findtext(".//h1")
        rows = doc.xpath("//table[@class='findings']/tbody/tr")
        findings[title] = [r.text_content() for r in rows]
    flagged = [rows for title, rows in findings.items() if "自评报告" in title]
    clean = [rows for title, rows in findings.items() if "大祥区" in title]
    assert flagged and any("481.39" in row and "错误" in row for row in flagged[0])
    assert clean == [[]]


def test_open_data_carries_findings_and_key_figures(published: tuple[Path, Path]) -> None:
    site, _ = published
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    versions = {r["title"]: r["versions"][-1] for r in catalog["reports"]}
    flagged = next(v for t, v in versions.items() if "自评报告" in t)
    clean = next(v for t, v in versions.items() if "大祥区" in t)
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
    result = publish(incoming, site, archive, "--no-pdf", "--strict")
    assert result.returncode == 1
    refused = [line for line in result.stderr.splitlines() if "refused by --strict" in line]
    assert len(refused) == 1 and f"{WITH_ERRORS}.txt" in refused[0]
    assert catalog_rows(archive, "SELECT COUNT(*) FROM versions") == [(1,)]
