"""Word automatic numbering: each paragraph starts with the label Word shows.

Every case is a small DOCX built here (python-docx plus a hand-written
``numbering.xml``) and the labels the reader put in front of the text.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from docforge.model.blocks import TextBlock
from tests.docx_builder import Para, lvl, numbered_docx, numbering_xml, read, with_parts


def labels(data: bytes) -> list[str]:
    return [b.text for b in read(data).blocks if isinstance(b, TextBlock)]


def single_level(
    fmt: str, template: str, count: int, start: int = 1, suff: str = "nothing"
) -> bytes:
    numbering = numbering_xml({1: lvl(0, fmt, template, start, suff)}, {1: (1, "")})
    return numbered_docx(numbering, [Para(f"x{i}", 1) for i in range(count)])


FORMAT_CASES = [
    ("decimal", "%1.", 1, ["1.", "2.", "3."]),
    ("chineseCounting", "%1、", 9, ["九、", "十、", "十一、"]),
    ("chineseCounting", "%1、", 99, ["九十九、", "一○○、", "一○一、"]),
    ("chineseCountingThousand", "%1、", 99, ["九十九、", "一百、", "一百零一、"]),
    ("ideographTraditional", "%1、", 1, ["甲、", "乙、", "丙、"]),
    ("ideographTraditional", "%1、", 9, ["壬、", "癸、", "11、"]),
    ("japaneseCounting", "%1.", 9, ["九.", "十.", "十一."]),
    ("decimalEnclosedCircle", "%1", 19, ["⑲", "⑳", "㉑"]),
    ("decimalFullWidth", "%1．", 9, ["９．", "１０．", "１１．"]),
    ("upperLetter", "%1.", 25, ["Y.", "Z.", "AA."]),
    ("lowerLetter", "%1)", 1, ["a)", "b)", "c)"]),
    ("upperRoman", "%1.", 3, ["III.", "IV.", "V."]),
    ("lowerRoman", "(%1)", 8, ["(viii)", "(ix)", "(x)"]),
    ("bullet", "\uf0b7", 1, ["•", "•", "•"]),
    ("bullet", "●", 1, ["●", "●", "●"]),
]


@pytest.mark.parametrize(
    ("fmt", "template", "start", "expected"),
    FORMAT_CASES,
    ids=[f"{c[0]}-{c[2]}" for c in FORMAT_CASES],
)
def test_number_formats(fmt: str, template: str, start: int, expected: list[str]) -> None:
    texts = labels(single_level(fmt, template, len(expected), start))
    assert texts == [f"{label}x{i}" for i, label in enumerate(expected)]


def test_numbered_paragraphs_are_marked_as_labelled_by_numbering() -> None:
    blocks = read(single_level("chineseCounting", "%1、", 1)).blocks
    assert all(b.hints.label_from_numbering for b in blocks)


CHINESE_OUTLINE = (
    lvl(0, "chineseCounting", "%1、", suff="nothing")
    + lvl(1, "chineseCounting", "（%2）", suff="nothing")
    + lvl(2, "decimal", "%3.", suff="nothing")
    + lvl(3, "decimal", "（%4）", suff="nothing")
)


def test_levels_nest_and_a_higher_level_restarts_the_lower() -> None:
    data = numbered_docx(
        numbering_xml({0: CHINESE_OUTLINE}, {7: (0, "")}),
        [
            Para("部门概况", 7, 0),
            Para("基本职能", 7, 1),
            Para("人员", 7, 1),
            Para("坚持", 7, 2),
            Para("细则", 7, 3),
            Para("落实", 7, 2),
            Para("绩效", 7, 0),
            Para("成效", 7, 1),
        ],
    )
    assert labels(data) == [
        "一、部门概况",
        "（一）基本职能",
        "（二）人员",
        "1.坚持",
        "（1）细则",
        "2.落实",
        "二、绩效",
        "（一）成效",
    ]


def test_multi_level_templates() -> None:
    levels = (
        lvl(0, "decimal", "%1.", suff="space")
        + lvl(1, "decimal", "%1.%2", suff="space")
        + lvl(2, "decimal", "%1.%2.%3", suff="space")
    )
    data = numbered_docx(
        numbering_xml({0: levels}, {1: (0, "")}),
        [
            Para("a", 1, 0),
            Para("b", 1, 1),
            Para("c", 1, 2),
            Para("d", 1, 1),
            Para("e", 1, 0),
            Para("f", 1, 2),
        ],
    )
    assert labels(data) == ["1. a", "1.1 b", "1.1.1 c", "1.2 d", "2. e", "2.1.1 f"]


def test_legal_numbering_shows_every_level_in_arabic() -> None:
    levels = lvl(0, "chineseCounting", "%1、", suff="nothing") + lvl(
        1, "decimal", "%1.%2", suff="space", extra="<w:isLgl/>"
    )
    data = numbered_docx(
        numbering_xml({0: levels}, {1: (0, "")}),
        [
            Para("总则", 1, 0),
            Para("目的", 1, 1),
            Para("分则", 1, 0),
            Para("范围", 1, 1),
        ],
    )
    assert labels(data) == ["一、总则", "1.1 目的", "二、分则", "2.1 范围"]


def test_lvl_restart_zero_keeps_counting_across_higher_levels() -> None:
    levels = lvl(0, "chineseCounting", "%1、", suff="nothing") + lvl(
        1, "decimal", "%2.", suff="nothing", extra='<w:lvlRestart w:val="0"/>'
    )
    data = numbered_docx(
        numbering_xml({0: levels}, {1: (0, "")}),
        [
            Para("甲", 1, 0),
            Para("a", 1, 1),
            Para("b", 1, 1),
            Para("乙", 1, 0),
            Para("c", 1, 1),
        ],
    )
    assert labels(data) == ["一、甲", "1.a", "2.b", "二、乙", "3.c"]


def test_lists_of_one_definition_continue_and_start_override_restarts() -> None:
    abstract = lvl(0, "decimal", "%1、", suff="nothing")
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    data = numbered_docx(
        numbering_xml({0: abstract}, {1: (0, ""), 2: (0, ""), 3: (0, restart)}),
        [
            Para("a", 1),
            Para("b", 1),
            Para("中断"),
            Para("c", 2),
            Para("d", 3),
            Para("e", 3),
            Para("f", 1),
        ],
    )
    assert labels(data) == ["1、a", "2、b", "中断", "3、c", "1、d", "2、e", "3、f"]


def test_start_override_with_another_value() -> None:
    abstract = lvl(0, "chineseCounting", "%1、", suff="nothing")
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride>'
    data = numbered_docx(
        numbering_xml({0: abstract}, {5: (0, override)}), [Para("a", 5), Para("b", 5)]
    )
    assert labels(data) == ["四、a", "五、b"]


def test_level_override_replaces_the_level_definition() -> None:
    abstract = lvl(0, "decimal", "%1.", suff="nothing")
    override = f'<w:lvlOverride w:ilvl="0">{lvl(0, "upperRoman", "%1)", start=2, suff="space")}</w:lvlOverride>'
    data = numbered_docx(
        numbering_xml({0: abstract}, {1: (0, ""), 2: (0, override)}),
        [
            Para("a", 1),
            Para("b", 2),
            Para("c", 2),
        ],
    )
    assert labels(data) == ["1.a", "II) b", "III) c"]


def test_separate_definitions_count_separately() -> None:
    abstracts = {
        0: lvl(0, "decimal", "%1.", suff="nothing"),
        1: lvl(0, "lowerLetter", "%1.", suff="nothing"),
    }
    data = numbered_docx(
        numbering_xml(abstracts, {1: (0, ""), 2: (1, "")}),
        [
            Para("a", 1),
            Para("b", 2),
            Para("c", 1),
            Para("d", 2),
        ],
    )
    assert labels(data) == ["1.a", "a.b", "2.c", "b.d"]


def test_suffix_tab_space_and_nothing() -> None:
    abstracts = {0: lvl(0, "decimal", "%1.", suff="tab") + lvl(1, "chineseCounting", "（%2）")}
    abstracts[1] = lvl(0, "chineseCounting", "%1、", suff="space")
    data = numbered_docx(
        numbering_xml(abstracts, {1: (0, ""), 2: (1, "")}),
        [
            Para("tab", 1, 0),
            Para("中文", 1, 1),
            Para("空格", 2, 0),
        ],
    )
    assert labels(data) == ["1. tab", "（一）中文", "一、 空格"]


def test_numbering_attached_through_a_paragraph_style() -> None:
    abstract = lvl(0, "chineseCounting", "%1、", suff="nothing") + lvl(
        1, "chineseCounting", "（%2）", suff="nothing"
    )
    data = numbered_docx(
        numbering_xml({0: abstract}, {3: (0, "")}),
        [
            Para("概况", style="Heading 1"),
            Para("职能", style="Heading 2"),
            Para("正文"),
            Para("绩效", style="Heading 1"),
        ],
        style_numbering={"Heading 1": (3, 0), "Heading 2": (3, 1)},
    )
    assert labels(data) == ["一、概况", "（一）职能", "正文", "二、绩效"]


def test_num_id_zero_on_the_paragraph_removes_style_numbering() -> None:
    abstract = lvl(0, "decimal", "%1.", suff="nothing")
    data = numbered_docx(
        numbering_xml({0: abstract}, {3: (0, "")}),
        [
            Para("a", style="List Number"),
            Para("b", 0, style="List Number"),
            Para("c", style="List Number"),
        ],
        style_numbering={"List Number": (3, 0)},
    )
    assert labels(data) == ["1.a", "b", "2.c"]


def test_hidden_level_shows_no_label() -> None:
    abstract = lvl(0, "decimal", "%1.", suff="nothing", extra="<w:rPr><w:vanish/></w:rPr>")
    data = numbered_docx(numbering_xml({0: abstract}, {1: (0, "")}), [Para("a", 1)])
    assert labels(data) == ["a"]


def test_definition_borrowed_through_num_style_link() -> None:
    abstracts = {
        0: '<w:styleLink w:val="ReportList"/>' + lvl(0, "chineseCounting", "%1、", suff="nothing"),
        1: '<w:numStyleLink w:val="ReportList"/>',
    }
    style = (
        '<w:style w:type="numbering" w:styleId="ReportList"><w:name w:val="Report List"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    data = numbered_docx(
        numbering_xml(abstracts, {1: (0, ""), 2: (1, "")}),
        [Para("a", 2), Para("b", 2)],
        extra_styles=style,
    )
    assert labels(data) == ["一、a", "二、b"]


def test_custom_format_behind_markup_compatibility_uses_its_fallback() -> None:
    custom = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14">'
        '<w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice><mc:Fallback>'
        '<w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>'
    )
    data = numbered_docx(numbering_xml({0: custom}, {1: (0, "")}), [Para("a", 1), Para("b", 1)])
    assert labels(data) == ["01、a", "02、b"]


def test_a_paragraph_deleted_as_a_tracked_change_is_not_counted() -> None:
    numbering = numbering_xml({0: lvl(0, "chineseCounting", "%1、", suff="nothing")}, {1: (0, "")})
    data = numbered_docx(numbering, [Para("保留", 1), Para("删除", 1), Para("其后", 1)])
    deleted = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        '<w:rPr><w:del w:id="9" w:author="a"/></w:rPr></w:pPr><w:del w:id="8" w:author="a">'
        "<w:r><w:delText>删除</w:delText></w:r></w:del></w:p>"
    )
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    start = document.index("<w:p>", document.index("保留"))
    end = document.index("</w:p>", start) + len("</w:p>")
    data = with_parts(
        data, {"word/document.xml": (document[:start] + deleted + document[end:]).encode()}
    )
    assert labels(data) == ["一、保留", "二、其后"]


def test_wingdings_bullet_shows_the_glyph_the_font_draws() -> None:
    font = '<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings" w:hint="default"/></w:rPr>'
    level = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0d8"/>'
        f'<w:lvlJc w:val="left"/>{font}</w:lvl>'
    )
    data = numbered_docx(numbering_xml({0: level}, {1: (0, "")}), [Para("要点", 1)])
    assert labels(data) == ["➢ 要点"]
