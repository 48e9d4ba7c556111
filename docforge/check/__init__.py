"""Checks on a report's figures before it goes public, as an auditor of 决算/预算 disclosures runs them.

Tables (each side and 科目 level summed once, balance identities), the case
counts of a 政府信息公开年报's two tables, the standard tables against each other,
the 情况说明 prose against the tables, percentages recomputed from their amounts,
completeness per report kind, and the older prose checks (sums, rates, units,
malformed numbers, conflicts, years). Checks read only
the canonical XML (its tables, ``<amount>``s, text and change log), so they run
the same on a fresh conversion and on an archived report.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from docforge.check.completeness import check_completeness, check_empty_tables
from docforge.check.conflicts import check_conflicts
from docforge.check.cross_tables import check_cross_tables
from docforge.check.disclosure_tables import check_disclosure_tables, is_disclosure_table
from docforge.check.findings import Finding, Rule, Severity
from docforge.check.key_figures import key_figures
from docforge.check.malformed import check_malformed_numbers
from docforge.check.options import CheckOptions
from docforge.check.percentages import check_changes, check_shares
from docforge.check.rates import check_completion, check_rates
from docforge.check.reconcile import check_text_against_tables
from docforge.check.statements import breakdowns, read_passages
from docforge.check.sums import check_sums
from docforge.check.table_arithmetic import check_table_arithmetic
from docforge.check.table_facts import report_facts
from docforge.check.tables import read_tables
from docforge.check.unit_slips import check_unit_slips
from docforge.check.years import check_years

__all__ = [
    "CheckOptions",
    "Finding",
    "Rule",
    "Severity",
    "check_report",
    "has_errors",
    "key_figures",
]

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


def check_report(
    root: etree._Element | etree._ElementTree, options: CheckOptions | None = None
) -> list[Finding]:
    """Every finding on one canonical report, errors first."""
    if isinstance(root, etree._ElementTree):
        root = root.getroot()
    passages = read_passages(root)
    groups = breakdowns(passages)
    tables = read_tables(root)
    facts = report_facts(tables)
    findings = [
        *check_sums(passages, groups),
        *check_table_arithmetic([t for t in tables if not is_disclosure_table(t)], options),
        *check_disclosure_tables(tables),
        *check_cross_tables(facts, options),
        *check_text_against_tables(passages, groups, facts, options),
        *check_rates(passages),
        *check_completion(passages),
        *check_shares(passages, groups),
        *check_changes(passages),
        *check_unit_slips(passages, groups),
        *check_malformed_numbers(root, passages),
        *check_conflicts(passages, groups),
        *check_years(root, passages),
        *check_completeness(root, tables),
        *check_empty_tables(tables),
    ]
    return sorted(_flag_ocr(root, findings), key=lambda f: _ORDER[f.severity])


OCR_NOTE = "（数字来自扫描页的 OCR 识别，请对照原件核对）"
OCR_NOTE_EN = " (figures read by OCR from a scanned page: check them against the scan)"


def _flag_ocr(root: etree._Element, findings: list[Finding]) -> list[Finding]:
    """Findings on blocks read from a scan, flagged and saying so."""
    scanned = {el.get("src") for el in root.iter() if el.get("ocr-confidence") is not None}
    return [
        replace(f, ocr=True, message=f.message + OCR_NOTE, message_en=f.message_en + OCR_NOTE_EN)
        if f.src and f.src in scanned
        else f
        for f in findings
    ]


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
