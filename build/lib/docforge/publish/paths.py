"""Where each page and file of a report lives in the site: names from the identity only."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SitePaths:
    """Paths relative to the site root for one report (``slug`` is ASCII from its identity)."""

    slug: str

    @property
    def folder(self) -> str:
        return f"reports/{self.slug}/"

    @property
    def report_page(self) -> str:
        return f"{self.folder}index.html"

    def version_folder(self, number: int) -> str:
        return f"{self.folder}v{number}/"

    def version_page(self, number: int) -> str:
        return f"{self.version_folder(number)}index.html"

    def conversion_page(self, number: int) -> str:
        return f"{self.version_folder(number)}conversion.html"

    def version_xml(self, number: int) -> str:
        return f"{self.version_folder(number)}report.xml"

    def version_pdf(self, number: int) -> str:
        return f"{self.version_folder(number)}report.pdf"
