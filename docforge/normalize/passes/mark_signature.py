"""Pass: the 署名/日期 block that closes an official document, kept as one.

GB/T 9704 closes a document with the issuing body's name over the date it was written
(成文日期), both short lines set to the right. In the block stream they are the last text
blocks: a date line alone (``2023年3月15日``, ``二〇二三年三月``), and, before it, a short line
with no sentence punctuation naming who signs. They become ``signature`` blocks, which the
XML keeps in ``<signature>`` so the page and the PDF set them apart as the source did.
"""

from __future__ import annotations

from dataclasses import replace

from docforge.model.blocks import TextBlock
from docforge.model.vocabulary import BlockRole
from docforge.normalize.pipeline import Draft
from docforge.text.chars import ends_paragraph
from docforge.text.dates import DATE_LINE

# A signing body's name is short and is not a sentence.
SIGNER_MAX = 30


def _is_signer(block: TextBlock) -> bool:
    text = block.text.strip()
    return (
        0 < len(text) <= SIGNER_MAX
        and not ends_paragraph(text)
        and "，" not in text
        and not DATE_LINE.match(text)
    )


def mark_signature(draft: Draft) -> Draft:
    """Pass: mark the closing signer/date pair (or a lone closing date) as ``signature``."""
    texts = [i for i, b in enumerate(draft.blocks) if isinstance(b, TextBlock)]
    if not texts:
        return draft
    last = texts[-1]
    date = draft.blocks[last]
    if date.role != BlockRole.PARAGRAPH or not DATE_LINE.match(date.text):
        return draft
    marked = {last}
    if len(texts) > 1:
        before = draft.blocks[texts[-2]]
        if before.role == BlockRole.PARAGRAPH and _is_signer(before) and texts[-2] == last - 1:
            marked.add(texts[-2])
    blocks = tuple(
        replace(b, role=BlockRole.SIGNATURE) if i in marked else b
        for i, b in enumerate(draft.blocks)
    )
    return draft.evolve(blocks=blocks)
