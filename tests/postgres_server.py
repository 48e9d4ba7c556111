"""A real PostgreSQL server for the tests: initdb + pg_ctl into a temp folder, on a free port.

PostgreSQL refuses to run as root, and CI runs as root: there the server runs as the
unprivileged ``nobody`` (through ``runuser``), in a folder that user owns.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "nobody"


def postgres_bindir() -> Path:
    """Debian's PostgreSQL server programs (``make install`` installs the ``postgresql`` package)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not candidates:
        found = shutil.which("initdb")
        if found is None:
            raise RuntimeError(
                "PostgreSQL server programs not found: run `make install` "
                "(Debian package postgresql)"
            )
        return Path(found).parent
    return Path(candidates[0]).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class PostgresServer:
    folder: Path
    port: int
    as_root: bool

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    @property
    def user(self) -> str:
        return SERVER_USER if self.as_root else (os.environ.get("USER") or "postgres")

    def new_database(self) -> str:
        """The URL of a fresh, empty database on this server."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _run(command: list[str], as_root: bool, **kwargs) -> subprocess.CompletedProcess:
    if as_root:
        command = ["runuser", "-u", SERVER_USER, "--", *command]
    return subprocess.run(
        command, check=True, capture_output=True, text=True, timeout=120, **kwargs
    )


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """Start a throwaway server, yield it, stop it and remove its files."""
    bindir = postgres_bindir()
    as_root = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="docforge-pg-"))
    if as_root:
        shutil.chown(folder, SERVER_USER)
    data = folder / "data"
    port = free_port()
    user = SERVER_USER if as_root else (os.environ.get("USER") or "postgres")
    server = PostgresServer(folder, port, as_root)
    try:
        _run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                user,
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
            ],
            as_root,
            cwd=folder,
        )
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=40"
        )
        _run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            as_root,
            cwd=folder,
        )
        yield server
    finally:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            _run(
                [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                as_root,
                cwd=folder,
            )
        shutil.rmtree(folder, ignore_errors=True)
