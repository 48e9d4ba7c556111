"""A report's key figures for the catalog: budget, final accounts, basic and project spending, 三公经费."""

from __future__ import annotations

import re

from lxml import etree

from docforge.check.statements import Breakdown, Passage, Statement, breakdowns, read_passages

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


def _figure(statement: Statement, passage: Passage) -> dict[str, str | None]:
    return {"value": str(statement.value), "unit": statement.unit, "text": statement.text,
            "label": statement.raw_label, "section": passage.section, "src": passage.src}


def _is_part(statement: Statement, groups: list[Breakdown]) -> bool:
    return any(statement in g.parts for g in groups if not g.closed)


def key_figures(root: etree._Element) -> dict[str, dict[str, str | None]]:
    """The first statement of each key figure, as stated; a figure the report does not state is absent."""
    passages = read_passages(root)
    groups = breakdowns(passages)
    found: dict[str, dict[str, str | None]] = {}
    for name, (wanted, excluded) in _RULES.items():
        for passage in passages:
            match = next((s for s in passage.money if wanted.search(_FUNDS.sub("", s.label))
                          and not (excluded and (excluded.search(s.label) or _is_part(s, groups)))), None)
            if match:
                found[name] = _figure(match, passage)
                break
    return found
