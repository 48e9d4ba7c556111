"""Units of the figures in a report: money, percentages, scores and counts."""

from __future__ import annotations

import re
from decimal import Decimal

MONEY_UNITS = ("亿元", "万元", "千元", "元")
PERCENT_UNITS = ("%", "％")
SCORE_UNITS = ("分",)
COUNT_UNITS = (
    "人次",
    "场次",
    "批次",
    "人",
    "名",
    "个",
    "件",
    "篇",
    "次",
    "场",
    "期",
    "项",
    "家",
    "条",
    "户",
    "批",
    "份",
    "张",
    "辆",
    "所",
    "天",
    "套",
    "台",
    "座",
    "公里",
    "平方米",
)
# Units that a 万元 slip is made from, and the units it is mistaken for.
SMALL_MONEY_UNITS = ("元", "千元")
BIG_MONEY_UNITS = ("万元", "亿元")
# How many 万元 one unit is: amounts of money compare in 万元, the genre's unit.
MONEY_SCALE = {
    "亿元": Decimal(10000),
    "万元": Decimal(1),
    "千元": Decimal("0.1"),
    "元": Decimal("0.0001"),
}
# A regular-expression alternation of the money units, longest first.
MONEY_UNIT_PATTERN = "|".join(re.escape(unit) for unit in MONEY_UNITS)
