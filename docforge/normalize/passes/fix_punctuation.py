"""Pass (wording): half-width punctuation in Chinese text becomes full-width.

``2020年,自治区`` → ``2020年，自治区``; ``宣传科(提案科)`` → ``宣传科（提案科）``.
Numbers (``1,000``, ``10:30``, ``98.49%``), dates, URLs and Latin text keep
their marks: a mark changes only where Chinese stands next to it.
"""

from __future__ import annotations

import re

from docforge.model.vocabulary import ChangeKind
from docforge.normalize.pipeline import Draft
from docforge.normalize.textops import edit_all_blocks
from docforge.text.chars import is_cjk, is_han

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_MARK = re.compile(r"[,;:?!]")
_PARENS = re.compile(r"\(([^()]{0,60})\)")


def _neighbour(text: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(text) and text[index] in " \u00a0":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _mark_edits(text: str) -> dict[int, str]:
    """Single marks to make full-width, by position."""
    edits = {}
    for m in _MARK.finditer(text):
        left, right = _neighbour(text, m.start(), -1), _neighbour(text, m.start(), 1)
        if left.isdigit() and right.isdigit():
            continue
        if m.group() == ":" and text[m.end() : m.end() + 2] == "//":
            continue
        if is_cjk(left) or is_cjk(right):
            edits[m.start()] = FULL_WIDTH[m.group()]
    return edits


def half_width_marks(text: str) -> list[tuple[int, int, str]]:
    """Edits that make half-width marks in Chinese text full-width; a bracket pair is one edit."""
    marks = _mark_edits(text)
    edits = []
    for m in _PARENS.finditer(text):
        inner = m.group(1)
        left, right = _neighbour(text, m.start(), -1), _neighbour(text, m.end() - 1, 1)
        if any(is_han(ch) for ch in inner) or (is_han(left) and is_cjk(right)):
            inside = "".join(marks.pop(i, ch) for i, ch in enumerate(inner, start=m.start() + 1))
            edits.append((m.start(), m.end(), f"（{inside}）"))
    edits.extend((i, i + 1, mark) for i, mark in marks.items())
    return edits


def fix_punctuation(draft: Draft) -> Draft:
    return edit_all_blocks(draft, half_width_marks, ChangeKind.FIX_PUNCTUATION)
