"""The text reader: encodings, Markdown emphasis, line breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from docforge.convert import convert_to_xml
from docforge.extract.text import read_text_lines
from docforge.model.blocks import Break
from docforge.model.xml import comparable, q
from tests.conftest import seed

ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-sig": lambda s: s.encode("utf-8-sig"),
    "gb18030": lambda s: s.encode("gb18030"),
    "utf-16-le": lambda s: s.encode("utf-16"),  # BOM first, as Windows Notepad writes it
}


def test_same_xml_whatever_the_encoding(tmp_path: Path) -> None:
    text = seed("002_af78986763f59c3a").read_text(encoding="utf-8")
    results = {}
    for name, encode in ENCODINGS.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(encode(text))
        root = convert_to_xml(path)
        assert root.find(f"{q('meta')}/{q('source')}").get("encoding") == name
        results[name] = comparable(root)
    assert len(set(results.values())) == 1


def test_gbk_without_bom_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(seed("000_3920c4ed8e26362b").read_text(encoding="utf-8").encode("gbk"))
    root = convert_to_xml(path)
    assert root.find(f"{q('meta')}/{q('source')}").get("encoding") == "gb18030"
    assert root.findtext(f"{q('meta')}/{q('title')}").startswith("中国人民政治协商会议常宁市")


def test_markdown_bold_becomes_strong_not_asterisks() -> None:
    blocks = read_text_lines("正文**加粗**结束")
    assert [(s.text, s.strong) for s in blocks[0].spans] == [
        ("正文", False),
        ("加粗", True),
        ("结束", False),
    ]


def test_line_breaks_are_reported_not_interpreted() -> None:
    blocks = read_text_lines("第一行\n第二行\n\n第三行\f第四行")
    assert [b.break_before for b in blocks] == [
        Break.PARAGRAPH,
        Break.LINE,
        Break.PARAGRAPH,
        Break.PAGE,
    ]


@pytest.mark.parametrize("markdown", [False, True])
def test_numbering_is_never_a_markdown_list(markdown: bool) -> None:
    blocks = read_text_lines("1. 第一项\n2. 第二项", markdown=markdown)
    assert [b.text for b in blocks] == ["1. 第一项", "2. 第二项"]
