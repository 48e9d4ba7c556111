"""Findings on a terminal: one rich table per file, errors first, each with where it is and the values involved."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from docforge.check.findings import Finding, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "dim"}
_HEADERS = {
    "zh": ("级别", "规则", "位置", "说明", "应为 / 实为"),
    "en": ("severity", "rule", "where", "message", "expected / found"),
}
_PAGE = {"zh": "第{}页", "en": "p. {}"}
_PARAGRAPH = {"zh": "第{}段", "en": "para. {}"}
_LINE = {"zh": "第{}行", "en": "line {}"}


def where(finding: Finding, lang: str = "zh") -> str:
    """The table (by caption), row and column, and the page or paragraph; else the section and source position."""
    parts = [p for p in (finding.table, finding.row, finding.column) if p]
    if finding.page is not None:
        parts.append(_PAGE[lang].format(finding.page))
    elif finding.paragraph is not None:
        parts.append(_PARAGRAPH[lang].format(finding.paragraph))
    if finding.line is not None:
        parts.append(_LINE[lang].format(finding.line))
    if not parts:
        parts = [p for p in (finding.section, finding.src) if p]
    return " · ".join(parts) or "—"


def findings_table(title: str, findings: list[Finding], lang: str = "zh") -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for name in _HEADERS[lang]:
        table.add_column(name, overflow="fold")
    for f in findings:
        values = f"{f.expected or '—'} / {f.found or '—'}" if f.expected or f.found else ""
        table.add_row(
            f"[{_STYLE[f.severity]}]{f.severity.value}[/]",
            f.code,
            where(f, lang),
            f.text(lang),
            values,
        )
    return table


def print_findings(
    title: str, findings: list[Finding], console: Console | None = None, lang: str = "zh"
) -> None:
    console = console or Console(width=None if sys.stdout.isatty() else 200)
    if not findings:
        console.print(
            f"{title}: no findings" if lang == "en" else f"{title}: no findings（未发现问题）"
        )
        return
    console.print(findings_table(title, findings, lang))
