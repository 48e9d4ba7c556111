"""Character error rate: how far recognised text is from the text it should have been."""

from __future__ import annotations

import re

import numpy as np


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one row of the table at a time (insertions by a running minimum)."""
    if not a or not b:
        return len(a) or len(b)
    codes_b = np.array([ord(ch) for ch in b], dtype=np.int64)
    offsets = np.arange(len(b) + 1, dtype=np.int64)
    row = offsets.copy()
    for i, ch in enumerate(a, start=1):
        substitute = row[:-1] + (codes_b != ord(ch))
        best = np.empty_like(row)
        best[0] = i
        best[1:] = np.minimum(row[1:] + 1, substitute)
        row = np.minimum.accumulate(best - offsets) + offsets
    return int(row[-1])


def visible(text: str) -> str:
    return re.sub(r"\s+", "", text)


def character_error_rate(recognised: str, reference: str) -> float:
    """Edits per reference character, whitespace ignored (Chinese text has none to get right)."""
    reference, recognised = visible(reference), visible(recognised)
    return edit_distance(recognised, reference) / max(1, len(reference))
