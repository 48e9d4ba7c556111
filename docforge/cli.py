"""The ``docforge`` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from docforge import __version__
from docforge.convert import FORMATS
from docforge.errors import InputError, fail_line
from docforge.normalize.pipeline import Options


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
@click.option("-o", "--outdir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the outputs (<stem>.xml, <stem>.html, <stem>.pdf).")
@click.option("--to", "formats", default="xml,html", show_default=True,
              help="Comma-separated outputs: xml, html, pdf.")
@click.option("--strict-wording", is_flag=True,
              help="Keep the source's spacing and punctuation exactly; only structural fixes.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Conversion processes (each keeps its fonts and renderer for all its files).")
def convert(inputs: tuple[Path, ...], outdir: Path, formats: str, strict_wording: bool,
            jobs: int) -> None:
    """Convert INPUT files (.txt .md .docx .pdf .html .mhtml …) into OUTDIR."""
    from docforge.convert import convert_batch

    wanted = _formats(formats)
    options = Options(strict_wording=strict_wording)
    failed = 0
    for path, result in convert_batch(inputs, outdir, wanted, options, jobs):
        if isinstance(result, str):  # one bad input never stops the batch
            failed += 1
            click.echo(result, err=True)
            continue
        names = ", ".join(p.name for p in result.outputs)
        click.echo(f"{path}: {names} ({result.change_count} changes logged)")
    sys.exit(1 if failed else 0)


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
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON (schema in the README).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the findings' messages in the table.")
@click.option("--tolerance", type=str, default=None,
              help="How far a total may be from its parts, in the figures' unit "
                   "(default: the rounding of the printed precision, 0.01 for 0.01 万元).")
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
        results.append({"file": str(path), "findings": [f.to_dict() for f in findings],
                        "key_figures": key_figures(root)})
        if not as_json:
            print_findings(str(path), findings, lang=lang)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    sys.exit(1 if failed or errors else 0)
@cli.command()
@click.argument("incoming", default="incoming", type=click.Path(path_type=Path, file_okay=False))
@click.option("--site", default="site", show_default=True, type=click.Path(path_type=Path),
              help="The public site: a link switched atomically to each complete build.")
@click.option("--archive", "archive_dir", default="archive", show_default=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="Content-addressed XML, PDFs, original sources and catalog.sqlite.")
@click.option("--base-url", default="http://localhost:8000/", show_default=True,
              help="Where the site is served, for the absolute URLs of sitemap.xml.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Conversion processes (default: all cores).")
@click.option("--pdf/--no-pdf", "with_pdf", default=True, show_default=True,
              help="Render a PDF of each new version (the slow part of a publish).")
@click.option("--strict-wording", is_flag=True,
              help="Keep the source's spacing and punctuation exactly; only structural fixes.")
@click.option("--strict", is_flag=True,
              help="Refuse to publish a report whose figures have errors (see docforge check).")
@click.option("--executor", default="local", show_default=True,
              help="Where documents are converted: local (process pool), dask-local "
                   "(a Dask LocalCluster of -j worker processes) or dask://HOST:PORT.")
@click.option("--catalog", "catalog_url", default=None,
              help="A postgresql:// URL for a shared catalog (default: catalog.sqlite in the archive).")
def publish(incoming: Path, site: Path, archive_dir: Path, base_url: str, jobs: int | None,
            with_pdf: bool, strict_wording: bool, strict: bool, executor: str,
            catalog_url: str | None) -> None:
    """Publish every new or changed report in INCOMING to the SITE and the ARCHIVE."""
    from docforge.publish.run import main_console, print_summary
    from docforge.publish.run import publish as run_publish

    if not incoming.is_dir():
        click.echo(f"docforge: {incoming}: incoming folder not found", err=True)
        sys.exit(2)
    from docforge.publish.executors import check_executor

    if problem := check_executor(executor):
        click.echo(f"docforge: --executor {executor}: {problem}", err=True)
        sys.exit(2)
    console, err = main_console()
    try:
        summary = run_publish(incoming, site, archive_dir,
                              options=Options(strict_wording=strict_wording),
                              base_url=base_url if base_url.endswith("/") else base_url + "/",
                              jobs=jobs, with_pdf=with_pdf, strict=strict, console=console,
                              executor=executor, catalog=catalog_url)
    except (InputError, ConnectionError) as error:
        click.echo(f"docforge: {error}", err=True)
        sys.exit(2)
    print_summary(summary, console, err)
    sys.exit(1 if summary.failed else 0)


@cli.group()
def archive() -> None:
    """Read the archive's catalog: what was published, and every version of it."""


def _open_catalog(archive_dir: Path, catalog_url: str | None = None):
    from docforge.publish.archive import Archive
    from docforge.publish.catalog import Catalog

    if catalog_url:
        try:
            return Catalog(catalog_url)
        except ConnectionError as error:
            click.echo(f"docforge: {error}", err=True)
            sys.exit(2)
    path = Archive(archive_dir).catalog_path
    if not path.is_file():
        click.echo(f"docforge: {path}: no catalog (nothing published yet)", err=True)
        sys.exit(2)
    return Catalog(path)


_CATALOG_OPTION = click.option("--catalog", "catalog_url", default=None,
                               help="The postgresql:// URL the archive's catalog is in, if any.")


@archive.command("list")
@click.option("--archive", "archive_dir", default="archive", show_default=True,
              type=click.Path(path_type=Path, file_okay=False))
@_CATALOG_OPTION
def archive_list(archive_dir: Path, catalog_url: str | None) -> None:
    """List every report: ID, year, department, versions, latest publication, title."""
    catalog = _open_catalog(archive_dir, catalog_url)
    try:
        for report in catalog.reports():
            latest = report.latest
            click.echo("\t".join([report.slug, str(report.year or "-"),
                                  report.department or report.file_stem or "-",
                                  f"v{latest.number}", latest.published_at, latest.title]))
    finally:
        catalog.close()


@archive.command("show")
@click.argument("report_id")
@click.option("--archive", "archive_dir", default="archive", show_default=True,
              type=click.Path(path_type=Path, file_okay=False))
@_CATALOG_OPTION
def archive_show(report_id: str, archive_dir: Path, catalog_url: str | None) -> None:
    """Show one report (ID from ``archive list``) with all its versions and files."""
    from docforge.publish.archive import Archive

    store = Archive(archive_dir)
    catalog = _open_catalog(archive_dir, catalog_url)
    try:
        report = catalog.report(report_id)
        if report is None:
            click.echo(f"docforge: {report_id}: no such report in {catalog.location}", err=True)
            sys.exit(1)
        click.echo(f"report:     {report.slug}")
        click.echo(f"title:      {report.latest.title}")
        click.echo(f"department: {report.department or '-'}")
        click.echo(f"year:       {report.year or '-'}")
        click.echo(f"kind:       {report.kind or '-'}")
        for v in report.versions:
            click.echo(f"v{v.number}  {v.published_at}  {v.source_format}  {v.source_name}")
            click.echo(f"    source  {store.source_path(v.source_sha256, v.source_suffix)}")
            click.echo(f"    xml     {store.xml_path(v.xml_sha256)}")
            if v.pdf:
                click.echo(f"    pdf     {store.pdf_path(v.xml_sha256)}")
            click.echo(f"    {v.change_count} changes, {v.warning_count} warnings")
            for code, location, text in catalog.warnings(v.id):
                click.echo(f"    warning {code} {location}: {text}")
    finally:
        catalog.close()


def main() -> None:
    cli()
if __name__ == "__main__":
    main()
