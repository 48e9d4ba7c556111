"""Stray control characters in good UTF-8 or GB18030 text are dropped and logged; binary files are refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docforge.convert import convert_to_xml
from docforge.errors import InputError
from docforge.extract import read_source
from docforge.model.xml import comparable, q
from tests.conftest import SEED_STEMS, seed

STRAYS = "\x00\x07\x1b"


def with_strays(text: str) -> str:
    """The text with a NUL, a BEL and an ESC pasted into three of its lines."""
    lines = text.splitlines()
    for n, i in enumerate((2, len(lines) // 2, len(lines) - 2)):
        lines[i] = lines[i][:3] + STRAYS[n] + lines[i][3:]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_stray_controls_are_dropped_and_logged(tmp_path: Path, encoding: str) -> None:
    stem = SEED_STEMS[0]
    clean = seed(stem).read_text(encoding="utf-8")
    path = tmp_path / f"{stem}.txt"
    path.write_bytes(with_strays(clean).encode(encoding))
    root = convert_to_xml(path)
    assert comparable(root) == comparable(convert_to_xml(seed(stem)))
    removed = [c for c in root.iter(q("change")) if c.get("kind") == "remove-control-characters"]
    assert len(removed) == 3
    assert {"\\x00", "\\x07", "\\x1b"} <= {
        esc
        for c in removed
        for esc in ("\\x00", "\\x07", "\\x1b")
        if esc in c.findtext(q("before"))
    }
    assert root.find(f"{q('meta')}/{q('source')}").get("encoding") == encoding


def test_binary_file_named_txt_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "random.txt"
    path.write_bytes(os.urandom(4096) + b"\x00" * 512)
    with pytest.raises(InputError, match="binary content|not text"):
        read_source(path)


def test_text_with_many_controls_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(("报告" + "\x01\x02\x03" * 20 + "正文\n").encode("utf-8") * 50)
    with pytest.raises(InputError, match="binary content"):
        read_source(path)
