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
from difflib import SequenceMatcher

from docforge.extract.pdf_lines import Line
from docforge.text.page_numbers import may_be_page_number

BAND = 0.1  # of the page height: the top and bottom bands where furniture lives
NUMBER_BAND = (
    0.2  # of the page height: a page number may stand this far in, as the page's first or last line
)
MIN_REPEATS = 2
REPEAT_SHARE = 0.3  # of the pages: a band text this common is a running header or footer
MIN_FUZZY_LENGTH = 6  # characters: shorter band texts must repeat exactly
LIKENESS = 0.8  # of the characters in common: band texts this alike are one header misread


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
        counts.update(
            {running_key(line.text) for line in page.lines if _in_band(line, page.height)}
        )
    needed = max(MIN_REPEATS, round(REPEAT_SHARE * len(pages)))
    running = {key for key, n in counts.items() if n >= needed}
    return running | _misread_variants(counts, running, needed)


def _misread_variants(counts: Counter[str], running: set[str], needed: int) -> set[str]:
    """Band texts that are one header read slightly differently page by page (OCR), grouped by likeness.

    A scanned header reads ``政协衡阳市蒸湘区`` on one page and ``政协衡阳市荧湘区``
    on the next; together they repeat as a running header does.
    """
    candidates = [key for key in counts if key not in running and len(key) >= MIN_FUZZY_LENGTH]
    found: set[str] = set()
    for key in candidates:
        alike = [other for other in counts if other != key and _alike(key, other)]
        if alike and counts[key] + sum(counts[other] for other in alike) >= needed:
            found.add(key)
    return found


def _alike(a: str, b: str) -> bool:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= LIKENESS
        and matcher.quick_ratio() >= LIKENESS
        and matcher.ratio() >= LIKENESS
    )


def is_furniture(line: Line, page: PageLines, running: set[str]) -> bool:
    """A line in a page band that repeats, numbers the page or holds no word at all (a rule of dashes,
    a page number's dashes that OCR kept without its digit); or a page number standing outermost."""
    if _in_band(line, page.height):
        return (
            may_be_page_number(line.text)
            or running_key(line.text) in running
            or not any(ch.isalnum() for ch in line.text)
        )
    outermost = line is max(page.lines, key=lambda other: other.bottom) or line is min(
        page.lines, key=lambda other: other.top
    )
    return outermost and _in_band(line, page.height, NUMBER_BAND) and may_be_page_number(line.text)
