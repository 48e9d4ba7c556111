"""Rates that do not match the amounts they are computed from (``执行率为98.49%`` with 94.55 and 93.12)."""

from __future__ import annotations

import re
from decimal import Decimal

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.statements import Passage, Statement

_RATE = re.compile(r"率")
# A rate is checked only when the two amounts before it are a plan and what became of it.
_PLANNED = re.compile(r"预算|计划|年初|目标")
_ACTUAL = re.compile(r"决算|实际|执行|完成|到位|使用|拨付|支出")
HUNDRED = Decimal(100)


def _candidates(a: Decimal, b: Decimal) -> list[Decimal]:
    """The rates two amounts can give: either ratio, growth either way."""
    out = []
    if a:
        out += [b / a * HUNDRED, (b - a) / a * HUNDRED]
    if b:
        out += [a / b * HUNDRED, (a - b) / b * HUNDRED]
    return [abs(c) for c in out]


def _role(statement: Statement) -> str | None:
    """``公用经费预算`` is a plan, ``实际采购金额`` what became of one; a label naming both is a plan."""
    if _PLANNED.search(statement.label):
        return "planned"
    return "actual" if _ACTUAL.search(statement.label) else None


def _inputs(passage: Passage, rate: Statement) -> tuple[Statement, Statement] | None:
    """The last two amounts of money before the rate, in its sentence or the one before."""
    sentence = passage.sentence_of(rate.start)
    first = passage.sentences[max(sentence - 1, 0)][0]
    earlier = [s for s in passage.statements if first <= s.start < rate.start]
    after_last_rate = []
    for s in earlier:
        after_last_rate = [] if s.kind == "percent" else after_last_rate + [s]
    money = [
        s
        for s in after_last_rate
        if s.kind == "money" and s.in_wan is not None and not s.is_comparison
    ]
    if len(money) < 2:
        return None
    a, b = money[-2], money[-1]
    return (a, b) if {_role(a), _role(b)} == {"planned", "actual"} else None


def check_rates(passages: list[Passage]) -> list[Finding]:
    findings = []
    for passage in passages:
        for rate in passage.statements:
            if rate.kind != "percent" or not _RATE.search(rate.raw_label):
                continue
            inputs = _inputs(passage, rate)
            if inputs is None:
                continue
            a, b = (s.in_wan for s in inputs)
            half_step = Decimal(5) * Decimal(10) ** -(rate.places + 1) + Decimal("0.0001")
            if any(abs(c - rate.value) <= half_step for c in _candidates(a, b)):
                continue
            expected = (
                (b / a * HUNDRED).quantize(Decimal(10) ** -max(rate.places, 2)) if a else None
            )
            severity = Severity.ERROR
            zh = (
                f"比率与所依据的金额不符：{rate.raw_label}{rate.text}，"
                f"按{inputs[0].text}和{inputs[1].text}计算应为{expected}%"
            )
            en = f"{rate.raw_label} {rate.text} does not follow from {inputs[0].text} and {inputs[1].text} ({expected}%)"
            excerpt = f"{inputs[0].raw_label}{inputs[0].text}；{inputs[1].raw_label}{inputs[1].text}；{rate.raw_label}{rate.text}"
            findings.append(
                Finding(Rule.RATE, severity, zh, en, passage.section, passage.src, excerpt)
            )
    return findings


# ``完成年初预算的98.20%``: the outcome over the plan the words name (年初, 全年/调整 or any).
_COMPLETION = re.compile(r"完成(年初|全年|调整后?)?预算(?:数)?的?$")
_OUTCOME = re.compile(r"决算|实际|执行|完成")


def check_completion(passages: list[Passage]) -> list[Finding]:
    """``完成年初预算的x%`` against the plan and outcome stated just before it."""
    findings = []
    for passage in passages:
        for rate in passage.statements:
            m = _COMPLETION.search(rate.raw_label) if rate.kind == "percent" else None
            if m is None:
                continue
            sentence = passage.sentence_of(rate.start)
            first = passage.sentences[sentence][0]
            earlier = [s for s in passage.statements if first <= s.start < rate.start]
            after_last_rate: list[Statement] = []
            for s in earlier:
                after_last_rate = [] if s.kind == "percent" else after_last_rate + [s]
            money = [s for s in after_last_rate if s.in_wan is not None and not s.is_comparison]
            outcome = next((s for s in reversed(money) if _OUTCOME.search(s.label)), None)
            plans = [s for s in money if _PLANNED.search(s.label) and s is not outcome]
            if m.group(1):
                plans = [s for s in plans if m.group(1)[:2] in s.label]
            if outcome is None or not plans:
                continue
            plan = plans[-1]
            excerpt = f"{plan.raw_label}{plan.text}；{outcome.raw_label}{outcome.text}；{rate.raw_label}{rate.text}"
            if not plan.in_wan:
                if rate.value:
                    findings.append(
                        Finding(
                            Rule.RATE,
                            Severity.ERROR,
                            f"完成比例无从计算：{plan.raw_label}为{plan.text}，却称{rate.raw_label}{rate.text}",
                            f"{plan.raw_label} is {plan.text}, yet the text states {rate.raw_label} {rate.text}",
                            passage.section,
                            passage.src,
                            excerpt,
                            expected="—",
                            found=rate.text,
                        )
                    )
                continue
            computed = outcome.in_wan / plan.in_wan * HUNDRED
            if abs(computed - rate.value) <= Decimal(10) ** -rate.places + Decimal("0.0001"):
                continue
            expected = computed.quantize(Decimal(10) ** -max(rate.places, 2))
            findings.append(
                Finding(
                    Rule.RATE,
                    Severity.ERROR,
                    f"完成比例与金额不符：{rate.raw_label}{rate.text}，按{plan.text}和{outcome.text}计算应为{expected}%",
                    f"{rate.raw_label} {rate.text} does not follow from {plan.text} and {outcome.text} ({expected}%)",
                    passage.section,
                    passage.src,
                    excerpt,
                    expected=f"{expected}%",
                    found=rate.text,
                )
            )
    return findings
