"""The same labelled figure stated twice with different values (公用经费预算 36.5 万元 … 34.5万元)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from docforge.check.findings import Finding, Severity
from docforge.check.statements import Breakdown, Passage, Statement, qualified_label

# A label names a figure of the budget only when it says which money it is.
_MONEY_WORD = re.compile(r"预算|决算|支出|收入|经费|资金|拨款|金额|费")
LABEL_MIN = 4


def check_conflicts(passages: list[Passage], groups: list[Breakdown]) -> list[Finding]:
    stated: dict[str, list[Statement]] = defaultdict(list)
    for passage in passages:
        for statement in passage.money:
            label = qualified_label(statement, groups)
            if len(statement.label) >= LABEL_MIN and _MONEY_WORD.search(statement.label):
                stated[label].append(statement)
    findings = []
    for label, statements in stated.items():
        first = statements[0]
        seen: set[Decimal] = {first.in_wan}
        for other in statements[1:]:
            if other.in_wan in seen:
                continue
            seen.add(other.in_wan)
            where, there = passages[first.passage], passages[other.passage]
            findings.append(Finding(
                "conflicting-figure", Severity.ERROR,
                f"同一数字前后不一致：“{first.raw_label}{first.text}”（{where.section or '正文'}）"
                f"与“{other.raw_label}{other.text}”（{there.section or '正文'}）",
                f"{label} is stated as {first.text} ({where.section}) and as {other.text} ({there.section})",
                there.section, there.src, f"{first.raw_label}{first.text}；{other.raw_label}{other.text}",
            ))
    return findings
