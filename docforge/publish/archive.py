"""The archive folder: content-addressed XML, PDFs and original sources, and the catalog file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docforge.publish.atomic import write_once
from docforge.publish.incoming_digests import CACHE_NAME


@dataclass(frozen=True)
class Archive:
    """Where everything ever published is kept; names are hashes, so writes are idempotent."""

    root: Path

    @property
    def catalog_path(self) -> Path:
        return self.root / "catalog.sqlite"

    @property
    def digests_path(self) -> Path:
        """The incoming folder's digest cache: the publishing machine's own state."""
        return self.root / CACHE_NAME

    @property
    def lock_path(self) -> Path:
        """Held by the one publish run that may write the archive and the site."""
        return self.root / ".publish.lock"

    def xml_path(self, xml_sha256: str) -> Path:
        return self.root / "xml" / xml_sha256[:2] / f"{xml_sha256}.xml"

    def pdf_path(self, xml_sha256: str) -> Path:
        """A PDF is rendered from one XML, so it is filed under that XML's hash."""
        return self.root / "pdf" / xml_sha256[:2] / f"{xml_sha256}.pdf"

    def source_path(self, source_sha256: str, suffix: str) -> Path:
        return self.root / "sources" / source_sha256[:2] / f"{source_sha256}{suffix}"

    def store_xml(self, xml_sha256: str, data: bytes) -> None:
        write_once(self.xml_path(xml_sha256), data)

    def store_pdf(self, xml_sha256: str, data: bytes) -> None:
        write_once(self.pdf_path(xml_sha256), data)

    def store_source(self, source_sha256: str, suffix: str, data: bytes) -> None:
        write_once(self.source_path(source_sha256, suffix), data)
