"""Pass: glossary entries are definitions, never headings.

A 决算/预算 report ends with a 名词解释 part: ``1.财政拨款收入：指……``,
``（二）事业收入：指……``. Each entry carries a number label and a short
name closed by a colon, exactly like a run-in heading, so without this pass
dozens of them become sections. Two kinds of evidence make a glossary:

- the block sits under a heading that names a glossary (名词解释, 专业名词解释,
  名词说明, 术语, 定义): every ``term：definition`` block there is an entry;
- anywhere, a run of at least ``MIN_RUN`` consecutive ``term：definition``
  blocks whose definitions open the way definitions do (``指``, ``是指``, ``是``).

An entry becomes a block of role ``term``: its label stays data, ``title``
holds the term and ``spans`` the definition.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docforge.model.blocks import Block, Span, TextBlock
from docforge.normalize.labels import parse_label
from docforge.normalize.passes.classify_numbered_blocks import slice_spans
from docforge.normalize.pipeline import Draft

TERM_MAX = 20
DEFINITION_MIN = 4
MIN_RUN = 3
# The words a glossary part is titled with.
GLOSSARY_TITLE = re.compile(
    r"^(?:专业)?名词(?:解释|说明)$|^术语(?:和|与|及)?(?:定义)?$|^定义(?:与|和|及)?(?:缩略语)?$"
)
_ENTRY = re.compile(
    rf"^(?P<term>[^：:，,。；;！？]{{1,{TERM_MAX}}}?)\s*[：:]\s*(?P<definition>\S.*)$", re.S
)
# How a definition opens when nothing but the run itself says it is one.
_DEFINING = re.compile(r"^(?:是指|指|是|即|系)")


def glossary_title(text: str) -> bool:
    """Whether a heading's words name a glossary (after its label, without a trailing colon)."""
    match = parse_label(text)
    words = (match.rest if match else text).strip().rstrip("：:")
    return bool(GLOSSARY_TITLE.match(re.sub(r"\s+", "", words)))


def entry_parts(block: Block) -> tuple[int, int, int] | None:
    """Where an entry's term and definition stand in a block's text: (term start, term end, definition start)."""
    if not isinstance(block, TextBlock) or block.role != "text":
        return None
    text = block.text
    match = parse_label(text)
    offset = len(text) - len(match.rest) if match else 0
    m = _ENTRY.match(text[offset:])
    if not m or len(m.group("definition").strip()) < DEFINITION_MIN:
        return None
    return offset, offset + m.end("term"), offset + m.start("definition")


def as_term(block: TextBlock, parts: tuple[int, int, int]) -> TextBlock:
    start, term_end, definition = parts
    match = parse_label(block.text)
    term = "".join(s.text for s in slice_spans(block.spans, start, term_end)).strip()
    mark = block.text[term_end:definition].strip()
    return replace(
        block,
        role="term",
        label=match.label if match and start else None,
        title=(Span(term),),
        title_punct=mark,
        spans=slice_spans(block.spans, definition),
    )


def _defining(block: Block, parts: tuple[int, int, int]) -> bool:
    return bool(_DEFINING.match(block.text[parts[2] :]))


def find_glossaries(draft: Draft) -> Draft:
    blocks = list(draft.blocks)
    parts = [entry_parts(b) for b in blocks]
    out = list(blocks)
    in_glossary = False
    for i, block in enumerate(blocks):
        if isinstance(block, TextBlock) and glossary_title(block.text):
            in_glossary = True
            continue
        if in_glossary and parts[i]:
            out[i] = as_term(block, parts[i])
        elif (
            in_glossary
            and isinstance(block, TextBlock)
            and parse_label(block.text) is None
            and i
            and isinstance(out[i - 1], TextBlock)
            and out[i - 1].role == "term"
            and not block.hints.centered
        ):
            continue  # a definition's second paragraph, or a note on the entries
        else:
            in_glossary = False
    i = 0
    while i < len(blocks):
        j = i
        while (
            j < len(blocks)
            and parts[j]
            and out[j].role == "text"
            and _defining(blocks[j], parts[j])
        ):
            j += 1
        if j - i >= MIN_RUN:
            for k in range(i, j):
                out[k] = as_term(blocks[k], parts[k])
        i = max(j, i + 1)
    return draft.evolve(out)
