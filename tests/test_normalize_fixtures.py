"""Fixture-driven normalizer cases: each ``fixtures/normalize/<case>.txt|md`` has its outline next to it.

A new case is a new pair of files; the outline is checked by eye when it is added.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docforge.convert import convert_to_xml
from docforge.model.xml import q
from tests.conftest import FIXTURES
from tests.golden import assert_matches_golden
from tests.outline import outline_lines

CASES = sorted(p for p in (FIXTURES / "normalize").iterdir() if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("source", CASES, ids=[p.stem for p in CASES])
def test_outline_matches_expected(source: Path) -> None:
    produced = "\n".join(outline_lines(convert_to_xml(source))) + "\n"
    assert_matches_golden(produced, source.with_suffix(".outline"))


def _change_kinds(source: Path) -> set[str]:
    return {c.get("kind") for c in convert_to_xml(source).iter(q("change"))}


def test_table_of_contents_is_dropped_and_logged() -> None:
    source = FIXTURES / "normalize" / "parts-and-levels.txt"
    root = convert_to_xml(source)
    assert "drop-table-of-contents" in _change_kinds(source)
    assert "......" not in "".join(root.find(q("body")).itertext())


def test_articles_are_items_under_their_chapter() -> None:
    root = convert_to_xml(FIXTURES / "normalize" / "regulation.txt")
    chapters = root.findall(f"{q('body')}/{q('section')}")
    labels = [[i.findtext(q("num")) for i in ch.iter(q("item"))] for ch in chapters]
    assert labels == [["第一条", "第二条"], ["第三条", "第四条"]]


def test_repeated_section_number_is_renumbered_and_logged() -> None:
    root = convert_to_xml(FIXTURES / "normalize" / "circled-and-skips.txt")
    fixes = [
        (c.findtext(q("before")), c.findtext(q("after")))
        for c in root.iter(q("change"))
        if c.get("kind") == "renumber-heading"
    ]
    assert fixes == [("三、", "四、")]
