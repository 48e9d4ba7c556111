"""No pass drops a character of body text: everything the reader gave is in the output or in the change log."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from docforge.extract import read_source
from docforge.model.blocks import TableBlock, TextBlock
from docforge.model.xml import q
from docforge.normalize import normalize
from tests.conftest import SEED_STEMS, seed


def _visible(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace() and ch != "⏎")


def _reader_text(blocks) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, TextBlock):
            parts.append(block.text)
        elif isinstance(block, TableBlock):
            parts.extend(cell.text for row in block.rows for cell in row)
    return "".join(parts)


def _published_text(root: etree._Element) -> str:
    meta = root.find(q("meta"))
    parts = [meta.findtext(q("title")) or ""]
    parts += [s.text or "" for s in meta.findall(q("subtitle"))]
    parts += [meta.findtext(q("filled")) or ""]
    parts += ["".join(root.find(q("body")).itertext())]
    parts += [h.get("punct", "") for h in root.iter(q("heading"))]
    return "".join(parts)


def missing_characters(path) -> Counter[str]:
    extraction = read_source(path)
    result = normalize(extraction)
    available = _visible(_published_text(result.root))
    for change in result.draft.changes:
        available.update(_visible(change.before))
        available.subtract(_visible(change.after))
    return _visible(_reader_text(extraction.blocks)) - +available


@pytest.mark.parametrize("rendition", ["txt", "wrapped.txt"])
@pytest.mark.parametrize("stem", SEED_STEMS)
def test_every_character_is_published_or_logged(stem: str, rendition: str) -> None:
    assert missing_characters(seed(stem, rendition)) == Counter()


def test_the_check_sees_a_silent_drop(tmp_path, monkeypatch) -> None:
    """The measure itself must notice text that vanished without a log entry."""
    from docforge.normalize import chain
    from docforge.normalize.pipeline import Pass

    def drop_second_block(draft):
        return draft.evolve(draft.blocks[:1] + draft.blocks[2:])

    original = chain.default_chain

    def sabotaged():
        passes = original()
        passes.after("clean_characters", Pass("drop_second_block", drop_second_block))
        return passes

    monkeypatch.setattr("docforge.normalize.default_chain", sabotaged)
    assert missing_characters(seed(SEED_STEMS[0])) != Counter()
