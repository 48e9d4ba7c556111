"""``make publish`` on a fresh clone: the sample in ``fixtures/incoming/`` publishes one report per file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.publish_support import archive_problems, catalog_rows, publish, site_problems

pytestmark = pytest.mark.slow

SAMPLE = FIXTURES / "incoming"


def test_the_sample_publishes_every_file(tmp_path: Path) -> None:
    files = sorted(SAMPLE.iterdir())
    assert {".txt", ".docx", ".pdf"} <= {f.suffix for f in files}, "the sample mixes the formats"
    readable = files
    result = publish(SAMPLE, tmp_path / "site", tmp_path / "archive", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert "publish summary" in result.stdout
    published = catalog_rows(tmp_path / "archive", "SELECT file_name FROM sources ORDER BY 1")
    assert [name for (name,) in published] == [f.name for f in readable]
    assert catalog_rows(tmp_path / "archive", "SELECT COUNT(*) FROM reports") == [(len(readable),)]
    assert site_problems(tmp_path / "site") == [] and archive_problems(tmp_path / "archive") == []
