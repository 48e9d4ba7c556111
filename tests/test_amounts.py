"""Amounts marked in the canonical XML: value, unit and kind, wording untouched, schema valid, rendered."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from docforge.extract import read_source
from docforge.model.blocks import Cell, SourceInfo, Span, TableBlock, plain
from docforge.model.xml import parse_report, q, validation_errors
from docforge.normalize import normalize, normalize_blocks
from docforge.normalize.amounts import find_figures, mark_amounts
from docforge.normalize.build_xml import build_report
from docforge.normalize.passes.keep_report_metadata import keep_report_metadata
from docforge.normalize.pipeline import Draft, Options
from docforge.render.html import PageLinks, render_html
from tests.conftest import FIXTURES, SEED_STEMS, seed

CASES = (FIXTURES / "amounts.txt").read_text(encoding="utf-8").split("\n.\n")


def _case(block: str) -> tuple[str, list[tuple[str, str, str, str]]]:
    text, *expected = [line for line in block.strip().splitlines() if line]
    return text, [tuple(line.split("|")) for line in expected if line != "-"]


@pytest.mark.parametrize("block", CASES, ids=[_case(b)[0][:20] for b in CASES])
def test_figures_in_running_text(block: str) -> None:
    text, expected = _case(block)
    found = [(text[f.start : f.end], f.value, f.unit or "", f.kind) for f in find_figures(text)]
    assert found == expected


def _body_text(root: etree._Element) -> str:
    return "".join(root.find(q("body")).itertext())


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("stem", SEED_STEMS)
def test_marking_keeps_the_wording_and_the_schema(stem: str, strict: bool) -> None:
    extraction = read_source(seed(stem))
    draft = normalize_blocks(extraction, Options(strict_wording=strict))
    built = build_report(draft, extraction.source, "0", stem)
    marked = mark_amounts(copy.deepcopy(built))
    assert _body_text(marked) == _body_text(built)
    assert validation_errors(marked) == []
    assert len(list(marked.iter(q("amount")))) > 0
    again = mark_amounts(copy.deepcopy(marked))
    assert etree.tostring(again) == etree.tostring(marked)


def _amounts(root: etree._Element) -> list[tuple[str, str, str | None, str | None]]:
    return [(a.text, a.get("value"), a.get("unit"), a.get("kind")) for a in root.iter(q("amount"))]


def test_seed_amounts_are_marked() -> None:
    found = _amounts(normalize(read_source(seed("000_3920c4ed8e26362b"))).root)
    for amount in [
        ("643.77万元", "643.77", "万元", "money"),
        ("1.46亿元", "1.46", "亿元", "money"),
        ("3000万元", "3000", "万元", "money"),
        ("344.27万元", "344.27", "万元", "money"),
        ("30人", "30", "人", "count"),
        ("３篇", "3", "篇", "count"),
    ]:
        assert amount in found
    spaced = _amounts(
        normalize(read_source(seed("004_61b0b8f1dd07b1cd")), Options(strict_wording=True)).root
    )
    for amount in [
        ("481.39 元", "481.39", "元", "money"),
        ("98.49%", "98.49", "%", "percent"),
        ("18 分", "18", "分", "score"),
    ]:
        assert amount in spaced


def test_a_broken_decimal_is_not_taken_for_an_amount() -> None:
    root = normalize(read_source(seed("000_3920c4ed8e26362b")), Options(strict_wording=True)).root
    assert not any(value == "27" and unit == "万元" for _, value, unit, _ in _amounts(root))
    assert ("344.27万元", "344.27", "万元", "money") in _amounts(root)


def _table_report() -> etree._Element:
    def row(*texts: str) -> tuple[Cell, ...]:
        return tuple(Cell((Span(t),)) for t in texts)

    table = TableBlock(
        rows=(
            row("项目", "预算数（万元）", "执行率"),
            row("基本支出", "386.28", "98.49%"),
            row("合计", " 730.55 ", "—"),
        ),
        header_rows=1,
    )
    draft = Draft(
        blocks=(
            plain("某某局2022年度部门整体支出绩效自评报告", role="title"),
            table,
            plain("说明：预算 643.77 万元。", role="paragraph"),
        )
    )
    source = SourceInfo(file_name="t.txt", format="text", sha256="0" * 64, size=1)
    return mark_amounts(build_report(keep_report_metadata(draft), source, "0", "t"))


def test_table_cells_take_their_unit_from_the_column_header() -> None:
    root = _table_report()
    assert validation_errors(root) == []
    assert _amounts(root) == [
        ("386.28", "386.28", "万元", "money"),
        ("98.49%", "98.49", "%", "percent"),
        ("730.55", "730.55", "万元", "money"),
        ("643.77 万元", "643.77", "万元", "money"),
    ]
    total_cell = root.find(f".//{q('tbody')}")[1][1]
    assert "".join(total_cell.itertext()) == " 730.55 "


def test_identifier_columns_hold_no_amounts() -> None:
    root = mark_amounts(parse_report(FIXTURES / "checks" / "table-subtotals-add-up.xml").getroot())
    assert [a.text for a in root.iter(q("amount"))] == [
        "300.00",
        "86.28",
        "386.28",
        "300.00",
        "44.27",
        "344.27",
        "730.55",
    ]


def test_the_page_shows_amounts_as_spans(tmp_path: Path) -> None:
    root = normalize(read_source(seed("000_3920c4ed8e26362b"))).root
    page = render_html(root, PageLinks(pdf="", xml=""))
    assert '<span class="amount" data-value="643.77">643.77万元</span>' in page
