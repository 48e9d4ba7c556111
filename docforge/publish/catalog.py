"""The catalog: reports, versions, sources, runs, warnings and failures.

In one SQLite file in the archive by default, or in PostgreSQL (``postgresql://…``) for
publishers on many machines. Both take the same plain SQL: the schema is small, its
migrations stay readable as the SQL that runs, and no mapping layer is needed; the few
dialect differences are in :mod:`docforge.publish.catalog_db`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docforge.publish.catalog_db import CatalogDatabase, open_database
from docforge.publish.job import ArchivedConversion, Failed

# The readable address a report asks for, from its department, year, kind and file stem.
AddressFor = Callable[[str | None, int | None, str | None, str | None], str]

# Each entry moves the schema one version up (``PRAGMA user_version`` in SQLite, the
# ``schema_version`` table in PostgreSQL says how far a catalog is). Write portable SQL:
# ``INTEGER PRIMARY KEY`` becomes an identity column in PostgreSQL; every migration runs
# on both backends in the tests.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        identity_key TEXT NOT NULL UNIQUE,
        department TEXT,
        year INTEGER,
        kind TEXT,
        file_stem TEXT,
        first_published TEXT NOT NULL
    );
    CREATE TABLE sources (
        sha256 TEXT PRIMARY KEY,
        file_name TEXT NOT NULL,
        suffix TEXT NOT NULL,
        format TEXT NOT NULL,
        size INTEGER NOT NULL
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        incoming TEXT NOT NULL,
        converted INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        new_versions INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        warnings INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id),
        number INTEGER NOT NULL,
        source_sha256 TEXT NOT NULL UNIQUE REFERENCES sources(sha256),
        xml_sha256 TEXT NOT NULL,
        title TEXT NOT NULL,
        pdf INTEGER NOT NULL,
        change_count INTEGER NOT NULL,
        warning_count INTEGER NOT NULL,
        published_at TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        UNIQUE (report_id, number)
    );
    CREATE TABLE warnings (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        code TEXT NOT NULL,
        location TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        path TEXT NOT NULL,
        source_sha256 TEXT NOT NULL,
        cause TEXT NOT NULL
    );
    """,
    """
    ALTER TABLE versions ADD COLUMN pdf_error TEXT;
    """,
    # Review, withdrawal, readable addresses and change notes (portal). Plain SQL that
    # PostgreSQL runs too: added columns with defaults, so earlier versions stay live.
    """
    ALTER TABLE reports ADD COLUMN address TEXT;
    ALTER TABLE reports ADD COLUMN withdrawn_at TEXT;
    ALTER TABLE reports ADD COLUMN withdrawn_reason TEXT;
    CREATE UNIQUE INDEX reports_address ON reports (address);
    ALTER TABLE versions ADD COLUMN review TEXT NOT NULL DEFAULT 'live';
    ALTER TABLE versions ADD COLUMN review_reasons TEXT NOT NULL DEFAULT '';
    ALTER TABLE versions ADD COLUMN reviewed_at TEXT;
    ALTER TABLE versions ADD COLUMN review_note TEXT;
    ALTER TABLE versions ADD COLUMN note TEXT;
    """,
)


# A version's review state: public, waiting for an editor, or turned down (kept in the archive).
LIVE, HELD, REJECTED = "live", "held", "rejected"


@dataclass(frozen=True)
class VersionRecord:
    id: int
    number: int
    source_sha256: str
    source_name: str
    source_suffix: str
    source_format: str
    xml_sha256: str
    title: str
    pdf: bool
    change_count: int
    warning_count: int
    published_at: str
    review: str = LIVE
    review_reasons: tuple[str, ...] = ()
    reviewed_at: str | None = None
    review_note: str | None = None
    note: str | None = None

    @property
    def live(self) -> bool:
        return self.review == LIVE

    @property
    def held(self) -> bool:
        return self.review == HELD


@dataclass(frozen=True)
class ReportRecord:
    id: int
    slug: str
    department: str | None
    year: int | None
    kind: str | None
    file_stem: str | None
    versions: tuple[VersionRecord, ...]
    address: str | None = None
    withdrawn_at: str | None = None
    withdrawn_reason: str | None = None

    @property
    def latest(self) -> VersionRecord:
        return self.versions[-1]

    @property
    def live_versions(self) -> tuple[VersionRecord, ...]:
        """The versions an editor let out (or the policy did), oldest first."""
        return tuple(v for v in self.versions if v.live)

    @property
    def current(self) -> VersionRecord | None:
        """The version the public sees: the newest live one."""
        live = self.live_versions
        return live[-1] if live else None

    @property
    def public(self) -> bool:
        """On the index, in search and the sitemap: something live, an address, not withdrawn."""
        return self.current is not None and bool(self.address) and not self.withdrawn_at

    @property
    def held_versions(self) -> tuple[VersionRecord, ...]:
        return tuple(v for v in self.versions if v.held)

    @property
    def state(self) -> str:
        """What the site shows of the report, for the build fingerprint."""
        return "|".join(
            [
                self.address or "",
                self.withdrawn_at or "",
                self.withdrawn_reason or "",
                str(self.year),
                self.kind or "",
                self.department or "",
                *(
                    f"{v.number}:{v.review}:{v.note or ''}:{v.review_note or ''}"
                    for v in self.versions
                ),
            ]
        )


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Catalog:
    """The one writer of the catalog; every change is one transaction, so a crash loses none.

    ``location`` is the SQLite file's path or a ``postgresql://`` URL.
    """

    def __init__(self, location: Path | str) -> None:
        self.db: CatalogDatabase = open_database(location)
        self._migrate()

    @property
    def location(self) -> str:
        return self.db.location

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[CatalogDatabase]:
        with self.db.transaction():
            yield self.db

    @contextmanager
    def publisher_lock(self) -> Iterator[None]:
        """Held for a whole publish run: one publisher at a time per catalog (PostgreSQL's
        advisory lock; the archive's lock file does this for SQLite)."""
        with self.db.publisher_lock():
            yield

    def _migrate(self) -> None:
        with self.db.migration() as db:
            version = db.schema_version()
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    db.execute_ddl(statement)
                db.set_schema_version(number)

    def known_sources(self) -> set[str]:
        return {row[0] for row in self.db.query("SELECT sha256 FROM sources")}

    def start_run(self, incoming: Path) -> int:
        with self.transaction() as db:
            return db.insert(
                "INSERT INTO runs (started_at, incoming) VALUES (?, ?)", (now(), str(incoming))
            )

    def finish_run(
        self,
        run_id: int,
        converted: int,
        unchanged: int,
        new_versions: int,
        failed: int,
        warnings: int,
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET finished_at = ?, converted = ?, unchanged = ?, new_versions = ?,"
                " failed = ?, warnings = ? WHERE id = ?",
                (now(), converted, unchanged, new_versions, failed, warnings, run_id),
            )

    def record_version(
        self,
        run_id: int,
        result: ArchivedConversion,
        held_for: tuple[str, ...] = (),
        note: str | None = None,
        address_for: AddressFor | None = None,
    ) -> int:
        """Add the conversion as the report's next version; returns its number.

        ``held_for`` names why it waits for an editor (empty: it goes live); ``note`` says
        what changed since the version before. A live version's report gets its readable
        address (``address_for``) in the same transaction, so a crash never leaves it without.
        """
        identity = result.identity
        with self.transaction() as db:
            # Two publishers adding versions of one report at once: the report row is
            # created by whichever comes first, and locked until commit (FOR UPDATE in
            # PostgreSQL; SQLite's write transaction locks the whole file), so version
            # numbers never collide.
            db.execute(
                "INSERT INTO reports (slug, identity_key, department, year, kind, file_stem,"
                " first_published) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    identity.slug,
                    identity.key,
                    identity.department,
                    identity.year,
                    identity.kind,
                    identity.file_stem,
                    now(),
                ),
            )
            report_id = db.query_one(
                "SELECT id FROM reports WHERE identity_key = ?" + db.for_update, (identity.key,)
            )[0]
            number = db.query_one(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE report_id = ?",
                (report_id,),
            )[0]
            db.execute(
                "INSERT INTO sources (sha256, file_name, suffix, format, size)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    result.source_sha256,
                    result.source_name,
                    result.source_suffix,
                    result.source_format,
                    result.source_size,
                ),
            )
            version_id = db.insert(
                "INSERT INTO versions (report_id, number, source_sha256, xml_sha256, title, pdf,"
                " pdf_error, change_count, warning_count, published_at, run_id, review,"
                " review_reasons, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    report_id,
                    number,
                    result.source_sha256,
                    result.xml_sha256,
                    result.title,
                    int(result.pdf),
                    result.pdf_error,
                    result.changes,
                    len(result.warnings),
                    now(),
                    run_id,
                    HELD if held_for else LIVE,
                    "\n".join(held_for),
                    note,
                ),
            )
            db.executemany(
                "INSERT INTO warnings (version_id, code, location, text) VALUES (?, ?, ?, ?)",
                [(version_id, w.code, w.location, w.text) for w in result.warnings],
            )
            if address_for is not None and not held_for:
                self._give_address(db, report_id, address_for)
        return number

    @staticmethod
    def _give_address(db: CatalogDatabase, report_id: int, address_for: AddressFor) -> None:
        """Give the report its readable address unless it has one: the one it asks for, or the
        first ``-2``, ``-3``… no other report has. It never changes afterwards."""
        row = db.execute(
            "SELECT address, department, year, kind, file_stem FROM reports WHERE id = ?",
            (report_id,),
        ).fetchone()
        if row[0]:
            return
        wanted = address_for(row[1], row[2], row[3], row[4])
        taken = {r[0] for r in db.execute("SELECT address FROM reports WHERE address IS NOT NULL")}
        address, number = wanted, 1
        while address in taken:
            number += 1
            address = f"{wanted}-{number}"
        db.execute("UPDATE reports SET address = ? WHERE id = ?", (address, report_id))

    def give_addresses(self, address_for: AddressFor) -> None:
        """An address for every report with a live version and none yet (catalogs from before
        readable addresses, and reports an editor just approved)."""
        for (report_id,) in self.db.execute(
            "SELECT DISTINCT r.id FROM reports r JOIN versions v ON v.report_id = r.id"
            " WHERE r.address IS NULL AND v.review = 'live' ORDER BY r.id"
        ).fetchall():
            with self.transaction() as db:
                self._give_address(db, report_id, address_for)

    def xml_without_pdf(self) -> list[str]:
        """XML hashes of versions that have no PDF and whose PDF never failed to render."""
        return [
            row[0]
            for row in self.db.query(
                "SELECT DISTINCT xml_sha256 FROM versions WHERE pdf = 0 AND pdf_error IS NULL"
                " ORDER BY xml_sha256"
            )
        ]

    def record_pdf(self, xml_sha256: str, error: str | None) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE versions SET pdf = ?, pdf_error = ? WHERE xml_sha256 = ?",
                (int(error is None), error, xml_sha256),
            )

    def record_failure(self, run_id: int, failure: Failed) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO failures (run_id, path, source_sha256, cause) VALUES (?, ?, ?, ?)",
                (run_id, str(failure.path), failure.source_sha256, failure.cause),
            )

    def reports(self) -> list[ReportRecord]:
        """Every report with all its versions, oldest version first."""
        return self._reports()

    def _reports(self, where: str = "", params: tuple[str, ...] = ()) -> list[ReportRecord]:
        """The reports ``where`` selects (a condition on ``reports``), with their versions.

        A condition reads only the rows it selects: recording a conversion looks up one
        report, and must not read the whole catalog (a batch would then be quadratic).
        """
        chosen = f" WHERE v.report_id IN (SELECT id FROM reports {where})" if where else ""
        versions: dict[int, list[VersionRecord]] = {}
        for row in self.db.query(
            "SELECT v.report_id, v.id, v.number, v.source_sha256, s.file_name, s.suffix, s.format,"
            " v.xml_sha256, v.title, v.pdf, v.change_count, v.warning_count, v.published_at,"
            " v.review, v.review_reasons, v.reviewed_at, v.review_note, v.note"
            " FROM versions v JOIN sources s ON s.sha256 = v.source_sha256"
            f"{chosen} ORDER BY v.report_id, v.number",
            params,
        ):
            versions.setdefault(row[0], []).append(
                VersionRecord(
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    row[5],
                    row[6],
                    row[7],
                    row[8],
                    bool(row[9]),
                    row[10],
                    row[11],
                    row[12],
                    row[13],
                    tuple(filter(None, row[14].split("\n"))),
                    row[15],
                    row[16],
                    row[17],
                )
            )
        return [
            ReportRecord(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                tuple(versions[row[0]]),
                row[6],
                row[7],
                row[8],
            )
            for row in self.db.query(
                "SELECT id, slug, department, year, kind, file_stem, address, withdrawn_at,"
                f" withdrawn_reason FROM reports {where} ORDER BY id",
                params,
            )
            if row[0] in versions
        ]

    def report(self, slug: str) -> ReportRecord | None:
        """A report by its ID (``archive list``) or by its readable address."""
        wanted = slug.strip("/")
        found = self._reports("WHERE slug = ? OR address = ?", (wanted, wanted))
        return found[0] if found else None

    def correct_metadata(
        self, report_id: int, department: str | None, year: int | None, kind: str | None
    ) -> None:
        """An editor's correction of what the reader found (the identity key stays the same)."""
        with self.transaction() as db:
            if department:
                db.execute(
                    "UPDATE reports SET department = ? WHERE id = ?", (department, report_id)
                )
            if year:
                db.execute("UPDATE reports SET year = ? WHERE id = ?", (year, report_id))
            if kind:
                db.execute("UPDATE reports SET kind = ? WHERE id = ?", (kind, report_id))

    def decide(self, version_id: int, review: str, note: str | None) -> None:
        """An editor's decision on a held version: live or rejected, with its note and time."""
        with self.transaction() as db:
            db.execute(
                "UPDATE versions SET review = ?, reviewed_at = ?, review_note = ? WHERE id = ?",
                (review, now(), note, version_id),
            )
            if review == LIVE:
                db.execute(
                    "UPDATE reports SET withdrawn_at = NULL, withdrawn_reason = NULL"
                    " WHERE id = (SELECT report_id FROM versions WHERE id = ?)",
                    (version_id,),
                )

    def withdraw(self, report_id: int, reason: str) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE reports SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ?",
                (now(), reason, report_id),
            )

    def warnings(self, version_id: int) -> list[tuple[str, str, str]]:
        return list(
            self.db.query(
                "SELECT code, location, text FROM warnings WHERE version_id = ? ORDER BY id",
                (version_id,),
            )
        )

    def runs(self, limit: int = 10) -> list[tuple[Any, ...]]:
        return list(
            self.db.query(
                "SELECT id, started_at, finished_at, converted, unchanged, new_versions, failed,"
                " warnings FROM runs ORDER BY id DESC LIMIT ?",
                (limit,),
            )
        )
