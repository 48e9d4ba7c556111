"""Readers: one per input format, all emitting the same block stream."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from docforge.errors import InputError
from docforge.extract.encoding import UndecodableText
from docforge.model.blocks import Extraction, SourceInfo

Progress = Callable[[int, int], None]  # (pages done, pages to do) of OCR

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
DOCX_SUFFIXES = (".docx", ".docm")
LEGACY_WORD_SUFFIXES = (".doc", ".wps", ".rtf", ".odt")
PDF_SUFFIXES = (".pdf",)
WEB_SUFFIXES = (".html", ".htm", ".mhtml", ".mht")
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES + DOCX_SUFFIXES + LEGACY_WORD_SUFFIXES + PDF_SUFFIXES + WEB_SUFFIXES
)

MAX_INPUT_BYTES = 200 * 1024 * 1024
# The plain text of even a 300-page report is about 1 MB, and converting text takes some
# 25 times its size in memory: a text file far beyond this is no single report.
MAX_TEXT_BYTES = 16 * 1024 * 1024


def read_source(
    path: Path, data: bytes | None = None, progress: Progress | None = None
) -> Extraction:
    """Read any supported file into blocks; raises InputError with a one-line cause.

    With ``data``, those are the file's bytes and ``path`` only names it: a worker on
    another machine converts what the publishing driver sent it, without the file.
    ``progress`` hears (pages done, pages to do) while the scanned pages of a PDF are read by OCR.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(path, f"unsupported file type '{suffix or '(none)'}'")
    try:
        size = path.stat().st_size if data is None else len(data)
        if size > MAX_INPUT_BYTES:
            raise InputError(
                path, f"file too large ({size // 2**20} MiB, limit {MAX_INPUT_BYTES // 2**20} MiB)"
            )
        if data is None:
            data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(path, "empty file")
    digest = hashlib.sha256(data).hexdigest()
    if suffix in TEXT_SUFFIXES:
        return _read_text(path, data, digest)
    if suffix in DOCX_SUFFIXES + LEGACY_WORD_SUFFIXES:
        from docforge.extract.docx import read_docx_file

        return read_docx_file(path, data, digest)
    if suffix in WEB_SUFFIXES:
        from docforge.extract.html import read_html_file

        return read_html_file(path, data, digest)
    from docforge.extract.pdf import read_pdf_file

    return read_pdf_file(path, data, digest, progress)


def _read_text(path: Path, data: bytes, digest: str) -> Extraction:
    from docforge.extract.text import is_markdown, read_text

    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            path,
            f"text file too large for one report ({len(data) // 2**20} MiB, "
            f"limit {MAX_TEXT_BYTES // 2**20} MiB)",
        )
    try:
        blocks, encoding = read_text(data, path)
    except (UndecodableText, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot decode text: {exc}") from None
    if not blocks:
        raise InputError(path, "no text in file")
    source = SourceInfo(
        file_name=path.name,
        format="markdown" if is_markdown(path) else "text",
        sha256=digest,
        size=len(data),
        encoding=encoding,
    )
    return Extraction(source=source, blocks=blocks)
