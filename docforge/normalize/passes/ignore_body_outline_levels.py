"""Pass: an outline level that the body text carries is no heading signal.

Some producers give every paragraph the same declared level: a WPS file
without a styles part whose paragraphs all name style ``1``, a template whose
Normal style sets an outline level. A level that most of the document's text
blocks carry says nothing about which of them are headings, so it is
dropped from their hints and the page's other evidence decides.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from docforge.model.blocks import TextBlock
from docforge.normalize.pipeline import Draft

BODY_SHARE = 0.5
MIN_BLOCKS = 8


def ignore_body_outline_levels(draft: Draft) -> Draft:
    texts = [b for b in draft.blocks if isinstance(b, TextBlock)]
    if len(texts) < MIN_BLOCKS:
        return draft
    levels = Counter(b.hints.outline_level for b in texts if b.hints.outline_level)
    body_levels = {level for level, count in levels.items() if count > BODY_SHARE * len(texts)}
    if not body_levels:
        return draft
    out = [
        replace(b, hints=replace(b.hints, outline_level=None, signal=None))
        if isinstance(b, TextBlock) and b.hints.outline_level in body_levels
        else b
        for b in draft.blocks
    ]
    return draft.evolve(out)
