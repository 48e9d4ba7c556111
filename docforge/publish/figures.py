"""What the figure checks say about one archived version, for the site and the open-data files."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from docforge.check import Finding, Severity, check_report, key_figures
from docforge.files import write_atomic

KEY_FIGURES = (
    "budget",
    "final_accounts",
    "basic_spending",
    "project_spending",
    "three_public_budget",
    "three_public_final",
)
SEVERITY_WORDS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTE: "提示"}


@dataclass(frozen=True)
class VersionFigures:
    findings: tuple[Finding, ...]
    key_figures: dict[str, dict[str, str]]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def open_findings(self) -> int:
        """Errors and warnings the report was published with (notes are for the record only)."""
        return self.count(Severity.ERROR) + self.count(Severity.WARNING)

    @property
    def notice(self) -> str:
        """The neutral line the report page shows when it went public with open figure findings."""
        if not self.open_findings:
            return ""
        return f"说明：本报告发布时，数字核对中有{self.open_findings}项待核实事项，发布人已知悉并决定发布。"

    def figure_value(self, name: str) -> str:
        figure = self.key_figures.get(name)
        return f"{figure['value']}{figure.get('unit') or ''}" if figure else ""


def read_figures(root: etree._Element) -> VersionFigures:
    return VersionFigures(tuple(check_report(root)), key_figures(root))


@cache
def checks_version() -> str:
    """A hash of the checks' code: what they found is kept only as long as they are the same."""
    digest = hashlib.sha256()
    for module in sorted((Path(__file__).parents[1] / "check").glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()[:16]


def figures_path(archive_root: Path, xml_sha256: str) -> Path:
    """Where what the checks found in one archived XML is kept (derived; safe to delete)."""
    return archive_root / "figures" / xml_sha256[:2] / f"{xml_sha256}-{checks_version()}.json"


def store_figures(archive_root: Path, xml_sha256: str, figures: VersionFigures) -> None:
    """Keep the checks' results, so the site build and later rebuilds need not check again
    (the checks are the slow part of a rebuild after an editor's decision)."""
    data = {"findings": [f.to_dict() for f in figures.findings], "key_figures": figures.key_figures}
    write_atomic(
        figures_path(archive_root, xml_sha256), json.dumps(data, ensure_ascii=False).encode("utf-8")
    )


def stored_figures(archive_root: Path, xml_sha256: str) -> VersionFigures | None:
    """What the checks found in an archived XML, as kept by this version of the checks; None
    when nothing usable is kept."""
    try:
        data = json.loads(figures_path(archive_root, xml_sha256).read_text(encoding="utf-8"))
        return VersionFigures(
            tuple(Finding.from_dict(f) for f in data["findings"]),
            data["key_figures"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def archived_figures(archive_root: Path, xml_sha256: str, root: etree._Element) -> VersionFigures:
    """What the checks found in an archived XML: kept from its conversion, or checked now."""
    figures = stored_figures(archive_root, xml_sha256)
    if figures is None:
        figures = read_figures(root)
        store_figures(archive_root, xml_sha256, figures)
    return figures


def strict_refusal(root: etree._Element, findings: list[Finding] | None = None) -> str | None:
    """Why ``publish --strict`` refuses a report: its figure errors, or None."""
    checked = check_report(root) if findings is None else findings
    errors = [f for f in checked if f.severity is Severity.ERROR]
    if not errors:
        return None
    first = errors[0]
    where = " ".join(filter(None, (first.table, first.row, first.column, first.src)))
    return (
        f"因 --strict 拒绝发布：数字核对发现 {len(errors)} 处错误，第一处：[{first.code}] {first.message}"
        + (f"（{where}）" if where else "")
    )
