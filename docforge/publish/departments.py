"""A department's reports and key figures year by year, for its pages on the site.

The figures come from the figure checks (``docforge.check.key_figures`` via ``read_figures``):
the page shows what the reports state, in 万元, with the change from the year before.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from docforge.publish.catalog import ReportRecord
from docforge.publish.figures import VersionFigures
from docforge.text.units import MONEY_SCALE

# The key figures a reader compares across years, in the order of a 决算 report.
FIGURE_LABELS = {
    "budget": "预算数",
    "final_accounts": "决算数",
    "basic_spending": "基本支出",
    "project_spending": "项目支出",
    "three_public_budget": "“三公”经费预算",
    "three_public_final": "“三公”经费决算",
}
EXECUTION_RATE = "预算执行率"


@dataclass(frozen=True)
class FigureCell:
    value: Decimal | None
    change: Decimal | None = None  # change from the year before, same unit

    @property
    def text(self) -> str:
        return "—" if self.value is None else f"{self.value:,.2f}"

    @property
    def change_text(self) -> str:
        if self.change is None:
            return ""
        sign = "+" if self.change > 0 else ""
        return f"{sign}{self.change:,.2f}"


@dataclass(frozen=True)
class FigureRow:
    label: str
    unit: str
    cells: tuple[FigureCell, ...]  # one per year, in the order of ``DepartmentFigures.years``


@dataclass(frozen=True)
class DepartmentFigures:
    years: tuple[int, ...]
    rows: tuple[FigureRow, ...]

    @property
    def empty(self) -> bool:
        return not self.rows


def in_wan(figure: dict[str, str] | None) -> Decimal | None:
    """A key figure in 万元, or None when the report does not state it in a money unit."""
    if not figure:
        return None
    try:
        return Decimal(figure["value"]) * MONEY_SCALE[figure.get("unit") or "万元"]
    except (KeyError, InvalidOperation):
        return None


def _with_changes(values: list[Decimal | None]) -> tuple[FigureCell, ...]:
    cells = []
    for i, value in enumerate(values):
        before = values[i - 1] if i else None
        change = value - before if value is not None and before is not None else None
        cells.append(FigureCell(value, change))
    return tuple(cells)


def department_figures(
    reports: list[ReportRecord], figures: dict[str, VersionFigures]
) -> DepartmentFigures:
    """Each key figure of the department by year (from the latest version of each report)."""
    by_year: dict[int, dict[str, Decimal]] = {}
    for report in reports:
        if report.year is None or report.latest.xml_sha256 not in figures:
            continue
        found = figures[report.latest.xml_sha256].key_figures
        year = by_year.setdefault(report.year, {})
        for name in FIGURE_LABELS:
            value = in_wan(found.get(name))
            if value is not None:
                year.setdefault(name, value)
    years = tuple(sorted(by_year))
    rows = []
    for name, label in FIGURE_LABELS.items():
        values = [by_year[y].get(name) for y in years]
        if any(v is not None for v in values):
            rows.append(FigureRow(label, "万元", _with_changes(values)))
    rates: list[Decimal | None] = []
    for y in years:
        budget, final = by_year[y].get("budget"), by_year[y].get("final_accounts")
        rates.append(
            (final / budget * 100).quantize(Decimal("0.01"))
            if budget and final is not None
            else None
        )
    if any(r is not None for r in rates):
        rows.append(FigureRow(EXECUTION_RATE, "%", _with_changes(rates)))
    return DepartmentFigures(years, tuple(rows))
