"""Totals stated with their parts that do not add up (``其中：`` after a total, ``合计`` after its parts)."""

from __future__ import annotations

from decimal import Decimal

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.statements import MONEY_SCALE, Breakdown, Passage, tolerance


def in_total_unit(group: Breakdown) -> tuple[Decimal, Decimal]:
    """The total and the sum of its parts, both in the total's unit of money."""
    scale = MONEY_SCALE[group.total.unit]
    total = group.total.value
    parts = sum((p.in_wan / scale for p in group.parts), Decimal(0))
    return total, parts


def adds_up_as_written(group: Breakdown) -> bool:
    """The bare numbers add up although the units say otherwise: a unit slip, reported as one."""
    numbers = [group.total, *group.parts]
    written = sum((p.value for p in group.parts), Decimal(0))
    return abs(written - group.total.value) <= tolerance(numbers)


def _excerpt(group: Breakdown) -> str:
    return "；".join(f"{s.raw_label}{s.text}" for s in (group.total, *group.parts))


def check_sums(passages: list[Passage], groups: list[Breakdown]) -> list[Finding]:
    findings = []
    for group in groups:
        total, parts = in_total_unit(group)
        gap = parts - total
        if abs(gap) <= tolerance([group.total, *group.parts]):
            continue
        if adds_up_as_written(group) and any(p.unit != group.total.unit for p in group.parts):
            continue
        unit = group.total.unit
        passage = passages[group.passage]
        if group.closed or gap > 0:
            code, severity = (Rule.SUM_MISMATCH, Severity.ERROR)
            zh = (
                f"合计数与分项之和不符：{group.total.raw_label}{group.total.text}，"
                f"各分项之和为{parts.normalize():f}{unit}"
            )
            en = f"total {group.total.text} does not equal the sum of its parts ({parts.normalize():f}{unit})"
        elif len(group.parts) >= 2:
            code, severity = (Rule.SUM_SHORT, Severity.WARNING)
            zh = (
                f"“其中”所列分项之和（{parts.normalize():f}{unit}）小于总数"
                f"{group.total.raw_label}{group.total.text}，请核对是否漏列或数字有误"
            )
            en = f"parts add up to {parts.normalize():f}{unit}, less than the total {group.total.text}"
        else:
            continue
        findings.append(
            Finding(code, severity, zh, en, passage.section, passage.src, _excerpt(group))
        )
    return findings
