"""What the figure checks say about one archived version, for the site and the open-data files."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from docforge.check import Finding, Severity, check_report, key_figures

KEY_FIGURES = ("budget", "final_accounts", "basic_spending", "project_spending",
               "three_public_budget", "three_public_final")
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


def strict_refusal(root: etree._Element) -> str | None:
    """Why ``publish --strict`` refuses a report: its figure errors, or None."""
    errors = [f for f in check_report(root) if f.severity is Severity.ERROR]
    if not errors:
        return None
    first = errors[0]
    where = " ".join(filter(None, (first.table, first.row, first.column, first.src)))
    return f"refused by --strict: {len(errors)} figure error(s), first: [{first.code}] {first.message_en}" + (
        f" ({where})" if where else "")
