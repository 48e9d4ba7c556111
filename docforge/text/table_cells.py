"""What a table cell's words say: a 科目编码 and its level, a percentage, a column of codes.

The normalizer types the cells of the XML it builds, and the checks read cells of XML
that older versions wrote without types; both read a cell's text by these rules, so a
code or a percentage is one thing everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A budget classification code's level by its digits: 类 3, 款 5, 项 7.
CODE_LEVELS = {3: 1, 5: 2, 7: 3}
# A code split over 类/款/项 columns takes the level of its column.
CODE_PARTS = {"类": 1, "款": 2, "项": 3}
# Header words of a column of codes (``科目编码``, ``功能分类科目编码``, ``单位代码``).
CODE_HEADER = re.compile(r"编码|代码")
# A cell that is one percentage and nothing else: ``95.89%``, ``-3％``.
PERCENT_CELL = re.compile(r"^\s*(?P<number>[-−]?[0-9]+(?:\.[0-9]+)?)\s*[%％]\s*$")


def is_code_part_header(text: str) -> bool:
    """``类``, ``款`` or ``项`` alone: the header of one part of a split code."""
    return text in CODE_PARTS


# A cell that is one figure: ``1,234.56``, ``-3``, ``95.89%``.
FIGURE_CELL = re.compile(r"^[-−+]?[\d,，.．]+\s*[%％]?$")
# A table's header is the rows of words above its first row of figures, this many at most.
MAX_HEADER_ROWS = 4


def rows_above_figures(rows: Sequence[Sequence[str]]) -> int | None:
    """How many rows stand above the first row holding a figure; None when no row holds one."""
    return next(
        (i for i, row in enumerate(rows) if any(FIGURE_CELL.match(t.strip()) for t in row if t)),
        None,
    )
