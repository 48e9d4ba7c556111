"""Unnumbered section titles set centred (as budget reports set them) become headings from the style hints."""

from __future__ import annotations

from docforge.model.blocks import Cell, Extraction, SourceInfo, Span, StyleHints, TableBlock, plain
from docforge.normalize import normalize
from tests.outline import outline_lines

CENTRED = StyleHints(centered=True)


def _report(*blocks) -> list[str]:
    source = SourceInfo(file_name="budget.pdf", format="pdf", sha256="0" * 64, size=1, pages=3)
    return outline_lines(normalize(Extraction(source=source, blocks=list(blocks))).root)


def _opening() -> tuple:
    """A cover title, then a centred section title over its first paragraph."""
    return (
        plain("上海市某某区2025年区级部门预算", hints=CENTRED),
        plain("某某局主要职能", hints=CENTRED),
        plain("某某局是主管全区某某工作的政府工作部门。"),
    )


def test_centred_titles_head_their_numbered_sections() -> None:
    outline = _report(
        *_opening(),
        plain("其他相关情况说明", hints=CENTRED),
        plain("一、机关运行经费预算"),
        plain("2025年本部门机关运行经费预算为100.00万元。"),
    )
    assert outline == ["1\t\t某某局主要职能", "1\t\t其他相关情况说明", "2\t一、\t机关运行经费预算"]


def test_a_centred_line_over_a_table_is_its_title_not_a_heading() -> None:
    table = TableBlock(rows=((Cell((Span("项目"),)), Cell((Span("金额"),))),), header_rows=1)
    outline = _report(
        *_opening(),
        plain("2025年部门财务收支预算总表", hints=CENTRED),
        plain("单位：万元"),
        table,
    )
    assert outline == ["1\t\t某某局主要职能"]


def test_a_centred_note_or_sentence_is_not_a_heading() -> None:
    outline = _report(
        plain("上海市某某区2025年区级部门预算", hints=CENTRED),
        plain("编制单位：某某局", hints=CENTRED),
        plain("正文第一段。"),
        plain("以上情况，特此说明。", hints=CENTRED),
        plain("正文第二段。"),
    )
    assert outline == []
