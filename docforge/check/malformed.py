"""Malformed numbers: ``344、27万元`` (a decimal point typed as 、), two decimal points in one number.

The normalizer already rewrites ``344、27万元`` and logs the edit; the
publisher still has to know the source was wrong, so each logged fix is a
warning. Any left in the text (``--strict-wording`` keeps the source) is an error.
"""

from __future__ import annotations

import re

from lxml import etree

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.statements import Passage
from docforge.model.vocabulary import ChangeKind
from docforge.model.xml import q
from docforge.text.units import MONEY_UNIT_PATTERN

FIX_KINDS = (ChangeKind.FIX_DECIMAL_SEPARATOR,)
_MALFORMED = re.compile(
    rf"(?<![0-9])[0-9]+、[0-9]{{2}}\s*(?:{MONEY_UNIT_PATTERN})"
    rf"|(?<![0-9.])[0-9]+\.[0-9]+\.[0-9]+\s*(?:{MONEY_UNIT_PATTERN}|%)"
    r"|(?<![0-9])[0-9]+\.\.[0-9]+"
)


def _section_of(root: etree._Element, src: str | None) -> str | None:
    if not src:
        return None
    for el in root.iter():
        if el.get("src") == src:
            section = el if el.tag == q("section") else next(el.iterancestors(q("section")), None)
            return section.get("id") if section is not None else None
    return None


def check_malformed_numbers(root: etree._Element, passages: list[Passage]) -> list[Finding]:
    findings = []
    for change in root.iter(q("change")):
        if change.get("kind") in FIX_KINDS:
            before, after = change.findtext(q("before")) or "", change.findtext(q("after")) or ""
            if m := _MALFORMED.search(before):
                before, after = m.group(0), after[m.start() : m.end()]
            src = change.get("src")
            findings.append(
                Finding(
                    Rule.MALFORMED,
                    Severity.WARNING,
                    f"原文数字书写有误：“{before}”，已自动更正为“{after}”，请核对",
                    f"malformed number {before!r} in the source, corrected to {after!r}; please confirm",
                    _section_of(root, src),
                    src,
                    before,
                )
            )
    for passage in passages:
        for m in _MALFORMED.finditer(passage.text):
            findings.append(
                Finding(
                    Rule.MALFORMED,
                    Severity.ERROR,
                    f"数字书写有误：“{m.group(0)}”",
                    f"malformed number {m.group(0)!r}",
                    passage.section,
                    passage.src,
                    m.group(0),
                )
            )
    return findings
