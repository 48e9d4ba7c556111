"""Which report a document is: (department, year, kind) from its XML metadata, and safe names."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from lxml import etree

from docforge.extract import SUPPORTED_SUFFIXES
from docforge.model.xml import q

_RENDITION_SUFFIXES = (".wrapped",)
_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


@dataclass(frozen=True)
class ReportIdentity:
    """A report independent of its versions and renditions (the FRBR *work*).

    ``file_stem`` is set only when the metadata lacks a department: the
    file name then stands in for it, so two reports without one never merge.
    """

    department: str | None
    year: int | None
    kind: str | None
    file_stem: str | None = None

    @property
    def key(self) -> str:
        return "\x1f".join(
            [self.department or "", str(self.year or ""), self.kind or "", self.file_stem or ""]
        )

    @property
    def slug(self) -> str:
        """The report's name in URLs and paths: ASCII only, stable, never from raw input text."""
        digest = hashlib.sha256(self.key.encode("utf-8")).hexdigest()[:12]
        return f"{self.year or 'undated'}-{digest}"


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return text or None


def file_stem(file_name: str) -> str:
    """The name a file gives its report: no folders, no suffixes, no rendition markers."""
    stem = PurePath(file_name).name
    suffix = PurePath(stem).suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        stem = stem[: -len(suffix)]
    for marker in _RENDITION_SUFFIXES:
        if stem.lower().endswith(marker):
            stem = stem[: -len(marker)]
    return _clean(stem) or "untitled"


def identity_of(root: etree._Element) -> ReportIdentity:
    """Read the identity from the canonical XML, falling back to the source file name."""
    meta = root.find(q("meta"))
    department = _clean(meta.findtext(q("department")))
    year_text = meta.findtext(q("year"))
    source = meta.find(q("source"))
    return ReportIdentity(
        department=department,
        year=int(year_text) if year_text and year_text.isdigit() else None,
        kind=_clean(meta.findtext(q("kind"))),
        file_stem=None if department else file_stem(source.get("file", "")),
    )


def safe_suffix(file_name: str) -> str:
    """The file's suffix when it is a plain short one, else ``.bin``: archive names stay tame."""
    suffix = PurePath(file_name).suffix.lower()
    return suffix if _SAFE_SUFFIX.match(suffix) else ".bin"


def missing_metadata(root: etree._Element) -> tuple[str, ...]:
    """Which of title, department, year and kind the reader could not find.

    A title that is only the source file's name was not found: the normalizer falls back on it.
    """
    meta = root.find(q("meta"))
    source = meta.find(q("source"))
    title = (meta.findtext(q("title")) or "").strip()
    missing = []
    if not title or title == PurePath(source.get("file", "")).stem:
        missing.append("title")
    if not _clean(meta.findtext(q("department"))):
        missing.append("department")
    year = meta.findtext(q("year"))
    if not (year and year.isdigit()):
        missing.append("year")
    if not _clean(meta.findtext(q("kind"))):
        missing.append("kind")
    return tuple(missing)
