"""Pass: remove characters that are not text (controls, zero-width marks) and trim blocks."""

from __future__ import annotations

import re
from dataclasses import replace

from docforge.model.blocks import Span, TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.pipeline import Change, Draft

# XML 1.0 forbids most C0 controls; zero-width marks and BOMs are invisible debris.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ufffe\uffff\ud800-\udfff]"
)
_WHITESPACE = re.compile(r"[\t\n\r\v]")


def _clean(text: str) -> str:
    return _INVISIBLE.sub("", _WHITESPACE.sub(" ", text))


def clean_characters(draft: Draft) -> Draft:
    blocks, changes = [], []
    for block in draft.blocks:
        if not isinstance(block, TextBlock):
            blocks.append(block)
            continue
        spans = []
        for span in block.spans:
            cleaned = _clean(span.text)
            if _INVISIBLE.search(span.text):
                changes.append(
                    Change(
                        ChangeKind.REMOVE_CONTROL_CHARACTERS,
                        block.prov,
                        span.text.encode("unicode_escape").decode("ascii")[:80],
                        cleaned[:80],
                    )
                )
            spans.append(span.with_text(cleaned))
        spans = _trimmed(spans)
        if spans:
            blocks.append(replace(block, spans=tuple(spans)))
    return draft.evolve(blocks, changes)


def _trimmed(spans: list[Span]) -> list[Span]:
    """Spans without leading and trailing white space (layout, not wording)."""
    while spans and not spans[0].text.strip():
        spans.pop(0)
    while spans and not spans[-1].text.strip():
        spans.pop()
    if spans:
        spans[0] = spans[0].with_text(spans[0].text.lstrip(" \u3000\u00a0"))
        spans[-1] = spans[-1].with_text(spans[-1].text.rstrip(" \u3000\u00a0"))
    return spans
