"""The standard tables of 部门决算 and 部门预算 disclosures, known by their titles.

The national templates fix a small set of tables; every department prints them under
the same titles with small variations (`部门` or `单位` in front, `财政拨款` spelled
out or not, quotes around 三公 of any kind, `决算`/`预算` swapped for the other kind
of disclosure). A table's ``kind`` is a stable id that does not depend on those
variations, so checks and the open-data files can name a table the same way in every
report. Budget disclosures add a year and the discloser in front (``2025年预算单位收入
预算总表``, ``2026年部门财务收支预算总表``) and name the budget tables by their
classification (``一般公共预算支出功能分类预算表``, ``…基本支出部门预算经济分类预算表``,
``“三公”经费和机关运行经费预算表``); a title always ends in ``表``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class TableKind(StrEnum):
    INCOME_EXPENDITURE_SUMMARY = "income-expenditure-summary"  # 收入支出决算总表 / 收支预算总表
    INCOME = "income"  # 收入决算表 / 收入预算表
    EXPENDITURE = "expenditure"  # 支出决算表 / 支出预算表
    FISCAL_SUMMARY = "fiscal-summary"  # 财政拨款收入支出决算总表 / 财政拨款收支预算总表
    GENERAL_BUDGET_EXPENDITURE = "general-budget-expenditure"  # 一般公共预算财政拨款支出…表
    GENERAL_BUDGET_BASIC_EXPENDITURE = "general-budget-basic-expenditure"  # …基本支出…表
    GOVERNMENT_FUND = "government-fund"  # 政府性基金预算财政拨款收入支出…表
    STATE_CAPITAL = "state-capital"  # 国有资本经营预算财政拨款…支出…表
    THREE_PUBLIC = "three-public"  # 财政拨款“三公”经费支出…表
    PROJECT_PERFORMANCE_TARGETS = "project-performance-targets"  # 项目支出绩效目标表


@dataclass(frozen=True)
class StandardTable:
    kind: TableKind
    name: str
    pattern: re.Pattern[str]


_DISCLOSURE = r"(?:决算|预算)"
_QUOTES = "\"“”'‘’「」『』"


def _table(kind: TableKind, name: str, pattern: str) -> StandardTable:
    return StandardTable(kind, name, re.compile(pattern))


# Ordered from the most specific title to the least: the first match names the kind.
STANDARD_TABLES: tuple[StandardTable, ...] = (
    _table(TableKind.THREE_PUBLIC, "财政拨款“三公”经费支出表", r"三公.*?经费.*?表"),
    _table(TableKind.PROJECT_PERFORMANCE_TARGETS, "项目支出绩效目标表", r"项目.*?绩效目标.*?表"),
    _table(
        TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE,
        "一般公共预算财政拨款基本支出表",
        rf"一般公共预算.*?基本支出.*?{_DISCLOSURE}?.*?表",
    ),
    _table(TableKind.GOVERNMENT_FUND, "政府性基金预算财政拨款收入支出表", r"政府性基金.*?表"),
    _table(TableKind.STATE_CAPITAL, "国有资本经营预算财政拨款支出表", r"国有资本经营.*?表"),
    _table(
        TableKind.GENERAL_BUDGET_EXPENDITURE,
        "一般公共预算财政拨款支出表",
        rf"一般公共预算.*?支出.*?{_DISCLOSURE}?.*?表",
    ),
    _table(
        TableKind.FISCAL_SUMMARY,
        "财政拨款收入支出总表",
        rf"财政拨款收(?:入)?支(?:出)?.*?{_DISCLOSURE}?.*?总表",
    ),
    _table(
        TableKind.INCOME_EXPENDITURE_SUMMARY,
        "收入支出总表",
        rf"收(?:入)?支(?:出)?{_DISCLOSURE}?总表",
    ),
    _table(
        TableKind.INCOME,
        "收入表",
        rf"收入{_DISCLOSURE}?总表|收入{_DISCLOSURE}表|{_DISCLOSURE}收入表",
    ),
    _table(
        TableKind.EXPENDITURE,
        "支出表",
        rf"支出{_DISCLOSURE}?总表|支出{_DISCLOSURE}表|{_DISCLOSURE}支出表",
    ),
)


def _plain_title(title: str) -> str:
    """The title without spaces, quotes, a leading 表N/（一） label or a trailing （续）."""
    text = re.sub(r"\s+", "", title)
    text = text.translate({ord(ch): None for ch in _QUOTES})
    text = re.sub(r"[（(]续表?[）)]$", "", text)
    return re.sub(
        r"^(?:表(?:\d+|[一二三四五六七八九十]+)[：:、.．]?|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])",
        "",
        text,
    )


def standard_table_kind(title: str) -> TableKind | None:
    """The kind of standard table a title names, or None for any other table."""
    text = _plain_title(title)
    if len(text) > 40 or not text.endswith("表"):
        return None  # a sentence or a heading that mentions a table, not a table's title
    for table in STANDARD_TABLES:
        if table.pattern.search(text):
            return table.kind
    return None
