"""Each seed's canonical XML equals its golden file, reviewed by eye (regenerate only after reading the diff)."""

from __future__ import annotations

import pytest

from docforge.convert import convert_to_xml
from docforge.model.xml import serialize
from tests.conftest import FIXTURES, SEED_STEMS, seed


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_xml_matches_golden(stem: str) -> None:
    golden = (FIXTURES / "expected" / f"{stem}.xml").read_text(encoding="utf-8")
    produced = serialize(convert_to_xml(seed(stem))).decode("utf-8")
    assert produced.splitlines() == golden.splitlines()
