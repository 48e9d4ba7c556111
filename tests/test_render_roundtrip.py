"""Round trip: the PDF docforge renders, read back by docforge's PDF reader, gives the same report."""

from __future__ import annotations

from pathlib import Path

import pytest

from docforge.convert import convert_to_xml
from docforge.model.xml import comparable
from docforge.render.pdf import render_pdf
from tests.conftest import SEED_STEMS, seed

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_rendered_pdf_reads_back_as_the_same_report(stem: str, tmp_path: Path) -> None:
    root = convert_to_xml(seed(stem))
    pdf = tmp_path / f"{stem}.pdf"
    pdf.write_bytes(render_pdf(root))
    assert comparable(convert_to_xml(pdf)) == comparable(root)
