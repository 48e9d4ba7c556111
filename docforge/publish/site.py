"""Build the whole disclosure site from the catalog and the archive into one new folder."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from lxml import etree

from docforge import __version__
from docforge.model.xml import parse_report
from docforge.publish.archive import Archive
from docforge.publish.catalog import HELD, LIVE, REJECTED, ReportRecord, VersionRecord, now
from docforge.publish.chart import money_chart, series_legend
from docforge.publish.config import SiteConfig
from docforge.publish.conversion import CHANGE_KIND_WORDS, conversion_page, location_label
from docforge.publish.departments import department_figures
from docforge.publish.disclosure import read_disclosure
from docforge.publish.figures import VersionFigures, archived_figures
from docforge.publish.messages import Messages, note
from docforge.publish.opendata import catalog_csv, catalog_json, sitemap
from docforge.publish.page_reuse import (
    PageResults,
    ReportPages,
    carry_over,
    previous_pages,
    report_pages_key,
)
from docforge.publish.paths import (
    REVIEW_FOLDER,
    ReviewPaths,
    SitePaths,
    department_folder,
    department_year_folder,
    old_report_page,
    old_version_page,
    relative,
    up,
)
from docforge.publish.search import EXCERPT_LENGTH, index_site, search_available
from docforge.publish.site_folder import SiteFolder
from docforge.publish.table_data import report_tables, table_csv, table_json
from docforge.render.assets import asset_bytes, asset_names, environment
from docforge.render.html import (
    PageLinks,
    VersionLink,
    chrome_stylesheet,
    render_html,
    stylesheet_text,
)
from docforge.render.report_view import display_title

__all__ = [
    "CHANGE_KIND_WORDS",
    "build_site",
    "fingerprint",
    "location_label",
    "published_fingerprint",
]

MANIFEST = "build.json"
REVIEW_PAGE = f"{REVIEW_FOLDER}/index.html"
REVIEW_MESSAGES = Messages("zh")
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


def fingerprint(reports: list[ReportRecord], config: SiteConfig) -> str:
    """What the site is made of: the catalog's versions and their review, the site's
    configuration (and the images it names), the templates and the code.

    When it matches the published build's, nothing needs building.
    """
    digest = hashlib.sha256(
        f"{__version__}\n{config.fingerprint()}\n{search_available()}\n".encode()
    )
    for name in asset_names():
        digest.update(name.encode() + b"\0" + asset_bytes(name))
    digest.update(package_digest().encode())
    for asset in config.assets().values():
        digest.update(Path(asset).read_bytes())
    for report in reports:
        digest.update(f"{report.slug} {report.state}\n".encode())
        for v in report.versions:
            digest.update(
                f"{report.slug} {v.number} {v.xml_sha256} {v.pdf} {v.published_at}\n".encode()
            )
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


def _version_links(
    report: ReportRecord, page: str, current: int, config: SiteConfig
) -> tuple[VersionLink, ...]:
    """The live versions of a report, as links from ``page``."""
    paths = SitePaths(report.address)
    return tuple(
        VersionLink(
            v.number,
            v.published_at,
            relative(page, paths.version_folder(v.number)),
            "",
            v.number == current,
            config.local_time(v.published_at),
            v.note or "",
        )
        for v in report.live_versions
    )


def _table_files(
    folder: SiteFolder, root: etree._Element, report: ReportRecord, version: VersionRecord
) -> list[dict]:
    """Write each table of a version as CSV and JSON beside its page; their catalog entries."""
    tables_folder = SitePaths(report.address).version_tables(version.number)
    about = {
        "report": report.slug,
        "title": version.title,
        "department": report.department,
        "year": report.year,
        "version": version.number,
    }
    entries = []
    for data in report_tables(root):
        folder.write(tables_folder + data.csv_name(), table_csv(data))
        folder.write(tables_folder + data.json_name(), table_json(data, about))
        entries.append(
            {
                "id": data.id,
                "caption": data.caption,
                "kind": data.kind,
                "unit": data.unit,
                "csv": tables_folder + data.csv_name(),
                "json": tables_folder + data.json_name(),
            }
        )
    return entries


def _write_report(
    folder: SiteFolder,
    archive: Archive,
    report: ReportRecord,
    config: SiteConfig,
    roots: dict[str, etree._Element],
    figures: dict[str, VersionFigures],
    tables: dict[str, list[dict]],
) -> None:
    """A public report's pages at its address: the current version, each live version (earlier
    ones under a banner pointing to the current), their XML, PDF, original file and tables as
    open data (``tables`` gets each version's catalog entries)."""
    paths = SitePaths(report.address)
    current = report.current
    for version in report.live_versions:
        root = roots[version.xml_sha256]
        tables[version.xml_sha256] = _table_files(folder, root, report, version)
        folder.link(archive.xml_path(version.xml_sha256), paths.version_xml(version.number))
        if version.pdf:
            folder.link(archive.pdf_path(version.xml_sha256), paths.version_pdf(version.number))
        source = paths.version_source(version.number, version.source_suffix)
        folder.link(archive.source_path(version.source_sha256, version.source_suffix), source)
        earlier = version.number != current.number
        pages = [paths.version_page(version.number)]
        if not earlier:
            pages.append(paths.report_page)
        for page in pages:
            links = PageLinks(
                stylesheet=relative(page, "report.css"),
                home=relative(page, "index.html"),
                root=up(page),
                portal_name=config.name,
                xml=relative(page, paths.version_xml(version.number)),
                pdf=relative(page, paths.version_pdf(version.number)) if version.pdf else "",
                source=relative(page, source),
                source_name=_clean_download_name(version.title, version.source_suffix),
                versions=_version_links(report, page, version.number, config),
                canonical=urljoin(config.base_url, page.removesuffix("index.html")),
                banner=(
                    f"此为历史版本（第{version.number}版，发布于"
                    f"{config.local_time(version.published_at, with_time=False)}）"
                    if earlier
                    else ""
                ),
                current=relative(page, paths.folder) if earlier else "",
                note=version.note or "",
                notice=figures[version.xml_sha256].notice,
                tables=relative(page, paths.version_tables(version.number)),
                department=(
                    relative(
                        page, department_year_folder(report.department, report.year) + "index.html"
                    )
                    if report.department and report.year
                    else ""
                ),
            )
            folder.write(page, render_html(root, links, site=config))


def _clean_download_name(title: str, suffix: str) -> str:
    """The original file's name when downloaded: the report's title, never the internal name."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", title).strip() or "report"
    return f"{name[:80]}{suffix}"


def _write_notice(folder: SiteFolder, report: ReportRecord, config: SiteConfig) -> None:
    """A withdrawn report: a notice with date and reason at its address and its versions'."""
    paths = SitePaths(report.address)
    pages = [paths.report_page, *(paths.version_page(v.number) for v in report.live_versions)]
    for page in pages:
        folder.write(
            page,
            _template("site-notice.html.j2").render(
                root=up(page),
                site=config,
                noindex=False,
                canonical=urljoin(config.base_url, page.removesuffix("index.html")),
                title=report.current.title,
                department=report.department,
                withdrawn=config.local_time(report.withdrawn_at, with_time=False),
                withdrawn_at=report.withdrawn_at,
                reason=report.withdrawn_reason or "",
            ),
        )


def _write_redirects(folder: SiteFolder, report: ReportRecord, config: SiteConfig) -> None:
    """The report's old hash addresses lead to its readable one."""
    paths = SitePaths(report.address)
    targets = [(old_report_page(report.slug), paths.folder)]
    targets += [
        (old_version_page(report.slug, v.number), paths.version_folder(v.number))
        for v in report.live_versions
    ]
    for page, target in targets:
        folder.write(
            page,
            _template("site-redirect.html.j2").render(
                href=relative(page, target), canonical=urljoin(config.base_url, target), site=config
            ),
        )


def _write_review(
    folder: SiteFolder,
    archive: Archive,
    report: ReportRecord,
    config: SiteConfig,
    roots: dict[str, etree._Element],
    figures: dict[str, VersionFigures],
) -> None:
    """The editor's pages of every version: its conversion page, and a preview of a version that
    is not public (noindex, linked only from ``_review/``)."""
    review = ReviewPaths(report.slug)
    for version in report.versions:
        root = roots[version.xml_sha256]
        conversion = review.conversion_page(version.number)
        to_top = up(conversion)
        public = report.public and version.live
        page_href = (
            to_top + SitePaths(report.address).version_page(version.number)
            if public
            else "preview.html"
        )
        if not public:
            preview = review.preview_page(version.number)
            folder.write(
                preview,
                render_html(
                    root,
                    PageLinks(
                        stylesheet=to_top + "report.css",
                        home=to_top + REVIEW_PAGE,
                        root=to_top,
                        portal_name=config.name,
                        noindex=True,
                        banner=f"审核预览：第{version.number}版尚未公开（{_state_words(report, version)}）",
                    ),
                    site=config,
                ),
            )
        folder.write(
            conversion,
            conversion_page(
                root,
                report,
                version,
                figures[version.xml_sha256],
                config,
                to_top,
                page_href,
                _state_words(report, version),
            ),
        )


def _state_words(report: ReportRecord, version: VersionRecord) -> str:
    if report.withdrawn_at and version.live:
        return "已撤回"
    return {LIVE: "已公开", HELD: "待审核", REJECTED: "已退回"}.get(version.review, version.review)


def _review_index(reports: list[ReportRecord], config: SiteConfig) -> str:
    """The editor's list: every held version with why, then withdrawn and rejected reports."""
    held = []
    for report in reports:
        for version in report.held_versions:
            review = ReviewPaths(report.slug)
            held.append(
                {
                    "id": report.slug,
                    "number": version.number,
                    "title": version.title,
                    "department": report.department or "",
                    "year": report.year or "",
                    "kind": report.kind or "",
                    "reasons": REVIEW_MESSAGES.reasons(version.review_reasons),
                    "published": config.local_time(version.published_at),
                    "conversion": review.conversion_page(version.number).removeprefix(
                        REVIEW_FOLDER + "/"
                    ),
                    "preview": review.preview_page(version.number).removeprefix(
                        REVIEW_FOLDER + "/"
                    ),
                    "command": f"docforge review approve {report.slug}",
                }
            )
    withdrawn = [
        {
            "id": r.slug,
            "title": r.current.title,
            "address": "../" + r.address + "/",
            "date": config.local_time(r.withdrawn_at),
            "reason": r.withdrawn_reason or "",
        }
        for r in reports
        if r.withdrawn_at and r.current
    ]
    live = [
        {
            "id": r.slug,
            "title": r.current.title,
            "address": "../" + r.address + "/",
            "version": r.current.number,
            "conversion": ReviewPaths(r.slug)
            .conversion_page(r.current.number)
            .removeprefix(REVIEW_FOLDER + "/"),
        }
        for r in reports
        if r.public
    ]
    return _template("site-review.html.j2").render(
        root="../",
        site=config,
        noindex=True,
        canonical="",
        held=held,
        withdrawn=withdrawn,
        live=live,
    )


OTHER_KIND_HEADING = "其他报告"


def _kind_heading(config: SiteConfig, kind: str | None) -> tuple[int, str]:
    """Where a report's kind stands on the index (the site's kinds, in its order) and its heading."""
    for place, group in enumerate(config.kinds):
        if group.covers(kind):
            return place, group.heading
    return len(config.kinds), OTHER_KIND_HEADING


def _entry(report: ReportRecord, config: SiteConfig, prefix: str = "") -> dict:
    """One report as the index and the department pages list it (``prefix`` leads to the top)."""
    return {
        "href": prefix + SitePaths(report.address).folder,
        "title": display_title(report.current.title, report.department),
        "department": report.department,
        "kind": report.kind,
        "year": report.year,
        "version": report.current.number,
        "published": report.current.published_at,
        "published_date": config.local_time(report.current.published_at, with_time=False),
    }


def _year_label(year: int | None) -> str:
    return f"{year}年度" if year else UNKNOWN_YEAR


def _index_page(reports: list[ReportRecord], config: SiteConfig) -> str:
    """The public index: live reports by year, then kind (the site's kinds, in its order), then
    department, with counts."""
    years: dict[int | None, dict[tuple[int, str], dict[str, list[ReportRecord]]]] = {}
    for report in reports:
        kind = _kind_heading(config, report.kind)
        years.setdefault(report.year, {}).setdefault(kind, {}).setdefault(
            report.department or UNKNOWN_DEPARTMENT, []
        ).append(report)
    groups = []
    for year in sorted(years, key=lambda y: (y is None, -(y or 0))):
        kinds = []
        for kind in sorted(years[year]):
            departments = [
                {
                    "label": name,
                    "count": len(items),
                    "href": (
                        f"{department_year_folder(name, year)}index.html"
                        if year and name != UNKNOWN_DEPARTMENT
                        else ""
                    ),
                    "reports": [
                        _entry(r, config) for r in sorted(items, key=lambda r: r.current.title)
                    ],
                }
                for name, items in sorted(years[year][kind].items())
            ]
            kinds.append(
                {
                    "label": kind[1],
                    "departments": departments,
                    "count": sum(d["count"] for d in departments),
                }
            )
        groups.append(
            {
                "id": f"year-{year}" if year else "year-unknown",
                "label": _year_label(year),
                "count": sum(k["count"] for k in kinds),
                "kinds": kinds,
            }
        )
    present = {_kind_heading(config, r.kind)[1] for r in reports}
    heading = next(iter(present)) + "目录" if len(present) == 1 else "报告目录"
    return _template("site-index.html.j2").render(
        root="",
        site=config,
        portal_name=config.name,
        noindex=False,
        canonical=config.base_url,
        heading=heading,
        years=groups,
        report_count=len(reports),
        version_count=sum(len(r.live_versions) for r in reports),
    )


def _template(name: str):
    return environment().get_template(name)


def _robots(config: SiteConfig) -> str:
    """Search engines keep out of the editor's pages and find the sitemap."""
    return (
        f"User-agent: *\nDisallow: /{REVIEW_FOLDER}/\n"
        f"Sitemap: {urljoin(config.base_url, 'sitemap.xml')}\n"
    )


def _department_pages(
    folder: SiteFolder,
    reports: list[ReportRecord],
    figures: dict[str, VersionFigures],
    config: SiteConfig,
) -> None:
    """A page per department across years, and one per department and year."""
    by_department: dict[str, list[ReportRecord]] = {}
    for report in reports:
        if report.department:
            by_department.setdefault(report.department, []).append(report)
    template = environment().get_template("site-department.html.j2")

    def page(path: str, shown: list[ReportRecord], compared: list[ReportRecord], **words) -> None:
        found = department_figures(compared, figures)
        department = words["department"]
        folder.write(
            path,
            template.render(
                root="../../",
                site=config,
                reports=[_entry(r, config, "../../") for r in shown],
                figures=found,
                chart=money_chart(found, department, "chart"),
                legend=series_legend(found),
                **words,
            ),
        )

    for department, items in sorted(by_department.items()):
        items.sort(key=lambda r: (-(r.year or 0), r.current.title))
        years = sorted({r.year for r in items if r.year}, reverse=True)
        across = department_folder(department)
        page(
            f"{across}index.html",
            items,
            items,
            department=department,
            year=None,
            heading=f"{department}历年报告",
            year_links=[
                {"label": f"{y}年度", "href": f"{department_year_folder(department, y)}index.html"}
                for y in years
            ],
            across_href="",
        )
        for year in years:
            # The year before stays in the figures, so the page shows the change from it.
            page(
                f"{department_year_folder(department, year)}index.html",
                [r for r in items if r.year == year],
                [r for r in items if r.year in (year, year - 1)],
                department=department,
                year=year,
                heading=f"{department} {year}年度报告",
                year_links=[],
                across_href=f"{across}index.html",
            )


# Below this many reports a process pool costs more to start than it saves.
PARALLEL_PAGES_FROM = 40


def _report_pages(
    root: Path, archive: Archive, report: ReportRecord, config: SiteConfig
) -> tuple[PageResults, list[str]]:
    """Write one report's public and review pages (all in folders of its own, so processes can
    write reports side by side); by XML hash, what its figure checks found, its disclosure
    metadata and its tables' open-data entries; and the files written."""
    folder = SiteFolder(root)
    roots = {
        v.xml_sha256: parse_report(archive.xml_path(v.xml_sha256)).getroot()
        for v in report.versions
    }
    figures = {sha: archived_figures(archive.root, sha, root) for sha, root in roots.items()}
    tables: dict[str, list[dict]] = {}
    if report.address and report.current:
        if report.withdrawn_at:
            _write_notice(folder, report, config)
        else:
            _write_report(folder, archive, report, config, roots, figures, tables)
        _write_redirects(folder, report, config)
    _write_review(folder, archive, report, config, roots, figures)
    results = {
        sha: (figures[sha], read_disclosure(root), tables.get(sha, []))
        for sha, root in roots.items()
    }
    return results, folder.written


def _all_report_pages(
    folder: SiteFolder,
    archive: Archive,
    reports: list[ReportRecord],
    config: SiteConfig,
    jobs: int,
    previous: Path | None,
) -> Iterator[tuple[ReportRecord, PageResults, ReportPages]]:
    """Each report's pages in ``folder``: carried over from the ``previous`` build when nothing
    they are made of changed, else written, by ``jobs`` processes when many are to write."""
    site_key = fingerprint([], config)
    kept = previous_pages(previous, MANIFEST)
    to_write: list[tuple[ReportRecord, str]] = []
    for report in reports:
        key = report_pages_key(report, site_key)
        entry = kept.get(report.slug)
        carried = (
            carry_over(entry, previous, folder, archive.root)
            if previous is not None and entry is not None and entry.key == key
            else None
        )
        if carried is None:
            to_write.append((report, key))
        else:
            yield report, carried, entry
    written = _written_pages(folder.root, archive, [r for r, _ in to_write], config, jobs)
    for (report, key), (results, files) in zip(to_write, written, strict=True):
        yield report, results, ReportPages.from_results(key, files, results)


def _written_pages(
    root: Path, archive: Archive, reports: list[ReportRecord], config: SiteConfig, jobs: int
) -> Iterator[tuple[PageResults, list[str]]]:
    """Each report's pages written, in report order: by ``jobs`` processes when many are to write."""
    if jobs <= 1 or len(reports) < PARALLEL_PAGES_FROM:
        for report in reports:
            yield _report_pages(root, archive, report, config)
        return
    from concurrent.futures import ProcessPoolExecutor

    from docforge.workers import die_with_parent

    count = len(reports)
    with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent) as pool:
        yield from pool.map(
            _report_pages,
            [root] * count,
            [archive] * count,
            reports,
            [config] * count,
            chunksize=max(1, count // (jobs * 8)),
        )


def build_site(
    folder: Path,
    archive: Archive,
    reports: list[ReportRecord],
    config: SiteConfig,
    print_note=print,
    jobs: int = 1,
    previous: Path | None = None,
) -> SiteBuild:
    """Write every page and file into ``folder`` (empty, unpublished), manifest last.

    Public: live reports at their readable addresses, redirects from the old hash addresses,
    notices of withdrawn reports. Under ``_review/`` (noindex, linked from nowhere public): the
    editor's list and each version's conversion page and preview.

    A report whose pages the ``previous`` (published) build holds, made of the same record,
    settings and code, has them hard-linked from there rather than rendered again.
    """
    site = SiteFolder(folder)
    figures: dict[str, VersionFigures] = {}
    disclosures: dict[str, dict[str, str]] = {}
    public = [r for r in reports if r.public]
    tables: dict[str, list[dict]] = {}
    pages: dict[str, dict] = {}
    for report, checked, kept in _all_report_pages(site, archive, reports, config, jobs, previous):
        pages[report.slug] = kept.to_json()
        for xml_sha256, (found, disclosure, table_entries) in checked.items():
            figures[xml_sha256] = found
            disclosures[xml_sha256] = disclosure
            tables[xml_sha256] = table_entries
    site.write("index.html", _index_page(public, config))
    _department_pages(site, public, figures, config)
    site.write(
        "accessibility.html",
        _template("site-accessibility.html.j2").render(
            root="",
            site=config,
            noindex=False,
            canonical=urljoin(config.base_url, "accessibility.html"),
        ),
    )
    site.write(REVIEW_PAGE, _review_index(reports, config))
    site.write("report.css", stylesheet_text())
    site.write("site.css", chrome_stylesheet("site.css"))
    site.write("robots.txt", _robots(config))
    for target, source in config.assets().items():
        site.link(Path(source), target)
    site.write("sitemap.xml", sitemap(public, config.base_url))
    site.write("catalog.json", catalog_json(public, figures, disclosures, tables))
    site.write("catalog.csv", catalog_csv(public, figures))
    searchable = search_available() and bool(public)
    if searchable:
        try:
            index_site(folder, [SitePaths(r.address).report_page for r in public])
        except (RuntimeError, OSError) as error:
            print_note(note("note-no-search", error=str(error)))
            searchable = False
    elif public:
        print_note(note("note-no-pagefind"))
    site.write(
        "search.html",
        _template("site-search.html.j2").render(
            root="",
            site=config,
            portal_name=config.name,
            noindex=False,
            canonical=urljoin(config.base_url, "search.html"),
            search_ready=searchable,
            excerpt_length=EXCERPT_LENGTH,
        ),
    )
    files = {
        path.relative_to(folder).as_posix(): path.stat().st_size
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    manifest = {
        "fingerprint": fingerprint(reports, config),
        "built_at": now(),
        "reports": len(public),
        "versions": sum(len(r.live_versions) for r in public),
        "files": files,
        "pages": pages,
    }
    site.write(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return SiteBuild(folder, searchable)
