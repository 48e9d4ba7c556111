"""Property tests: any re-wrapping and pagination of a seed gives back the same report."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docforge.convert import convert_to_xml
from docforge.extract import read_source
from docforge.model.xml import comparable
from docforge.normalize import normalize_blocks
from docforge.normalize.textops import joiner
from tests.conftest import SEED_STEMS, seed
from tests.generators.paginate import paginate, random_layout

HEADERS = ["政协某某市委员会办公室", "某某局2022年度部门整体支出绩效自评报告", "内部资料 注意保存"]


def _paragraphs(stem: str) -> tuple[str, list[str]]:
    """The seed's title and paragraphs, as its author wrote them.

    A seed text may itself hold a paragraph a page break split in two (``资``
    / ``金分配``); those are put back together first, as the normalizer logged
    them, so that a split the generator did not make is not asked of it twice.
    """
    numbered = [
        (n, ln.strip())
        for n, ln in enumerate(seed(stem).read_text(encoding="utf-8").splitlines(), start=1)
        if ln.strip()
    ]
    healed = {
        c.location.line
        for c in normalize_blocks(read_source(seed(stem))).changes
        if c.kind == "heal-split-paragraph"
    }
    paragraphs: list[str] = []
    for number, line in numbered:
        if number in healed and paragraphs:
            left, sep, right = joiner(paragraphs[-1], line)
            paragraphs[-1] = left + sep + right
        else:
            paragraphs.append(line)
    return paragraphs[0], paragraphs[1:]


_expected: dict[str, bytes] = {}


def expected_xml(stem: str) -> bytes:
    if stem not in _expected:
        _expected[stem] = comparable(convert_to_xml(seed(stem)))
    return _expected[stem]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=st.sampled_from(SEED_STEMS), salt=st.integers(0, 2**32 - 1))
def test_rewrapped_paginated_seed_gives_the_same_report(stem: str, salt: int) -> None:
    rng = random.Random(salt)
    title, paragraphs = _paragraphs(stem)
    layout = random_layout(rng, HEADERS + [title])
    text = paginate(paragraphs, layout, title)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dump.txt"
        path.write_text(text, encoding="utf-8")
        got = comparable(convert_to_xml(path))
    assert got == expected_xml(stem), f"layout {layout}"


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_paragraphs_survive_the_narrowest_layout(stem: str, tmp_path: Path) -> None:
    from tests.generators.paginate import Layout

    title, paragraphs = _paragraphs(stem)
    layout = Layout(
        width=40,
        page_lines=12,
        footer="第 {n} 页 共 {total} 页",
        header=title,
        separator="blank",
        blank_around_furniture=False,
        form_feed=False,
    )
    path = tmp_path / "narrow.txt"
    path.write_text(paginate(paragraphs, layout, title), encoding="utf-8")
    assert comparable(convert_to_xml(path)) == expected_xml(stem)
