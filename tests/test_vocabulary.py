"""Each piece of shared vocabulary has one definition, and the schema lists the closed ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from docforge.model.vocabulary import ChangeKind, NumberScheme
from docforge.publish.site import CHANGE_KIND_WORDS

PACKAGE = Path(__file__).resolve().parents[1] / "docforge"
RNG = "{http://relaxng.org/ns/structure/1.0}"


def _schema_choice(name: str) -> set[str]:
    grammar = etree.parse(str(PACKAGE / "model" / "report.rng"))
    define = grammar.find(f"{RNG}define[@name='{name}']")
    assert define is not None, f"report.rng has no define {name}"
    return {value.text for value in define.iter(f"{RNG}value")}


def test_schema_lists_every_change_kind() -> None:
    assert _schema_choice("changeKind") == {kind.value for kind in ChangeKind}


def test_schema_lists_every_number_scheme() -> None:
    assert _schema_choice("numberScheme") == {scheme.value for scheme in NumberScheme}


def test_every_change_kind_has_publisher_wording() -> None:
    assert set(CHANGE_KIND_WORDS) == set(ChangeKind)
    assert all(re.search(r"[\u4e00-\u9fff]", words) for words in CHANGE_KIND_WORDS.values())


# Literal definitions that belong in docforge/text/ (or model/vocabulary.py) and nowhere else.
SHARED_DEFINITIONS = {
    "a Han character range": re.compile(r"\\u4e00-\\u9fff|\\u3400-"),
    "a plausible year": re.compile(r"\(\?:19\|20\)"),
    "the money units": re.compile(r"万元\|亿元|亿元\|万元|\"亿元\", \"万元\""),
    "the 第N页 page-number form": re.compile(r"第\\s\*\\d\{1,4\}\\s\*页"),
    "a front-matter field list": re.compile(r"填报日期.{0,8}报告日期"),
    "a Chinese digit string": re.compile(r"[〇零]一二三四五六七八九"),
    "a money scale": re.compile(r"\"亿元\": Decimal"),
    "the 科目编码 levels": re.compile(r"\{3: 1, 5: 2, 7: 3\}"),
    "a percentage cell": re.compile(r"\[%％\](?:\\s\*)?\$"),
}
HOMES = ("text/", "model/vocabulary.py")


def _python_sources() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if not any(str(path.relative_to(PACKAGE)).startswith(home) for home in HOMES)
    ]


@pytest.mark.parametrize("what", sorted(SHARED_DEFINITIONS))
def test_shared_vocabulary_is_defined_once(what: str) -> None:
    pattern = SHARED_DEFINITIONS[what]
    home_hits = [
        path for path in (PACKAGE / "text").rglob("*.py") if pattern.search(path.read_text("utf-8"))
    ]
    elsewhere = [
        str(path.relative_to(PACKAGE))
        for path in _python_sources()
        if pattern.search(path.read_text("utf-8"))
    ]
    assert home_hits, f"{what} is no longer defined in docforge/text/"
    assert not elsewhere, f"{what} is defined again outside docforge/text/: {elsewhere}"
