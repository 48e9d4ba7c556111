"""The figure tables of a 政府信息公开工作年度报告, checked the way the national template builds them.

Since the 2020 reports every annual report on government information disclosure prints the same
two tables of case counts (国办公开办函〔2021〕30号):

- 收到和处理政府信息公开申请情况: a column per kind of applicant (自然人, the five kinds of 法人或
  其他组织) and their 总计; rows 一、本年新收, 二、上年结转, 三、本年度办理结果 with its items
  (（一）予以公开 … （六）其他处理, some broken down into 1. 2. …) and （七）总计, and 四、结转下年度继续
  办理. The table prints its own identity under the heading: 一 + 二 = 三 + 四, that is new plus
  carried in equals handled plus carried out, in every column. The result items add up to
  （七）总计, and each row's 总计 is the sum of its applicant columns.
- 政府信息公开行政复议、行政诉讼情况: three groups (行政复议, 未经复议直接起诉, 复议后起诉) of 结果
  维持, 结果纠正, 其他结果, 尚未审结 and their 总计.

The rows are grouped under labels that span them, so the generic table sums, which follow 合计
rows down a list, cannot read them; these tables are this module's alone. Their figures count
cases: they are exact, and no rounding is allowed whatever the tolerance for money figures.
Rows and columns are found by the template's words and the numbering of the labels, not by
position, so a table read with a header cell split or a spanning cell broken at a page end is
still checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.table_arithmetic import (
    Line,
    amount_columns,
    cell_value,
    numbering_level,
    side_lines,
    sum_finding,
)
from docforge.check.tables import GRAND_TOTAL, TOTAL, Column, Side, Table

_NEW = re.compile(r"本年新收")
_CARRIED_IN = re.compile(r"上年结转")
_CARRIED_OUT = re.compile(r"结转下年度")
_REVIEW_HEADER = re.compile(r"行政复议|行政诉讼|复议后起诉|直接起诉")
_ITEM_LEVEL, _SUB_ITEM_LEVEL = 2, 3  # （一） and 1. in numbering_level's terms
APPLICATIONS_TABLE = "收到和处理政府信息公开申请情况"
REVIEW_TABLE = "政府信息公开行政复议、行政诉讼情况"


def _named(table: Table, name: str) -> Table:
    """The table under the template's name when it has no caption of its own (the report
    prints the name as the heading above it), so that a finding says which table it is."""
    return table if table.caption else replace(table, caption=name)


@dataclass(frozen=True)
class ApplicationTable:
    """收到和处理政府信息公开申请情况 as read: its rows by role and its count columns."""

    table: Table
    lines: list[Line]
    new: Line
    carried_in: Line
    results: list[Line]
    total: Line
    carried_out: Line
    columns: list[Column]
    total_column: Column | None


def _own_label(line: Line, side: Side) -> str:
    """The row's innermost label (``1.属于国家秘密`` under ``（三）不予公开``): its last text cell."""
    texts = [
        cell.text
        for column in side.label_columns
        if (cell := line.row.cells.get(column.index)) is not None and cell.type == "text"
    ]
    return texts[-1] if texts else ""


def _item_labels(line: Line, side: Side) -> set[str]:
    """The （一）…（七） labels the row is printed under or with."""
    return {
        cell.text
        for column in side.label_columns
        if (cell := line.row.cells.get(column.index)) is not None
        and cell.type == "text"
        and numbering_level(cell.text) == _ITEM_LEVEL
    }


def _result_items(lines: list[Line], side: Side) -> list[Line]:
    """The result rows that count cases once: a （三） row with its own figures above its 1. 2. …
    rows is their subtotal, and a 小计 row is one."""
    items = []
    for i, line in enumerate(lines):
        own = _own_label(line, side)
        if TOTAL.search(own):
            continue
        following = lines[i + 1] if i + 1 < len(lines) else None
        if (
            following is not None
            and numbering_level(own) == _ITEM_LEVEL
            and numbering_level(_own_label(following, side)) == _SUB_ITEM_LEVEL
            and _item_labels(following, side) <= {own}
        ):
            continue
        items.append(line)
    return items


def _first(lines: list[Line], pattern: re.Pattern[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if pattern.search(line.label)), None)


def application_table(table: Table) -> ApplicationTable | None:
    """The table as the 申请情况 table of the template, or None when it is not one."""
    if len(table.sides) != 1:
        return None
    side = table.sides[0]
    lines = [line for line in side_lines(table, side) if line.label]
    new, carried_in, carried_out = (_first(lines, p) for p in (_NEW, _CARRIED_IN, _CARRIED_OUT))
    if new is None or carried_in is None or carried_out is None:
        return None
    totals = [
        i
        for i in range(carried_in + 1, carried_out)
        if GRAND_TOTAL.search(lines[i].label) and not _NEW.search(lines[i].label)
    ]
    if not totals or not new < carried_in < totals[-1] < carried_out:
        return None
    columns = amount_columns(table, side)
    grand = [c for c in columns if c.path and GRAND_TOTAL.search(c.path[-1])]
    return ApplicationTable(
        table,
        lines,
        lines[new],
        lines[carried_in],
        _result_items(lines[carried_in + 1 : totals[-1]], side),
        lines[totals[-1]],
        lines[carried_out],
        columns,
        grand[-1] if len(grand) == 1 else None,
    )


def review_groups(table: Table) -> list[tuple[Column, list[Column]]]:
    """The 行政复议 / 行政诉讼 table's groups as (总计 column, the columns it totals); none for
    another table. A group is the columns under one sub-heading (行政复议, 未经复议直接起诉,
    复议后起诉), read from the heading just above each column's own."""
    columns = [c for c in table.columns if not c.is_label]
    if not any(_REVIEW_HEADER.search(part) for c in columns for part in c.path):
        return []
    groups: dict[str, list[Column]] = {}
    for column in columns:
        if len(column.path) >= 2:
            groups.setdefault(column.path[-2], []).append(column)
    out = []
    for members in groups.values():
        totals = [c for c in members if GRAND_TOTAL.search(c.path[-1])]
        parts = [c for c in members if not TOTAL.search(c.path[-1])]
        if len(totals) == 1 and parts:
            out.append((totals[0], parts))
    return out


def is_disclosure_table(table: Table) -> bool:
    return application_table(table) is not None or bool(review_groups(table))


def _exact_sum(
    table: Table,
    rule: Rule,
    row: str,
    column: Column,
    total: Decimal | None,
    parts: list[Decimal | None],
    what: tuple[str, str],
) -> Finding | None:
    values = [v for v in parts if v is not None]
    if total is None or not values or sum(values, Decimal(0)) == total:
        return None
    expected = sum(values, Decimal(0))
    name = column.label or str(column.index + 1)
    return sum_finding(
        table,
        rule,
        f"{f'“{row}”行' if row else ''}“{name}”列为{total}，{what[0]}为{expected}",
        f"{f'row {row}, ' if row else ''}column {name} is {total}, {what[1]} {expected}",
        row,
        column.label,
        total,
        values,
    )


def _balance(found: ApplicationTable, column: Column) -> Finding | None:
    """一 + 二 = 三（七）总计 + 四 in one column: what came in was handled or carried out."""
    new, carried_in, total, carried_out = (
        cell_value(line.row, column)
        for line in (found.new, found.carried_in, found.total, found.carried_out)
    )
    if new is None or total is None:
        return None
    came_in, went_out = new + (carried_in or 0), total + (carried_out or 0)
    if came_in == went_out:
        return None
    table, name = found.table, column.label or str(column.index + 1)
    return Finding(
        Rule.TABLE_BALANCE,
        Severity.ERROR,
        f"{table.name}：“{name}”列 本年新收{new} + 上年结转{carried_in or 0} = {came_in}，"
        f"而办理结果总计{total} + 结转下年度{carried_out or 0} = {went_out}"
        "（第一项加第二项之和应等于第三项加第四项之和）",
        f"{table.name}: column {name}: new {new} + carried in {carried_in or 0} = {came_in}, "
        f"but handled {total} + carried out {carried_out or 0} = {went_out}",
        table.section,
        table.src,
        f"{new} + {carried_in or 0} ≠ {total} + {carried_out or 0}",
        table=table.name,
        row=found.carried_out.label,
        column=column.label,
        expected=str(came_in),
        found=str(went_out),
        target=table.id,
    )


def _check_application(found: ApplicationTable) -> list[Finding]:
    table, findings = found.table, []
    if found.total_column is not None:
        parts = [
            c
            for c in found.columns
            if c is not found.total_column and not (c.path and TOTAL.search(c.path[-1]))
        ]
        for line in found.lines:
            finding = _exact_sum(
                table,
                Rule.TABLE_SUM,
                line.label,
                found.total_column,
                cell_value(line.row, found.total_column),
                [cell_value(line.row, c) for c in parts],
                ("各类申请人之和", "the applicant columns add up to"),
            )
            findings += [finding] if finding else []
    for column in found.columns:
        finding = _exact_sum(
            table,
            Rule.TABLE_SUM,
            found.total.label,
            column,
            cell_value(found.total.row, column),
            [cell_value(line.row, column) for line in found.results],
            ("各项办理结果之和", "the results add up to"),
        )
        findings += [finding] if finding else []
        findings += [f] if (f := _balance(found, column)) else []
    return findings


def _check_review(table: Table, groups: list[tuple[Column, list[Column]]]) -> list[Finding]:
    findings = []
    for row in table.rows:
        for total, parts in groups:
            finding = _exact_sum(
                table,
                Rule.TABLE_SUM,
                "",
                total,
                cell_value(row, total),
                [cell_value(row, c) for c in parts],
                ("同组各结果之和", "the results of its group add up to"),
            )
            findings += [finding] if finding else []
    return findings


def check_disclosure_tables(tables: list[Table]) -> list[Finding]:
    """Every slip in the case counts of an information-disclosure report's two tables."""
    findings = []
    for table in tables:
        if (found := application_table(table)) is not None:
            findings += _check_application(replace(found, table=_named(table, APPLICATIONS_TABLE)))
        elif groups := review_groups(table):
            findings += _check_review(_named(table, REVIEW_TABLE), groups)
    return findings
