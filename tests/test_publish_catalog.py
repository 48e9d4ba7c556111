"""The catalog: schema migrations move old files forward; a failed write leaves nothing behind."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from docforge.normalize.pipeline import Options
from docforge.publish.catalog import MIGRATIONS, Catalog
from docforge.publish.identity import ReportIdentity
from docforge.publish.job import ArchivedConversion, convert_job
from tests.conftest import FIXTURES, SEED_STEMS, seed
from tests.publish_support import PUBLISH_ALL, publish, sha256


def test_an_old_catalog_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    old = sqlite3.connect(path)
    old.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    old.execute("INSERT INTO runs (started_at, incoming) VALUES ('2024-01-01T00:00:00Z', 'in')")
    old.commit()
    old.close()
    Catalog(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    assert "pdf_error" in [row[1] for row in db.execute("PRAGMA table_info(versions)")]
    assert db.execute("SELECT incoming FROM runs").fetchall() == [("in",)]


def test_a_failed_record_leaves_no_half_report(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_bytes(seed(SEED_STEMS[0]).read_bytes())
    result = convert_job(source, sha256(source), tmp_path / "archive", Options(), with_pdf=False)
    assert isinstance(result, ArchivedConversion)
    catalog = Catalog(tmp_path / "archive" / "catalog.sqlite")
    run = catalog.start_run(tmp_path)
    assert catalog.record_version(run, result) == 1
    claimant = replace(result, identity=ReportIdentity("另一部门", 2020, "整体绩效评价报告"))
    with pytest.raises(sqlite3.IntegrityError):
        catalog.record_version(run, claimant)  # a new report whose source is already recorded
    catalog.close()
    db = sqlite3.connect(tmp_path / "archive" / "catalog.sqlite")
    assert db.execute("SELECT COUNT(*) FROM reports").fetchone() == (1,)
    assert db.execute("SELECT COUNT(*) FROM versions").fetchone() == (1,)


def test_one_report_is_looked_up_without_reading_the_catalog(tmp_path: Path) -> None:
    """Recording each conversion looks up its report: reading every report there made a batch
    quadratic in the size of the archive (10,000 reports took most of an hour)."""
    result = publish(
        FIXTURES / "incoming", tmp_path / "site", tmp_path / "archive", "--no-pdf", *PUBLISH_ALL
    )
    assert result.returncode == 0, result.stderr
    catalog = Catalog(tmp_path / "archive" / "catalog.sqlite")
    try:
        reports = catalog.reports()
        assert len(reports) >= 5
        statements: list[str] = []
        catalog.db.db.set_trace_callback(statements.append)
        for report in reports:
            assert catalog.report(report.slug) == report
            assert catalog.report(f"/{report.address}/") == report
        assert catalog.report("no-such-report") is None
        catalog.db.db.set_trace_callback(None)
    finally:
        catalog.close()
    reads = [s for s in statements if "FROM versions" in s or "FROM reports" in s]
    assert reads and all("WHERE" in s for s in reads), reads
