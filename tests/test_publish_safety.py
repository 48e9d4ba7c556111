"""Names and content from the input never become markup or paths in the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.conftest import SEED_STEMS, seed
from tests.publish_support import (
    PUBLISH_ALL,
    archive_problems,
    catalog_rows,
    publish,
    report_folder,
    site_problems,
)

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"


def test_hostile_names_and_markup_stay_text(tmp_path: Path) -> None:
    incoming, site, archive = (
        tmp_path / "in",
        tmp_path / "out" / "site",
        tmp_path / "out" / "archive",
    )
    nested = incoming / "x..%2F..%2F" / "子目录"
    nested.mkdir(parents=True)
    lines = seed(SEED_STEMS[0]).read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0] + SCRIPT
    lines.insert(2, f"本段含有{SCRIPT}与&amp;实体。")
    hostile = nested / 'evil..\\ "<b>名称<i>;rm -rf.txt'
    hostile.write_text("\n".join(lines), encoding="utf-8")
    result = publish(incoming, site, archive, "--no-pdf", *PUBLISH_ALL)
    assert result.returncode == 0, result.stderr

    written = [p for p in tmp_path.rglob("*") if not p.is_relative_to(incoming)]
    assert all(p.is_relative_to(tmp_path / "out") for p in written)
    for path in written:
        # "_" only in the site's own folders (_review/), never from the input's name
        assert all(c.isascii() and (c.isalnum() or c in "._-") for c in path.name.lstrip("_")), (
            path.name
        )
    [(slug,)] = catalog_rows(archive, "SELECT slug FROM reports")
    folder = report_folder(site, archive, slug).relative_to(site)
    for name in (
        "index.html",
        f"{folder}/index.html",
        f"_review/{slug}/v1/index.html",
        "_review/index.html",
    ):
        doc = lxml_html.fromstring((site / name).read_text(encoding="utf-8"))
        assert not doc.xpath("//script[contains(., 'alert')]"), name
        assert not doc.xpath("//main//b"), name
    report_page = (site / folder / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report_page
    assert site_problems(site) == [] and archive_problems(archive) == []


def test_a_foreign_folder_at_the_site_path_is_never_replaced(tmp_path: Path) -> None:
    incoming, site = tmp_path / "in", tmp_path / "site"
    incoming.mkdir()
    (incoming / "report.txt").write_text(
        seed(SEED_STEMS[0]).read_text(encoding="utf-8"), encoding="utf-8"
    )
    site.mkdir()
    (site / "precious.html").write_text("someone else's page", encoding="utf-8")
    result = publish(incoming, site, tmp_path / "archive", "--no-pdf")
    assert result.returncode == 2
    assert str(site) in result.stderr and "Traceback" not in result.stderr
    assert (site / "precious.html").read_text(encoding="utf-8") == "someone else's page"
