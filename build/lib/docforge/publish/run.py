"""One publish run: find new sources, convert them in parallel, record them, rebuild the site."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from docforge.extract import SUPPORTED_SUFFIXES
from docforge.normalize.pipeline import Options
from docforge.publish.archive import Archive
from docforge.publish.atomic import (
    check_site_target,
    current_build,
    exclusive_lock,
    new_build_dir,
    remove_stale_builds,
    switch_site,
)
from docforge.publish.catalog import Catalog
from docforge.publish.job import ArchivedConversion, Failed, convert_job, pdf_job, pdf_renderer
from docforge.publish.site import build_site, fingerprint, published_fingerprint


@dataclass
class Summary:
    converted: int = 0
    unchanged: int = 0
    new_reports: int = 0
    new_versions: int = 0
    failed: int = 0
    warnings: int = 0
    site_rebuilt: bool = False
    failures: list[Failed] = field(default_factory=list)
    notes: set[str] = field(default_factory=set)
    seconds: float = 0.0


def incoming_files(incoming: Path, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Every supported file below ``incoming``; hidden files, symlinks and ``skip`` folders
    (the archive, when it lies inside the incoming folder) are left out."""
    skipped = {folder.resolve() for folder in skip}
    found = []
    for dirpath, dirnames, filenames in os.walk(incoming):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and (Path(dirpath) / d).resolve() not in skipped)
        for name in filenames:
            path = Path(dirpath) / name
            if (not name.startswith(".") and not path.is_symlink()
                    and path.suffix.lower() in SUPPORTED_SUFFIXES):
                found.append(path)
    return sorted(found)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def progress_reporter(console: Console, total: int) -> Iterator:
    """A rich progress bar on a terminal; one plain line per document otherwise."""
    if console.is_terminal and total:
        with Progress(TextColumn("converting"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), TextColumn("{task.description}"),
                      console=console, transient=True) as bar:
            task = bar.add_task("", total=total)

            def advance(line: str) -> None:
                bar.update(task, advance=1, description=line)
            yield advance
    else:
        yield console.print


def die_with_parent() -> None:
    """Make a pool worker exit when publish itself is killed, instead of lingering (Linux only)."""
    if sys.platform != "linux":
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _results(todo: list[tuple[Path, str]], settings: PublishSettings) -> Iterator[ArchivedConversion | Failed]:
    """Conversion results in input order, so versions of one report are numbered predictably."""
    root, options, with_pdf, strict = (settings.archive.root, settings.options, settings.with_pdf,
                                       settings.strict)
    if len(todo) <= 1 or settings.jobs <= 1:
        for path, sha in todo:
            yield convert_job(path, sha, root, options, with_pdf, strict)
        return
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=min(settings.jobs, len(todo)),
                                 initializer=die_with_parent) as pool:
            count = len(todo)
            for result in pool.map(convert_job, [p for p, _ in todo], [s for _, s in todo],
                                   [root] * count, [options] * count, [with_pdf] * count,
                                   [strict] * count):
                done += 1
                yield result
    except BrokenProcessPool:
        for path, sha in todo[done:]:
            yield Failed(path, sha, f"{path}: the conversion process died (out of memory or crashed)")


@dataclass(frozen=True)
class PublishSettings:
    """What one run publishes, where to, and how."""

    incoming: Path
    site: Path
    archive: Archive
    options: Options = field(default_factory=Options)
    base_url: str = "http://localhost:8000/"
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    with_pdf: bool = True
    strict: bool = False


def publish(incoming: Path, site: Path, archive_root: Path, *, options: Options | None = None,
            base_url: str = "http://localhost:8000/", jobs: int | None = None,
            with_pdf: bool = True, strict: bool = False, console: Console | None = None) -> Summary:
    """Publish everything new in ``incoming``; the previous site stays up until the new one is whole."""
    started = time.perf_counter()
    settings = PublishSettings(incoming, site, Archive(archive_root), options or Options(),
                               base_url, jobs or os.cpu_count() or 1, with_pdf, strict)
    console = console or Console(highlight=False, soft_wrap=True)
    summary = Summary()
    check_site_target(site)
    site.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(settings.archive.lock_path):
        remove_stale_builds(site)
        catalog = Catalog(settings.archive.catalog_path)
        try:
            run_id = catalog.start_run(incoming)
            _convert_new_sources(settings, catalog, run_id, console, summary)
            _render_missing_pdfs(settings, catalog, summary)
            summary.site_rebuilt = _rebuild_site_if_stale(settings, catalog, console, summary)
            catalog.finish_run(run_id, summary.converted, summary.unchanged,
                               summary.new_reports + summary.new_versions, summary.failed,
                               summary.warnings)
        finally:
            catalog.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _convert_new_sources(settings: PublishSettings, catalog: Catalog, run_id: int,
                         console: Console, summary: Summary) -> None:
    """Convert each source the catalog has not seen, committing each result as it arrives."""
    known = catalog.known_sources()
    todo: list[tuple[Path, str]] = []
    for path in incoming_files(settings.incoming, skip=(settings.archive.root, settings.site)):
        sha = file_sha256(path)
        if sha in known:
            summary.unchanged += 1
        else:
            known.add(sha)
            todo.append((path, sha))
    with progress_reporter(console, len(todo)) as report:
        for result in _results(todo, settings):
            if isinstance(result, Failed):
                summary.failed += 1
                summary.failures.append(result)
                catalog.record_failure(run_id, result)
                report(f"failed {result.path}")
                continue
            number = catalog.record_version(run_id, result)
            summary.converted += 1
            summary.warnings += len(result.warnings)
            summary.notes.update(result.notes)
            if number == 1:
                summary.new_reports += 1
            else:
                summary.new_versions += 1
            report(f"converted {result.path} -> {result.identity.slug} v{number}")


def _render_missing_pdfs(settings: PublishSettings, catalog: Catalog, summary: Summary) -> None:
    """Give earlier versions the PDF they were published without (before a renderer was there)."""
    if not settings.with_pdf or pdf_renderer() is None:
        return
    missing = catalog.xml_without_pdf()
    if not missing:
        return
    if len(missing) == 1 or settings.jobs <= 1:
        results = map(pdf_job, missing, [settings.archive.root] * len(missing))
        _record_pdfs(results, catalog, summary)
        return
    with ProcessPoolExecutor(max_workers=min(settings.jobs, len(missing)),
                             initializer=die_with_parent) as pool:
        _record_pdfs(pool.map(pdf_job, missing, [settings.archive.root] * len(missing)),
                     catalog, summary)


def _record_pdfs(results: Iterable[tuple[str, str | None]], catalog: Catalog,
                 summary: Summary) -> None:
    made = 0
    for xml_sha256, error in results:
        catalog.record_pdf(xml_sha256, error)
        if error:
            summary.notes.add(f"PDF not produced for an archived version: {error}")
        else:
            made += 1
    if made:
        summary.notes.add(f"PDFs rendered for {made} earlier versions")


def _rebuild_site_if_stale(settings: PublishSettings, catalog: Catalog, console: Console,
                           summary: Summary) -> bool:
    """Build a new site and switch to it, unless the published one is made of the same things."""
    reports = catalog.reports()
    site = settings.site
    if published_fingerprint(current_build(site)) == fingerprint(reports, settings.base_url):
        return False
    console.print(f"building site: {len(reports)} reports, "
                  f"{sum(len(r.versions) for r in reports)} versions", highlight=False)
    build = new_build_dir(site)
    build_site(build.resolve(), settings.archive, reports, settings.base_url,
               print_note=summary.notes.add)
    switch_site(site, build)
    remove_stale_builds(site)
    return True


def print_summary(summary: Summary, console: Console, err: Console) -> None:
    for failure in summary.failures:
        err.print(f"docforge: {failure.cause}", markup=False, highlight=False)
    table = Table(title="publish summary")
    for column in ("converted", "unchanged", "new reports", "new versions", "failed", "warnings"):
        table.add_column(column, justify="right")
    table.add_row(*(str(n) for n in (summary.converted, summary.unchanged, summary.new_reports,
                                     summary.new_versions, summary.failed, summary.warnings)))
    console.print(table)
    for note in sorted(summary.notes):
        console.print(f"note: {note}", markup=False, highlight=False)
    site_state = "site rebuilt" if summary.site_rebuilt else "site unchanged"
    console.print(f"publish finished in {summary.seconds:.2f}s ({site_state})", highlight=False)


def main_console() -> tuple[Console, Console]:
    return Console(highlight=False, soft_wrap=True), Console(stderr=True, highlight=False, soft_wrap=True)
