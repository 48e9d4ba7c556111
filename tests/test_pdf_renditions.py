"""A seed report printed to PDF gives the same XML as its clean text."""

from __future__ import annotations

import pytest

from docforge.convert import convert_to_xml
from docforge.model.xml import comparable
from tests.conftest import SEED_STEMS, seed


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_printed_pdf_gives_the_same_xml_as_clean_text(stem: str) -> None:
    assert comparable(convert_to_xml(seed(stem, "pdf"))) == comparable(convert_to_xml(seed(stem)))
