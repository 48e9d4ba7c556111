"""Findings on a terminal: one rich table per file, severity first."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from docforge.check.findings import Finding, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def findings_table(title: str, findings: list[Finding]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for name in ("severity", "check", "where", "message"):
        table.add_column(name, overflow="fold")
    for f in findings:
        where = " ".join(x for x in (f.section, f.src) if x) or "—"
        table.add_row(f"[{_STYLE[f.severity]}]{f.severity.value}[/]", f.code, where,
                      f"{f.message}\n[dim]{f.message_en}[/]")
    return table


def print_findings(title: str, findings: list[Finding], console: Console | None = None) -> None:
    console = console or Console()
    if not findings:
        console.print(f"{title}: no findings")
        return
    console.print(findings_table(title, findings))
