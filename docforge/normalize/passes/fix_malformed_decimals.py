"""Pass (wording): a decimal point typed as ``、`` in an amount: ``344、27万元`` → ``344.27万元``.

Only where the digits after the mark are two (cents of the unit) and a unit of
money follows, so enumerations such as ``1、2、3项`` are never touched.
"""

from __future__ import annotations

import re

from docforge.normalize.pipeline import Draft
from docforge.normalize.textops import edit_all_blocks

_COMMA_DECIMAL = re.compile(r"(?<![\d、.])(\d{1,9})、(\d{2})(?=\s*(?:万元|亿元|千元|元))")


def comma_decimals(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), f"{m.group(1)}.{m.group(2)}") for m in _COMMA_DECIMAL.finditer(text)]


def fix_malformed_decimals(draft: Draft) -> Draft:
    return edit_all_blocks(draft, comma_decimals, "fix-decimal-separator")
