"""Pass: remove debris other converters leave in text (bookmarks, stray Markdown markers)."""

from __future__ import annotations

import re
from dataclasses import replace

from docforge.model.blocks import Block, TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.pipeline import Draft
from docforge.normalize.textops import edit_all_blocks

_DEBRIS = re.compile(
    r"\[bookmark:[^\]]*\]"  # pandoc/docx2txt bookmark anchors
    r"|\{#[\w:.-]+\}"  # pandoc heading anchors
    r"|\[(?:TOC|toc)\]"  # Markdown table-of-contents placeholders
    r"|(?<!\*)\*\*(?!\*)"  # unmatched bold markers left by another tool
    r"|<!--.*?-->"
)


def _debris(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "") for m in _DEBRIS.finditer(text)]


def strip_converter_debris(draft: Draft) -> Draft:
    edited = edit_all_blocks(draft, _debris, ChangeKind.DROP_CONVERTER_DEBRIS)
    blocks = [_trimmed(b) for b in edited.blocks]
    return edited.evolve(b for b in blocks if not isinstance(b, TextBlock) or b.text)


def _trimmed(block: Block) -> Block:
    """Debris often stood at a paragraph's edge: trim what its removal left there."""
    if not isinstance(block, TextBlock) or not block.spans:
        return block
    spans = list(block.spans)
    spans[0] = spans[0].with_text(spans[0].text.lstrip())
    spans[-1] = spans[-1].with_text(spans[-1].text.rstrip())
    return replace(block, spans=tuple(s for s in spans if s.text))
