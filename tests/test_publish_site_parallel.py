"""The site's report pages built by a process pool are those built one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from docforge.bench.scale import grow_corpus, seed_texts
from docforge.publish.archive import Archive
from docforge.publish.catalog import Catalog
from docforge.publish.config import SiteConfig
from docforge.publish.site import PARALLEL_PAGES_FROM, build_site
from tests.publish_support import publish, site_contents

pytestmark = pytest.mark.slow  # real servers, clusters and whole publishes


def test_a_site_built_in_parallel_equals_one_built_serially(tmp_path: Path) -> None:
    grow_corpus(tmp_path / "incoming", seed_texts(), 0, PARALLEL_PAGES_FROM + 2)
    result = publish(
        tmp_path / "incoming", tmp_path / "site", tmp_path / "archive", "--no-pdf", "-j", "2"
    )
    assert result.returncode == 0, result.stderr
    catalog = Catalog(tmp_path / "archive" / "catalog.sqlite")
    reports = catalog.reports()
    catalog.close()
    assert len(reports) == PARALLEL_PAGES_FROM + 2  # each generated report is a report of its own
    serial = tmp_path / "serial"
    serial.mkdir()
    build_site(
        serial,
        Archive(tmp_path / "archive"),
        reports,
        SiteConfig(),
        print_note=lambda _: None,
        jobs=1,
    )
    assert site_contents(serial) == site_contents(tmp_path / "site")
