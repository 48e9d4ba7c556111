"""Old and foreign word-processor files go through one long-lived LibreOffice (make install sets it up)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from lxml import etree

from docforge.convert import convert_to_xml
from docforge.extract import read_source
from docforge.extract.office import WORD97_FILTER, available, convert_bytes, server
from docforge.model.xml import q
from tests.conftest import ROOT, SEED_STEMS, seed
from tests.docx_builder import Para, lvl, numbered_docx, numbering_xml

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not available(), reason="LibreOffice with python3-uno is not installed: run make install"
    ),
]


def word97(docx: Path, target: Path, password: str = "") -> Path:
    """``docx`` saved by LibreOffice as an MS Word 97 file."""
    server().convert(docx, target, WORD97_FILTER, password=password)
    return target


def without_source(root: etree._Element) -> bytes:
    """The XML with its source description and the reader's conversion note left out."""
    root = etree.fromstring(etree.tostring(root))
    for el in list(root.iter(q("source"))):
        el.getparent().remove(el)
    for el in list(root.iter(q("warning"))):
        if "through LibreOffice" in (el.text or ""):
            el.getparent().remove(el)
    for el in list(root.iter(q("warnings"))):
        if len(el) == 0:
            el.getparent().remove(el)
    return etree.tostring(root, encoding="utf-8")


@pytest.fixture(scope="module")
def legacy_copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each seed's DOCX as a Word 97 ``.doc`` and as a ``.wps`` (WPS Office's binary is Word 97's)."""
    folder = tmp_path_factory.mktemp("legacy")
    out = {}
    for stem in SEED_STEMS:
        doc = word97(seed(stem, "docx"), folder / f"{stem}.doc")
        wps = folder / f"{stem}.wps"
        wps.write_bytes(doc.read_bytes())
        out[stem] = (doc, wps)
    return out


@pytest.mark.parametrize("stem", SEED_STEMS)
@pytest.mark.parametrize("kind", ["doc", "wps"])
def test_word97_and_wps_give_the_xml_of_the_docx(
    stem: str, kind: str, legacy_copies: dict[str, tuple[Path, Path]]
) -> None:
    path = legacy_copies[stem][0 if kind == "doc" else 1]
    root = convert_to_xml(path)
    assert without_source(root) == without_source(convert_to_xml(seed(stem, "docx")))
    source = root.find(f"{q('meta')}/{q('source')}")
    assert source is not None and path.name in etree.tostring(source, encoding="unicode")


def test_doc_file_is_read_through_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(
        numbered_docx(
            numbering_xml({0: lvl(0, "chineseCounting", "%1、", suff="nothing")}, {1: (0, "")}),
            [Para("部门概况", 1), Para("绩效分析", 1)],
        )
    )
    extraction = read_source(word97(source, tmp_path / "report.doc"))
    assert [b.text for b in extraction.blocks] == ["一、部门概况", "二、绩效分析"]
    assert extraction.warnings[0].startswith("converted from an old binary Word file")


@pytest.mark.parametrize("suffix,filter_name", [(".rtf", "Rich Text Format"), (".odt", "writer8")])
def test_rtf_and_odt_are_read_through_libreoffice(
    tmp_path: Path, suffix: str, filter_name: str
) -> None:
    stem = SEED_STEMS[1]
    target = tmp_path / f"{stem}{suffix}"
    server().convert(seed(stem, "docx"), target, filter_name)
    extraction = read_source(target)
    assert f"converted from {suffix} to DOCX through LibreOffice" in extraction.warnings
    assert len(extraction.blocks) > 10


def test_docx_the_reader_cannot_open_is_read_through_libreoffice(tmp_path: Path) -> None:
    """A DOCX whose main part is not where the reader looks (the package's relationships name it) is not refused."""
    import zipfile

    moved = tmp_path / "moved.docx"
    renames = {
        "word/document.xml": "word/main.xml",
        "word/_rels/document.xml.rels": "word/_rels/main.xml.rels",
    }
    with zipfile.ZipFile(seed(SEED_STEMS[1], "docx")) as src, zipfile.ZipFile(moved, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"/word/document.xml", b"/word/main.xml").replace(
                    b"word/document.xml", b"word/main.xml"
                )
            out.writestr(renames.get(item.filename, item.filename), data)
    extraction = read_source(moved)
    assert "converted from .docx to DOCX through LibreOffice" in extraction.warnings
    assert len(extraction.blocks) > 10


def _docforge_convert(path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docforge.cli", "convert", str(path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


def test_password_protected_doc_is_one_line(tmp_path: Path) -> None:
    locked = word97(seed(SEED_STEMS[1], "docx"), tmp_path / "locked.doc", password="secret")
    done = _docforge_convert(locked, tmp_path / "out")
    lines = [line for line in done.stderr.splitlines() if line.startswith("docforge: ")]
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(lines) == 1 and str(locked) in lines[0] and "password" in lines[0], done.stderr


def test_time_out_is_one_line_and_the_next_file_converts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docforge.extract.office import OfficeError

    # This test's own temp folder: another test worker may be converting at the same time.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    data = seed(SEED_STEMS[4], "docx").read_bytes()
    convert_bytes(data, ".docx")  # warm
    with pytest.raises(OfficeError, match=r"did not convert the file within"):
        convert_bytes(data, ".docx", timeout=0.001)
    assert server().pid is None
    converted, _ = convert_bytes(data, ".docx")
    assert converted[:2] == b"PK"
    assert not list(tmp_path.glob("docforge-convert-*"))


def test_crashed_libreoffice_is_restarted(tmp_path: Path) -> None:
    data = seed(SEED_STEMS[1], "docx").read_bytes()
    convert_bytes(data, ".docx")
    starts = server().starts
    os.killpg(server().pid, signal.SIGKILL)
    time.sleep(0.5)
    converted, _ = convert_bytes(data, ".docx")
    assert converted[:2] == b"PK" and server().starts == starts + 1
