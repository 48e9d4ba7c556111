"""Percentages the prose derives from its own figures: shares (``占…%``) and changes (``增加x万元，增长y%``).

A share is the amount just before it over its total: the total the amount is a
part of (``本年支出合计…，其中：基本支出105.58万元，占34.30%``), the total
before a colon (``…支出2940.05万元，主要用于以下方面：…2106.66万元，占71.73%``),
or the figure the share names (``占本年支出合计的99.86%``). A change is the
amount of the change over last year's figure, which is this year's figure minus
the change (plus, for a decrease). A stated percentage may be off by one unit of
its last place (rounding and truncation both occur); more is a warning.
"""

from __future__ import annotations

import re
from decimal import Decimal

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.statements import Breakdown, Passage, Statement, open_group_of

HUNDRED = Decimal(100)
_SHARE = re.compile(r"^占(.*?)(?:的|比重为|比例为)?$")
_CHANGE_RATE = re.compile(r"(?:增长|下降|增幅|降幅|上升)")
_INCREASE = re.compile(r"增加|增长|上升|多")
_DECREASE = re.compile(r"减少|下降|降低|少")


def _off(stated: Statement, computed: Decimal) -> bool:
    return abs(abs(stated.value) - computed) > Decimal(10) ** -stated.places + Decimal("0.0001")


def _previous(
    passage: Passage, statement: Statement, same_sentence: bool = True
) -> list[Statement]:
    sentence = passage.sentence_of(statement.start)
    first = passage.sentences[sentence if same_sentence else max(sentence - 1, 0)][0]
    return [s for s in passage.statements if first <= s.start < statement.start]


def _denominator(
    passage: Passage,
    passages: list[Passage],
    part: Statement,
    share: Statement,
    groups: list[Breakdown],
) -> Statement | None:
    named = _SHARE.match(share.raw_label).group(1)
    if named:
        wanted = re.sub(r"^本年", "", named)
        return next(
            (
                s
                for p in passages
                for s in p.money
                if s.label.endswith(wanted) and not s.is_comparison and s is not part
            ),
            None,
        )
    group = open_group_of(part, groups)
    if group is not None:
        return group.total
    earlier = [s for s in _previous(passage, part) if s.kind == "money" and not s.is_comparison]
    if (
        earlier
        and "：" in passage.text[earlier[0].end : part.start]
        and earlier[0].value >= part.value
    ):
        return earlier[0]
    return None


def check_shares(passages: list[Passage], groups: list[Breakdown]) -> list[Finding]:
    findings = []
    for passage in passages:
        for share in passage.statements:
            if share.kind != "percent" or not _SHARE.match(share.raw_label):
                continue
            before = [s for s in _previous(passage, share) if s.kind != "percent"]
            part = before[-1] if before and before[-1].in_wan is not None else None
            if part is None or part.is_comparison:
                continue
            total = _denominator(passage, passages, part, share, groups)
            if total is None or not total.in_wan:
                continue
            computed = part.in_wan / total.in_wan * HUNDRED
            if not _off(share, computed):
                continue
            expected = computed.quantize(Decimal(10) ** -max(share.places, 2))
            findings.append(
                Finding(
                    Rule.SHARE,
                    Severity.WARNING,
                    f"占比与金额不符：{part.raw_label}{part.text}{share.raw_label}{share.text}，"
                    f"按{total.raw_label}{total.text}计算应为{expected}%",
                    f"{part.raw_label} {part.text} is {expected}% of {total.raw_label} {total.text}, not {share.text}",
                    passage.section,
                    passage.src,
                    f"{part.raw_label}{part.text}，{share.raw_label}{share.text}",
                    expected=f"{expected}%",
                    found=share.text,
                )
            )
    return findings


def check_changes(passages: list[Passage]) -> list[Finding]:
    findings = []
    for passage in passages:
        for rate in passage.statements:
            if rate.kind != "percent" or not _CHANGE_RATE.search(rate.raw_label):
                continue
            before = _previous(passage, rate)
            change = (
                before[-1]
                if before and before[-1].in_wan is not None and before[-1].is_comparison
                else None
            )
            if change is None:
                continue
            current = [
                s
                for s in _previous(passage, change, same_sentence=False)
                if s.in_wan is not None and not s.is_comparison
            ]
            if not current:
                continue
            now = current[-1]
            if _INCREASE.search(change.raw_label) and not _DECREASE.search(change.raw_label):
                last_year = now.in_wan - change.in_wan
            elif _DECREASE.search(change.raw_label):
                last_year = now.in_wan + change.in_wan
            else:
                continue
            if last_year <= 0:
                continue
            computed = change.in_wan / last_year * HUNDRED
            if not _off(rate, computed):
                continue
            expected = computed.quantize(Decimal(10) ** -max(rate.places, 2))
            findings.append(
                Finding(
                    Rule.CHANGE,
                    Severity.WARNING,
                    f"增减幅度与金额不符：{now.raw_label}{now.text}，{change.raw_label}{change.text}，"
                    f"{rate.raw_label}{rate.text}，按上年{last_year.normalize():f}万元计算应为{expected}%",
                    f"{now.raw_label} {now.text}, {change.raw_label} {change.text}: the change is {expected}% "
                    f"of last year's {last_year.normalize():f}万元, not {rate.text}",
                    passage.section,
                    passage.src,
                    f"{change.raw_label}{change.text}，{rate.raw_label}{rate.text}",
                    expected=f"{expected}%",
                    found=rate.text,
                )
            )
    return findings
