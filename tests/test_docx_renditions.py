"""A seed's DOCX rendition gives the same XML as its text (source metadata, provenance and change log aside).

Seed 002 numbers its headings with Word automatic numbering, so the labels
exist only in ``numbering.xml``; the others use Heading styles or bold text.
"""

from __future__ import annotations

import pytest

from docforge.convert import convert_to_xml
from docforge.model.xml import comparable
from tests.conftest import SEED_STEMS, seed


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_docx_gives_the_same_xml_as_text(stem: str) -> None:
    assert comparable(convert_to_xml(seed(stem, "docx"))) == comparable(convert_to_xml(seed(stem)))


def test_source_is_described_as_docx() -> None:
    source = convert_to_xml(seed(SEED_STEMS[0], "docx")).find(".//{urn:docforge:report:1}source")
    assert source.get("format") == "docx" and source.get("file").endswith(".docx")
