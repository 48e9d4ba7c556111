"""The same labelled figure stated twice with different values (公用经费预算 36.5 万元 … 34.5万元)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from docforge.check.findings import Finding, Severity
from docforge.check.statements import Breakdown, Passage, Statement, qualified_label

# A label names a figure of the budget only when it says which money it is.
_MONEY_WORD = re.compile(r"预算|决算|支出|收入|经费|资金|拨款|金额|费")
# Words any figure's label may hold: what is left once they are gone says *whose* money it is.
_GENERIC = re.compile(
    r"(?:19|20)\d{2}年度?|一般公共预算|政府性基金预算|国有资本经营预算|财政拨款|年初|年终|年末|当年|全年|本年|上年"
    r"|预算|决算|支出|收入|执行数|执行|安排|金额|合计|总计|总额|小计|调整|采购|计划|实际|完成|数|为|的|了|共"
)
SUBJECT_MIN = 2


def names_a_figure(label: str) -> bool:
    """``公用经费预算`` names one figure; ``年初预算`` or ``支出决算`` only say what kind, item by item."""
    return bool(_MONEY_WORD.search(label)) and len(_GENERIC.sub("", label)) >= SUBJECT_MIN


def check_conflicts(passages: list[Passage], groups: list[Breakdown]) -> list[Finding]:
    stated: dict[str, list[Statement]] = defaultdict(list)
    for passage in passages:
        for statement in passage.money:
            if names_a_figure(statement.label) and not statement.is_comparison:
                stated[qualified_label(statement, groups)].append(statement)
    findings = []
    for label, statements in stated.items():
        first = statements[0]
        seen: set[Decimal] = {first.in_wan}
        for other in statements[1:]:
            if other.in_wan in seen or other.passage == first.passage:
                continue
            seen.add(other.in_wan)
            where, there = passages[first.passage], passages[other.passage]
            findings.append(Finding(
                "conflicting-figure", Severity.ERROR,
                f"同一数字前后不一致：“{first.raw_label}{first.text}”（{where.where}）"
                f"与“{other.raw_label}{other.text}”（{there.where}）",
                f"{label} is stated as {first.text} ({where.section}) and as {other.text} ({there.section})",
                there.section, there.src, f"{first.raw_label}{first.text}；{other.raw_label}{other.text}",
            ))
    return findings
