"""One publish run: find new sources, convert them in parallel, record them, rebuild the site."""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from docforge.errors import InputError
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
from docforge.publish.executors import Executor, Outcome, WorkerLost, make_executor
from docforge.publish.job import (
    Failed,
    PdfWork,
    WorkItem,
    archive_converted,
    convert_work,
    pdf_renderer,
    pdf_work,
    read_work_item,
)
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
    site_seconds: float = 0.0
    executor: str = ""
    done_by_worker: Counter[str] = field(default_factory=Counter)
    failed_by_worker: Counter[str] = field(default_factory=Counter)

    def tally(self, worker: str, failed: bool) -> None:
        (self.failed_by_worker if failed else self.done_by_worker)[worker] += 1

    def worker_line(self) -> str:
        """Tasks done/failed per worker, as the progress shows them."""
        workers = sorted(set(self.done_by_worker) | set(self.failed_by_worker))
        return " · ".join(f"{w}: {self.done_by_worker[w]} done, {self.failed_by_worker[w]} failed"
                          for w in workers)


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
def progress_reporter(console: Console, total: int, summary: Summary) -> Iterator:
    """A rich progress bar with tasks done/failed per worker on a terminal; one plain line
    per document (naming its worker) otherwise."""
    if console.is_terminal and total:
        with Progress(TextColumn("converting"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), TextColumn("{task.description}"),
                      console=console, transient=True) as bar:
            task = bar.add_task("", total=total)

            def advance(line: str, worker: str) -> None:
                bar.update(task, advance=1, description=summary.worker_line())
            yield advance
    else:
        def plain(line: str, worker: str) -> None:
            console.print(f"{line} [{worker}]", markup=False, highlight=False)
        yield plain


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
    executor: str | None = None
    catalog: str | None = None


def publish(incoming: Path, site: Path, archive_root: Path, *, options: Options | None = None,
            base_url: str = "http://localhost:8000/", jobs: int | None = None,
            with_pdf: bool = True, strict: bool = False, console: Console | None = None,
            executor: str | None = None, catalog: str | None = None) -> Summary:
    """Publish everything new in ``incoming``; the previous site stays up until the new one is whole.

    ``executor`` is where documents are converted (``local`` process pool, ``dask-local``,
    ``dask://HOST:PORT``); ``catalog`` a ``postgresql://`` URL (default: SQLite in the archive).
    """
    started = time.perf_counter()
    settings = PublishSettings(incoming, site, Archive(archive_root), options or Options(),
                               base_url, jobs or os.cpu_count() or 1, with_pdf, strict,
                               executor, catalog)
    console = console or Console(highlight=False, soft_wrap=True)
    summary = Summary()
    check_site_target(site)
    site.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(settings.archive.lock_path):
        remove_stale_builds(site)
        catalog = Catalog(settings.catalog or settings.archive.catalog_path)
        try:
            with catalog.publisher_lock():
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
    if not todo:
        return
    unreadable: list[Failed] = []

    def items() -> Iterator[WorkItem]:
        """Each source's bytes, read only when a worker slot is free (bounded memory)."""
        for path, sha in todo:
            try:
                yield read_work_item(path, sha, settings.options, settings.with_pdf,
                                     settings.strict)
            except InputError as error:
                unreadable.append(Failed(path, sha, str(error)))

    with progress_reporter(console, len(todo), summary) as report, \
            _executor(settings, len(todo), summary) as executor:
        for outcome in executor.run(convert_work, items()):
            _record_outcome(outcome, settings, catalog, run_id, summary, report)
        for failure in unreadable:
            _record_failure(failure, "driver", catalog, run_id, summary, report)


@contextmanager
def _executor(settings: PublishSettings, units: int, summary: Summary) -> Iterator[Executor]:
    executor = make_executor(settings.executor, settings.jobs, units)
    summary.executor = executor.name
    try:
        yield executor
    finally:
        executor.close()


def _record_failure(failure: Failed, worker: str, catalog: Catalog, run_id: int,
                    summary: Summary, report) -> None:
    summary.failed += 1
    summary.failures.append(failure)
    summary.tally(worker, failed=True)
    catalog.record_failure(run_id, failure)
    report(f"failed {failure.path}", worker)


def _record_outcome(outcome: Outcome, settings: PublishSettings, catalog: Catalog, run_id: int,
                    summary: Summary, report) -> None:
    """Archive and record one unit's result: the driver alone writes archive and catalog."""
    item: WorkItem = outcome.item
    result = outcome.result
    if isinstance(result, WorkerLost):
        result = Failed(item.path, item.source_sha256, f"{item.path}: {result.cause}")
    if isinstance(result, Failed):
        _record_failure(result, outcome.worker, catalog, run_id, summary, report)
        return
    conversion = archive_converted(result, item.data, settings.archive)
    number = catalog.record_version(run_id, conversion)
    summary.converted += 1
    summary.warnings += len(conversion.warnings)
    summary.notes.update(conversion.notes)
    summary.tally(outcome.worker, failed=False)
    if number == 1:
        summary.new_reports += 1
    else:
        summary.new_versions += 1
    report(f"converted {conversion.path} -> {conversion.identity.slug} v{number}", outcome.worker)


def _render_missing_pdfs(settings: PublishSettings, catalog: Catalog, summary: Summary) -> None:
    """Give earlier versions the PDF they were published without (before a renderer was there)."""
    if not settings.with_pdf:
        return
    missing = catalog.xml_without_pdf()  # asked first: loading the renderer costs seconds
    if not missing or pdf_renderer() is None:
        return

    def work() -> Iterator[PdfWork]:
        for xml_sha256 in missing:
            try:
                yield PdfWork(xml_sha256, settings.archive.xml_path(xml_sha256).read_bytes())
            except OSError as error:
                catalog.record_pdf(xml_sha256, f"archived XML unreadable: {error}")

    made = 0
    with _executor(settings, len(missing), Summary()) as executor:
        for outcome in executor.run(pdf_work, work()):
            rendered = outcome.result
            error = rendered.cause if isinstance(rendered, WorkerLost) else rendered.error
            if rendered_pdf := getattr(rendered, "pdf", None):
                settings.archive.store_pdf(rendered.xml_sha256, rendered_pdf)
            catalog.record_pdf(outcome.item.xml_sha256, error)
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
    started = time.perf_counter()
    build = new_build_dir(site)
    build_site(build.resolve(), settings.archive, reports, settings.base_url,
               print_note=summary.notes.add, jobs=settings.jobs)
    switch_site(site, build)
    remove_stale_builds(site)
    summary.site_seconds = time.perf_counter() - started
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
    if len(summary.done_by_worker.keys() | summary.failed_by_worker.keys()) > 1:
        console.print(f"{summary.executor}: {summary.worker_line()}", markup=False,
                      highlight=False)
    for note in sorted(summary.notes):
        console.print(f"note: {note}", markup=False, highlight=False)
    site_state = "site rebuilt" if summary.site_rebuilt else "site unchanged"
    console.print(f"publish finished in {summary.seconds:.2f}s ({site_state})", highlight=False)


def main_console() -> tuple[Console, Console]:
    return Console(highlight=False, soft_wrap=True), Console(stderr=True, highlight=False, soft_wrap=True)
