"""Where each page and file of a report lives in the site: its readable address, and the rest."""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass

REVIEW_FOLDER = "_review"


@dataclass(frozen=True)
class SitePaths:
    """Paths relative to the site root for one public report at ``address``
    (``2022/daxiangqu…/zhengti-jixiao``, see ``publish/addresses.py``)."""

    address: str

    @property
    def folder(self) -> str:
        return f"{self.address}/"

    @property
    def report_page(self) -> str:
        return f"{self.folder}index.html"

    def version_folder(self, number: int) -> str:
        return f"{self.folder}v{number}/"

    def version_page(self, number: int) -> str:
        return f"{self.version_folder(number)}index.html"

    def version_xml(self, number: int) -> str:
        return f"{self.version_folder(number)}report.xml"

    def version_pdf(self, number: int) -> str:
        return f"{self.version_folder(number)}report.pdf"

    def version_source(self, number: int, suffix: str) -> str:
        return f"{self.version_folder(number)}original{suffix}"

    def version_tables(self, number: int) -> str:
        """The folder of a version's tables as open data (``t1.csv``, ``t1.json`` …)."""
        return f"{self.version_folder(number)}tables/"


@dataclass(frozen=True)
class ReviewPaths:
    """The editor's pages of one report (by its ID), kept under ``_review/``, out of the public site."""

    slug: str

    def conversion_page(self, number: int) -> str:
        return f"{REVIEW_FOLDER}/{self.slug}/v{number}/index.html"

    def preview_page(self, number: int) -> str:
        return f"{REVIEW_FOLDER}/{self.slug}/v{number}/preview.html"


def old_report_page(slug: str) -> str:
    """The hash address reports had before readable addresses; it now redirects."""
    return f"reports/{slug}/index.html"


def old_version_page(slug: str, number: int) -> str:
    return f"reports/{slug}/v{number}/index.html"


def up(path: str) -> str:
    """From a page at ``path`` back to the site's top (``a/b/index.html`` → ``../../``)."""
    return "../" * path.count("/")


def relative(page: str, target: str) -> str:
    """The link from ``page`` to ``target`` (both from the site's top); a folder keeps its ``/``."""
    link = posixpath.relpath(target, posixpath.dirname(page) or ".")
    if target.endswith("/") and not link.endswith("/"):
        link = "./" if link == "." else link + "/"
    return link


def department_key(department: str) -> str:
    """A department's name in URLs: its pinyin, as in the report addresses below it
    (``{year}/{department}/{kind}/``), so the department's page is its reports' parent folder."""
    from docforge.publish.addresses import slug_of

    return slug_of(department, hashlib.sha256(department.encode("utf-8")).hexdigest()[:12])


def department_folder(department: str) -> str:
    """The department's page across years."""
    return f"departments/{department_key(department)}/"


def department_year_folder(department: str, year: int) -> str:
    """The department's page for one year: ``/{year}/{department}/``."""
    return f"{year}/{department_key(department)}/"
