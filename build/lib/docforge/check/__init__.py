"""Checks on a report's figures before it goes public: sums, rates, units, malformed numbers, conflicts, years.

Checks read only the canonical XML (its ``<amount>``s, text and change log),
so they run the same on a fresh conversion and on an archived report.
"""

from __future__ import annotations

from lxml import etree

from docforge.check.conflicts import check_conflicts
from docforge.check.findings import Finding, Severity
from docforge.check.key_figures import key_figures
from docforge.check.malformed import check_malformed_numbers
from docforge.check.rates import check_rates
from docforge.check.statements import breakdowns, read_passages
from docforge.check.sums import check_sums
from docforge.check.table_sums import check_table_sums
from docforge.check.unit_slips import check_unit_slips
from docforge.check.years import check_years

__all__ = ["Finding", "Severity", "check_report", "has_errors", "key_figures"]

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def check_report(root: etree._Element | etree._ElementTree) -> list[Finding]:
    """Every finding on one canonical report, errors first."""
    if isinstance(root, etree._ElementTree):
        root = root.getroot()
    passages = read_passages(root)
    groups = breakdowns(passages)
    findings = [
        *check_sums(passages, groups),
        *check_table_sums(root),
        *check_rates(passages),
        *check_unit_slips(passages, groups),
        *check_malformed_numbers(root, passages),
        *check_conflicts(passages, groups),
        *check_years(root, passages),
    ]
    return sorted(findings, key=lambda f: _ORDER[f.severity])


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
