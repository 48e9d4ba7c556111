"""Old binary Word files go through LibreOffice when it is installed (it is optional)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docforge.extract import read_source
from tests.docx_builder import Para, lvl, numbered_docx, numbering_xml

pytestmark = pytest.mark.slow

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; it is optional")
def test_doc_file_is_read_through_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(numbered_docx(numbering_xml({0: lvl(0, "chineseCounting", "%1、", suff="nothing")},
                                                   {1: (0, "")}),
                                     [Para("部门概况", 1), Para("绩效分析", 1)]))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(source)],
                   check=True, capture_output=True, timeout=180)
    extraction = read_source(tmp_path / "doc" / "report.doc")
    assert [b.text for b in extraction.blocks] == ["一、部门概况", "二、绩效分析"]
    assert extraction.warnings[0].startswith("converted from an old binary Word file")
