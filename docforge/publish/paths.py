"""Where each page and file of a report lives in the site: names from the identity only."""

from __future__ import annotations

import hashlib
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


def department_key(department: str) -> str:
    """A department's name in URLs: ASCII, stable, never from raw input text (as report slugs)."""
    return hashlib.sha256(department.encode("utf-8")).hexdigest()[:12]


def department_folder(department: str) -> str:
    """The department's page across years."""
    return f"departments/{department_key(department)}/"


def department_year_folder(department: str, year: int) -> str:
    """The department's page for one year: ``/{year}/{department}/``."""
    return f"{year}/{department_key(department)}/"
