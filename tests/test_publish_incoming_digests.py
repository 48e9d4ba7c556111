"""A publish run reads only the incoming files that are new or changed (the digest cache,
``docforge/publish/incoming_digests.py``), and publishes exactly what hashing every file
would: a rewritten file is a new version, a touched one is unchanged, a broken cache is
built again, a removed file leaves the cache, a racily fresh file is hashed again."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from docforge.errors import InputError
from docforge.normalize.pipeline import Options
from docforge.publish.incoming_digests import (
    APPLICATION_ID,
    CACHE_NAME,
    FINE_RACY_MARGIN_NS,
    FORMAT,
    RACY_MARGIN_NS,
    Entry,
    IncomingDigests,
    StatIdentity,
    _signed,
    racy_margin_ns,
)
from docforge.publish.job import read_work_item
from tests.conftest import FIXTURES
from tests.file_opens import opened_files
from tests.publish_support import (
    PUBLISH_ALL,
    catalog_rows,
    digest_scan,
    publish,
    sha256,
    site_versions,
)

NAMES = ("000_3920c4ed8e26362b.txt", "003_d744e05eab164faf.txt")


def settled_incoming(folder: Path) -> Path:
    """Two sample reports, copied and then left alone until their times are safely older
    than any hashing to come (so the cache may vouch for them)."""
    folder.mkdir(parents=True)
    for name in NAMES:
        shutil.copy(FIXTURES / "incoming" / name, folder / name)
    time.sleep(RACY_MARGIN_NS / 1e9 + 0.2)
    return folder


def run(incoming: Path, tmp_path: Path) -> None:
    result = publish(incoming, tmp_path / "site", tmp_path / "archive", "--no-pdf", *PUBLISH_ALL)
    assert result.returncode == 0, result.stderr


def last_run(archive: Path) -> tuple[int, int, int]:
    """(converted, unchanged, failed) of the catalog's last run."""
    return catalog_rows(
        archive, "SELECT converted, unchanged, failed FROM runs ORDER BY id DESC LIMIT 1"
    )[0]


def cached_paths(archive: Path) -> list[str]:
    db = sqlite3.connect(archive / CACHE_NAME)
    try:
        return [row[0].decode() for row in db.execute("SELECT path FROM entries ORDER BY path")]
    finally:
        db.close()


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """The two reports published once; the incoming folder."""
    incoming = settled_incoming(tmp_path / "incoming")
    run(incoming, tmp_path)
    assert digest_scan(tmp_path / "archive") == (2, 2)
    return incoming


@pytest.mark.slow  # whole publishes
def test_a_run_with_nothing_new_opens_no_incoming_file(tmp_path: Path, published: Path) -> None:
    with opened_files(published) as opened:
        run(published, tmp_path)
    assert opened == []
    assert digest_scan(tmp_path / "archive") == (2, 0)
    assert last_run(tmp_path / "archive") == (0, 2, 0)


@pytest.mark.slow  # whole publishes
def test_a_file_rewritten_in_place_with_its_size_and_mtime_kept_is_a_new_version(
    tmp_path: Path, published: Path
) -> None:
    path = published / NAMES[1]
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace("显著成效", "明显成效", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    with open(path, "r+b") as handle:  # in place: same inode, same size
        handle.write(changed.encode())
    # as cp -p or rsync -t would, the old mtime is set back: only ctime tells
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    run(published, tmp_path)
    assert digest_scan(tmp_path / "archive") == (2, 1)
    assert last_run(tmp_path / "archive") == (1, 1, 0)
    versions = catalog_rows(
        tmp_path / "archive",
        "SELECT v.number FROM versions v WHERE v.source_sha256 = '" + sha256(path) + "'",
    )
    assert versions == [(2,)]
    assert any(digest == sha256(path) for _, digest in site_versions(tmp_path / "site"))


@pytest.mark.slow  # whole publishes
def test_a_touched_file_is_hashed_again_and_counted_unchanged(
    tmp_path: Path, published: Path
) -> None:
    (published / NAMES[0]).touch()
    run(published, tmp_path)
    assert digest_scan(tmp_path / "archive") == (2, 1)
    assert last_run(tmp_path / "archive") == (0, 2, 0)


@pytest.mark.slow  # whole publishes
@pytest.mark.parametrize("damage", ["garbage", "foreign version"])
def test_a_damaged_cache_is_built_again_and_the_run_is_right(
    tmp_path: Path, published: Path, damage: str
) -> None:
    cache = tmp_path / "archive" / CACHE_NAME
    if damage == "garbage":
        cache.write_bytes(b"\x00not a database\xff" * 512)
    else:
        db = sqlite3.connect(cache)
        db.execute(f"PRAGMA user_version = {FORMAT + 1}")
        db.commit()
        db.close()
    (published / "005_budget_tables.txt").write_bytes(
        (FIXTURES / "incoming" / "005_budget_tables.txt").read_bytes()
    )
    run(published, tmp_path)
    assert last_run(tmp_path / "archive") == (1, 2, 0)
    assert digest_scan(tmp_path / "archive") == (3, 3)
    db = sqlite3.connect(cache)
    assert db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert db.execute("PRAGMA user_version").fetchone() == (FORMAT,)
    db.close()
    assert cached_paths(tmp_path / "archive") == sorted([*NAMES, "005_budget_tables.txt"])


@pytest.mark.slow  # whole publishes
def test_a_removed_file_drops_out_of_the_cache(tmp_path: Path, published: Path) -> None:
    (published / NAMES[0]).unlink()
    run(published, tmp_path)
    assert cached_paths(tmp_path / "archive") == [NAMES[1]]
    assert digest_scan(tmp_path / "archive") == (1, 0)


@pytest.mark.slow  # whole publishes
def test_a_file_not_safely_older_than_its_hashing_is_hashed_again(
    tmp_path: Path, published: Path
) -> None:
    path = published / NAMES[0]
    future = time.time_ns() + 3600 * 10**9
    os.utime(path, ns=(future, future))
    run(published, tmp_path)
    assert digest_scan(tmp_path / "archive") == (2, 1)
    run(published, tmp_path)
    assert digest_scan(tmp_path / "archive") == (2, 1), "a racily clean entry was believed"
    assert last_run(tmp_path / "archive") == (0, 2, 0)


# The cache alone, over real files, with the moment of hashing given (``clock``).


def scan(cache: Path, incoming: Path, clock=time.time_ns) -> tuple[int, list[str]]:
    with IncomingDigests(cache, incoming, clock=clock) as digests:
        found = [digests.digest(path) for path in sorted(incoming.iterdir())]
        digests.save()
        return digests.hashed, found


def test_a_file_hashed_within_its_timestamp_tick_is_not_vouched_for(tmp_path: Path) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    path = incoming / "a.txt"
    path.write_bytes(b"one")
    stat = path.stat()
    newest = max(stat.st_mtime_ns, stat.st_ctime_ns)
    cache = tmp_path / CACHE_NAME
    margin = racy_margin_ns(StatIdentity.of(stat))
    assert scan(cache, incoming, clock=lambda: newest + 1_000_000)[0] == 1
    assert scan(cache, incoming, clock=lambda: newest + margin)[0] == 1
    assert scan(cache, incoming, clock=lambda: newest + margin + 1)[0] == 1
    assert scan(cache, incoming, clock=lambda: newest + margin + 2)[0] == 0


def test_the_racy_margin_is_the_file_systems_timestamp_granularity() -> None:
    fine = StatIdentity(3, 1_700_000_000_123_456_789, 1_700_000_000_123_456_789, 1, 1)
    whole = fine._replace(mtime_ns=1_700_000_000 * 10**9, ctime_ns=1_700_000_000 * 10**9)
    assert racy_margin_ns(fine) == FINE_RACY_MARGIN_NS < RACY_MARGIN_NS == racy_margin_ns(whole)
    for identity in (fine, whole):
        newest = identity.ctime_ns
        just_after = Entry(identity, "0" * 64, newest + racy_margin_ns(identity))
        safely_after = Entry(identity, "0" * 64, newest + racy_margin_ns(identity) + 1)
        assert not just_after.vouches_for(identity)
        assert safely_after.vouches_for(identity)
        assert not safely_after.vouches_for(identity._replace(ctime_ns=newest + 1))


def test_a_damaged_row_is_never_believed(tmp_path: Path) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "a.txt").write_bytes(b"one")
    cache = tmp_path / CACHE_NAME
    late = time.time_ns() + RACY_MARGIN_NS + 1
    hashed, [digest] = scan(cache, incoming, clock=lambda: late)
    db = sqlite3.connect(cache)
    db.execute("UPDATE entries SET sha256 = ?", ("0" * 64,))
    db.commit()
    db.close()
    assert scan(cache, incoming, clock=lambda: late) == (1, [digest])


@pytest.mark.parametrize("damage", [b"", b"SQLite format 3\x00" + b"\xff" * 200, b"\x00" * 4096])
def test_a_broken_cache_file_is_rebuilt(tmp_path: Path, damage: bytes) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "a.txt").write_bytes(b"one")
    cache = tmp_path / CACHE_NAME
    cache.write_bytes(damage)
    late = time.time_ns() + RACY_MARGIN_NS + 1
    assert scan(cache, incoming, clock=lambda: late) == (1, [sha256(incoming / "a.txt")])
    assert scan(cache, incoming, clock=lambda: late)[0] == 0


def test_a_file_changed_after_the_scan_fails_as_changed_and_leaves_the_cache(
    tmp_path: Path,
) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    path = incoming / "a.txt"
    path.write_bytes(b"one")
    cache = tmp_path / CACHE_NAME
    late = time.time_ns() + RACY_MARGIN_NS + 1
    with IncomingDigests(cache, incoming, clock=lambda: late) as digests:
        digest = digests.digest(path)
        digests.save()
        path.write_bytes(b"two")
        with pytest.raises(InputError, match="changed while publishing"):
            read_work_item(path, digest, Options())
        digests.forget(path)
    db = sqlite3.connect(cache)
    assert db.execute("SELECT count(*) FROM entries").fetchone() == (0,)
    db.close()


def test_names_that_are_not_utf8_and_large_inode_numbers_are_kept(tmp_path: Path) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    gbk = os.fsdecode("报告".encode("gbk") + b".txt")  # a name from a Windows archive
    (incoming / gbk).write_bytes(b"one")
    (incoming / "b.txt").write_bytes(b"two")
    cache = tmp_path / CACHE_NAME
    late = time.time_ns() + RACY_MARGIN_NS + 1
    assert scan(cache, incoming, clock=lambda: late)[0] == 2
    assert scan(cache, incoming, clock=lambda: late)[0] == 0
    assert _signed(2**64 - 1) == -1 and _signed(2**63 - 1) == 2**63 - 1
