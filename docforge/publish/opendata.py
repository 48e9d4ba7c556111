"""The site's machine-readable files: ``sitemap.xml``, ``catalog.json`` and ``catalog.csv``."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urljoin

from lxml import etree

from docforge.check import Severity
from docforge.publish.catalog import ReportRecord
from docforge.publish.figures import KEY_FIGURES, VersionFigures
from docforge.publish.paths import SitePaths

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
CSV_FIELDS = (
    "report",
    "title",
    "department",
    "year",
    "kind",
    "version",
    "latest",
    "published_at",
    "source_format",
    "source_sha256",
    "xml_sha256",
    "page",
    "xml",
    "pdf",
    "change_count",
    "warning_count",
    "figure_errors",
    "figure_warnings",
    *KEY_FIGURES,
)


def sitemap(reports: list[ReportRecord], base_url: str) -> bytes:
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    """The public pages of the (public) ``reports``: index, each report's address, its live versions."""
    pages = [("", max((r.current.published_at for r in reports), default=""))]
    for report in reports:
        paths = SitePaths(report.address)
        pages.append((paths.folder, report.current.published_at))
        for version in report.live_versions:
            pages.append((paths.version_folder(version.number), version.published_at))
    for page, modified in pages:
        url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = urljoin(base_url, page)
        if modified:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = modified
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _rows(
    reports: list[ReportRecord], figures: dict[str, VersionFigures]
) -> list[dict[str, object]]:
    rows = []
    for report in reports:
        paths = SitePaths(report.address)
        for version in report.live_versions:
            rows.append(
                {
                    "report": report.slug,
                    "title": version.title,
                    "department": report.department or "",
                    "year": report.year or "",
                    "kind": report.kind or "",
                    "version": version.number,
                    "latest": version is report.current,
                    "published_at": version.published_at,
                    "source_format": version.source_format,
                    "source_sha256": version.source_sha256,
                    "xml_sha256": version.xml_sha256,
                    "page": paths.version_page(version.number),
                    "xml": paths.version_xml(version.number),
                    "pdf": paths.version_pdf(version.number) if version.pdf else "",
                    "change_count": version.change_count,
                    "warning_count": version.warning_count,
                    **_figure_columns(figures.get(version.xml_sha256)),
                }
            )
    return rows


def _figure_columns(figures: VersionFigures | None) -> dict[str, object]:
    if figures is None:
        return {}
    return {
        "figure_errors": figures.count(Severity.ERROR),
        "figure_warnings": figures.count(Severity.WARNING),
        **{name: figures.figure_value(name) for name in KEY_FIGURES},
    }


def catalog_json(
    reports: list[ReportRecord],
    figures: dict[str, VersionFigures] | None = None,
    disclosures: dict[str, dict[str, str]] | None = None,
    tables: dict[str, list[dict]] | None = None,
) -> bytes:
    """Every report and version; with each version its figure findings and key figures, the
    disclosure metadata of a web copy (索引号, 发布机构, 文号, 发布日期, 来源 …) when it has any,
    and its tables' open-data files."""
    figures = figures or {}
    disclosures = disclosures or {}
    tables = tables or {}
    grouped: dict[str, list[dict[str, object]]] = {}
    for row in _rows(reports, figures):
        checked = figures.get(str(row["xml_sha256"]))
        if checked is not None:
            row["findings"] = [f.to_dict() for f in checked.findings]
            row["key_figures"] = checked.key_figures
        if disclosures.get(str(row["xml_sha256"])):
            row["disclosure"] = disclosures[str(row["xml_sha256"])]
        if str(row["xml_sha256"]) in tables:
            row["tables"] = tables[str(row["xml_sha256"])]
        grouped.setdefault(str(row["report"]), []).append(row)
    data = {
        "reports": [
            {
                "id": report.slug,
                "title": report.current.title,
                "department": report.department,
                "year": report.year,
                "kind": report.kind,
                "page": SitePaths(report.address).report_page,
                "versions": [
                    {
                        k: v
                        for k, v in row.items()
                        if k not in ("report", "department", "year", "kind", "latest", *KEY_FIGURES)
                    }
                    for row in grouped[report.slug]
                ],
            }
            for report in reports
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _cell(value: object) -> object:
    """Keep spreadsheets from running a title as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def catalog_csv(
    reports: list[ReportRecord], figures: dict[str, VersionFigures] | None = None
) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\r\n", restval="")
    writer.writeheader()
    for row in _rows(reports, figures or {}):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
