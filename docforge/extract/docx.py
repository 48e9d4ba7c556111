"""Word reader: DOCX/DOCM directly, DOC/WPS through LibreOffice.

The package is opened defensively (``docx_package``), then the body is read
in document order (``docx_body``) with styles, automatic numbering and
tables resolved the way Word shows them. Macros in a ``.docm`` are never
touched: only the XML parts are read.
"""

from __future__ import annotations

from pathlib import Path

from docforge.errors import InputError
from docforge.extract.docx_body import BodyReader
from docforge.extract.docx_legacy import convert_legacy_word
from docforge.extract.docx_package import (
    ENCRYPTED,
    DamagedPackage,
    is_encrypted_package,
    is_ole_container,
    open_package,
)
from docforge.extract.office import available as office_available
from docforge.model.blocks import Extraction, SourceInfo

LEGACY_SUFFIXES = (".doc", ".wps", ".rtf", ".odt")
"""Formats LibreOffice converts; an OLE file named ``.docx`` is treated the same (a renamed ``.doc``)."""


def read_docx_file(path: Path, data: bytes, digest: str) -> Extraction:
    """Blocks of a Word file; InputError with a one-line cause when it cannot be read."""
    word_data = data
    if is_encrypted_package(data):
        raise InputError(path, ENCRYPTED)
    if path.suffix.lower() in LEGACY_SUFFIXES or is_ole_container(data):
        word_data = convert_legacy_word(path, data)
    try:
        package = open_package(path, word_data)
    except DamagedPackage as damaged:
        if word_data is not data or not office_available():
            raise
        try:  # a DOCX that Word and LibreOffice open but whose parts are not quite right
            word_data = convert_legacy_word(path, data)
        except InputError:
            raise damaged from None
        package = open_package(path, word_data)
    reader = BodyReader(package)
    blocks = reader.read()
    if not blocks:
        raise InputError(path, "no text in the Word document")
    warnings = list(reader.warnings)
    if word_data is not data:
        warnings.insert(
            0,
            "converted from an old binary Word file through LibreOffice"
            if path.suffix.lower() in (".doc", ".wps") or is_ole_container(data)
            else f"converted from {path.suffix.lower() or 'the file'} to DOCX through LibreOffice",
        )
    source = SourceInfo(file_name=path.name, format="docx", sha256=digest, size=len(data))
    return Extraction(source=source, blocks=blocks, warnings=warnings)
