"""Each seed's canonical XML equals its golden file, reviewed by eye (regenerate only after reading the diff)."""

from __future__ import annotations

import pytest

from docforge.convert import convert_to_xml
from docforge.model.xml import serialize
from tests.conftest import FIXTURES, SEED_STEMS, seed
from tests.golden import assert_matches_golden


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_xml_matches_golden(stem: str) -> None:
    produced = serialize(convert_to_xml(seed(stem))).decode("utf-8")
    assert_matches_golden(produced, FIXTURES / "expected" / f"{stem}.xml")
