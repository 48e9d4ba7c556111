"""Old and foreign word-processor files (``.doc``, ``.wps``, ``.rtf``, ``.odt``) through LibreOffice.

The binary formats are not worth a parser of our own: LibreOffice converts
them to DOCX faithfully, and the DOCX reader does the rest. The conversion
runs in the process's long-lived LibreOffice (``office.py``); its absence, a
crash, a time-out or a password is a clear one-line error, not a crash.
"""

from __future__ import annotations

from pathlib import Path

from docforge.errors import InputError
from docforge.extract.office import OfficeError, convert_bytes


def convert_legacy_word(path: Path, data: bytes) -> bytes:
    """The DOCX bytes LibreOffice makes of a ``.doc``/``.wps``/``.rtf``/``.odt`` (or damaged ``.docx``) file."""
    kind = {
        ".doc": "old binary Word file",
        ".wps": "WPS file",
        ".rtf": "RTF file",
        ".odt": "OpenDocument text",
    }.get(path.suffix.lower(), "Word file")
    try:
        converted, _seconds = convert_bytes(data, path.suffix.lower() or ".doc")
    except OfficeError as exc:
        raise InputError(path, f"{kind} ({path.suffix or 'no suffix'}): {exc}") from None
    return converted
