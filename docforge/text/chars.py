"""Character classes of Chinese official text."""

from __future__ import annotations

import re
import unicodedata

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\u00b7\u2022"
HAN_RE = re.compile(f"[{HAN}]")

# Marks that end a sentence proper.
SENTENCE_END = "。！？!?"
# Marks after which a paragraph may end (a sentence, a clause list, an intro to a list).
PARAGRAPH_END = "。！？!?…；;：:"
CLOSERS = "”’）)》」』】"


def is_han(ch: str) -> bool:
    return bool(ch) and bool(HAN_RE.match(ch))


def is_cjk(ch: str) -> bool:
    """A Han character or a full-width/CJK punctuation mark."""
    return bool(ch) and bool(re.match(f"[{HAN}{CJK_PUNCT}]", ch))


def ends_paragraph(text: str) -> bool:
    """The text ends the way a finished sentence or clause does."""
    stripped = text.rstrip().rstrip(CLOSERS)
    if not stripped:
        return False
    return stripped[-1] in PARAGRAPH_END


def display_width(text: str) -> int:
    """Width in half-width cells: CJK counts two, as a monospaced dump lays it out."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def han_count(text: str) -> int:
    return len(HAN_RE.findall(text))
