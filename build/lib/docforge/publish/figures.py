"""What the figure checks say about one archived version, for the site and the open-data files."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from docforge.check import Finding, Severity, check_report, key_figures

KEY_FIGURES = ("budget", "final_accounts", "basic_spending", "project_spending",
               "three_public_budget", "three_public_final")
SEVERITY_WORDS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass(frozen=True)
class VersionFigures:
    findings: tuple[Finding, ...]
    key_figures: dict[str, dict[str, str]]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

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
    return f"refused by --strict: {len(errors)} figure error(s), first: {errors[0].message_en}"
