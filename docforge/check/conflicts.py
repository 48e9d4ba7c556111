"""The same labelled figure stated twice with different values (公用经费预算 36.5 万元 … 34.5万元)."""

from __future__ import annotations

from decimal import Decimal

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.statements import Breakdown, Passage, Statement, labelled_figures


def check_conflicts(passages: list[Passage], groups: list[Breakdown]) -> list[Finding]:
    stated: dict[str, list[Statement]] = labelled_figures(passages, groups)
    findings = []
    for label, statements in stated.items():
        first = statements[0]
        seen: set[Decimal] = {first.in_wan}
        for other in statements[1:]:
            if other.in_wan in seen or other.passage == first.passage:
                continue
            if other.value == first.value and other.unit != first.unit:
                continue  # the same number in another unit: a unit slip, reported as one
            seen.add(other.in_wan)
            where, there = passages[first.passage], passages[other.passage]
            findings.append(
                Finding(
                    Rule.CONFLICT,
                    Severity.ERROR,
                    f"同一数字前后不一致：“{first.raw_label}{first.text}”（{where.where}）"
                    f"与“{other.raw_label}{other.text}”（{there.where}）",
                    f"{label} is stated as {first.text} ({where.section}) and as {other.text} ({there.section})",
                    there.section,
                    there.src,
                    f"{first.raw_label}{first.text}；{other.raw_label}{other.text}",
                )
            )
    return findings
