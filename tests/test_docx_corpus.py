"""Third-party Word files (``../shared/corpus/real``): each converts or fails with one line, and no text is lost.

The document's own text is taken straight from ``word/document.xml`` (every
``w:t`` Word shows: tracked deletions, moved-away text and markup-compatibility
fallbacks excluded), independently of the reader. Every character of it must
appear in what docforge published: the XML body, notes and metadata, heading and glossary-term
punctuation, and the ``before`` side of each logged change (what the normalizer
dropped or rewrote, with its reason). Labels docforge adds are allowed extra.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from docforge.convert import convert_to_xml
from docforge.errors import InputError
from docforge.model.xml import q, safe_parser
from tests.conftest import ROOT, SHARED_CORPUS

pytestmark = pytest.mark.slow

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
HIDDEN_FROM_READERS = {f"{{{W_NS}}}del", f"{{{W_NS}}}moveFrom", f"{{{MC_NS}}}Fallback"}
REAL_WORD_FILES = sorted((SHARED_CORPUS / "real").rglob("*.docx")) if SHARED_CORPUS.is_dir() else []


def shown_text(path: Path) -> str:
    """All text Word shows in the document body, read from the XML directly."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"), safe_parser())
    return "".join(
        t.text or ""
        for t in root.iter(f"{{{W_NS}}}t")
        if not any(a.tag in HIDDEN_FROM_READERS for a in t.iterancestors())
    )


def published_text(root: etree._Element) -> str:
    parts = [root.find(q("meta")), root.find(q("body")), root.find(q("notes"))]
    text = "".join("".join(el.itertext()) for el in parts if el is not None)
    text += "".join(h.get("punct", "") for h in root.iter(q("heading"), q("term")))
    text += "".join(b.text or "" for b in root.iter(q("before")))
    return text


def _relative(path: Path) -> str:
    return str(path.relative_to(SHARED_CORPUS / "real"))


@pytest.mark.parametrize("path", REAL_WORD_FILES, ids=_relative)
def test_real_word_file_loses_no_text(shared_corpus: Path, path: Path) -> None:
    try:
        root = convert_to_xml(path)
    except InputError as error:
        assert "\n" not in str(error) and str(path) in str(error)
        return
    have = Counter(published_text(root))
    want = Counter(c for c in shown_text(path) if not c.isspace())
    lost = {c: n - have[c] for c, n in want.items() if n > have[c]}
    assert not lost, f"characters lost: {lost}"


def test_cli_converts_every_real_word_file_or_fails_with_one_line(
    shared_corpus: Path, tmp_path: Path
) -> None:
    if not REAL_WORD_FILES:
        pytest.skip("no Word files in the shared corpus")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "docforge.cli",
            "convert",
            *map(str, REAL_WORD_FILES),
            "-o",
            str(tmp_path),
            "--to",
            "xml",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    failed = result.stderr.strip().splitlines()
    assert all(any(str(p) in line for p in REAL_WORD_FILES) for line in failed), result.stderr
    converted = [p for p in REAL_WORD_FILES if (tmp_path / f"{p.stem}.xml").exists()]
    assert len(converted) + len(failed) == len(REAL_WORD_FILES)
    assert result.returncode == (1 if failed else 0)
