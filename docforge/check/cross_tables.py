"""One figure stated by two standard tables must be the same in both.

收入支出决算总表 ↔ 收入决算表 / 支出决算表 (本年收入合计, 本年支出合计, each 类),
财政拨款收入支出决算总表 ↔ 一般公共预算财政拨款支出决算表 (the 一般公共预算 total
and each 类), 一般公共预算财政拨款支出决算表's 基本支出 ↔ the 基本支出决算表's
人员经费 + 公用经费, 收入决算表's 财政拨款收入 ↔ the 财政拨款 summary's income.
Each pair is found by the facts' shared name (see ``table_facts``).
"""

from __future__ import annotations

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.options import CheckOptions
from docforge.check.table_facts import Fact


def _finding(first: Fact, other: Fact) -> Finding:
    return Finding(
        Rule.CROSS_TABLE,
        Severity.ERROR,
        f"两表数字不一致：{first.table.name}“{first.row}”（{first.column}）为{first.text}，"
        f"{other.table.name}“{other.row}”（{other.column}）为{other.text}",
        f"{first.table.name} {first.row} ({first.column}) is {first.text}, "
        f"{other.table.name} {other.row} ({other.column}) is {other.text}",
        other.table.section,
        other.table.src,
        f"{first.value} ≠ {other.value}",
        table=other.table.name,
        row=other.row,
        column=other.column,
        expected=str(first.value),
        found=str(other.value),
        target=other.table.id,
    )


def check_cross_tables(
    facts: dict[str, list[Fact]], options: CheckOptions | None = None
) -> list[Finding]:
    options = options or CheckOptions()
    findings = []
    for stated in facts.values():
        first = stated[0]
        for other in stated[1:]:
            if other.table is first.table:
                continue
            if (
                abs(first.in_wan - other.in_wan)
                > options.allowed([first.value, other.value]) * first.table.scale
            ):
                findings.append(_finding(first, other))
    return findings
