"""Outline ranks: which heading encloses which, for numbered and unnumbered headings."""

from __future__ import annotations

import pytest

from docforge.model.blocks import Span, StyleHints, TextBlock
from docforge.model.vocabulary import BlockRole
from docforge.normalize.labels import parse_label
from docforge.normalize.outline_ranks import heading_rank, styled_outline


def heading(text: str, **hints: object) -> TextBlock:
    found = parse_label(text)
    label = found.label if found else None
    words = found.rest if found else text
    return TextBlock(
        spans=(),
        role=BlockRole.HEADING,
        label=label,
        title=(Span(words),),
        hints=StyleHints(**hints),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "outer, inner",
    [
        ("第一部分 部门概况", "一、基本情况"),
        ("第一章 总则", "一、基本情况"),
        ("一、基本情况", "（一）机构设置"),
        ("（一）机构设置", "1.内设机构"),
        ("1.内设机构", "（1）办公室"),
        ("（1）办公室", "①综合科"),
        ("1.1 范围", "1.1.1 适用"),
    ],
)
def test_the_usual_hierarchy_encloses_in_order(outer: str, inner: str) -> None:
    assert heading_rank(heading(outer)) < heading_rank(heading(inner))


def test_a_centred_unnumbered_title_stands_above_the_numbered_sections() -> None:
    display = heading("部门整体支出绩效自评报告", centered=True)
    assert heading_rank(display) < heading_rank(heading("一、基本情况"))
    assert heading_rank(heading("第一部分 部门概况")) < heading_rank(display)


def test_declared_levels_rank_numbered_headings_when_every_heading_declares_one() -> None:
    numbered = heading("1 这是第一章标题", outline_level=1)
    plain = heading("前言", outline_level=1)
    blocks = [numbered, plain]
    assert styled_outline(blocks)
    assert heading_rank(numbered, styled=True) == heading_rank(plain, styled=True)
    assert not styled_outline([numbered, heading("二、其他")])
    part = heading("第一部分 概况", outline_level=2)
    assert heading_rank(part, styled=True) < heading_rank(plain, styled=True)
