"""The catalog in a real PostgreSQL server: every migration, concurrent publishers, a publish."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from docforge.normalize.pipeline import Options
from docforge.publish.catalog import MIGRATIONS, Catalog
from docforge.publish.catalog_db import PUBLISH_LOCK_KEY, postgres_ddl
from docforge.publish.job import ArchivedConversion, convert_job
from docforge.publish.messages import Messages
from tests.conftest import FIXTURES, SEED_STEMS, seed
from tests.publish_support import (
    archive_files,
    catalog_snapshot,
    digest_scan,
    publish,
    sha256,
    site_contents,
    subprocess_env,
)

pytestmark = pytest.mark.slow  # real servers, clusters and whole publishes


def one_conversion(tmp_path: Path) -> ArchivedConversion:
    source = tmp_path / "report.txt"
    source.write_bytes(seed(SEED_STEMS[0]).read_bytes())
    result = convert_job(source, sha256(source), tmp_path / "archive", Options(), with_pdf=False)
    assert isinstance(result, ArchivedConversion)
    return result


def test_every_migration_runs_on_postgres_from_any_earlier_version(postgres) -> None:
    for start in range(len(MIGRATIONS)):
        url = postgres.new_database()
        with psycopg.connect(url, autocommit=True) as db:
            db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            for script in MIGRATIONS[:start]:
                for statement in filter(str.strip, script.split(";")):
                    db.execute(postgres_ddl(statement))
            db.execute("INSERT INTO schema_version VALUES (%s)", (start,))
        Catalog(url).close()
        with psycopg.connect(url) as db:
            assert db.execute("SELECT version FROM schema_version").fetchall() == [
                (len(MIGRATIONS),)
            ]
            columns = {
                row[0]
                for row in db.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'versions'"
                )
            }
        assert {"pdf_error", "xml_sha256", "report_id"} <= columns


def test_sqlite_and_postgres_catalogs_hold_the_same_tables_and_columns(
    tmp_path: Path, postgres
) -> None:
    url = postgres.new_database()
    Catalog(url).close()
    sqlite_path = tmp_path / "catalog.sqlite"
    Catalog(sqlite_path).close()
    import sqlite3

    lite = sqlite3.connect(sqlite_path)
    tables = [r[0] for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    lite_columns = {(t, r[1]) for t in tables for r in lite.execute(f"PRAGMA table_info({t})")}
    lite.close()
    with psycopg.connect(url) as db:
        pg_columns = {
            tuple(r)
            for r in db.execute(
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE table_schema = 'public' AND table_name <> 'schema_version'"
            )
        }
    assert lite_columns == pg_columns


def test_a_failed_record_leaves_no_half_report_in_postgres(tmp_path: Path, postgres) -> None:
    result = one_conversion(tmp_path)
    catalog = Catalog(postgres.new_database())
    run = catalog.start_run(tmp_path)
    assert catalog.record_version(run, result) == 1
    claimant = replace(result, identity=replace(result.identity, department="另一部门"))
    with pytest.raises(psycopg.errors.UniqueViolation):
        catalog.record_version(run, claimant)  # a new report whose source is already recorded
    assert catalog.db.query("SELECT COUNT(*) FROM reports") == [(1,)]
    assert catalog.db.query("SELECT COUNT(*) FROM versions") == [(1,)]
    catalog.close()


def test_concurrent_publishers_number_versions_of_one_report_without_collisions(
    tmp_path: Path, postgres
) -> None:
    """Eight connections add versions of the same report at once: the report row is locked
    (SELECT … FOR UPDATE) while a version is added, so numbers are 1…8, none lost."""
    result = one_conversion(tmp_path)
    url = postgres.new_database()
    Catalog(url).close()
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def add_version(index: int) -> None:
        catalog = Catalog(url)
        try:
            run = catalog.start_run(tmp_path)
            start.wait()
            catalog.record_version(run, replace(result, source_sha256=f"{index:064x}"))
        except BaseException as error:  # collected, so the test names it
            errors.append(error)
        finally:
            catalog.close()

    threads = [threading.Thread(target=add_version, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    catalog = Catalog(url)
    assert catalog.db.query("SELECT number FROM versions ORDER BY number") == [
        (n,) for n in range(1, 9)
    ]
    assert len(catalog.reports()) == 1
    catalog.close()


def test_one_publish_run_at_a_time_per_postgres_catalog(postgres) -> None:
    url = postgres.new_database()
    holder = Catalog(url)
    with holder.publisher_lock(), psycopg.connect(url, autocommit=True) as other:
        assert other.execute("SELECT pg_try_advisory_lock(%s)", (PUBLISH_LOCK_KEY,)).fetchone() == (
            False,
        )
        second = Catalog(url)
        with (
            pytest.raises(ConnectionError, match="another 'docforge publish'"),
            second.publisher_lock(),
        ):
            pass
        second.close()
    with psycopg.connect(url, autocommit=True) as other:
        assert other.execute("SELECT pg_try_advisory_lock(%s)", (PUBLISH_LOCK_KEY,)).fetchone() == (
            True,
        )
    holder.close()


def test_publishing_with_a_postgres_catalog_gives_what_sqlite_gives(
    tmp_path: Path, postgres
) -> None:
    sample = FIXTURES / "incoming"
    url = postgres.new_database()
    lite = publish(sample, tmp_path / "s1", tmp_path / "a1", "--no-pdf", "-j", "1")
    assert lite.returncode == 0, lite.stderr
    pg = publish(sample, tmp_path / "s2", tmp_path / "a2", "--no-pdf", "-j", "1", "--catalog", url)
    assert pg.returncode == 0, pg.stderr
    assert not (tmp_path / "a2" / "catalog.sqlite").exists()
    assert catalog_snapshot(url) == catalog_snapshot(tmp_path / "a1" / "catalog.sqlite")
    assert archive_files(tmp_path / "a2") == archive_files(tmp_path / "a1")
    assert site_contents(tmp_path / "s2") == site_contents(tmp_path / "s1")
    again = publish(sample, tmp_path / "s2", tmp_path / "a2", "--no-pdf", "--catalog", url)
    assert again.returncode == 0 and Messages().say("site-unchanged") in again.stdout, again.stdout
    # The incoming folder's digest cache is the machine's own, in the archive folder: the
    # second run read no incoming file.
    assert digest_scan(tmp_path / "a2") == (len(list(sample.iterdir())), 0)
    import subprocess
    import sys

    listing = subprocess.run(
        [
            sys.executable,
            "-m",
            "docforge.cli",
            "archive",
            "list",
            "--archive",
            str(tmp_path / "a2"),
            "--catalog",
            url,
        ],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
    )
    assert listing.returncode == 0, listing.stderr
    assert len(listing.stdout.splitlines()) == len(list(sample.iterdir()))


def test_an_unreachable_catalog_is_one_line_naming_it(tmp_path: Path, postgres) -> None:
    url = f"postgresql://nobody:secret@127.0.0.1:{postgres.port}/no_such_database"
    result = publish(FIXTURES / "incoming", tmp_path / "s", tmp_path / "a", "--catalog", url)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no_such_database" in lines[0] and "secret" not in lines[0], lines


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_catalog_sql_is_written_once_for_both_backends(tmp_path: Path, postgres, backend) -> None:
    """``execute`` behaves as sqlite3's on both: ``?`` placeholders, ``lastrowid`` of an
    INSERT, ``fetchone``/``fetchall``/iteration of a SELECT."""
    location = tmp_path / "catalog.sqlite" if backend == "sqlite" else postgres.new_database()
    catalog = Catalog(location)
    with catalog.transaction() as db:
        first = db.execute(
            "INSERT INTO runs (started_at, incoming) VALUES (?, ?)", ("2024-01-01T00:00:00Z", "a")
        ).lastrowid
        second = db.execute(
            "INSERT INTO runs (started_at, incoming) VALUES (?, ?)", ("2024-01-02T00:00:00Z", "b")
        ).lastrowid
    assert second == first + 1
    assert catalog.db.execute("SELECT incoming FROM runs WHERE id = ?", (second,)).fetchone() == (
        "b",
    )
    assert [tuple(r) for r in catalog.db.execute("SELECT id FROM runs ORDER BY id")] == [
        (first,),
        (second,),
    ]
    assert catalog.db.execute("SELECT id FROM runs WHERE id < 0").fetchall() == []
    catalog.close()
