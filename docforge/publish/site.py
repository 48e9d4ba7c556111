"""Build the whole disclosure site from the catalog and the archive into one new folder."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from docforge import __version__
from docforge.model.vocabulary import ChangeKind
from docforge.model.xml import parse_report, q
from docforge.publish.archive import Archive
from docforge.publish.catalog import ReportRecord, VersionRecord, now
from docforge.publish.disclosure import read_disclosure
from docforge.publish.figures import SEVERITY_WORDS, VersionFigures, read_figures
from docforge.publish.opendata import catalog_csv, catalog_json, sitemap
from docforge.publish.paths import SitePaths
from docforge.publish.search import index_site, search_available
from docforge.render.assets import asset_bytes, asset_names, environment
from docforge.render.html import (
    DEFAULT_PORTAL_NAME,
    PageLinks,
    VersionLink,
    render_html,
    stylesheet_text,
)

MANIFEST = "build.json"
UNKNOWN_YEAR = "未注明年度"
UNKNOWN_DEPARTMENT = "未注明部门"


@dataclass(frozen=True)
class SiteBuild:
    folder: Path
    searchable: bool


def tree_digest(folder: Path) -> str:
    """A digest of every file below ``folder`` (compiled caches aside), names and contents."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def package_digest() -> str:
    """The installed package's digest: any change to the code that makes the pages (render,
    checks, publish, the model) makes a new site, with no list of modules to keep up to date."""
    return tree_digest(Path(__file__).resolve().parents[1])


def fingerprint(reports: list[ReportRecord], base_url: str) -> str:
    """What the site is made of: the catalog's versions, the templates and the code version.

    When it matches the published build's, nothing needs building.
    """
    digest = hashlib.sha256(f"{__version__}\n{base_url}\n{search_available()}\n".encode())
    for name in asset_names():
        digest.update(name.encode() + b"\0" + asset_bytes(name))
    digest.update(package_digest().encode())
    for report in reports:
        for v in report.versions:
            digest.update(f"{report.slug} {v.number} {v.xml_sha256} {v.pdf} {v.published_at}\n".encode())
    return digest.hexdigest()


def published_fingerprint(build: Path | None) -> str | None:
    try:
        return json.loads((build / MANIFEST).read_text(encoding="utf-8"))["fingerprint"]
    except (TypeError, OSError, ValueError, KeyError):
        return None


def manifest_problems(build: Path) -> list[str]:
    """Why a build folder is not a complete site; empty when every listed file is there."""
    try:
        manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"no readable {MANIFEST}: {error}"]
    return [
        f"{name}: missing or wrong size"
        for name, size in manifest["files"].items()
        if not (build / name).is_file() or (build / name).stat().st_size != size
    ]


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _write(folder: Path, name: str, data: str | bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _version_links(report: ReportRecord, prefix: str, current: int) -> tuple[VersionLink, ...]:
    return tuple(
        VersionLink(v.number, v.published_at, f"{prefix}v{v.number}/index.html",
                    f"{prefix}v{v.number}/conversion.html", v.number == current)
        for v in report.versions
    )


_LOCATION_PART = re.compile(r"^(para|p|l)(\d+)(?:-(\d+))?$")
_LOCATION_UNIT = {"p": "页", "l": "行", "para": "段"}


def location_label(src: str) -> str:
    """A provenance token (``p3 l5-7``, ``para12``) in words for the publisher: 第3页 第5–7行."""
    words = []
    for part in src.split():
        match = _LOCATION_PART.match(part)
        if not match:
            return src
        unit, first, last = match.groups()
        span = f"{first}–{last}" if last else first
        words.append(f"第{span}{_LOCATION_UNIT[unit]}")
    return " ".join(words)


# What each kind of change is, in the publisher's words.
CHANGE_KIND_WORDS = {
    ChangeKind.DROP_CONVERTER_DEBRIS: "删除转换残留标记",
    ChangeKind.DROP_PAGE_FURNITURE: "删除页眉页脚或页码",
    ChangeKind.DROP_REPEATED_TITLE: "删除重复的标题",
    ChangeKind.DROP_TABLE_OF_CONTENTS: "删除原文目录（网页另行生成目录）",
    ChangeKind.DROP_WEB_NOISE: "删除网页杂项（导航、标签、浏览量）",
    ChangeKind.FIX_DECIMAL_SEPARATOR: "更正小数点",
    ChangeKind.FIX_LABEL_FORM: "统一编号格式",
    ChangeKind.FIX_PUNCTUATION: "半角标点改为全角",
    ChangeKind.FIX_SPACING: "删除多余空格",
    ChangeKind.HEAL_SPLIT_PARAGRAPH: "合并被分页截断的段落",
    ChangeKind.JOIN_WRAPPED_LINES: "合并折行",
    ChangeKind.MOVE_TO_METADATA: "移入文档信息",
    ChangeKind.REMOVE_CONTROL_CHARACTERS: "删除控制字符",
    ChangeKind.RENUMBER_HEADING: "更正重复或跳号的标题编号",
}


def _finding_rows(figures: VersionFigures) -> list[dict[str, str]]:
    """Each finding for the editor: where it is in words (table, row, column, page) and a link to that spot."""
    return [
        {"severity": SEVERITY_WORDS[f.severity], "level": f.severity.value, "code": f.code,
         "location": " ".join(filter(None, (f.table, f.row, f.column, location_label(f.src or "")))),
         "section": f.section or "", "anchor": f.section or "",
         "message": f.message, "excerpt": f.excerpt, "expected": f.expected or "", "found": f.found or ""}
        for f in figures.findings
    ]


def _conversion_page(root: etree._Element, report: ReportRecord, version: VersionRecord,
                     figures: VersionFigures) -> str:
    changes = [
        {"kind": c.get("kind"), "kind_words": CHANGE_KIND_WORDS.get(c.get("kind"), c.get("kind")),
         "location": location_label(c.get("src", "")),
         "before": c.findtext(q("before")) or "", "after": c.findtext(q("after")) or ""}
        for c in root.iter(q("change"))
    ]
    warnings = [{"code": w.get("code"), "location": location_label(w.get("src", "")),
                 "text": w.text or ""}
                for w in root.iter(q("warning"))]
    return environment().get_template("site-conversion.html.j2").render(
        root="../../../", portal_name=DEFAULT_PORTAL_NAME, title=version.title, version=version,
        report_href="../index.html", changes=changes, warnings=warnings,
        findings=_finding_rows(figures))


def _report_pages(folder: Path, archive: Archive,
                  report: ReportRecord) -> dict[str, tuple[VersionFigures, dict[str, str]]]:
    """Write a report's pages; by XML hash, what its figure checks found and its web disclosure
    metadata (returned, not gathered in a shared dict, so the pages can be written by processes)."""
    paths = SitePaths(report.slug)
    checked: dict[str, tuple[VersionFigures, dict[str, str]]] = {}
    for version in report.versions:
        root = parse_report(archive.xml_path(version.xml_sha256)).getroot()
        figures = read_figures(root)
        checked[version.xml_sha256] = (figures, read_disclosure(root))
        _link_or_copy(archive.xml_path(version.xml_sha256), folder / paths.version_xml(version.number))
        if version.pdf:
            _link_or_copy(archive.pdf_path(version.xml_sha256), folder / paths.version_pdf(version.number))
        links = PageLinks(
            stylesheet="../../../report.css", home="../../../index.html",
            xml="report.xml", pdf="report.pdf" if version.pdf else "",
            versions=_version_links(report, "../", version.number), notice=figures.notice)
        _write(folder, paths.version_page(version.number), render_html(root, links))
        _write(folder, paths.conversion_page(version.number),
               _conversion_page(root, report, version, figures))
        if version is report.latest:
            latest = f"v{version.number}/"
            links = PageLinks(
                stylesheet="../../report.css", home="../../index.html",
                xml=f"{latest}report.xml", pdf=f"{latest}report.pdf" if version.pdf else "",
                versions=_version_links(report, "", version.number), notice=figures.notice)
            _write(folder, paths.report_page, render_html(root, links))
    return checked


def _index_page(reports: list[ReportRecord]) -> str:
    years: dict[int | None, dict[str, list[ReportRecord]]] = {}
    for report in reports:
        years.setdefault(report.year, {}).setdefault(report.department or UNKNOWN_DEPARTMENT, []).append(report)
    groups = []
    for year in sorted(years, key=lambda y: (y is None, -(y or 0))):
        departments = [
            {"label": name, "count": len(items), "reports": [
                {"href": SitePaths(r.slug).folder, "title": r.latest.title, "kind": r.kind,
                 "version": r.latest.number, "published": r.latest.published_at}
                for r in sorted(items, key=lambda r: r.latest.title)]}
            for name, items in sorted(years[year].items())
        ]
        groups.append({"label": f"{year}年度" if year else UNKNOWN_YEAR,
                       "count": sum(d["count"] for d in departments), "departments": departments})
    return environment().get_template("site-index.html.j2").render(
        root="", portal_name=DEFAULT_PORTAL_NAME, years=groups, report_count=len(reports),
        version_count=sum(len(r.versions) for r in reports))


# Below this many reports a process pool costs more to start than it saves.
PARALLEL_PAGES_FROM = 40


def _all_report_pages(folder: Path, archive: Archive, reports: list[ReportRecord],
                      jobs: int) -> Iterator[dict[str, tuple[VersionFigures, dict[str, str]]]]:
    """Each report's pages written (each report in a folder of its own, so ``jobs`` processes
    can write them side by side); what the figure checks found, in report order."""
    if jobs <= 1 or len(reports) < PARALLEL_PAGES_FROM:
        for report in reports:
            yield _report_pages(folder, archive, report)
        return
    from concurrent.futures import ProcessPoolExecutor

    from docforge.workers import die_with_parent

    count = len(reports)
    with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent) as pool:
        yield from pool.map(_report_pages, [folder] * count, [archive] * count, reports,
                            chunksize=max(1, count // (jobs * 8)))


def build_site(folder: Path, archive: Archive, reports: list[ReportRecord], base_url: str,
               print_note=print, jobs: int = 1) -> SiteBuild:
    """Write every page and file into ``folder`` (empty, unpublished), manifest last."""
    figures: dict[str, VersionFigures] = {}
    disclosures: dict[str, dict[str, str]] = {}
    for checked in _all_report_pages(folder, archive, reports, jobs):
        for xml_sha256, (found, disclosure) in checked.items():
            figures[xml_sha256] = found
            disclosures[xml_sha256] = disclosure
    _write(folder, "index.html", _index_page(reports))
    _write(folder, "report.css", stylesheet_text())
    _write(folder, "site.css", asset_bytes("site.css"))
    _write(folder, "sitemap.xml", sitemap(reports, base_url))
    _write(folder, "catalog.json", catalog_json(reports, figures, disclosures))
    _write(folder, "catalog.csv", catalog_csv(reports, figures))
    searchable = search_available()
    if searchable:
        try:
            index_site(folder)
        except (RuntimeError, OSError) as error:
            print_note(f"search index not built: {error}")
            searchable = False
    else:
        print_note("search index not built: the pagefind package is not installed")
    _write(folder, "search.html", environment().get_template("site-search.html.j2").render(
        root="", portal_name=DEFAULT_PORTAL_NAME, search_ready=searchable))
    files = {
        path.relative_to(folder).as_posix(): path.stat().st_size
        for path in sorted(folder.rglob("*")) if path.is_file()
    }
    manifest = {"fingerprint": fingerprint(reports, base_url), "built_at": now(),
                "reports": len(reports), "versions": sum(len(r.versions) for r in reports),
                "files": files}
    _write(folder, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return SiteBuild(folder, searchable)
