"""Chinese numerals, read and written, and the number-label parser that uses them."""

from __future__ import annotations

import pytest

from docforge.extract.number_formats import (
    chinese_counting,
    chinese_counting_thousand,
    chinese_legal,
)
from docforge.model.vocabulary import NumberScheme
from docforge.normalize.labels import parse_label
from docforge.text.numerals import hanzi_to_int, int_to_hanzi


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (999, "九百九十九"),
        (1000, "一千"),
        (1005, "一千零五"),
        (2024, "二千零二十四"),
        (10000, "一万"),
    ],
)
def test_int_to_hanzi(value: int, written: str) -> None:
    assert int_to_hanzi(value) == written


def test_hanzi_round_trip_beyond_a_thousand() -> None:
    assert all(hanzi_to_int(int_to_hanzi(n)) == n for n in range(1, 10000))


@pytest.mark.parametrize("text", ["", "abc", "一x", "十万"])
def test_hanzi_to_int_refuses_what_is_no_label_numeral(text: str) -> None:
    assert hanzi_to_int(text) is None


def test_word_number_formats_share_the_reading() -> None:
    assert chinese_counting_thousand(1200) == "一千二百"
    assert chinese_counting(100) == "一○○"
    assert chinese_legal(101) == "壹佰零壹"


@pytest.mark.parametrize(
    ("text", "scheme", "value", "label"),
    [
        ("一、总体情况", NumberScheme.HANZI_COMMA, 1, "一、"),
        ("十一、其他", NumberScheme.HANZI_COMMA, 11, "十一、"),
        ("（二）预算执行", NumberScheme.PAREN_HANZI, 2, "（二）"),
        ("(三)半角括号", NumberScheme.PAREN_HANZI, 3, "(三)"),
        ("1.加强管理", NumberScheme.ARABIC_DOT, 1, "1."),
        ("2．全角点", NumberScheme.ARABIC_DOT, 2, "2．"),
        ("3、顿号", NumberScheme.ARABIC_DOT, 3, "3、"),
        ("（4）带括号", NumberScheme.PAREN_ARABIC, 4, "（4）"),
        ("第二部分 部门决算表", NumberScheme.PART, 2, "第二部分"),
        ("第三章 附则", NumberScheme.CHAPTER, 3, "第三章"),
        ("第十二条 本办法", NumberScheme.ARTICLE, 12, "第十二条"),
        ("②圈号", NumberScheme.CIRCLED, 2, "②"),
        ("3.1 目的", NumberScheme.DECIMAL, None, "3.1"),
    ],
)
def test_parse_label(text: str, scheme: NumberScheme, value: int | None, label: str) -> None:
    match = parse_label(text)
    assert match is not None
    assert match.label.scheme == scheme
    if value is not None:
        assert match.label.value == value
    assert text.startswith(match.label.text.strip()) or match.label.text.strip().startswith(label)


@pytest.mark.parametrize(
    "text", ["2022年度部门整体支出", "12.5万元", "一是加强", "1.2.3.4.5.6.7.8 链"]
)
def test_parse_label_leaves_text_that_is_no_label(text: str) -> None:
    match = parse_label(text)
    assert match is None or match.label.scheme == NumberScheme.DECIMAL and text.startswith("1.2")
