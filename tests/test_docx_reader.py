"""What the DOCX reader makes of Word's body markup: one case per feature, in small built files."""

from __future__ import annotations

import io
import zipfile

import docx as python_docx
import pytest
from docx.oxml import parse_xml

from docforge.model.blocks import Break, FigureBlock, NoteBlock, TableBlock, TextBlock
from docforge.normalize import normalize_blocks
from tests.docx_builder import NAMESPACES, body_docx, read, with_parts


def run(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(content: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def texts(body: str) -> list[str]:
    return [b.text for b in read(body_docx(body)).blocks if isinstance(b, TextBlock)]


def test_tracked_insertions_in_deletions_and_moves_out() -> None:
    body = para(
        run("预算")
        + f'<w:ins w:id="1" w:author="a">{run("执行")}</w:ins>'
        + '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
        + f'<w:moveFrom w:id="3" w:author="a">{run("移走")}</w:moveFrom>'
        + run("率")
    )
    assert texts(body) == ["预算执行率"]


def test_field_result_kept_and_code_dropped() -> None:
    body = para(
        run("见第")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + run("页")
        + f'<w:fldSimple w:instr=" NUMPAGES ">{run("9")}</w:fldSimple>'
    )
    assert texts(body) == ["见第3页9"]


def test_hyperlinks_content_controls_and_smart_tags_give_their_text() -> None:
    body = (
        para(run("详见") + f'<w:hyperlink r:id="rId99">{run("财政局网站")}</w:hyperlink>')
        + f'<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>{para(run("控件段落"))}</w:sdtContent></w:sdt>'
        + para(f"<w:sdt><w:sdtContent>{run('行内控件')}</w:sdtContent></w:sdt>")
    )
    assert texts(body) == ["详见财政局网站", "控件段落", "行内控件"]


def test_bold_and_italic_spans_and_paragraph_hints() -> None:
    body = (
        para(run("标题", '<w:b/><w:sz w:val="44"/>'), '<w:jc w:val="center"/>')
        + para(
            run("坚持领导。", "<w:b/>") + run("正文", "") + run("斜体", "<w:i/>"),
            '<w:ind w:firstLineChars="200" w:firstLine="640"/>',
        )
        + para(run("不加粗", '<w:b w:val="0"/>'))
    )
    title, body_para, plain_para = read(body_docx(body)).blocks
    assert title.hints.centered and title.hints.bold and title.hints.font_size == 22
    assert [(s.text, s.strong, s.emphasis) for s in body_para.spans] == [
        ("坚持领导。", True, False),
        ("正文", False, False),
        ("斜体", False, True),
    ]
    assert body_para.hints.first_line_indent and not body_para.hints.bold
    assert not plain_para.spans[0].strong


def test_provenance_counts_body_paragraphs() -> None:
    blocks = read(body_docx(para(run("一")) + para("") + para(run("三")))).blocks
    assert [b.prov.paragraph for b in blocks] == [1, 3]


def test_page_and_line_breaks() -> None:
    body = (
        para(run("第一页") + '<w:r><w:br w:type="page"/></w:r>')
        + para(run("第二页") + "<w:r><w:br/></w:r>" + run("下一行"))
        + para(run("新页"), "<w:pageBreakBefore/>")
    )
    blocks = read(body_docx(body)).blocks
    assert [(b.text, b.break_before) for b in blocks] == [
        ("第一页", Break.PARAGRAPH),
        ("第二页", Break.PAGE),
        ("下一行", Break.LINE),
        ("新页", Break.PAGE),
    ]


def _styles_docx(style_xml: str, body: str) -> bytes:
    document = python_docx.Document()
    for style in parse_xml(f"<w:styles {NAMESPACES}>{style_xml}</w:styles>"):
        document.styles.element.append(style)
    data = body_docx(body)
    styles = io.BytesIO()
    document.save(styles)
    return with_parts(data, {"word/styles.xml": zipfile.ZipFile(styles).read("word/styles.xml")})


HEADING_STYLES = (
    '<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Custom Outline"/>'
    '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="LocalHeading"><w:name w:val="标题 3"/></w:style>'
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="3"><w:name w:val="WPS 小标题"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Derived"><w:name w:val="Derived"/><w:basedOn w:val="Outline"/>'
    "<w:rPr><w:b/></w:rPr></w:style>"
)


@pytest.mark.parametrize(
    ("ppr", "level", "signal"),
    [
        ('<w:outlineLvl w:val="0"/>', 1, "outline-level:paragraph"),
        ('<w:pStyle w:val="Outline"/>', 2, "outline-level:style"),
        ('<w:pStyle w:val="Derived"/>', 2, "outline-level:style"),
        ('<w:pStyle w:val="LocalHeading"/>', 3, "heading-style:标题 3"),
        ('<w:pStyle w:val="3"/>', 3, "numeric-style-id:3"),
        (
            '<w:pStyle w:val="Outline"/><w:outlineLvl w:val="9"/>',
            None,
            "outline-level:paragraph:body",
        ),
        ("", None, None),
    ],
)
def test_heading_hints_and_what_decided_them(
    ppr: str, level: int | None, signal: str | None
) -> None:
    block = read(_styles_docx(HEADING_STYLES, para(run("基本情况"), ppr))).blocks[0]
    assert (block.hints.outline_level, block.hints.signal) == (level, signal)


def test_bold_comes_through_the_paragraph_style() -> None:
    block = read(
        _styles_docx(HEADING_STYLES, para(run("加粗"), '<w:pStyle w:val="Derived"/>'))
    ).blocks[0]
    assert block.hints.bold and block.spans[0].strong


def cell(text: str, tcpr: str = "", props: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para(run(text, props))}</w:tc>"


def table(*rows: str, tblpr: str = "") -> str:
    return f"<w:tbl><w:tblPr>{tblpr}</w:tblPr>{''.join(rows)}</w:tbl>"


def row(*cells: str, trpr: str = "") -> str:
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>"


def test_table_spans_header_and_caption() -> None:
    """The reader keeps the caption line as text; the normalizer makes it the table's caption (as for every format)."""
    body = para(run("表1 部门整体支出绩效评价指标")) + table(
        row(
            cell("一级指标", '<w:vMerge w:val="restart"/>'),
            cell("分值", '<w:gridSpan w:val="2"/>'),
            trpr="<w:tblHeader/>",
        ),
        row(cell("", "<w:vMerge/>"), cell("满分"), cell("得分")),
        row(cell("投入"), cell("20"), cell("18")),
    )
    extraction = read(body_docx(body))
    assert [type(b).__name__ for b in extraction.blocks] == ["TextBlock", "TableBlock"]
    (block,) = normalize_blocks(extraction).blocks
    assert isinstance(block, TableBlock)
    assert block.caption == "表1 部门整体支出绩效评价指标"
    assert (
        block.header_rows == 2
    )  # the marked row, and the row its merged 一级指标 cell reaches into
    assert [[(c.text, c.row_span, c.col_span) for c in r] for r in block.rows] == [
        [("一级指标", 2, 1), ("分值", 1, 2)],
        [("满分", 1, 1), ("得分", 1, 1)],
        [("投入", 1, 1), ("20", 1, 1), ("18", 1, 1)],
    ]


def test_bold_first_row_is_a_header_and_nested_tables_are_flattened() -> None:
    nested = table(row(cell("甲"), cell("乙")), row(cell("丙"), cell("丁")))
    body = table(
        row(cell("项目", props="<w:b/>"), cell("说明", props="<w:b/>")),
        row(cell("外层"), f"<w:tc>{para(run('前言'))}{nested}</w:tc>"),
    )
    (block,) = read(body_docx(body)).blocks
    assert block.header_rows == 1 and block.caption is None
    assert block.rows[1][1].text == "前言\n甲 乙\n丙 丁"


def test_table_keeps_its_place_in_document_order() -> None:
    body = para(run("前")) + table(row(cell("格"))) + para(run("后"))
    blocks = read(body_docx(body)).blocks
    assert [type(b).__name__ for b in blocks] == ["TextBlock", "TableBlock", "TextBlock"]


DRAWING = (
    '<w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="图片 1" descr="组织架构图"/>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic><pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill></pic:pic>'
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
)
TEXT_BOX = (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="2" name="文本框 2"/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    f"<wps:wsp><wps:txbx><w:txbxContent>{para(run('框内文字'))}</w:txbxContent></wps:txbx></wps:wsp>"
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{para(run('框内文字'))}</w:txbxContent>"
    "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def test_images_become_figures_and_text_boxes_are_read_once() -> None:
    blocks = read(body_docx(para(run("如图：") + DRAWING) + para(TEXT_BOX))).blocks
    assert [
        (type(b).__name__, getattr(b, "alt", None) or getattr(b, "text", None)) for b in blocks
    ] == [("TextBlock", "如图："), ("FigureBlock", "组织架构图"), ("TextBlock", "框内文字")]
    assert isinstance(blocks[1], FigureBlock)


def _notes_part(kind: str, notes: dict[str, str]) -> bytes:
    body = "".join(
        f'<w:{kind} w:id="{i}">{para("<w:r><w:" + kind + "Ref/></w:r>" + run(text))}</w:{kind}>'
        for i, text in notes.items()
    )
    return f"<w:{kind}s {NAMESPACES}>{body}</w:{kind}s>".encode()


def test_footnotes_and_endnotes_become_notes_after_the_body() -> None:
    body = para(
        run("资金")
        + '<w:r><w:footnoteReference w:id="2"/></w:r>'
        + run("到位")
        + '<w:r><w:endnoteReference w:id="5"/></w:r>'
    ) + para(run("下一段"))
    data = with_parts(
        body_docx(body),
        {
            "word/footnotes.xml": _notes_part("footnote", {"2": "含上年结转。"}),
            "word/endnotes.xml": _notes_part("endnote", {"5": "数据来源：决算报表。"}),
        },
        relationships={"footnotes": "footnotes.xml", "endnotes": "endnotes.xml"},
        content_types={
            "word/footnotes.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            "word/endnotes.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
        },
    )
    blocks = read(data).blocks
    assert [b.text for b in blocks] == [
        "资金[1]到位[i]",
        "下一段",
        "含上年结转。",
        "数据来源：决算报表。",
    ]
    assert [(b.ref, type(b)) for b in blocks[2:]] == [("1", NoteBlock), ("ei", NoteBlock)]


def test_headers_footers_and_comments_are_not_body_text() -> None:
    document = python_docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉文字"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    document.add_paragraph("正文段落")
    out = io.BytesIO()
    document.save(out)
    comments = f'<w:comments {NAMESPACES}><w:comment w:id="0" w:author="a">{para(run("批注内容"))}</w:comment></w:comments>'
    data = with_parts(
        out.getvalue(),
        {"word/comments.xml": comments.encode()},
        relationships={"comments": "comments.xml"},
    )
    assert [b.text for b in read(data).blocks] == ["正文段落"]


def test_math_text_is_kept() -> None:
    math = (
        '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
        "<m:r><m:t>a+b</m:t></m:r></m:oMath>"
    )
    assert texts(para(run("公式") + math)) == ["公式a+b"]


def test_docm_is_read_as_a_document_and_its_macros_ignored() -> None:
    data = with_parts(
        body_docx(para(run("宏文档"))), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}
    )
    extraction = read(data, "report.docm")
    assert [b.text for b in extraction.blocks] == ["宏文档"]
    assert extraction.source.format == "docx"


def test_an_unclosed_field_code_does_not_hide_later_paragraphs() -> None:
    body = para(
        run("前文")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + '<w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r>'
    ) + para(run("后文"))
    assert texts(body) == ["前文", "后文"]


def test_a_field_result_may_span_paragraphs() -> None:
    body = (
        para(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("一、部门概况 1")
        )
        + para(run("二、绩效分析 3") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        + para(run("正文"))
    )
    assert texts(body) == ["一、部门概况 1", "二、绩效分析 3", "正文"]


def test_an_embedded_alt_chunk_is_reported_not_silently_lost() -> None:
    extraction = read(body_docx(para(run("前文")) + '<w:altChunk r:id="rId77"/>'))
    assert [b.text for b in extraction.blocks] == ["前文"]
    assert any("altChunk" in warning for warning in extraction.warnings)


def test_a_section_break_starts_a_page_unless_continuous() -> None:
    body = (
        para(run("封面"), '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>')
        + para(run("正文"))
        + para(run("续"), '<w:sectPr><w:type w:val="continuous"/></w:sectPr>')
        + para(run("同页"))
    )
    assert [b.break_before for b in read(body_docx(body)).blocks] == [
        Break.PARAGRAPH,
        Break.PAGE,
        Break.PARAGRAPH,
        Break.PARAGRAPH,
    ]


def test_symbol_font_characters_become_their_glyphs() -> None:
    body = para(
        run("完成")
        + '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
        + run("误差")
        + '<w:r><w:sym w:font="Symbol" w:char="F0B1"/></w:r>'
        + run("1%")
    )
    assert texts(body) == ["完成✓误差±1%"]


def test_header_rows_take_in_the_rows_a_header_cell_spans() -> None:
    body = table(
        row(cell("项目", '<w:vMerge w:val="restart"/>', "<w:b/>"), cell("金额", props="<w:b/>")),
        row(cell("", "<w:vMerge/>"), cell("万元")),
        row(cell("支出"), cell("12.5")),
    )
    (block,) = read(body_docx(body)).blocks
    assert block.header_rows == 2


def test_strict_open_xml_is_read_like_transitional() -> None:
    data = body_docx(para(run("严格格式"), '<w:jc w:val="center"/>'))
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    strict = document.replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    )
    (block,) = read(with_parts(data, {"word/document.xml": strict})).blocks
    assert block.text == "严格格式" and block.hints.centered
