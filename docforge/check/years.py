"""Years that contradict the report year: the filling date, the body's own statement of its year, future years."""

from __future__ import annotations

import re

from lxml import etree

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.statements import Passage, location, report_year
from docforge.model.xml import q
from docforge.text.dates import YEAR_PATTERN

_YEAR = re.compile(rf"(?<![0-9])({YEAR_PATTERN})\s*年")
# The body naming the year it reports on: ``现将本单位2021年整体支出绩效评价结果报告如下``.
_OWN_YEAR = re.compile(
    rf"(?<![0-9])({YEAR_PATTERN})\s*年度?\s*(?:部门|单位)?\s*(?:整体)?\s*(?:支出)?\s*绩效(?:自评|评价|工作)"
)
# A sentence about plans may name later years.
_FORWARD = re.compile(
    r"计划|规划|目标|远景|展望|预计|力争|将|到|至|前|以后|之后|未来|十四五|十五五|下一步|明年|下年"
)


def _filled(root: etree._Element, year: int) -> list[Finding]:
    filled = root.find(f"{q('meta')}/{q('filled')}")
    iso = filled.get("iso") if filled is not None else None
    if not iso:
        return []
    filled_year = int(iso[:4])
    if filled_year < year:
        return [
            Finding(
                Rule.YEAR,
                Severity.ERROR,
                f"填报日期（{filled.text}）早于报告年度{year}年结束",
                f"filled {filled.text}, before the report year {year} ended",
                None,
                None,
                filled.text,
            )
        ]
    if filled_year > year + 1:
        return [
            Finding(
                Rule.YEAR,
                Severity.WARNING,
                f"填报日期（{filled.text}）比报告年度{year}年晚一年以上，请核对",
                f"filled {filled.text}, more than a year after the report year {year}",
                None,
                None,
                filled.text,
            )
        ]
    return []


def _opening(root: etree._Element) -> list[etree._Element]:
    """The body's paragraphs before its first section: where a report says what year it covers."""
    body = root.find(q("body"))
    return [el for el in body if el.tag == q("p")] if body is not None else []


def check_years(root: etree._Element, passages: list[Passage]) -> list[Finding]:
    year = report_year(root)
    if year is None:
        return []
    findings = _filled(root, year)
    for el in _opening(root):
        text = "".join(el.itertext())
        for m in _OWN_YEAR.finditer(text):
            if int(m.group(1)) != year:
                section, src = location(el)
                findings.append(
                    Finding(
                        Rule.YEAR,
                        Severity.WARNING,
                        f"正文所述年度（{m.group(0)}）与报告年度{year}年不一致",
                        f"the body reports on {m.group(1)}, the title on {year}",
                        section,
                        src,
                        m.group(0),
                    )
                )
    for passage in passages:
        for m in _YEAR.finditer(passage.text):
            stated = int(m.group(1))
            if stated <= year + 1:
                continue
            first, last = passage.sentences[passage.sentence_of(m.start())]
            if _FORWARD.search(passage.text[first:last]):
                continue
            findings.append(
                Finding(
                    Rule.YEAR,
                    Severity.WARNING,
                    f"{stated}年晚于报告年度{year}年，请核对",
                    f"{stated} is later than the report year {year}",
                    passage.section,
                    passage.src,
                    passage.text[first:last].strip()[:60],
                )
            )
    return findings
