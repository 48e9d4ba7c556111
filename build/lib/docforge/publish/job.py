"""Convert one incoming file into archived XML (+ PDF, + original): the unit of parallel work."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docforge.convert import convert_to_xml
from docforge.errors import InputError, fail_line
from docforge.model.xml import parse_report, q, serialize
from docforge.normalize.pipeline import Options
from docforge.publish.archive import Archive
from docforge.publish.figures import strict_refusal
from docforge.publish.identity import ReportIdentity, identity_of, safe_suffix


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
    notes: tuple[str, ...] = field(default_factory=tuple)


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


def archive_pdf(root: etree._Element, xml_sha256: str, archive: Archive) -> str | None:
    """Render and archive the PDF of one XML unless it is there; the error, or None on success.

    A PDF failure never fails the version: its HTML and XML are still worth publishing.
    """
    render_pdf = pdf_renderer()
    if render_pdf is None:
        return "PDF renderer not installed"
    if archive.pdf_path(xml_sha256).exists():
        return None
    try:
        archive.store_pdf(xml_sha256, render_pdf(root))
    except Exception as error:  # recorded in the catalog, so it is not retried every run
        return f"{type(error).__name__}: {error}"
    return None


def pdf_job(xml_sha256: str, archive_root: Path) -> tuple[str, str | None]:
    """Render the missing PDF of an archived version (published before PDFs could be made)."""
    archive = Archive(archive_root)
    try:
        root = parse_report(archive.xml_path(xml_sha256)).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        return xml_sha256, f"archived XML unreadable: {error}"
    return xml_sha256, archive_pdf(root, xml_sha256, archive)


def convert_job(path: Path, source_sha256: str, archive_root: Path, options: Options,
                with_pdf: bool = True, strict: bool = False) -> ArchivedConversion | Failed:
    """Convert and archive one file; never raises, so one bad input cannot stop the batch.

    With ``strict``, a report whose figures have errors is refused, not archived.
    """

    try:
        return _convert(path, source_sha256, Archive(archive_root), options, with_pdf, strict)
    except Exception as error:  # reported per file; the batch goes on
        return Failed(path, source_sha256, fail_line(error, path).removeprefix("docforge: "))


def _convert(path: Path, source_sha256: str, archive: Archive, options: Options,
             with_pdf: bool, strict: bool) -> ArchivedConversion:
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != source_sha256:
        raise InputError(path, "file changed while publishing; it will be picked up next run")
    root = convert_to_xml(path, options)
    if strict and (refusal := strict_refusal(root)):
        raise InputError(path, refusal)
    xml = serialize(root)
    xml_sha256 = hashlib.sha256(xml).hexdigest()
    suffix = safe_suffix(path.name)
    archive.store_source(source_sha256, suffix, data)
    archive.store_xml(xml_sha256, xml)
    notes: list[str] = []
    pdf_error = None
    if not with_pdf:
        notes.append("PDFs not requested (--no-pdf)")
    elif pdf_renderer() is None:
        notes.append("PDF renderer not installed: no PDF")
    else:
        pdf_error = archive_pdf(root, xml_sha256, archive)
        if pdf_error:
            notes.append(f"PDF not produced for {path.name}: {pdf_error}")
    pdf = with_pdf and pdf_error is None and archive.pdf_path(xml_sha256).exists()
    meta = root.find(q("meta"))
    source = meta.find(q("source"))
    changes = root.find(q("changes"))
    return ArchivedConversion(
        path=path,
        source_sha256=source_sha256,
        source_name=path.name,
        source_suffix=suffix,
        source_format=source.get("format"),
        source_size=len(data),
        xml_sha256=xml_sha256,
        identity=identity_of(root),
        title=meta.findtext(q("title")),
        pdf=pdf,
        pdf_error=pdf_error,
        changes=len(changes) if changes is not None else 0,
        warnings=tuple(
            ReportWarning(w.get("code", ""), w.get("src", ""), w.text or "")
            for w in root.iter(q("warning"))
        ),
        notes=tuple(notes),
    )
