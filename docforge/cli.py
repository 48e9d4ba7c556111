"""The ``docforge`` command line."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from docforge import __version__
from docforge.convert import FORMATS
from docforge.errors import InputError, fail_line
from docforge.normalize.pipeline import Options
from docforge.publish.messages import LANGS
from docforge.publish.warning_words import warning_text


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}")
    return formats


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docforge")
def cli() -> None:
    """Turn departmental performance reports into canonical XML, HTML and PDF."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--outdir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the outputs (<stem>.xml, <stem>.html, <stem>.pdf).",
)
@click.option(
    "--to",
    "formats",
    default="xml,html",
    show_default=True,
    help="Comma-separated outputs: xml, html, pdf.",
)
@click.option(
    "--strict-wording",
    is_flag=True,
    help="Keep the source's spacing and punctuation exactly; only structural fixes.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Conversion processes (each keeps its fonts and renderer for all its files).",
)
def convert(
    inputs: tuple[Path, ...], outdir: Path, formats: str, strict_wording: bool, jobs: int
) -> None:
    """Convert INPUT files (.txt .md .docx .pdf .html .mhtml …) into OUTDIR."""
    from docforge.convert import convert_batch

    wanted = _formats(formats)
    options = Options(strict_wording=strict_wording)
    failed = 0
    for path, result in convert_batch(
        inputs, outdir, wanted, options, jobs, progress_for=ocr_progress
    ):
        if isinstance(result, str):  # one bad input never stops the batch
            failed += 1
            click.echo(result, err=True)
            continue
        names = ", ".join(p.name for p in result.outputs)
        click.echo(f"{path}: {names} ({result.change_count} changes logged)")
    sys.exit(1 if failed else 0)


OCR_BAR_PAGES = 3  # scans shorter than this get no progress bar


@contextlib.contextmanager
def ocr_progress(path: Path):
    """A progress bar on stderr (a terminal only) while the scanned pages of ``path`` are read by OCR."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = None

    def report(done: int, total: int) -> None:
        nonlocal task
        if total < OCR_BAR_PAGES:
            return
        if task is None:
            bar.start()
            task = bar.add_task(f"OCR 识别扫描页 {path.name}", total=total)
        bar.update(task, completed=done)

    try:
        yield report
    finally:
        bar.stop()


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check canonical XML FILES against the docforge schema."""
    from lxml import etree

    from docforge.model.xml import parse_report, validation_errors

    bad = 0
    for path in files:
        try:
            errors = validation_errors(parse_report(path.read_bytes()))
        except (OSError, etree.XMLSyntaxError) as error:
            bad += 1
            click.echo(f"{path}: cannot parse: {error}", err=True)
            continue
        if errors:
            bad += 1
            for error in errors:
                click.echo(f"{path}:{error}", err=True)
        else:
            click.echo(f"{path}: valid")
    sys.exit(1 if bad else 0)


def _report_root(path: Path):
    """The canonical XML of FILE: parsed when it is ``.xml``, converted otherwise.

    A stored XML is marked for amounts first (marking twice changes nothing), so
    reports archived before amounts were marked are checked too.
    """
    from lxml import etree

    from docforge.convert import convert_to_xml
    from docforge.model.xml import parse_report, q
    from docforge.normalize.amounts import mark_amounts

    if path.suffix.lower() != ".xml":
        return convert_to_xml(path)
    try:
        root = parse_report(path.read_bytes()).getroot()
    except OSError as error:
        raise InputError(path, f"cannot read file ({error.strerror or error})") from None
    except etree.XMLSyntaxError as error:
        raise InputError(path, f"cannot parse XML: {error}") from None
    if root.tag != q("report"):
        raise InputError(path, "not a docforge report (root element is not report)")
    return mark_amounts(root)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the findings as JSON (schema in the README)."
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the findings' messages in the table.",
)
@click.option(
    "--tolerance",
    type=str,
    default=None,
    help="How far a total may be from its parts, in the figures' unit "
    "(default: the rounding of the printed precision, 0.01 for 0.01 万元).",
)
def check(files: tuple[Path, ...], as_json: bool, lang: str, tolerance: str | None) -> None:
    """Check the figures of FILES (inputs of any supported format, or canonical .xml).

    Exits 1 when any finding is an error or a file cannot be read.
    """
    import json
    from decimal import Decimal, InvalidOperation

    from docforge.check import CheckOptions, check_report, has_errors, key_figures
    from docforge.check.report import print_findings

    try:
        options = CheckOptions(Decimal(tolerance) if tolerance is not None else None)
    except InvalidOperation:
        raise click.BadParameter(f"not a number: {tolerance}", param_hint="--tolerance") from None
    results, failed, errors = [], 0, False
    for path in files:
        try:
            root = _report_root(path)
            findings = check_report(root, options)
        except Exception as error:  # one bad input must never stop the batch
            failed += 1
            click.echo(fail_line(error, path), err=True)
            continue
        errors = errors or has_errors(findings)
        results.append(
            {
                "file": str(path),
                "findings": [f.to_dict() for f in findings],
                "key_figures": key_figures(root),
            }
        )
        if not as_json:
            print_findings(str(path), findings, lang=lang)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    sys.exit(1 if failed or errors else 0)


def _lang_option(command):
    """``--lang zh|en``: the language of what an editor reads (Chinese unless asked)."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default="zh",
        show_default=True,
        envvar="DOCFORGE_LANG",
        help="Language of progress, summary and errors.",
    )(command)


def _config_option(command):
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="The site's settings (default: ./site.toml when present; see site.example.toml).",
    )(command)


def _archive_option(command):
    return click.option(
        "--archive",
        "archive_dir",
        default="archive",
        show_default=True,
        type=click.Path(path_type=Path, file_okay=False),
        help="Content-addressed XML, PDFs, original sources and catalog.sqlite.",
    )(command)


def _site_option(command):
    return click.option(
        "--site",
        default="site",
        show_default=True,
        type=click.Path(path_type=Path),
        help="The public site: a link switched atomically to each complete build.",
    )(command)


def _refuse(message: str, status: int = 2) -> None:
    """One line on stderr and the exit status (2: refused before doing anything)."""
    click.echo(f"docforge: {message}", err=True)
    sys.exit(status)


def _site_config(config_path: Path | None):
    from docforge.publish.config import ConfigError, find_config

    try:
        return find_config(config_path)
    except ConfigError as error:
        _refuse(str(error))


@cli.command()
@click.argument("incoming", default="incoming", type=click.Path(path_type=Path, file_okay=False))
@_site_option
@_archive_option
@_config_option
@click.option(
    "--base-url", default=None, help="Where the site is served (overrides base_url of site.toml)."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Conversion processes (default: all cores).",
)
@click.option(
    "--pdf/--no-pdf",
    "with_pdf",
    default=True,
    show_default=True,
    help="Render a PDF of each new version (the slow part of a publish).",
)
@click.option(
    "--strict-wording",
    is_flag=True,
    help="Keep the source's spacing and punctuation exactly; only structural fixes.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse to publish a report whose figures have errors (see docforge check).",
)
@click.option(
    "--executor",
    default="local",
    show_default=True,
    help="Where documents are converted: local (process pool), dask-local "
    "(a Dask LocalCluster of -j worker processes) or dask://HOST:PORT.",
)
@click.option(
    "--catalog",
    "catalog_url",
    default=None,
    help="A postgresql:// URL for a shared catalog (default: catalog.sqlite in the archive).",
)
@click.option(
    "--note",
    default=None,
    help="Change note of every new version of this run (default: a summary of what changed).",
)
@_lang_option
def publish(
    incoming: Path,
    site: Path,
    archive_dir: Path,
    config_path: Path | None,
    base_url: str | None,
    jobs: int | None,
    with_pdf: bool,
    strict_wording: bool,
    strict: bool,
    executor: str,
    catalog_url: str | None,
    note: str | None,
    lang: str,
) -> None:
    """Publish every new or changed report in INCOMING to the SITE and the ARCHIVE.

    Exits 0 when every file was published or held for review, 1 when some files failed
    (the others are published), 2 when the run was refused (bad site.toml, missing folder,
    another publish running, an unreachable catalog or cluster).
    """
    from docforge.publish.config import ConfigError
    from docforge.publish.messages import Messages
    from docforge.publish.run import main_console, print_summary
    from docforge.publish.run import publish as run_publish

    messages = Messages(lang)
    config = _site_config(config_path)
    if not incoming.is_dir():
        _refuse(messages.say("no-incoming", path=incoming))
    from docforge.publish.executors import check_executor

    if problem := check_executor(executor):
        _refuse(f"--executor {executor}: {problem}")
    console, err = main_console()
    try:
        summary = run_publish(
            incoming,
            site,
            archive_dir,
            options=Options(strict_wording=strict_wording),
            base_url=base_url,
            jobs=jobs,
            with_pdf=with_pdf,
            strict=strict,
            console=console,
            executor=executor,
            catalog=catalog_url,
            config=config,
            note=note,
            messages=messages,
        )
    except ConfigError as error:
        _refuse(str(error))
    except InputError as error:
        _refuse(f"{error.path}: {messages.cause(error.cause)}")
    except ConnectionError as error:
        _refuse(str(error))
    print_summary(summary, console, err, messages, incoming)
    sys.exit(1 if summary.failed else 0)


@cli.group()
def review() -> None:
    """Reports held before going live: list them, approve or reject a held version."""


@review.command("list")
@_archive_option
@_lang_option
def review_list(archive_dir: Path, lang: str) -> None:
    """List every version held for review: ID, version, title, why it is held."""
    from docforge.publish.messages import Messages

    messages = Messages(lang)
    catalog = _open_catalog(archive_dir, messages)
    try:
        held = [(r, v) for r in catalog.reports() for v in r.held_versions]
    finally:
        catalog.close()
    if not held:
        click.echo(messages.say("review-empty"))
    for report, version in held:
        click.echo(
            messages.say(
                "review-row",
                id=report.slug,
                number=version.number,
                title=version.title,
                reasons=messages.reasons(version.review_reasons),
            )
        )


def _decide(
    archive_dir: Path, site: Path, config_path: Path | None, lang: str, report_id: str, act
) -> None:
    """Open the catalog under the archive's lock, let ``act`` change it, rebuild the site."""
    from docforge.publish.archive import Archive
    from docforge.publish.atomic import exclusive_lock
    from docforge.publish.messages import Messages
    from docforge.publish.run import main_console, rebuild_site

    messages = Messages(lang)
    config = _site_config(config_path)
    store = Archive(archive_dir)
    if not store.catalog_path.is_file():
        _refuse(messages.say("no-catalog", path=store.catalog_path))
    console, _ = main_console()
    try:
        with exclusive_lock(store.lock_path):
            catalog = _open_catalog(archive_dir, messages)
            try:
                report = catalog.report(report_id)
                if report is None:
                    _refuse(messages.say("no-report", id=report_id, archive=archive_dir), 1)
                line = act(catalog, report, config, messages)
                rebuild_site(site, store, catalog, config, console, messages)
            finally:
                catalog.close()
    except InputError as error:
        _refuse(f"{error.path}: {messages.cause(error.cause)}")
    click.echo(line)


def _address_url(config, address: str) -> str:
    from urllib.parse import urljoin

    return urljoin(config.base_url, address + "/")


@review.command("approve")
@click.argument("report_id")
@click.option("--note", default=None, help="The editor's note on the decision.")
@click.option(
    "--year", type=click.IntRange(1949, 2100), default=None, help="Correct the report's year."
)
@click.option(
    "--kind", default=None, help="Correct the report's kind (e.g. 部门整体支出绩效评价报告)."
)
@click.option("--department", default=None, help="Correct the report's department.")
@_site_option
@_archive_option
@_config_option
@_lang_option
def review_approve(
    report_id: str,
    note: str | None,
    year: int | None,
    kind: str | None,
    department: str | None,
    site: Path,
    archive_dir: Path,
    config_path: Path | None,
    lang: str,
) -> None:
    """Let the newest held version of REPORT_ID go live (correcting its metadata if asked)."""
    from functools import partial

    from docforge.publish.addresses import wanted_address
    from docforge.publish.catalog import LIVE

    def act(catalog, report, config, messages) -> str:
        version = _newest_held(report, messages)
        catalog.correct_metadata(report.id, department, year, kind)
        catalog.decide(version.id, LIVE, note)
        catalog.give_addresses(partial(wanted_address, site=config))
        return messages.say(
            "approved",
            id=report.slug,
            number=version.number,
            url=_address_url(config, catalog.report(report.slug).address),
        )

    _decide(archive_dir, site, config_path, lang, report_id, act)


@review.command("reject")
@click.argument("report_id")
@click.option("--note", default=None, help="Why it is rejected (kept in the catalog).")
@_site_option
@_archive_option
@_config_option
@_lang_option
def review_reject(
    report_id: str,
    note: str | None,
    site: Path,
    archive_dir: Path,
    config_path: Path | None,
    lang: str,
) -> None:
    """Turn down the newest held version of REPORT_ID; it stays in the archive, never goes live."""
    from docforge.publish.catalog import REJECTED

    def act(catalog, report, config, messages) -> str:
        version = _newest_held(report, messages)
        catalog.decide(version.id, REJECTED, note)
        return messages.say("rejected", id=report.slug, number=version.number)

    _decide(archive_dir, site, config_path, lang, report_id, act)


def _newest_held(report, messages):
    held = report.held_versions
    if not held:
        _refuse(messages.say("nothing-held", id=report.slug), 1)
    return held[-1]


@cli.command()
@click.argument("report_id")
@click.option("--reason", required=True, help="Why it is withdrawn; shown on the notice page.")
@_site_option
@_archive_option
@_config_option
@_lang_option
def withdraw(
    report_id: str, reason: str, site: Path, archive_dir: Path, config_path: Path | None, lang: str
) -> None:
    """Take REPORT_ID off the index, search and sitemap; its address shows a notice with the
    date and REASON. The archive keeps every file."""

    def act(catalog, report, config, messages) -> str:
        if report.withdrawn_at:
            _refuse(
                messages.say(
                    "already-withdrawn", id=report.slug, date=config.local_time(report.withdrawn_at)
                ),
                1,
            )
        if not report.public:
            _refuse(messages.say("not-public", id=report.slug), 1)
        catalog.withdraw(report.id, reason.strip())
        return messages.say("withdrawn", id=report.slug, url=_address_url(config, report.address))

    _decide(archive_dir, site, config_path, lang, report_id, act)


@cli.group()
def archive() -> None:
    """Read the archive's catalog: what was published, and every version of it."""


def _open_catalog(archive_dir: Path, messages=None, catalog_url: str | None = None):
    from docforge.publish.archive import Archive
    from docforge.publish.catalog import Catalog
    from docforge.publish.messages import Messages

    if catalog_url:
        try:
            return Catalog(catalog_url)
        except ConnectionError as error:
            click.echo(f"docforge: {error}", err=True)
            sys.exit(2)
    path = Archive(archive_dir).catalog_path
    if not path.is_file():
        _refuse((messages or Messages()).say("no-catalog", path=path))
    return Catalog(path)


_CATALOG_OPTION = click.option(
    "--catalog",
    "catalog_url",
    default=None,
    help="The postgresql:// URL the archive's catalog is in, if any.",
)


@archive.command("list")
@_archive_option
@_CATALOG_OPTION
def archive_list(archive_dir: Path, catalog_url: str | None) -> None:
    """List every report: ID, year, department, versions, latest publication, title, state."""
    catalog = _open_catalog(archive_dir, catalog_url=catalog_url)
    try:
        for report in catalog.reports():
            latest = report.latest
            click.echo(
                "\t".join(
                    [
                        report.slug,
                        str(report.year or "-"),
                        report.department or report.file_stem or "-",
                        f"v{latest.number}",
                        latest.published_at,
                        latest.title,
                        report.address or "-",
                        _state(report),
                    ]
                )
            )
    finally:
        catalog.close()


def _state(report) -> str:
    if report.withdrawn_at:
        return "已撤回"
    if report.held_versions:
        return "待审核"
    return "已公开" if report.public else "未公开"


@archive.command("show")
@click.argument("report_id")
@_archive_option
@_CATALOG_OPTION
def archive_show(report_id: str, archive_dir: Path, catalog_url: str | None) -> None:
    """Show one report (ID from ``archive list``) with all its versions and files."""
    from docforge.publish.archive import Archive
    from docforge.publish.messages import Messages

    store = Archive(archive_dir)
    catalog = _open_catalog(archive_dir, catalog_url=catalog_url)
    try:
        report = catalog.report(report_id)
        if report is None:
            _refuse(Messages().say("no-report", id=report_id, archive=store.catalog_path), 1)
        click.echo(f"报告编号：{report.slug}")
        click.echo(f"标题：{report.latest.title}")
        click.echo(f"部门：{report.department or '-'}")
        click.echo(f"年度：{report.year or '-'}")
        click.echo(f"类型：{report.kind or '-'}")
        click.echo(f"地址：{report.address or '-'}")
        click.echo(f"状态：{_state(report)}")
        if report.withdrawn_at:
            click.echo(f"撤回：{report.withdrawn_at} {report.withdrawn_reason or ''}")
        for v in report.versions:
            click.echo(
                f"v{v.number}  {v.published_at}  {v.source_format}  {v.source_name}  {v.review}"
            )
            if v.note:
                click.echo(f"    说明  {v.note}")
            click.echo(f"    原件  {store.source_path(v.source_sha256, v.source_suffix)}")
            click.echo(f"    xml   {store.xml_path(v.xml_sha256)}")
            if v.pdf:
                click.echo(f"    pdf   {store.pdf_path(v.xml_sha256)}")
            click.echo(f"    修改 {v.change_count} 处，提示 {v.warning_count} 条")
            for code, location, text in catalog.warnings(v.id):
                click.echo(f"    提示 {location}：{warning_text(code, text)}")
    finally:
        catalog.close()


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
