"""Report pages carried over from the published build instead of rendered again.

A report's pages depend only on its own catalog record, the site's settings, the
templates and the code. When none of these changed since the published build, the new
build hard-links that build's files for the report. A publish then renders the reports
that are new or changed, so its cost follows what changed, not the size of the archive
(the index, department pages, sitemap and search index are still made whole each time).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from docforge.publish.catalog import ReportRecord
from docforge.publish.figures import VersionFigures, stored_figures
from docforge.publish.site_folder import SiteFolder

# By XML hash: figure findings, web disclosure metadata, tables' open-data entries.
PageResults = dict[str, tuple[VersionFigures, dict[str, str], list[dict]]]


def report_pages_key(report: ReportRecord, site_key: str) -> str:
    """What one report's pages are made of: every field of its record (versions, review,
    address, withdrawal) and ``site_key`` (settings, templates, code)."""
    record = json.dumps(asdict(report), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(f"{site_key}\n{record}".encode()).hexdigest()


@dataclass(frozen=True)
class ReportPages:
    """What a build keeps of one report's pages, in its manifest."""

    key: str
    files: tuple[str, ...]
    disclosure: dict[str, dict[str, str]]
    tables: dict[str, list[dict]]

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "files": list(self.files),
            "disclosure": self.disclosure,
            "tables": self.tables,
        }

    @classmethod
    def from_results(cls, key: str, files: list[str], results: PageResults) -> ReportPages:
        return cls(
            key,
            tuple(files),
            {sha: disclosure for sha, (_, disclosure, _) in results.items()},
            {sha: tables for sha, (_, _, tables) in results.items()},
        )


def previous_pages(build: Path | None, manifest_name: str) -> dict[str, ReportPages]:
    """The report pages the published build keeps, by report slug; empty when it keeps none."""
    if build is None:
        return {}
    try:
        manifest = json.loads((build / manifest_name).read_text(encoding="utf-8"))
        return {
            slug: ReportPages(
                entry["key"], tuple(entry["files"]), entry["disclosure"], entry["tables"]
            )
            for slug, entry in manifest.get("pages", {}).items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _inside(name: str) -> bool:
    """A file name that stays inside a build folder (the manifest is data, not trusted paths)."""
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts


def carry_over(
    kept: ReportPages, previous: Path, folder: SiteFolder, archive_root: Path
) -> PageResults | None:
    """Link a report's kept pages from the ``previous`` build into ``folder``; its page results
    from the manifest and the archive's stored figures. None, with nothing linked, when a file
    or a figure record is missing: the report is then rendered again."""
    figures = {sha: stored_figures(archive_root, sha) for sha in kept.disclosure}
    if any(found is None for found in figures.values()):
        return None
    if not all(_inside(name) and (previous / name).is_file() for name in kept.files):
        return None
    for name in kept.files:
        folder.link(previous / name, name)
    return {
        sha: (found, kept.disclosure[sha], kept.tables.get(sha, []))
        for sha, found in figures.items()
        if found is not None
    }
