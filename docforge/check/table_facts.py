"""The named figures the standard tables state: 本年收入合计, 基本支出, the 三公 total, each 类 of spending.

A *fact* is one cell of a standard table read as a figure with a name
(``income_total`` of the 收入支出决算总表). Cross-table identities compare facts
of two tables, the reconciliation compares the 情况说明 prose with them, and the
key figures come from them first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from docforge.check.table_arithmetic import Line, amount_columns, cell_value, side_lines
from docforge.check.tables import NUMBERED, TOTAL, Column, Side, Table
from docforge.text.standard_tables import TableKind

_CLASS_MARK = re.compile(r"[（(]类[)）]$")


@dataclass(frozen=True)
class Fact:
    """One named figure of one table: ``value`` as printed, ``in_wan`` in 万元 for comparing."""

    name: str
    value: Decimal
    table: Table
    row: str
    column: str

    @property
    def in_wan(self) -> Decimal:
        return self.value * self.table.scale

    @property
    def text(self) -> str:
        return f"{self.value}{self.table.unit or '万元'}"


def class_name(label: str) -> str:
    """``一、一般公共服务支出`` and ``一般公共服务支出（类）`` both name the 类 一般公共服务支出."""
    return _CLASS_MARK.sub("", NUMBERED.sub("", label))


def _row(table: Table, side: Side, pattern: str) -> Line | None:
    matcher = re.compile(pattern)
    return next(
        (line for line in side_lines(table, side) if not line.code and matcher.search(line.label)),
        None,
    )


def _column(table: Table, side: Side, pattern: str | None) -> Column | None:
    columns = amount_columns(table, side)
    if pattern is None:
        return columns[0] if columns else None
    matcher = re.compile(pattern)
    return next((c for c in columns if c.path and matcher.search(c.path[-1])), None)


def _fact(table: Table, name: str, side: Side, row: str, column: str | None = None) -> Fact | None:
    line, col = _row(table, side, row), _column(table, side, column)
    if line is None or col is None:
        return None
    value = cell_value(line.row, col)
    return Fact(name, value, table, line.label, col.label) if value is not None else None


def _each_side(table: Table, name: str, row: str, column: str | None = None) -> Fact | None:
    return next((f for side in table.sides if (f := _fact(table, name, side, row, column))), None)


def _classes(table: Table, side: Side, prefix: str, column: str | None = None) -> list[Fact]:
    """A 类 per row: numbered rows of a summary table, 3-digit rows of a coded one."""
    col = _column(table, side, column)
    if col is None:
        return []
    out = []
    for line in side_lines(table, side):
        if (len(line.code) == 3 or (not line.code and NUMBERED.match(line.label))) and line.label:
            value = cell_value(line.row, col)
            if value is not None:
                out.append(
                    Fact(f"{prefix}:{class_name(line.label)}", value, table, line.label, col.label)
                )
    return out


def _items(table: Table, side: Side, prefix: str) -> list[Fact]:
    """Every coded row by the names of its 类/款/项 path: ``general_budget_item:一般公共服务支出/财政事务/行政运行``."""
    col = _column(table, side, None)
    if col is None:
        return []
    names: dict[str, str] = {}
    out = []
    for line in side_lines(table, side):
        if not line.code or not line.label:
            continue
        names[line.code] = line.label
        if len(line.code) != 7:
            continue
        path = [names.get(line.code[:n], "") for n in (3, 5)] + [line.label]
        value = cell_value(line.row, col)
        if value is not None and all(path):
            out.append(
                Fact(
                    f"{prefix}:{'/'.join(path)}",
                    value,
                    table,
                    f"{line.code} {line.label}",
                    col.label,
                )
            )
    return out


def _three_public(table: Table) -> list[Fact]:
    out = []
    for side in table.sides:
        for column in amount_columns(table, side):
            path = "/".join(column.path)
            for line in side_lines(table, side)[:1]:
                value = cell_value(line.row, column)
                if value is None or "合计" not in path:
                    continue
                if "预算" in column.path[-1]:
                    out.append(Fact("three_public_budget", value, table, line.label, column.label))
                elif "决算" in column.path[-1]:
                    out.append(Fact("three_public_final", value, table, line.label, column.label))
    return out


def table_facts(table: Table) -> list[Fact]:
    """The named figures of one standard table (none for other tables)."""
    kind, sides = table.kind, table.sides
    facts: list[Fact | None] = []
    if not sides:
        return []
    if kind is TableKind.INCOME_EXPENDITURE_SUMMARY:
        facts += [
            _each_side(table, "income_total", r"^本年收入合计$"),
            _each_side(table, "expenditure_total", r"^本年支出合计$"),
            _fact(table, "grand_total", sides[0], r"总计$"),
        ]
        facts += _classes(table, sides[-1], "class") if len(sides) > 1 else []
    elif kind is TableKind.INCOME:
        facts += [
            _each_side(table, "income_total", TOTAL.pattern, r"合计$"),
            _each_side(table, "fiscal_income", TOTAL.pattern, r"^财政拨款收入$"),
        ]
    elif kind is TableKind.EXPENDITURE:
        facts += [
            _each_side(table, "expenditure_total", TOTAL.pattern, r"合计$"),
            _each_side(table, "basic", TOTAL.pattern, r"^基本支出$"),
            _each_side(table, "project", TOTAL.pattern, r"^项目支出$"),
        ]
        facts += _classes(table, sides[0], "class")
    elif kind is TableKind.FISCAL_SUMMARY:
        facts += [
            _fact(table, "fiscal_income", sides[0], r"^本年收入合计$"),
            _fact(table, "fiscal_grand_total", sides[0], r"总计$"),
            _each_side(table, "general_budget_total", r"^本年支出合计$", r"一般公共预算"),
        ]
        facts += (
            _classes(table, sides[-1], "general_budget_class", r"一般公共预算")
            if len(sides) > 1
            else []
        )
    elif kind is TableKind.GENERAL_BUDGET_EXPENDITURE:
        facts += [
            _each_side(table, "general_budget_total", TOTAL.pattern, None),
            _each_side(table, "general_budget_basic", TOTAL.pattern, r"^基本支出$"),
            _each_side(table, "general_budget_project", TOTAL.pattern, r"^项目支出$"),
        ]
        facts += _classes(table, sides[0], "general_budget_class")
        facts += _items(table, sides[0], "general_budget_item")
    elif kind is TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE:
        personnel = _each_side(table, "personnel", r"人员经费(?:合计)?$")
        public = _each_side(table, "public_funds", r"公用经费(?:合计)?$")
        facts += [personnel, public]
        if personnel and public:
            facts.append(
                Fact(
                    "general_budget_basic",
                    personnel.value + public.value,
                    table,
                    f"{personnel.row}＋{public.row}",
                    personnel.column,
                )
            )
    elif kind is TableKind.THREE_PUBLIC:
        facts += _three_public(table)
    return [f for f in facts if f is not None]


def report_facts(tables: list[Table]) -> dict[str, list[Fact]]:
    """Every fact of the report's standard tables, by name (a name two tables state has two facts)."""
    out: dict[str, list[Fact]] = {}
    for table in tables:
        for fact in table_facts(table):
            out.setdefault(fact.name, []).append(fact)
    return out
