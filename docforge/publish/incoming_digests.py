"""The incoming folder's digest cache: a run reads only the files that are new or changed.

A publish run needs the SHA-256 of every file in ``incoming/`` to tell new sources from
published ones. Hashing them all costs a read of the whole folder each run, which grows
with the archive when publishers leave published files in place. Git's index solves the
same problem, and this is its scheme:

- Per file, the stat identity (size, mtime_ns, ctime_ns, inode, device) is kept with the
  digest. A file whose identity is unchanged takes its digest from the cache without
  being opened; any difference means it is hashed again. ctime is part of the identity
  because no tool can set it back: a same-size rewrite that restores mtime (``cp -p``,
  ``rsync --inplace -t``) still shows.
- The racy case: a file changed again within the timestamp granularity of the moment it
  was hashed would keep its identity. So an entry is trusted only when the file's mtime
  and ctime were safely older than the moment hashing began: by ``RACY_MARGIN_NS`` (two
  seconds: FAT's granularity) where the file system keeps whole seconds, by
  ``FINE_RACY_MARGIN_NS`` (0.1 s, ten times the kernel's coarsest clock tick) where its
  ctime shows sub-second digits. Others are hashed again next run, by when they are old
  enough to be trusted; so files copied in just before a run are read twice, once.
- A file that changed while it was being read (fstat before and after differ) is not
  cached at all.

Why SQLite: an archive may keep hundreds of thousands of files in ``incoming/``. A warm
run loads its folder's entries in one query and writes only the rows that changed (none
when nothing changed), where a JSON or pickle file would be rewritten whole every run;
SQLite's journal makes each save atomic, so a crash leaves the old cache or the new one.

Where it lives: ``incoming-digests.sqlite`` in the archive folder, beside the catalog
file and the publisher's lock file, also when the catalog is in PostgreSQL: it is the
publishing machine's own state. Entries are kept per scope, the machine's host name and
the resolved incoming folder, so publishers on several machines sharing one archive
path, or one archive fed from several incoming folders, do not evict each other's
entries. It is read and written only while the run holds the archive's lock.

The cache is never an error and never a source of a wrong digest: a missing, corrupt or
foreign-version file (``application_id``/``user_version`` differ) is deleted and built
again; a row whose check sum does not match its fields is ignored; when the file cannot
be used at all the run hashes every file as if there were no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import sqlite3
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

CACHE_NAME = "incoming-digests.sqlite"
APPLICATION_ID = 0x64666964  # "dfid" in ASCII: marks the file as this cache
FORMAT = 1  # PRAGMA user_version; any other value means another format: rebuilt
RACY_MARGIN_NS = 2_000_000_000  # file systems with whole-second times (FAT's are two seconds)
FINE_RACY_MARGIN_NS = 100_000_000  # nanosecond times, set from a clock that ticks ≤ 10 ms

_SCHEMA = (
    """CREATE TABLE scopes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        scanned_at_ns INTEGER NOT NULL,
        files INTEGER NOT NULL,
        hashed INTEGER NOT NULL
    )""",
    """CREATE TABLE entries (
        scope_id INTEGER NOT NULL REFERENCES scopes(id),
        path BLOB NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        device INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        hashed_at_ns INTEGER NOT NULL,
        check_sum INTEGER NOT NULL,
        PRIMARY KEY (scope_id, path)
    )""",
)


class StatIdentity(NamedTuple):
    """What tells a file apart from its earlier self without reading it (named tuples, not
    dataclasses: a warm scan makes one per file, and a tuple is several times cheaper)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int

    @classmethod
    def of(cls, stat: os.stat_result) -> StatIdentity:
        return cls(
            stat.st_size,
            stat.st_mtime_ns,
            stat.st_ctime_ns,
            _signed(stat.st_ino),
            _signed(stat.st_dev),
        )


def racy_margin_ns(identity: StatIdentity) -> int:
    """How much older than its hashing a file must be to be trusted: the file system's
    timestamp granularity, read off the ctime the kernel set (sub-second digits or none)."""
    return FINE_RACY_MARGIN_NS if identity.ctime_ns % 1_000_000_000 else RACY_MARGIN_NS


def _signed(number: int) -> int:
    """An unsigned 64-bit inode or device number as SQLite's signed INTEGER holds it (some
    network file systems give inode numbers above 2**63)."""
    return number - (1 << 64) if number >= 1 << 63 else number


def _stored(key: str) -> bytes:
    """A file's key as stored: its bytes, so a name that is not UTF-8 (a GBK name from a
    Windows archive, which Python holds with surrogate escapes) is kept exactly."""
    return key.encode("utf-8", "surrogateescape")


class Entry(NamedTuple):
    """One file's digest, the identity it had when hashed, and when hashing began."""

    identity: StatIdentity
    sha256: str
    hashed_at_ns: int

    def vouches_for(self, identity: StatIdentity) -> bool:
        """Whether a file with ``identity`` has this digest without being read: the same
        identity, and it was safely older than the hashing (else racily clean)."""
        mine = self.identity
        newest = max(mine.mtime_ns, mine.ctime_ns)
        return identity == mine and newest + racy_margin_ns(mine) < self.hashed_at_ns

    def row(self, scope_id: int, path: str) -> tuple:
        fields = (
            path,
            self.identity.size,
            self.identity.mtime_ns,
            self.identity.ctime_ns,
            self.identity.inode,
            self.identity.device,
            self.sha256,
            self.hashed_at_ns,
        )
        return (scope_id, _stored(path), *fields[1:], check_sum(fields))


def check_sum(fields: tuple) -> int:
    """A CRC of a row's fields: a row damaged on disk is ignored, never believed."""
    return zlib.crc32("\x1f".join(map(str, fields)).encode("utf-8", "surrogateescape"))


def _entry(row: tuple) -> tuple[str, Entry] | None:
    """A stored row as (path, entry), or None when it is not what this module wrote."""
    stored_path, *fields, stored_sum = row
    if not isinstance(stored_path, bytes):
        return None
    path = stored_path.decode("utf-8", "surrogateescape")
    size, mtime_ns, ctime_ns, inode, device, sha256, hashed_at_ns = fields
    if stored_sum != check_sum((path, *fields)) or not _is_digest(sha256):
        return None
    return path, Entry(StatIdentity(size, mtime_ns, ctime_ns, inode, device), sha256, hashed_at_ns)


_DIGEST = re.compile(r"[0-9a-f]{64}")


def _is_digest(value: object) -> bool:
    return isinstance(value, str) and _DIGEST.fullmatch(value) is not None


def hash_file(path: Path, clock: Callable[[], int] = time.time_ns) -> tuple[str, Entry | None]:
    """The file's SHA-256, and the entry to cache for it: None when the file changed while
    it was read (its identity before and after differ), so nothing unsure is cached."""
    started = clock()
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        before = StatIdentity.of(os.fstat(handle.fileno()))
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
        after = StatIdentity.of(os.fstat(handle.fileno()))
    sha256 = digest.hexdigest()
    return sha256, Entry(before, sha256, started) if before == after else None


class IncomingDigests:
    """The digests of one incoming folder's files, from the cache where it vouches for them.

    ``digest(path)`` for each file of one scan, then ``save()`` (files not asked for this
    time drop out); a context manager that closes the cache. ``hashed`` counts the files
    read, for the run and for tests.
    """

    def __init__(
        self,
        cache_file: Path,
        incoming: Path,
        *,
        clock: Callable[[], int] = time.time_ns,
    ) -> None:
        self.cache_file = cache_file
        self.prefix = os.path.join(os.fspath(incoming), "")
        self.root = incoming.resolve()
        self.scope = f"{socket.gethostname()}:{self.root}"
        self.clock = clock
        self.hashed = 0
        self._db: sqlite3.Connection | None = None
        self._scope_id = 0
        self._cached: dict[str, Entry] = {}
        self._seen: set[str] = set()
        self._fresh: dict[str, Entry] = {}
        self._forgotten: set[str] = set()

    def __enter__(self) -> IncomingDigests:
        self._open()
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close()

    def _key(self, path: Path) -> str:
        """A file's name in its scope: its path below the incoming folder (the scope names the
        resolved folder), or its resolved path when it lies elsewhere."""
        name = os.fspath(path)
        if name.startswith(self.prefix):  # a string operation: pathlib's costs more than a stat
            return name[len(self.prefix) :]
        resolved = path.resolve()
        return (
            resolved.relative_to(self.root).as_posix()
            if resolved.is_relative_to(self.root)
            else resolved.as_posix()
        )

    def digest(self, path: Path) -> str:
        """The SHA-256 of ``path``: taken from the cache when its entry vouches for the file's
        current stat identity, else read and hashed (OSError as opening it raises)."""
        key = self._key(path)
        self._seen.add(key)
        cached = self._cached.get(key)
        if cached is not None and cached.vouches_for(StatIdentity.of(os.stat(path))):
            return cached.sha256
        self.hashed += 1
        sha256, entry = hash_file(path, self.clock)
        if entry is not None and entry != cached:
            self._fresh[key] = entry
        elif entry is None:
            self._forgotten.add(key)
        return sha256

    def forget(self, path: Path) -> None:
        """Drop a file's entry: its bytes were found not to match the digest given for it."""
        key = self._key(path)
        self._fresh.pop(key, None)
        self._forgotten.add(key)
        if self._db is not None:
            self._write(
                lambda db: db.execute(
                    "DELETE FROM entries WHERE scope_id = ? AND path = ?",
                    (self._scope_id, _stored(key)),
                )
            )

    def _open(self) -> None:
        """Open the cache and load this scope's entries; rebuild a file that is not a cache of
        this format; go on without a cache when the file cannot be used at all."""
        for attempt in range(2):
            try:
                self._db = _connect(self.cache_file)
                self._cached = self._load()
                return
            except sqlite3.Error:
                self.close()
                if attempt == 0:
                    _remove(self.cache_file)
            except OSError:
                self.close()
                break
        self._db, self._cached = None, {}

    def _load(self) -> dict[str, Entry]:
        db = self._db
        assert db is not None
        db.execute(
            "INSERT INTO scopes (name, scanned_at_ns, files, hashed) VALUES (?, 0, 0, 0)"
            " ON CONFLICT (name) DO NOTHING",
            (self.scope,),
        )
        (self._scope_id,) = db.execute(
            "SELECT id FROM scopes WHERE name = ?", (self.scope,)
        ).fetchone()
        rows = db.execute(
            "SELECT path, size, mtime_ns, ctime_ns, inode, device, sha256, hashed_at_ns,"
            " check_sum FROM entries WHERE scope_id = ?",
            (self._scope_id,),
        )
        return dict(filter(None, map(_entry, rows)))

    def save(self) -> None:
        """Write what this scan learnt in one transaction: new and re-hashed entries, the
        removal of files that left the folder, and the scan's counts."""
        if self._db is None:
            return
        gone = (set(self._cached) - self._seen) | self._forgotten
        scope_id = self._scope_id

        def write(db: sqlite3.Connection) -> None:
            db.executemany(
                "DELETE FROM entries WHERE scope_id = ? AND path = ?",
                [(scope_id, _stored(key)) for key in sorted(gone - set(self._fresh))],
            )
            db.executemany(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [entry.row(scope_id, key) for key, entry in sorted(self._fresh.items())],
            )
            db.execute(
                "UPDATE scopes SET scanned_at_ns = ?, files = ?, hashed = ? WHERE id = ?",
                (self.clock(), len(self._seen), self.hashed, scope_id),
            )

        self._write(write)

    def _write(self, change: Callable[[sqlite3.Connection], object]) -> None:
        """One write transaction; a cache that cannot be written is left for the next run
        to rebuild (the digests this run used were read from the files, so none is wrong)."""
        db = self._db
        assert db is not None
        try:
            db.execute("BEGIN IMMEDIATE")
            change(db)
            db.execute("COMMIT")
        except sqlite3.Error:
            self.close()
            _remove(self.cache_file)

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            finally:
                self._db = None


def _connect(cache_file: Path) -> sqlite3.Connection:
    """The cache's connection, its schema created when the file is new; sqlite3.Error when
    the file is not a cache of this format."""
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(cache_file, isolation_level=None)
    try:
        db.execute("PRAGMA busy_timeout = 10000")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("BEGIN IMMEDIATE")
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if (application_id, version, tables) == (0, 0, 0):
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {FORMAT}")
        elif (application_id, version) != (APPLICATION_ID, FORMAT):
            raise sqlite3.DatabaseError(f"{cache_file} is not a digest cache of format {FORMAT}")
        db.execute("COMMIT")
    except BaseException:
        db.close()
        raise
    return db


def _remove(cache_file: Path) -> None:
    """Delete a cache file that cannot be used, with its journal, so it is built again."""
    for name in (cache_file.name, f"{cache_file.name}-journal"):
        with contextlib.suppress(OSError):
            (cache_file.parent / name).unlink(missing_ok=True)
