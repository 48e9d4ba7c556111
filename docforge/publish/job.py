"""Convert one incoming file into XML (+ PDF): the pure unit of parallel work, and its archiving."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docforge.check import Severity
from docforge.convert import convert_to_xml
from docforge.errors import InputError, fail_line
from docforge.model.xml import parse_report, q, serialize
from docforge.normalize.pipeline import Options
from docforge.publish.archive import Archive
from docforge.publish.figures import VersionFigures, read_figures, store_figures, strict_refusal
from docforge.publish.identity import ReportIdentity, identity_of, missing_metadata, safe_suffix
from docforge.publish.messages import Note, note


@dataclass(frozen=True)
class ReportWarning:
    code: str
    location: str
    text: str


@dataclass(frozen=True)
class ArchivedConversion:
    """What the catalog needs to know about one successful conversion; all files are archived."""

    path: Path
    source_sha256: str
    source_name: str
    source_suffix: str
    source_format: str
    source_size: int
    xml_sha256: str
    identity: ReportIdentity
    title: str
    pdf: bool
    pdf_error: str | None
    changes: int
    warnings: tuple[ReportWarning, ...] = field(default_factory=tuple)
    notes: tuple[Note, ...] = field(default_factory=tuple)
    missing: tuple[str, ...] = ()
    figure_errors: int = 0


@dataclass(frozen=True)
class Failed:
    path: Path
    source_sha256: str
    cause: str


def pdf_renderer():
    """The PDF renderer when it is installed, else None: publishing works without PDFs."""
    try:
        from docforge.render.pdf import render_pdf
    except ImportError:
        return None
    return render_pdf


@dataclass(frozen=True)
class WorkItem:
    """One source to convert, as the driver sends it to a worker: its bytes, not its path.

    ``path`` only names the file in messages; a worker on another machine never opens it.
    """

    path: Path
    source_sha256: str
    data: bytes
    options: Options
    with_pdf: bool = True
    strict: bool = False
    fonts: tuple[tuple[str, str], ...] = ()  # the PDF's font files by role (site.toml [fonts])


@dataclass(frozen=True)
class Converted:
    """What a worker sends back: the files to archive and what the catalog records.

    Nothing is written by the worker, so a task lost with its worker is simply run again.
    """

    conversion: ArchivedConversion
    xml: bytes
    pdf: bytes | None
    figures: VersionFigures | None = None


@dataclass(frozen=True)
class PdfWork:
    """An archived XML whose PDF is missing (published before a renderer was there)."""

    xml_sha256: str
    xml: bytes
    fonts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RenderedPdf:
    xml_sha256: str
    pdf: bytes | None
    error: str | None


def render_pdf_bytes(
    root: etree._Element, fonts: tuple[tuple[str, str], ...] = ()
) -> tuple[bytes | None, str | None]:
    """The PDF of one report (``fonts``: the operator's font files by role), or the reason
    there is none. A PDF failure never fails the version: its HTML and XML are still worth
    publishing."""
    render_pdf = pdf_renderer()
    if render_pdf is None:
        return None, "PDF renderer not installed"
    try:
        return render_pdf(root, fonts=dict(fonts) or None), None
    except Exception as error:  # recorded in the catalog, so it is not retried every run
        return None, f"{type(error).__name__}: {error}"


def pdf_work(work: PdfWork) -> RenderedPdf:
    """Render the missing PDF of an archived version: XML bytes in, PDF bytes out."""
    try:
        root = parse_report(work.xml).getroot()
    except etree.XMLSyntaxError as error:
        return RenderedPdf(work.xml_sha256, None, f"archived XML unreadable: {error}")
    pdf, error = render_pdf_bytes(root, work.fonts)
    return RenderedPdf(work.xml_sha256, pdf, error)


def convert_work(item: WorkItem) -> Converted | Failed:
    """Convert one source (bytes in, XML and PDF bytes out); never raises, never writes.

    With ``strict``, a report whose figures have errors is refused. This is the unit of
    parallel work for every executor: the local process pool and Dask alike.
    """
    try:
        return _convert(item)
    except Exception as error:  # reported per file; the batch goes on
        return Failed(
            item.path, item.source_sha256, fail_line(error, item.path).removeprefix("docforge: ")
        )


def _convert(item: WorkItem) -> Converted:
    path = item.path
    root = convert_to_xml(path, item.options, data=item.data)
    figures = read_figures(root)
    if item.strict and (refusal := strict_refusal(root, list(figures.findings))):
        raise InputError(path, refusal)
    xml = serialize(root)
    notes: list[Note] = []
    pdf, pdf_error = None, None
    if not item.with_pdf:
        notes.append(note("note-no-pdf"))
    elif pdf_renderer() is None:
        notes.append(note("note-no-renderer"))
    else:
        pdf, pdf_error = render_pdf_bytes(root, item.fonts)
        if pdf_error:
            notes.append(note("note-pdf-failed", name=path.name, error=pdf_error))
    meta = root.find(q("meta"))
    source = meta.find(q("source"))
    changes = root.find(q("changes"))
    conversion = ArchivedConversion(
        path=path,
        source_sha256=item.source_sha256,
        source_name=path.name,
        source_suffix=safe_suffix(path.name),
        source_format=source.get("format"),
        source_size=len(item.data),
        xml_sha256=hashlib.sha256(xml).hexdigest(),
        identity=identity_of(root),
        title=meta.findtext(q("title")),
        pdf=pdf is not None,
        pdf_error=pdf_error,
        changes=len(changes) if changes is not None else 0,
        warnings=tuple(
            ReportWarning(w.get("code", ""), w.get("src", ""), w.text or "")
            for w in root.iter(q("warning"))
        ),
        notes=tuple(notes),
        missing=missing_metadata(root),
        figure_errors=figures.count(Severity.ERROR),
    )
    return Converted(conversion, xml, pdf, figures)


def archive_converted(converted: Converted, data: bytes, archive: Archive) -> ArchivedConversion:
    """Write a worker's result into the archive (the driver's job alone); what to record."""
    conversion = converted.conversion
    archive.store_source(conversion.source_sha256, conversion.source_suffix, data)
    archive.store_xml(conversion.xml_sha256, converted.xml)
    if converted.figures is not None:
        store_figures(archive.root, conversion.xml_sha256, converted.figures)
    if converted.pdf is not None:
        archive.store_pdf(conversion.xml_sha256, converted.pdf)
    return conversion


def unreadable_file(path: Path, error: OSError) -> InputError:
    return InputError(path, f"cannot read file ({error.strerror or error})")


def read_work_item(
    path: Path,
    source_sha256: str,
    options: Options,
    with_pdf: bool = True,
    strict: bool = False,
    fonts: tuple[tuple[str, str], ...] = (),
) -> WorkItem:
    """The bytes of ``path`` as hashed when the run looked at it; InputError if they changed."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise unreadable_file(path, error) from None
    if hashlib.sha256(data).hexdigest() != source_sha256:
        raise InputError(path, "file changed while publishing; it will be picked up next run")
    return WorkItem(path, source_sha256, data, options, with_pdf, strict, fonts)


def convert_job(
    path: Path,
    source_sha256: str,
    archive_root: Path,
    options: Options,
    with_pdf: bool = True,
    strict: bool = False,
) -> ArchivedConversion | Failed:
    """Convert and archive one file in this process (read, work, store); never raises."""
    try:
        item = read_work_item(path, source_sha256, options, with_pdf, strict)
    except InputError as error:
        return Failed(path, source_sha256, fail_line(error, path).removeprefix("docforge: "))
    result = convert_work(item)
    if isinstance(result, Failed):
        return result
    return archive_converted(result, item.data, Archive(archive_root))
