"""Helpers for the publish tests: run the command, and check archive and site independently."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from docforge.publish.site import manifest_problems
from tests.conftest import FIXTURES, ROOT

# A site.toml that lets every converted report go live (for tests whose subject is not review).
PUBLISH_ALL = ("--config", str(FIXTURES / "portal" / "publish_all.toml"))


def publish_command(incoming: Path, site: Path, archive: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "docforge.cli",
        "publish",
        str(incoming),
        "--site",
        str(site),
        "--archive",
        str(archive),
        *extra,
    ]


def subprocess_env() -> dict[str, str]:
    """The worktree's docforge, whatever the current directory."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def publish(
    incoming: Path, site: Path, archive: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        publish_command(incoming, site, archive, *extra),
        capture_output=True,
        text=True,
        timeout=600,
        env=subprocess_env(),
        cwd=ROOT,
    )


def catalog_rows(archive: Path, sql: str) -> list[tuple]:
    """Query the catalog as the next run would open it (rolling back what a kill left half done)."""
    db = sqlite3.connect(archive / "catalog.sqlite")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def catalog_created(archive: Path) -> bool:
    """Whether a run got as far as creating the catalog's tables (a kill may come earlier)."""
    return (archive / "catalog.sqlite").exists() and bool(
        catalog_rows(archive, "SELECT 1 FROM sqlite_master WHERE name = 'versions'")
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def archive_problems(archive: Path) -> list[str]:
    """Every way the catalog and the archived files disagree; empty when consistent."""
    if not (archive / "catalog.sqlite").exists():
        return []
    if catalog_rows(archive, "PRAGMA integrity_check") != [("ok",)]:
        return ["catalog fails the SQLite integrity check"]
    if not catalog_created(archive):
        return []
    problems = []
    rows = catalog_rows(
        archive,
        "SELECT v.xml_sha256, v.source_sha256, s.suffix FROM versions v"
        " JOIN sources s ON s.sha256 = v.source_sha256",
    )
    for xml_sha, source_sha, suffix in rows:
        xml = archive / "xml" / xml_sha[:2] / f"{xml_sha}.xml"
        source = archive / "sources" / source_sha[:2] / f"{source_sha}{suffix}"
        for path, digest in ((xml, xml_sha), (source, source_sha)):
            if not path.is_file():
                problems.append(f"{path} listed in the catalog but missing")
            elif sha256(path) != digest:
                problems.append(f"{path} does not match its hash")
    return problems


def site_problems(site: Path) -> list[str]:
    """Every way ``site`` is not one complete build; empty when it is (or there is none yet)."""
    if not site.exists() and not site.is_symlink():
        return []
    problems = manifest_problems(site)
    if not (site / "build.json").is_file():
        return problems
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    for report in catalog["reports"]:
        for version in report["versions"]:
            for key in ("page", "xml"):
                if not (site / version[key]).is_file():
                    problems.append(f"{version[key]} listed in catalog.json but missing")
    if not (site / "index.html").is_file():
        problems.append("no index.html")
    return problems


def site_versions(site: Path) -> set[tuple[str, str]]:
    """(report, source SHA-256) of every version the site offers."""
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    return {(r["id"], v["source_sha256"]) for r in catalog["reports"] for v in r["versions"]}


def catalog_versions(archive: Path) -> set[tuple[str, str]]:
    """(report, source SHA-256) of every version the catalog says is public: live, of a report
    that is not withdrawn (held and rejected versions are archived but not offered)."""
    if not catalog_created(archive):
        return set()
    return set(
        catalog_rows(
            archive,
            "SELECT r.slug, v.source_sha256 FROM versions v"
            " JOIN reports r ON r.id = v.report_id"
            " WHERE v.review = 'live' AND r.withdrawn_at IS NULL",
        )
    )


def report_folder(site: Path, archive: Path, slug: str) -> Path:
    """Where the public site shows a report: its readable address, from the catalog."""
    [(address,)] = catalog_rows(archive, f"SELECT address FROM reports WHERE slug = '{slug}'")
    assert address, f"{slug} has no public address"
    return site / address


# Machine times (with seconds and zone) and the local minute shown to editors (``2026-12-02 08:46``):
# two runs a minute apart differ only in these.
_TIMESTAMPS = re.compile(
    rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:Z| UTC)|\d{4}-\d\d-\d\d \d\d:\d\d(?![:\d])"
)


# Pagefind writes its filter index (年度/部门/报告类型), the metadata file naming it and the entry
# file naming that under hashes that differ from run to run over the very same pages (even on one
# thread): those are compared by name pattern only, every other file byte for byte.
_RUN_HASHED = re.compile(
    r"^(pagefind/filter/.+_|pagefind/pagefind\..+_)[0-9a-f]+(\.pf_filter|\.pf_meta)$"
)


def _masked(name: str) -> str:
    return _RUN_HASHED.sub(r"\1(hash)\2", name)


def site_contents(site: Path) -> dict[str, bytes]:
    """Every file of a published site with its publication times masked: two runs over the
    same sources at different moments give the same contents. ``build.json`` holds only
    times and a fingerprint of them, so only its list of files is kept."""
    contents = {}
    for path in sorted(site.resolve().rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site.resolve()).as_posix()
        if name == "build.json":
            manifest = json.loads(path.read_text(encoding="utf-8"))
            contents[name] = json.dumps(sorted(_masked(n) for n in manifest["files"])).encode()
        elif _RUN_HASHED.match(name) or name == "pagefind/pagefind-entry.json":
            key = _masked(name)
            contents[key] = str(int(contents.get(key, b"0")) + 1).encode()
        else:
            contents[name] = _TIMESTAMPS.sub(b"(time)", path.read_bytes())
    return contents


def archive_files(archive: Path) -> dict[str, str]:
    """The archive's content-addressed files (name → SHA-256), the catalog file left out."""
    return {
        path.relative_to(archive).as_posix(): sha256(path)
        for folder in ("xml", "pdf", "sources")
        if (archive / folder).is_dir()
        for path in sorted((archive / folder).rglob("*"))
        if path.is_file()
    }


def catalog_snapshot(location: Path | str) -> list[tuple]:
    """What a catalog says about every report and version, without row ids and times."""
    from docforge.publish.catalog import Catalog

    catalog = Catalog(location)
    try:
        return [
            (
                report.slug,
                report.department,
                report.year,
                report.kind,
                report.file_stem,
                tuple(
                    (
                        v.number,
                        v.source_sha256,
                        v.source_name,
                        v.source_suffix,
                        v.source_format,
                        v.xml_sha256,
                        v.title,
                        v.pdf,
                        v.change_count,
                        v.warning_count,
                        tuple(catalog.warnings(v.id)),
                    )
                    for v in report.versions
                ),
            )
            for report in catalog.reports()
        ]
    finally:
        catalog.close()


def digest_scan(archive: Path) -> tuple[int, int]:
    """(files seen, files read and hashed) by the last scan of the incoming folder's digest
    cache, from the cache file itself."""
    db = sqlite3.connect(archive / "incoming-digests.sqlite")
    try:
        [(files, hashed)] = db.execute("SELECT files, hashed FROM scopes").fetchall()
        return files, hashed
    finally:
        db.close()
