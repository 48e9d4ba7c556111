"""One publish run: find new sources, convert them in parallel, record them, rebuild the site."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urljoin

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from docforge.errors import InputError
from docforge.extract import SUPPORTED_SUFFIXES
from docforge.model.xml import parse_report
from docforge.normalize.pipeline import Options
from docforge.publish.addresses import wanted_address
from docforge.publish.archive import Archive
from docforge.publish.atomic import (
    check_site_target,
    current_build,
    exclusive_lock,
    new_build_dir,
    remove_stale_builds,
    switch_site,
)
from docforge.publish.catalog import HELD, LIVE, Catalog
from docforge.publish.changenote import change_note
from docforge.publish.config import SiteConfig
from docforge.publish.executors import Executor, Outcome, WorkerLost, make_executor
from docforge.publish.incoming_digests import IncomingDigests
from docforge.publish.job import (
    ArchivedConversion,
    Failed,
    PdfWork,
    WorkItem,
    archive_converted,
    convert_work,
    pdf_renderer,
    pdf_work,
    read_work_item,
    unreadable_file,
)
from docforge.publish.messages import Messages, Note, note, say_note
from docforge.publish.paths import ReviewPaths
from docforge.publish.review import hold_reasons
from docforge.publish.site import (
    REVIEW_PAGE,
    build_site,
    fingerprint,
    published_fingerprint,
)


@dataclass(frozen=True)
class FileOutcome:
    """What became of one incoming file: live at an address, held for review, or failed."""

    path: Path
    state: str  # live | held | failed
    slug: str = ""
    number: int = 0
    address: str = ""
    reasons: tuple[str, ...] = ()
    cause: str = ""


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
    notes: set[Note] = field(default_factory=set)
    seconds: float = 0.0
    site_seconds: float = 0.0
    executor: str = ""
    done_by_worker: Counter[str] = field(default_factory=Counter)
    failed_by_worker: Counter[str] = field(default_factory=Counter)
    outcomes: list[FileOutcome] = field(default_factory=list)
    base_url: str = ""

    @property
    def held(self) -> int:
        return sum(1 for o in self.outcomes if o.state == HELD)

    def tally(self, worker: str, failed: bool) -> None:
        (self.failed_by_worker if failed else self.done_by_worker)[worker] += 1

    def worker_line(self) -> str:
        """Tasks done/failed per worker."""
        workers = sorted(set(self.done_by_worker) | set(self.failed_by_worker))
        return " · ".join(
            f"{w}: {self.done_by_worker[w]} ✓ {self.failed_by_worker[w]} ✗" for w in workers
        )


def incoming_files(incoming: Path, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Every supported regular file below ``incoming``; hidden files, symlinks, anything not
    a regular file (a named pipe would block the run that opened it) and ``skip`` folders
    (the archive, when it lies inside the incoming folder) are left out; a folder that
    cannot be listed is passed over, as ``os.walk`` does."""
    skipped = {folder.resolve() for folder in skip}
    found = []
    folders = [os.fspath(incoming)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if Path(entry.path).resolve() not in skipped:
                    folders.append(entry.path)
            elif entry.is_file(follow_symlinks=False) and _suffix(entry.name) in SUPPORTED_SUFFIXES:
                found.append(Path(entry.path))
    return sorted(found, key=lambda path: path.parts)  # Path's order, without its slow __lt__


def _suffix(name: str) -> str:
    """``Path(name).suffix.lower()`` as a string operation (a warm run does it per file)."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


@contextmanager
def progress_reporter(
    console: Console, todo: list[Path], messages: Messages, summary: Summary
) -> Iterator:
    """A rich progress bar on a terminal naming the file being converted (never a finished
    one) and the tasks done/failed per worker; nothing otherwise: the summary lists every
    file with its outcome."""
    if not (console.is_terminal and todo):
        yield lambda done: None
        return
    with Progress(
        TextColumn(messages.say("converting")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(messages.say("converting-file", name=todo[0].name), total=len(todo))

        def advance(done: int) -> None:
            following = todo[done].name if done < len(todo) else ""
            description = messages.say("converting-file", name=following) if following else ""
            if len(summary.done_by_worker.keys() | summary.failed_by_worker.keys()) > 1:
                description = f"{description}  {summary.worker_line()}".strip()
            bar.update(task, completed=done, description=description)

        yield advance


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
    config: SiteConfig = field(default_factory=SiteConfig)
    note: str | None = None
    messages: Messages = field(default_factory=Messages)


def publish(
    incoming: Path,
    site: Path,
    archive_root: Path,
    *,
    options: Options | None = None,
    base_url: str | None = None,
    jobs: int | None = None,
    with_pdf: bool = True,
    strict: bool = False,
    console: Console | None = None,
    executor: str | None = None,
    catalog: str | None = None,
    config: SiteConfig | None = None,
    note: str | None = None,
    messages: Messages | None = None,
) -> Summary:
    """Publish everything new in ``incoming``; the previous site stays up until the new one is whole.

    ``executor`` is where documents are converted (``local`` process pool, ``dask-local``,
    ``dask://HOST:PORT``); ``catalog`` a ``postgresql://`` URL (default: SQLite in the archive).
    ``config`` is the site's ``site.toml`` (``base_url`` overrides its address); ``note`` is the
    change note of every new version this run makes.
    """
    started = time.perf_counter()
    config = (config or SiteConfig()).with_base_url(base_url)
    settings = PublishSettings(
        incoming,
        site,
        Archive(archive_root),
        options or Options(),
        config.base_url,
        jobs or os.cpu_count() or 1,
        with_pdf,
        strict,
        executor,
        catalog,
        config,
        note,
        messages or Messages(),
    )
    console = console or Console(highlight=False, soft_wrap=True)
    summary = Summary(base_url=config.base_url)
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
                catalog.finish_run(
                    run_id,
                    summary.converted,
                    summary.unchanged,
                    summary.new_reports + summary.new_versions,
                    summary.failed,
                    summary.warnings,
                )
        finally:
            catalog.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _convert_new_sources(
    settings: PublishSettings, catalog: Catalog, run_id: int, console: Console, summary: Summary
) -> None:
    """Convert each source the catalog has not seen, committing each result as it arrives.

    The digests come from the incoming folder's cache where it vouches for a file, so an
    unchanged file is not read; a file whose bytes no longer match its digest when read
    fails as changed, and its cache entry is dropped.
    """
    with IncomingDigests(settings.archive.digests_path, settings.incoming) as digests:
        paths = incoming_files(settings.incoming, skip=(settings.archive.root, settings.site))
        scan = scan_incoming(paths, digests.digest, catalog.known_sources())
        digests.save()
        summary.unchanged += scan.unchanged
        for failure in scan.unreadable:
            _record_failure(failure, "driver", catalog, run_id, summary)
        todo = scan.new
        if todo:
            for failure in _convert_sources(todo, settings, catalog, run_id, console, summary):
                digests.forget(failure.path)


@dataclass
class IncomingScan:
    """What a look at the incoming files found: new sources with their digests, how many
    were published before, and the files that could not be read."""

    new: list[tuple[Path, str]] = field(default_factory=list)
    unchanged: int = 0
    unreadable: list[Failed] = field(default_factory=list)


def scan_incoming(
    paths: list[Path], digest: Callable[[Path], str], known: set[str]
) -> IncomingScan:
    """Each file's digest against the sources the catalog knows. A file that cannot be read
    (gone since the folder was listed, unreadable) is one failure line; the others go on."""
    scan = IncomingScan()
    for path in paths:
        try:
            sha = digest(path)
        except OSError as error:
            scan.unreadable.append(Failed(path, "", str(unreadable_file(path, error))))
            continue
        if sha in known:
            scan.unchanged += 1
        else:
            known.add(sha)
            scan.new.append((path, sha))
    return scan


def _convert_sources(
    todo: list[tuple[Path, str]],
    settings: PublishSettings,
    catalog: Catalog,
    run_id: int,
    console: Console,
    summary: Summary,
) -> list[Failed]:
    """Convert and record ``todo`` (path, digest); the files that could not be read as hashed."""
    unreadable: list[Failed] = []

    def items() -> Iterator[WorkItem]:
        """Each source's bytes, read only when a worker slot is free (bounded memory)."""
        for path, sha in todo:
            try:
                yield read_work_item(
                    path,
                    sha,
                    settings.options,
                    settings.with_pdf,
                    settings.strict,
                    tuple(settings.config.fonts.items()),
                )
            except InputError as error:
                unreadable.append(Failed(path, sha, str(error)))

    with (
        progress_reporter(
            console, [path for path, _ in todo], settings.messages, summary
        ) as report,
        _executor(settings, len(todo), summary) as executor,
    ):
        for done, outcome in enumerate(executor.run(convert_work, items()), start=1):
            report(done)
            _record_outcome(outcome, settings, catalog, run_id, summary)
        for failure in unreadable:
            _record_failure(failure, "driver", catalog, run_id, summary)
    return unreadable


@contextmanager
def _executor(settings: PublishSettings, units: int, summary: Summary) -> Iterator[Executor]:
    executor = make_executor(settings.executor, settings.jobs, units)
    summary.executor = executor.name
    try:
        yield executor
    finally:
        executor.close()


def _record_failure(
    failure: Failed, worker: str, catalog: Catalog, run_id: int, summary: Summary
) -> None:
    summary.failed += 1
    summary.failures.append(failure)
    summary.tally(worker, failed=True)
    catalog.record_failure(run_id, failure)
    summary.outcomes.append(FileOutcome(failure.path, "failed", cause=failure.cause))


def _record_outcome(
    outcome: Outcome, settings: PublishSettings, catalog: Catalog, run_id: int, summary: Summary
) -> None:
    """Archive and record one unit's result: the driver alone writes archive and catalog."""
    item: WorkItem = outcome.item
    result = outcome.result
    if isinstance(result, WorkerLost):
        result = Failed(item.path, item.source_sha256, f"{item.path}: {result.cause}")
    if isinstance(result, Failed):
        _record_failure(result, outcome.worker, catalog, run_id, summary)
        return
    conversion = archive_converted(result, item.data, settings.archive)
    summary.outcomes.append(record_conversion(settings, catalog, run_id, conversion))
    summary.converted += 1
    summary.warnings += len(conversion.warnings)
    summary.notes.update(conversion.notes)
    summary.tally(outcome.worker, failed=False)
    if summary.outcomes[-1].number == 1:
        summary.new_reports += 1
    else:
        summary.new_versions += 1


def record_conversion(
    settings: PublishSettings, catalog: Catalog, run_id: int, result: ArchivedConversion
) -> FileOutcome:
    """Record one conversion as its report's next version: live when the review policy lets it,
    held otherwise; a report going live for the first time gets its readable address."""
    known = catalog.report(result.identity.slug)
    held_for = hold_reasons(
        result, settings.config.review, withdrawn=bool(known and known.withdrawn_at)
    )
    note = settings.note
    if note is None and known is not None:
        note = change_note(
            parse_report(settings.archive.xml_path(known.latest.xml_sha256)).getroot(),
            parse_report(settings.archive.xml_path(result.xml_sha256)).getroot(),
            known.latest.number,
        )
    number = catalog.record_version(
        run_id, result, held_for, note, address_for=partial(wanted_address, site=settings.config)
    )
    address = "" if held_for else catalog.report(result.identity.slug).address
    return FileOutcome(
        result.path, HELD if held_for else LIVE, result.identity.slug, number, address, held_for
    )


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
                yield PdfWork(
                    xml_sha256,
                    settings.archive.xml_path(xml_sha256).read_bytes(),
                    tuple(settings.config.fonts.items()),
                )
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
                summary.notes.add(note("note-old-pdf-failed", error=error))
            else:
                made += 1
    if made:
        summary.notes.add(note("note-pdfs-rendered", count=made))


def _rebuild_site_if_stale(
    settings: PublishSettings, catalog: Catalog, console: Console, summary: Summary
) -> bool:
    """Build a new site and switch to it, unless the published one is made of the same things."""
    started = time.perf_counter()
    rebuilt = rebuild_site(
        settings.site,
        settings.archive,
        catalog,
        settings.config,
        console,
        settings.messages,
        summary.notes.add,
        jobs=settings.jobs,
    )
    summary.site_seconds = time.perf_counter() - started if rebuilt else 0.0
    return rebuilt


def rebuild_site(
    site: Path,
    archive: Archive,
    catalog: Catalog,
    config: SiteConfig,
    console: Console,
    messages: Messages,
    add_note=lambda note: None,
    jobs: int = 1,
) -> bool:
    """Build the site from the catalog and switch to it, unless the published one is the same.

    The caller holds the archive's lock (publish, review and withdraw all come here).
    """
    catalog.give_addresses(partial(wanted_address, site=config))
    reports = catalog.reports()
    if published_fingerprint(current_build(site)) == fingerprint(reports, config):
        return False
    console.print(
        messages.say(
            "building-site",
            reports=sum(1 for r in reports if r.public),
            held=sum(1 for r in reports if r.held_versions),
        ),
        highlight=False,
    )
    previous = current_build(site)
    build = new_build_dir(site)
    build_site(
        build.resolve(),
        archive,
        reports,
        config,
        print_note=add_note,
        jobs=jobs,
        previous=previous.resolve() if previous else None,
    )
    switch_site(site, build)
    remove_stale_builds(site)
    return True


def print_summary(
    summary: Summary,
    console: Console,
    err: Console,
    messages: Messages | None = None,
    incoming: Path | None = None,
) -> None:
    """Each file with its outcome and public address; the held and failed with reason and remedy.

    Plain lines that wrap, never a table cut to the terminal's width. Each failure is also one
    line on stderr (``docforge: FILE: cause``).
    """
    messages = messages or Messages()
    for failure in summary.failures:
        err.print(
            f"docforge: {failure.path}: {messages.cause(_cause_text(failure))}",
            markup=False,
            highlight=False,
        )
    console.print(messages.say("summary-title"), markup=False, highlight=False)
    for outcome in summary.outcomes:
        for line in outcome_lines(outcome, summary.base_url, messages, incoming):
            console.print(line, markup=False, highlight=False)
    console.print(
        messages.say(
            "totals",
            files=len(summary.outcomes) + summary.unchanged,
            live=sum(1 for o in summary.outcomes if o.state == LIVE),
            held=summary.held,
            failed=summary.failed,
            unchanged=summary.unchanged,
        ),
        markup=False,
        highlight=False,
    )
    if (
        summary.executor.startswith("dask")
        or len(summary.done_by_worker.keys() | summary.failed_by_worker.keys()) > 1
    ):
        console.print(f"{summary.executor}: {summary.worker_line()}", markup=False, highlight=False)
    if summary.held:
        console.print(
            messages.say("review-page", url=urljoin(summary.base_url, REVIEW_PAGE)),
            markup=False,
            highlight=False,
        )
    for item in sorted(summary.notes):
        console.print(
            messages.say("note", text=say_note(messages, item)), markup=False, highlight=False
        )
    site_state = messages.say("site-rebuilt" if summary.site_rebuilt else "site-unchanged")
    console.print(
        messages.say("finished", seconds=summary.seconds, site=site_state),
        markup=False,
        highlight=False,
    )


def _cause_text(failure: Failed) -> str:
    """The cause without the file name it starts with (the summary names the file itself)."""
    return failure.cause.removeprefix(f"{failure.path}: ")


def outcome_lines(
    outcome: Outcome, base_url: str, messages: Messages, incoming: Path | None = None
) -> list[str]:
    """The summary's lines for one file."""
    if outcome.state == LIVE:
        return [
            messages.say(
                "outcome-live",
                file=outcome.path,
                url=urljoin(base_url, outcome.address + "/"),
                number=outcome.number,
            )
        ]
    if outcome.state == HELD:
        return [
            messages.say(
                "outcome-held",
                file=outcome.path,
                id=outcome.slug,
                number=outcome.number,
                reasons=messages.reasons(outcome.reasons),
            ),
            messages.say(
                "remedy",
                remedy=hold_remedy(
                    outcome.slug, outcome.number, outcome.reasons, base_url, messages
                ),
            ),
        ]
    cause = messages.cause(outcome.cause.removeprefix(f"{outcome.path}: "))
    return [
        messages.say("outcome-failed", file=outcome.path, cause=cause),
        messages.say(
            "remedy", remedy=messages.say("remedy-failed", incoming=incoming or outcome.path.parent)
        ),
    ]


_APPROVE_OPTIONS = {
    "missing-year": " --year 年度",
    "missing-kind": " --kind 报告类型",
    "missing-department": " --department 部门名称",
}


def hold_remedy(
    slug: str, number: int, reasons: tuple[str, ...], base_url: str, messages: Messages
) -> str:
    """What the editor can do about a held version, as a command to run."""
    if any(r.startswith("figure-errors") for r in reasons):
        url = urljoin(
            base_url, ReviewPaths(slug).conversion_page(number).removesuffix("index.html")
        )
        return messages.say("remedy-figures", id=slug, url=url)
    options = "".join(_APPROVE_OPTIONS.get(r, "") for r in reasons)
    if options:
        if messages.lang == "en":
            options = (
                options.replace("年度", "YEAR")
                .replace("报告类型", "KIND")
                .replace("部门名称", "NAME")
            )
        return messages.say("remedy-metadata", id=slug, options=options)
    return messages.say("remedy-approve", id=slug)


def main_console() -> tuple[Console, Console]:
    return Console(highlight=False, soft_wrap=True), Console(
        stderr=True, highlight=False, soft_wrap=True
    )
