"""A report's key figures for the catalog: budget, final accounts, basic and project spending, 三公经费.

Tables first: a figure a standard table states (the 支出决算表's 基本支出, the 三公
table's 合计) is taken from there; the prose only when no table states it. Each
figure says where it came from (``source``: ``table`` with the table's caption,
row and column, or ``text`` with the label it is stated under).
"""

from __future__ import annotations

import re

from lxml import etree

from docforge.check.completeness import report_kind
from docforge.check.statements import (
    Breakdown,
    Passage,
    Statement,
    breakdowns,
    open_group_of,
    read_passages,
)
from docforge.check.table_facts import Fact, report_facts
from docforge.check.tables import read_tables

_EXCLUDED = re.compile(r"三公|公用|人员|项目|基本|采购|职能|工资|调整|比|较")
# Names of funds, not of a budget: ``一般公共预算财政拨款支出`` is spending.
_FUNDS = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
# Each key figure: the label it is stated under, and whether a part of a breakdown may be it.
_RULES: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {
    "budget": (re.compile(r"预算"), _EXCLUDED),
    "final_accounts": (re.compile(r"决算"), _EXCLUDED),
    "basic_spending": (re.compile(r"^基本支出"), None),
    "project_spending": (re.compile(r"^项目支出"), None),
    "three_public_budget": (re.compile(r"三公.*预算"), None),
    "three_public_final": (re.compile(r"三公.*决算"), None),
}


# Which table fact is which key figure, by report kind (a 预算's spending total is its budget).
_FROM_TABLES: dict[str, dict[str, str]] = {
    "final-accounts": {
        "final_accounts": "expenditure_total",
        "basic_spending": "basic",
        "project_spending": "project",
        "three_public_budget": "three_public_budget",
        "three_public_final": "three_public_final",
    },
    "budget": {
        "budget": "expenditure_total",
        "basic_spending": "basic",
        "project_spending": "project",
        "three_public_budget": "three_public_budget",
    },
}


def _figure(statement: Statement, passage: Passage) -> dict[str, str | None]:
    return {
        "value": str(statement.value),
        "unit": statement.unit,
        "text": statement.text,
        "label": statement.raw_label,
        "section": passage.section,
        "src": passage.src,
        "source": "text",
    }


def _table_figure(fact: Fact) -> dict[str, str | None]:
    table = fact.table
    return {
        "value": str(fact.value),
        "unit": table.unit or "万元",
        "text": fact.text,
        "label": fact.row,
        "section": table.section,
        "src": table.src,
        "source": "table",
        "table": table.name,
        "row": fact.row,
        "column": fact.column,
    }


def _is_part(statement: Statement, groups: list[Breakdown]) -> bool:
    return open_group_of(statement, groups) is not None


def key_figures(root: etree._Element) -> dict[str, dict[str, str | None]]:
    """Each key figure from the tables, else its first statement in the text; one the report does not state is absent."""
    passages = read_passages(root)
    groups = breakdowns(passages)
    found: dict[str, dict[str, str | None]] = {}
    kind = report_kind(root)
    facts = report_facts(read_tables(root))
    for name, fact_name in _FROM_TABLES.get(kind.id if kind else "", {}).items():
        if fact_name in facts:
            found[name] = _table_figure(facts[fact_name][0])
    for name, (wanted, excluded) in _RULES.items():
        if name in found:
            continue
        for passage in passages:
            match = next(
                (
                    s
                    for s in passage.money
                    if wanted.search(_FUNDS.sub("", s.label))
                    and not s.is_comparison
                    and not (excluded and (excluded.search(s.label) or _is_part(s, groups)))
                ),
                None,
            )
            if match:
                found[name] = _figure(match, passage)
                break
    return found
