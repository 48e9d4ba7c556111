"""Open a Word package safely: the zip, its size, and its XML parts.

A DOCX file is a zip of XML parts. Files from the outside world can be
anything: not a zip, a password-protected OLE container, a zip bomb, XML that
declares entities. Every such case becomes one ``InputError`` line before any
part is inflated or any entity could be expanded.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docforge.errors import InputError
from docforge.model.xml import safe_parser

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART_UNCOMPRESSED = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_ABOVE = 10 * 1024 * 1024
MAX_MEMBERS = 5000

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_DOCUMENT = "word/document.xml"


class DamagedPackage(InputError):
    """A zip archive whose Word parts are missing or broken: LibreOffice may still open it."""


ENCRYPTED = "Word file is password-protected (encrypted OLE container); cannot read it"


def w(name: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{name}"


@dataclass
class WordPackage:
    """The parts of a Word document the reader needs, parsed; absent parts are None."""

    document: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None
    footnotes: etree._Element | None
    endnotes: etree._Element | None


def _check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse archives whose declared sizes could exhaust memory, before inflating anything."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(
            path, f"archive has too many members ({len(members)}); refusing to open it"
        )
    total = sum(info.file_size for info in members)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise InputError(
            path,
            f"archive inflates to {total // 2**20} MiB, over the "
            f"{MAX_TOTAL_UNCOMPRESSED // 2**20} MiB limit (zip bomb?)",
        )
    for info in members:
        if info.flag_bits & 0x1:
            raise InputError(
                path, "Word file is password-protected (encrypted zip members); cannot read it"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_UNCOMPRESSED or (
            info.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_COMPRESSION_RATIO
        ):
            raise InputError(
                path,
                f"archive member {info.filename} inflates to {info.file_size // 2**20} MiB "
                f"from {info.compress_size // 2**10} KiB (zip bomb?); refusing to extract it",
            )


def _read_member(path: Path, archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, reading no more than its declared size (a lying header cannot inflate more)."""
    info = archive.getinfo(name)
    try:
        with archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise DamagedPackage(path, f"cannot extract {name} from the archive ({exc})") from None
    if len(data) > info.file_size:
        raise InputError(path, f"archive member {name} is larger than it declares (zip bomb?)")
    return data


# Strict Open XML names the same vocabulary with other namespace URIs.
STRICT_TO_TRANSITIONAL = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    b"http://purl.oclc.org/ooxml/officeDocument/math": b"http://schemas.openxmlformats.org/officeDocument/2006/math",
}


def parse_part(path: Path, name: str, data: bytes) -> etree._Element:
    """Parse one XML part with entities, DTDs and network off; a DOCTYPE is refused outright.

    Parts of a Strict Open XML document are read as their transitional equivalent.
    """
    if b"purl.oclc.org/ooxml/" in data[:8192]:
        for strict, transitional in STRICT_TO_TRANSITIONAL.items():
            data = data.replace(strict, transitional)
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise InputError(path, f"{name} declares a DOCTYPE or entities; refusing to parse it")
    try:
        root = etree.fromstring(data, safe_parser(remove_comments=True, remove_pis=True))
    except etree.XMLSyntaxError as exc:
        raise DamagedPackage(path, f"corrupt XML in {name} ({exc})") from None
    if root.getroottree().docinfo.doctype:
        raise InputError(path, f"{name} declares a DOCTYPE; refusing to parse it")
    return root


def _relationship_targets(path: Path, archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Relationship type suffix → part name, from the main document's relationships."""
    rels_name = "word/_rels/document.xml.rels"
    if rels_name not in names:
        return {}
    rels = parse_part(path, rels_name, _read_member(path, archive, rels_name))
    targets: dict[str, str] = {}
    for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        part = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("word", target))
        )
        targets.setdefault(kind, part)
    return targets


def is_ole_container(data: bytes) -> bool:
    """An OLE compound file: an old binary Word file, or an encrypted DOCX inside one."""
    return data.startswith(OLE_SIGNATURE)


def is_encrypted_package(data: bytes) -> bool:
    """An OLE container holding an encrypted OOXML package (Word's "encrypt with password").

    Such containers carry the streams ``EncryptionInfo`` and ``EncryptedPackage``,
    whose names are stored in UTF-16 in the container's directory.
    """
    return is_ole_container(data) and "EncryptedPackage".encode("utf-16-le") in data


def open_package(path: Path, data: bytes) -> WordPackage:
    """The parsed parts of a DOCX/DOCM file; InputError with a one-line cause otherwise."""
    if data.startswith(OLE_SIGNATURE):
        raise InputError(path, ENCRYPTED)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise InputError(path, "not a Word document (not a zip archive)") from None
    with archive:
        _check_archive(path, archive)
        names = set(archive.namelist())
        if MAIN_DOCUMENT not in names:
            raise DamagedPackage(path, f"not a Word document (zip archive without {MAIN_DOCUMENT})")
        targets = _relationship_targets(path, archive, names)

        def part(kind: str, default: str) -> etree._Element | None:
            name = targets.get(kind, default)
            if name not in names:
                return None
            return parse_part(path, name, _read_member(path, archive, name))

        document = parse_part(path, MAIN_DOCUMENT, _read_member(path, archive, MAIN_DOCUMENT))
        if document.tag != w("document") or document.find(w("body")) is None:
            raise InputError(path, f"{MAIN_DOCUMENT} is not a WordprocessingML document")
        return WordPackage(
            document=document,
            styles=part("styles", "word/styles.xml"),
            numbering=part("numbering", "word/numbering.xml"),
            footnotes=part("footnotes", "word/footnotes.xml"),
            endnotes=part("endnotes", "word/endnotes.xml"),
        )
