"""Convert one incoming file into archived XML (+ PDF, + original): the unit of parallel work."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from docforge.convert import convert_to_xml
from docforge.model.xml import q, serialize
from docforge.normalize.pipeline import Options
from docforge.publish.archive import Archive
from docforge.publish.identity import ReportIdentity, identity_of, safe_suffix


@dataclass(frozen=True)
class ReportWarning:
    code: str
    location: str
    text: str


@dataclass(frozen=True)
class Converted:
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


def convert_job(path: Path, source_sha256: str, archive_root: Path, options: Options,
                with_pdf: bool = True) -> Converted | Failed:
    """Convert and archive one file; never raises, so one bad input cannot stop the batch."""
    from docforge.cli import fail_line

    try:
        return _convert(path, source_sha256, Archive(archive_root), options, with_pdf)
    except Exception as error:  # reported per file; the batch goes on
        return Failed(path, source_sha256, fail_line(error, path).removeprefix("docforge: "))


def _convert(path: Path, source_sha256: str, archive: Archive, options: Options,
             with_pdf: bool) -> Converted:
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != source_sha256:
        from docforge.errors import InputError

        raise InputError(path, "file changed while publishing; it will be picked up next run")
    root = convert_to_xml(path, options)
    xml = serialize(root)
    xml_sha256 = hashlib.sha256(xml).hexdigest()
    suffix = safe_suffix(path.name)
    archive.store_source(source_sha256, suffix, data)
    archive.store_xml(xml_sha256, xml)
    notes: list[str] = []
    render_pdf = pdf_renderer() if with_pdf else None
    pdf = False
    if not with_pdf:
        notes.append("PDFs not requested (--no-pdf)")
    elif render_pdf is None:
        notes.append("PDF renderer not installed: no PDF")
    elif archive.pdf_path(xml_sha256).exists():
        pdf = True
    else:
        try:
            archive.store_pdf(xml_sha256, render_pdf(root))
            pdf = True
        except Exception as error:  # the HTML and XML are still worth publishing
            notes.append(f"PDF not produced ({type(error).__name__}: {error})")
    meta = root.find(q("meta"))
    source = meta.find(q("source"))
    changes = root.find(q("changes"))
    return Converted(
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
        changes=len(changes) if changes is not None else 0,
        warnings=tuple(
            ReportWarning(w.get("code", ""), w.get("src", ""), w.text or "")
            for w in root.iter(q("warning"))
        ),
        notes=tuple(notes),
    )
