"""One report gives the same XML from every rendition (source metadata, provenance and change log aside)."""

from __future__ import annotations

import pytest

from docforge.convert import convert_to_xml
from docforge.model.xml import comparable
from tests.conftest import SEED_STEMS, seed


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_wrapped_text_gives_the_same_xml_as_clean_text(stem: str) -> None:
    assert comparable(convert_to_xml(seed(stem, "wrapped.txt"))) == comparable(
        convert_to_xml(seed(stem))
    )
