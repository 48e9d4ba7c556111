"""Pass (wording): a decimal point typed as ``、`` in an amount: ``344、27万元`` → ``344.27万元``.

Only where the digits after the mark are two (cents of the unit) and a unit of
money follows, so enumerations such as ``1、2、3项`` are never touched.
"""

from __future__ import annotations

import re

from docforge.model.vocabulary import ChangeKind
from docforge.normalize.pipeline import Draft
from docforge.normalize.textops import edit_all_blocks
from docforge.text.units import MONEY_UNIT_PATTERN

_COMMA_DECIMAL = re.compile(rf"(?<![\d、.])(\d{{1,9}})、(\d{{2}})(?=\s*(?:{MONEY_UNIT_PATTERN}))")


def comma_decimals(text: str) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), f"{m.group(1)}.{m.group(2)}") for m in _COMMA_DECIMAL.finditer(text)
    ]


def fix_malformed_decimals(draft: Draft) -> Draft:
    return edit_all_blocks(draft, comma_decimals, ChangeKind.FIX_DECIMAL_SEPARATOR)
