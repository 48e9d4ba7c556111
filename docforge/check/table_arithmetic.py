"""Sums inside one table, the way 决算/预算 tables are built.

- Each side of a two-sided table (收入 | 支出 side by side) is summed apart.
- Rows with a 科目编码 form a hierarchy (类 3 digits ⊃ 款 5 ⊃ 项 7): each 类 and
  款 is checked against the level just below it, and a 合计 row against the top
  level only, so no level is added twice.
- Rows without codes: a 合计/小计 row totals the rows since the previous total;
  a 总计 row the open totals plus the balance rows after them (年初结转和结余 …);
  an unnumbered row followed by numbered ones (年初财政拨款结转和结余 / 一、… 二、…)
  is the total of those.
- A 合计/小计 column totals its sibling columns under the same header.
- The balance identity where the headers name it: 年初结转和结余 + 本年收入 =
  本年支出 + 年末结转和结余 per row, and both sides' 总计 equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.options import CheckOptions
from docforge.check.tables import GRAND_TOTAL, TOTAL, Column, Row, Side, Table

_RATIO_HEADER = re.compile(r"率|%|％|比重|占比|增减|增长|百分比")
_OPENING = re.compile(r"年初.*结转和?结余")
_CLOSING = re.compile(r"年末.*结转和?结余")
_INCOME = re.compile(r"^本年收入(?:合计)?$")
_SPENDING = re.compile(r"^本年支出(?:合计)?$")


@dataclass(frozen=True)
class Line:
    """A row as one side sees it: its label, its code and the row."""

    row: Row
    label: str
    code: str


def cell_value(row: Row, column: Column) -> Decimal | None:
    cell = row.cells.get(column.index)
    return cell.value if cell is not None and cell.type == "amount" else None


def amount_columns(table: Table, side: Side) -> list[Column]:
    """The columns of a side that hold amounts (not rates or shares)."""
    out = []
    for column in side.value_columns:
        if any(_RATIO_HEADER.search(p) for p in column.path):
            continue
        cells = [r.cells.get(column.index) for r in table.rows]
        kinds = [c.type for c in cells if c is not None and c.type != "empty"]
        if kinds and kinds.count("percent") * 2 >= len(kinds):
            continue
        out.append(column)
    return out


def sum_finding(
    table: Table,
    rule: Rule,
    zh: str,
    en: str,
    row: str,
    column: str,
    total: Decimal,
    parts: list[Decimal],
) -> Finding:
    """A total its parts do not add up to, as every table sum check reports it."""
    expected = sum(parts, Decimal(0))
    return Finding(
        rule,
        Severity.ERROR,
        f"{table.name}：{zh}",
        f"{table.name}: {en}",
        table.section,
        table.src,
        f"{total} ≠ {' + '.join(str(p) for p in parts)}",
        table=table.name,
        row=row,
        column=column,
        expected=str(expected),
        found=str(total),
        target=table.id,
    )


def _compare(
    table: Table,
    options: CheckOptions,
    rule: Rule,
    total_line: Line,
    column: Column,
    parts: list[Line],
    what: tuple[str, str],
) -> Finding | None:
    total = cell_value(total_line.row, column)
    values = [v for v in (cell_value(p.row, column) for p in parts) if v is not None]
    if total is None or not values:
        return None
    expected = sum(values, Decimal(0))
    if abs(expected - total) <= options.allowed([total, *values]):
        return None
    label = " ".join(filter(None, (total_line.code, total_line.label)))
    zh = f"“{label}”行“{column.label or column.index + 1}”列为{total}，{what[0]}为{expected}"
    en = f"row {label}, column {column.label or column.index + 1} is {total}, {what[1]} {expected}"
    return sum_finding(table, rule, zh, en, label, column.label, total, values)


def side_lines(table: Table, side: Side) -> list[Line]:
    indices = {c.index for c in side.label_columns + side.value_columns}
    out = []
    for row in table.rows:
        if all(row.cells.get(i) is None or row.cells[i].type == "empty" for i in indices):
            continue
        out.append(Line(row, row.label(side.label_columns), row.code(side.label_columns)))
    return out


def _hierarchy(
    table: Table, options: CheckOptions, lines: list[Line], columns: list[Column]
) -> list[Finding]:
    findings = []
    coded = [line for line in lines if line.code]
    top = min(len(line.code) for line in coded)
    for line in coded:
        below = [c for c in coded if c.code.startswith(line.code) and len(c.code) > len(line.code)]
        if below:
            depth = min(len(c.code) for c in below)
            children = [c for c in below if len(c.code) == depth]
            for column in columns:
                if f := _compare(
                    table,
                    options,
                    Rule.TABLE_HIERARCHY,
                    line,
                    column,
                    children,
                    ("其下级科目之和", "its sub-items add up to"),
                ):
                    findings.append(f)
    tops = [line for line in coded if len(line.code) == top]
    for line in lines:
        if not line.code and TOTAL.search(line.label):
            for column in columns:
                if f := _compare(
                    table,
                    options,
                    Rule.TABLE_SUM,
                    line,
                    column,
                    tops,
                    ("各类科目之和", "the top-level items add up to"),
                ):
                    findings.append(f)
    return findings


_LEVELS = (
    re.compile(r"^[一二三四五六七八九十]+、"),
    re.compile(r"^[（(][一二三四五六七八九十]+[)）]"),
    re.compile(r"^\d+[.、．]"),
)


def numbering_level(label: str) -> int:
    """0 for an unnumbered row (年初结转和结余), 1 for 一、, 2 for （一）, 3 for 1.: deeper rows break down the row above."""
    return next((n for n, pattern in enumerate(_LEVELS, 1) if pattern.match(label)), 0)


def _segments(lines: list[Line]) -> list[tuple[Line, list[Line]]]:
    """Each total row of an uncoded side with the rows it totals (see the module's docstring)."""
    out: list[tuple[Line, list[Line]]] = []
    open_totals: list[Line] = []
    segment: list[Line] = []
    for i, line in enumerate(lines):
        if not TOTAL.search(line.label):
            segment.append(line)
            continue
        top = min((numbering_level(row.label) for row in segment), default=0)
        items = [row for row in segment if numbering_level(row.label) == top]
        if items and not GRAND_TOTAL.search(line.label):
            out.append((line, items))
            open_totals.append(line)
        elif open_totals:
            out.append((line, open_totals + items))
            open_totals = [line]
        elif items:
            out.append((line, items))
            open_totals = [line]
        else:
            below = []
            for later in lines[i + 1 :]:
                if TOTAL.search(later.label):
                    break
                below.append(later)
            if below:
                out.append((line, below))
        segment = []
    return out


def _breakdowns(lines: list[Line]) -> list[tuple[Line, list[Line]]]:
    """A row followed by deeper-numbered rows: 年初财政拨款结转和结余 / 一、二、三、, or 一、财政拨款收入 / 1. 2. 3."""
    out = []
    for i, line in enumerate(lines):
        if TOTAL.search(line.label) or not line.label:
            continue
        level = numbering_level(line.label)
        below = []
        for later in lines[i + 1 :]:
            if (
                TOTAL.search(later.label)
                or not later.label
                or numbering_level(later.label) <= level
            ):
                break
            below.append(later)
        if below:
            depth = min(numbering_level(b.label) for b in below)
            out.append((line, [b for b in below if numbering_level(b.label) == depth]))
    return out


def _nested_row_headers(table: Table, side: Side) -> bool:
    """A label cell of the body spans several rows: the rows are grouped under it, not listed one after another."""
    indices = {c.index for c in side.label_columns}
    return any(
        int(cell.element.get("rowspan", 1) or 1) > 1
        for row in table.rows
        for i, cell in row.cells.items()
        if i in indices and cell.type == "text"
    )


def _vertical(table: Table, options: CheckOptions, side: Side) -> list[Finding]:
    lines = side_lines(table, side)
    columns = amount_columns(table, side)
    if any(line.code for line in lines):
        return _hierarchy(table, options, lines, columns)
    if _nested_row_headers(table, side):
        return []  # rows grouped under spanning labels (三、本年度办理结果 / （三）不予公开 / 1.…): no 合计 order to follow
    findings = []
    for total, parts in _segments(lines):
        for column in columns:
            if f := _compare(
                table,
                options,
                Rule.TABLE_SUM,
                total,
                column,
                parts,
                ("各项之和", "the rows add up to"),
            ):
                findings.append(f)
    for parent, children in _breakdowns(lines):
        for column in columns:
            if f := _compare(
                table,
                options,
                Rule.TABLE_SUM,
                parent,
                column,
                children,
                ("其分项之和", "its items add up to"),
            ):
                findings.append(f)
    return findings


def _total_level(column: Column) -> int | None:
    levels = [k for k, label in enumerate(column.path) if TOTAL.search(label)]
    return levels[-1] if levels else None


def _part_columns(column: Column, columns: list[Column]) -> list[Column]:
    """The sibling columns a 合计/小计 column totals: one per sibling header, at the same sub-heading."""
    k = _total_level(column)
    if k is None:
        return []
    scope, suffix = column.path[:k], column.path[k + 1 :]
    groups: dict[str, list[Column]] = {}
    for other in columns:
        if (
            other is column
            or len(other.path) <= k
            or other.path[:k] != scope
            or other.path[k] == column.path[k]
        ):
            continue
        if suffix and other.path[-len(suffix) :] != suffix:
            continue
        groups.setdefault(other.path[k], []).append(other)
    parts = []
    for group in groups.values():
        totals = [c for c in group if _total_level(c) is not None and _total_level(c) > k]
        parts += totals[:1] if totals else group
    return parts


def _horizontal(table: Table, options: CheckOptions, side: Side) -> list[Finding]:
    findings = []
    columns = amount_columns(table, side)
    totals = [(c, parts) for c in columns if (parts := _part_columns(c, columns))]
    for line in side_lines(table, side):
        for column, parts in totals:
            total = cell_value(line.row, column)
            values = [v for v in (cell_value(line.row, p) for p in parts) if v is not None]
            if (
                total is None
                or not values
                or abs(sum(values, Decimal(0)) - total) <= options.allowed([total, *values])
            ):
                continue
            expected = sum(values, Decimal(0))
            label = " ".join(filter(None, (line.code, line.label)))
            zh = f"“{label}”行“{column.label}”列为{total}，各分列之和为{expected}"
            en = f"row {label}, column {column.label} is {total}, its columns add up to {expected}"
            findings.append(
                sum_finding(table, Rule.TABLE_SUM, zh, en, label, column.label, total, values)
            )
    return findings


def _named(columns: list[Column], pattern: re.Pattern[str]) -> Column | None:
    """The column whose top header matches (its 小计/合计 sub-column when it has several)."""
    matching = [c for c in columns if c.path and pattern.search(c.path[0])]
    if len(matching) > 1:
        matching = [c for c in matching if _total_level(c) is not None] or matching[:0]
    return matching[0] if len(matching) == 1 else None


def _balance_columns(table: Table, options: CheckOptions, side: Side) -> list[Finding]:
    columns = amount_columns(table, side)
    found = [_named(columns, p) for p in (_OPENING, _INCOME, _SPENDING, _CLOSING)]
    if any(c is None for c in found):
        return []
    opening, income, spending, closing = found
    findings = []
    for line in side_lines(table, side):
        values = [cell_value(line.row, c) for c in found]
        if all(v is None for v in values):
            continue
        o, i, s, c = (v or Decimal(0) for v in values)
        if abs(o + i - s - c) <= options.allowed([v for v in values if v is not None]):
            continue
        label = line.label or line.code
        expected = o + i - s
        findings.append(
            Finding(
                Rule.TABLE_BALANCE,
                Severity.ERROR,
                f"{table.name}：“{label}”行 年初结转和结余{o} + 本年收入{i} − 本年支出{s} = {expected}，"
                f"而年末结转和结余为{c}",
                f"{table.name}: row {label}: opening {o} + income {i} − spending {s} = {expected}, closing is {c}",
                table.section,
                table.src,
                f"{o} + {i} − {s} ≠ {c}",
                table=table.name,
                row=label,
                column=closing.label,
                expected=str(expected),
                found=str(c),
                target=table.id,
            )
        )
    return findings


def _balance_sides(table: Table, options: CheckOptions) -> list[Finding]:
    """A two-sided table's 总计 rows: what came in and what went out must be equal."""
    totals = []
    for side in table.sides:
        columns = amount_columns(table, side)
        grand = [line for line in side_lines(table, side) if GRAND_TOTAL.search(line.label)]
        if not grand or not columns:
            return []
        value = cell_value(grand[-1].row, columns[0])
        if value is None:
            return []
        totals.append((grand[-1], value))
    if len(totals) < 2:
        return []
    (left, a), (_, b) = totals[0], totals[1]
    if abs(a - b) <= options.allowed([a, b]):
        return []
    return [
        Finding(
            Rule.TABLE_BALANCE,
            Severity.ERROR,
            f"{table.name}：左右两栏“总计”不相等（{a}与{b}）",
            f"{table.name}: the two sides' totals differ ({a} and {b})",
            table.section,
            table.src,
            f"{a} ≠ {b}",
            table=table.name,
            row=left.label,
            expected=str(a),
            found=str(b),
            target=table.id,
        )
    ]


def check_table_arithmetic(
    tables: list[Table], options: CheckOptions | None = None
) -> list[Finding]:
    options = options or CheckOptions()
    findings = []
    for table in tables:
        for side in table.sides:
            findings += _vertical(table, options, side)
        for side in table.sides:
            findings += _horizontal(table, options, side)
            findings += _balance_columns(table, options, side)
        findings += _balance_sides(table, options)
    return findings
