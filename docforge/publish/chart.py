"""A department's money figures by year as an SVG bar chart, drawn at build time (no script).

The chart is an image with a title and a description; the table printed beside it on the page
is its full text alternative, so a screen reader user reads the same figures there.
"""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from docforge.publish.departments import DepartmentFigures

# Colours distinguishable in grey and by the common colour-vision deficiencies (Okabe–Ito), each
# at least 3:1 against white as WCAG 1.4.11 asks of graphics.
SERIES_COLOURS = ("#0b4f9c", "#a84300", "#00735c", "#8a3f8f", "#5c5c5c", "#7a6000")
# A small drawing with large type, so that scaled to a 375 px phone its words stay readable.
WIDTH, HEIGHT = 480, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 8, 12, 40


def _ticks(top: Decimal) -> list[Decimal]:
    """Four round steps from 0 to at least ``top``."""
    step = top / 4
    magnitude = Decimal(10) ** (len(str(int(step))) - 1) if step >= 1 else Decimal("0.1")
    step = ((step / magnitude).to_integral_value(rounding="ROUND_CEILING")) * magnitude
    return [step * i for i in range(5)]


def money_chart(figures: DepartmentFigures, department: str, chart_id: str) -> Markup:
    """Grouped bars: one group per year, one bar per money figure (万元)."""
    rows = [r for r in figures.rows if r.unit == "万元"]
    values = [c.value for r in rows for c in r.cells if c.value is not None]
    if not rows or not values:
        return Markup("")
    ticks = _ticks(max(values) or Decimal(1))
    top = ticks[-1] or Decimal(1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / len(figures.years)
    bar_w = group_w * 0.8 / len(rows)
    parts = [
        f'<svg class="figures-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(department)}主要财务数据（万元）</title>',
        f'<desc id="{chart_id}-desc">{escape(_description(figures, rows))}</desc>',
    ]
    for tick in ticks:
        y = TOP + plot_h - float(tick / top) * plot_h
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#767676"'
            f' stroke-width="{1 if tick == 0 else 0.5}"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 5:.1f}" text-anchor="end" font-size="15"'
            f' fill="#1a1a1a">{tick:,.0f}</text>'
        )
    for g, year in enumerate(figures.years):
        x0 = LEFT + g * group_w + group_w * 0.1
        for s, row in enumerate(rows):
            value = row.cells[g].value
            if value is None:
                continue
            h = float(value / top) * plot_h
            parts.append(
                f'<rect x="{x0 + s * bar_w:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w * 0.9:.1f}"'
                f' height="{h:.1f}" fill="{SERIES_COLOURS[s % len(SERIES_COLOURS)]}"/>'
            )
        parts.append(
            f'<text x="{LEFT + g * group_w + group_w / 2:.1f}" y="{HEIGHT - 12}"'
            f' text-anchor="middle" font-size="17" fill="#1a1a1a">{year}年</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _description(figures: DepartmentFigures, rows: list) -> str:
    """The chart in one sentence per year: what a sighted reader takes from the bars."""
    sentences = []
    for g, year in enumerate(figures.years):
        stated = [f"{r.label}{r.cells[g].text}万元" for r in rows if r.cells[g].value is not None]
        if stated:
            sentences.append(f"{year}年：" + "，".join(stated) + "。")
    return "柱状图，按年度比较。" + "".join(sentences) + "数据详见下表。"


def series_legend(figures: DepartmentFigures) -> list[tuple[str, str]]:
    """(label, colour) of each bar series, for the legend under the chart."""
    rows = [r for r in figures.rows if r.unit == "万元"]
    return [(r.label, SERIES_COLOURS[i % len(SERIES_COLOURS)]) for i, r in enumerate(rows)]
