"""Each seed report's outline matches its golden outline, checked by eye against the source."""

from __future__ import annotations

import pytest

from docforge.convert import convert_to_xml
from tests.conftest import FIXTURES, SEED_STEMS, seed
from tests.outline import outline_lines


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_text_outline_matches_golden(stem: str) -> None:
    golden = (
        (FIXTURES / "outlines" / f"{stem}.outline.txt").read_text(encoding="utf-8").splitlines()
    )
    assert outline_lines(convert_to_xml(seed(stem))) == golden


def test_run_in_headings_are_in_the_outline() -> None:
    lines = outline_lines(convert_to_xml(seed("001_b543688848e45de6")))
    assert "2\t1.\t不断强化思想政治引领" in lines


def test_numbered_duties_are_a_list_not_headings() -> None:
    root = convert_to_xml(seed("000_3920c4ed8e26362b"))
    assert not any("负责" in line for line in outline_lines(root))
    items = root.findall(".//{urn:docforge:report:1}ol/{urn:docforge:report:1}item")
    assert len(items) == 12
    assert "".join(items[0].itertext()).startswith("1、负责市政协全体会议")
