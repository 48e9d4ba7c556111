"""Amounts in 元 where the context says 万元 (seed-style ``481.39 元`` among figures in 万元).

Certain when the bare numbers of a breakdown add up only if the 元 parts are
read as 万元; suspected when an amount in 元 with cents sits in one sentence
with amounts in 万元 and is of their magnitude.
"""

from __future__ import annotations

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.statements import Breakdown, Passage, Statement, labelled_figures, tolerance
from docforge.check.sums import adds_up_as_written, in_total_unit
from docforge.text.units import BIG_MONEY_UNITS, SMALL_MONEY_UNITS

# An amount in 元 this small with cents, among 万元 figures, reads like a 万元 figure.
SUSPECT_BELOW = 10000


def _finding(
    statement: Statement, passage: Passage, severity: str, why: str, why_en: str
) -> Finding:
    return Finding(
        Rule.UNIT_SLIP,
        severity,
        f"金额单位可疑：{statement.raw_label}{statement.text}，{why}，应为万元？",
        f"unit slip: {statement.raw_label} {statement.text} {why_en}; 万元 meant?",
        passage.section,
        passage.src,
        f"{statement.raw_label}{statement.text}",
    )


def check_unit_slips(passages: list[Passage], groups: list[Breakdown]) -> list[Finding]:
    findings: list[Finding] = []
    reported: set[Statement] = set()
    for group in groups:
        total, parts = in_total_unit(group)
        if abs(parts - total) <= tolerance([group.total, *group.parts]) or not adds_up_as_written(
            group
        ):
            continue
        for part in group.parts:
            if part.unit != group.total.unit and part not in reported:
                reported.add(part)
                findings.append(
                    _finding(
                        part,
                        passages[group.passage],
                        Severity.ERROR,
                        f"按万元计各分项之和才等于{group.total.raw_label}{group.total.text}",
                        f"(the parts add up to {group.total.text} only when read as {group.total.unit})",
                    )
                )
    for statements in labelled_figures(passages, groups).values():
        for statement in statements:
            same_number = [
                s for s in statements if s.value == statement.value and s.unit in BIG_MONEY_UNITS
            ]
            if statement.unit in SMALL_MONEY_UNITS and same_number and statement not in reported:
                reported.add(statement)
                findings.append(
                    _finding(
                        statement,
                        passages[statement.passage],
                        Severity.ERROR,
                        f"同一项目在{passages[same_number[0].passage].where}为{same_number[0].text}",
                        f"(the same figure is {same_number[0].text} elsewhere)",
                    )
                )
    for passage in passages:
        for statement in passage.money:
            if statement in reported or statement.unit not in SMALL_MONEY_UNITS:
                continue
            sentence = passage.sentence_of(statement.start)
            siblings = [
                s
                for s in passage.money
                if s.unit in BIG_MONEY_UNITS and passage.sentence_of(s.start) == sentence
            ]
            if siblings and statement.places == 2 and statement.value < SUSPECT_BELOW:
                findings.append(
                    _finding(
                        statement,
                        passage,
                        Severity.WARNING,
                        f"同句其他金额以万元计（如{siblings[0].text}）",
                        f"(the same sentence states {siblings[0].text})",
                    )
                )
    return findings
