"""Page furniture of a printed PDF: running headers, footers and page numbers.

They sit in the top and bottom bands of the page, outside the body, and
either repeat from page to page (a header naming the department, a footer
with the date) or have the form of a page number. They are not the report's
text, so the reader drops them and says how many it dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from docforge.extract.pdf_lines import Line
from docforge.text.page_numbers import may_be_page_number

BAND = 0.1             # of the page height: the top and bottom bands where furniture lives
NUMBER_BAND = 0.2      # of the page height: a page number may stand this far in, as the page's first or last line
MIN_REPEATS = 2
REPEAT_SHARE = 0.3     # of the pages: a band text this common is a running header or footer



@dataclass(frozen=True)
class PageLines:
    """A page's lines and its height, as the furniture finder needs them."""

    number: int
    height: float
    lines: tuple[Line, ...]


def _in_band(line: Line, height: float, band: float = BAND) -> bool:
    return line.bottom <= band * height or line.top >= (1 - band) * height


def running_key(text: str) -> str:
    """A band text with its numbers blanked, so ``第3页`` and ``第4页`` repeat."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def running_keys(pages: Sequence[PageLines]) -> set[str]:
    """Band texts that recur on enough pages to be running headers or footers."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({running_key(line.text) for line in page.lines if _in_band(line, page.height)})
    needed = max(MIN_REPEATS, round(REPEAT_SHARE * len(pages)))
    return {key for key, n in counts.items() if n >= needed}


def is_furniture(line: Line, page: PageLines, running: set[str]) -> bool:
    """A line in a page band that repeats or numbers the page; or a page number standing outermost."""
    if _in_band(line, page.height):
        return may_be_page_number(line.text) or running_key(line.text) in running
    outermost = line is max(page.lines, key=lambda other: other.bottom) or line is min(
        page.lines, key=lambda other: other.top)
    return outermost and _in_band(line, page.height, NUMBER_BAND) and may_be_page_number(line.text)
