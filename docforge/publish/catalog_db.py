"""The two databases a catalog can live in, behind the few calls the catalog makes.

Queries are written once, with ``?`` placeholders; what differs between SQLite and
PostgreSQL is here alone: placeholders, identity columns, where the schema version is
kept, how a write transaction starts, and how publishers on several machines keep out
of each other's way (an advisory lock held for the run, ``SELECT … FOR UPDATE`` on the
report row while a version is added).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
# Any 64-bit number the publishers of one catalog agree on: "docforge" in ASCII.
PUBLISH_LOCK_KEY = 0x646F63666F726765
MIGRATION_LOCK_KEY = PUBLISH_LOCK_KEY + 1


def is_postgres(location: Path | str) -> bool:
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def redacted(url: str) -> str:
    """A connection URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@/]*@", r"://\1:***@", url)


class Cursor(Protocol):
    """What ``execute`` returns on both backends, as ``sqlite3.Cursor`` has it."""

    lastrowid: int | None

    def fetchone(self) -> tuple[Any, ...] | None: ...
    def fetchall(self) -> list[tuple[Any, ...]]: ...
    def __iter__(self) -> Iterator[tuple[Any, ...]]: ...


class CatalogDatabase(Protocol):
    """The catalog's connection. ``execute`` works as ``sqlite3.Connection.execute`` does
    (``?`` placeholders; a cursor with ``fetchone``, ``fetchall``, ``lastrowid``) on both
    backends, so catalog code is written once."""

    location: str
    for_update: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
    def execute_ddl(self, sql: str) -> None: ...
    def insert(self, sql: str, params: Sequence[Any]) -> int: ...
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
    def query_one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...]: ...
    def transaction(self) -> Any: ...
    def migration(self) -> Any: ...
    def publisher_lock(self) -> Any: ...
    def schema_version(self) -> int: ...
    def set_schema_version(self, number: int) -> None: ...
    def close(self) -> None: ...


def _one(rows: list[tuple[Any, ...]], sql: str) -> tuple[Any, ...]:
    if not rows:
        raise LookupError(f"catalog query found no row: {sql}")
    return rows[0]


class SqliteDatabase:
    """The embedded default: one file in the archive; the archive's lock file keeps
    publishers apart, ``BEGIN IMMEDIATE`` makes each change one write transaction."""

    for_update = ""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.location = str(path)
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.execute("PRAGMA busy_timeout = 10000")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self.db.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    def execute_ddl(self, sql: str) -> None:
        self.db.execute(sql)

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        return self.db.execute(sql, params).lastrowid

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...]:
        return _one(self.query(sql, params), sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def migration(self) -> Iterator[SqliteDatabase]:
        with self.transaction():
            yield self

    @contextmanager
    def publisher_lock(self) -> Iterator[None]:
        yield

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def set_schema_version(self, number: int) -> None:
        self.db.execute(f"PRAGMA user_version = {int(number)}")

    def close(self) -> None:
        self.db.close()


_IDENTITY = re.compile(r"\bINTEGER\s+PRIMARY\s+KEY\b", re.IGNORECASE)


def postgres_ddl(sql: str) -> str:
    """A migration written for both backends, as PostgreSQL takes it: an ``INTEGER PRIMARY
    KEY`` (SQLite's row id) becomes an identity column."""
    return _IDENTITY.sub("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql)


def postgres_sql(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (the catalog's SQL has no other ``?`` or ``%``)."""
    return sql.replace("%", "%%").replace("?", "%s")


_INSERT_INTO = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)


@dataclass
class PostgresCursor:
    """A psycopg cursor as ``sqlite3.Cursor`` looks: an INSERT into a table with an ``id``
    column returns that id (``RETURNING id``) as ``lastrowid``."""

    cursor: Any
    lastrowid: int | None = None

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.cursor.fetchone() if self.cursor.description else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.cursor.fetchall() if self.cursor.description else []

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return self.cursor.rowcount


class PostgresDatabase:
    """The shared catalog of publishers on many machines (psycopg 3, autocommit outside the
    explicit transactions, so no transaction is ever left open between changes)."""

    for_update = " FOR UPDATE"

    def __init__(self, url: str) -> None:
        import psycopg

        self.location = redacted(url)
        self._with_id: frozenset[str] | None = None
        try:
            self.db = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as error:
            first = (
                str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            )
            raise ConnectionError(
                f"{self.location}: cannot connect to the catalog ({first})"
            ) from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PostgresCursor:
        insert = _INSERT_INTO.match(sql)
        returning = (
            insert is not None
            and insert.group(1).lower() in self._id_tables()
            and "RETURNING" not in sql.upper()
            and "ON CONFLICT" not in sql.upper()
        )
        cursor = self.db.execute(postgres_sql(sql) + (" RETURNING id" if returning else ""), params)
        result = PostgresCursor(cursor)
        if returning:
            result.lastrowid = cursor.fetchone()[0]
        return result

    def _id_tables(self) -> frozenset[str]:
        """The catalog's tables with an ``id`` column (asked once, after the migrations)."""
        if self._with_id is None:
            self._with_id = frozenset(
                row[0]
                for row in self.db.execute(
                    "SELECT table_name FROM information_schema.columns"
                    " WHERE table_schema = current_schema() AND column_name = 'id'"
                )
            )
        return self._with_id

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.db.cursor() as cursor:
                cursor.executemany(postgres_sql(sql), rows)

    def execute_ddl(self, sql: str) -> None:
        self.db.execute(postgres_ddl(sql))
        self._with_id = None

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        return self.execute(sql, params).lastrowid

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...]:
        return _one(self.query(sql, params), sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.transaction():
            yield

    @contextmanager
    def migration(self) -> Iterator[PostgresDatabase]:
        """One transaction that holds the migration lock: two publishers starting at once
        never both run a migration."""
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_KEY,))
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            yield self

    @contextmanager
    def publisher_lock(self) -> Iterator[None]:
        """One publish run at a time per catalog, wherever the publishers run (a second one
        stops at once, as with the archive's lock file); released by the server when this
        connection ends, even when the publisher is killed."""
        taken = self.db.execute("SELECT pg_try_advisory_lock(%s)", (PUBLISH_LOCK_KEY,)).fetchone()
        if not taken[0]:
            raise ConnectionError(
                f"{self.location}: another 'docforge publish' is using this catalog"
            )
        try:
            yield
        finally:
            if not self.db.closed:
                self.db.execute("SELECT pg_advisory_unlock(%s)", (PUBLISH_LOCK_KEY,))

    def schema_version(self) -> int:
        row = self.db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return row[0] or 0

    def set_schema_version(self, number: int) -> None:
        self.db.execute("DELETE FROM schema_version")
        self.db.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))

    def close(self) -> None:
        self.db.close()


def open_database(location: Path | str) -> CatalogDatabase:
    """The catalog database at ``location``: a ``postgresql://`` URL, else an SQLite path."""
    if is_postgres(location):
        return PostgresDatabase(str(location))
    return SqliteDatabase(Path(location))
