"""Lists and glossaries from the normalizer to the page and the PDF.

The crafted final-accounts case (``fixtures/normalize/final-accounts-structure.txt``) holds
an ordered list of duties, figure statements that are items, a bulleted list and a
名词解释 glossary: the page carries them as ``ol``/``ul``/``li`` and ``dl``/``dt``/``dd``
(axe-core finds no WCAG 2.1 AA violation), and the tagged PDF as ``L``/``LI``/``Lbl``/``LBody``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from lxml import etree
from lxml import html as lxml_html

from docforge.convert import convert_to_xml
from docforge.model.xml import q, validation_errors
from docforge.render.html import PageLinks, render_html, stylesheet_text
from docforge.render.pdf import render_pdf
from tests.browser import axe_violations, chromium, serve
from tests.conftest import FIXTURES

CASE = FIXTURES / "normalize" / "final-accounts-structure.txt"


@pytest.fixture(scope="module")
def root() -> etree._Element:
    return convert_to_xml(CASE)


def test_lists_and_glossary_are_in_the_canonical_xml(root: etree._Element) -> None:
    assert validation_errors(root) == []
    glossary = root.find(f".//{q('glossary')}")
    assert [e.findtext(q("term")) for e in glossary] == ["财政拨款收入", "事业收入", "基本支出"]
    assert [e.findtext(q("num")) for e in glossary] == ["一、", "二、", "三、"]
    bullets = root.find(f".//{q('ul')}")
    assert [i.findtext(q("num")) for i in bullets] == ["•", "•", "•"]
    ordered = root.findall(f".//{q('ol')}")
    assert [len(o) for o in ordered] == [3, 2]
    assert root.find(f"{q('body')}/{q('p')}").text == "2024年8月"


def test_page_marks_up_lists_and_the_glossary(root: etree._Element) -> None:
    page = lxml_html.fromstring(render_html(root))
    assert len(page.xpath("//ul[@class='bulleted']/li")) == 3
    assert len(page.xpath("//ol[@class='labelled']/li")) == 5
    assert page.xpath("//dl[@class='glossary']/dt/text()") == [
        "财政拨款收入",
        "事业收入",
        "基本支出",
    ]
    assert len(page.xpath("//dl[@class='glossary']/dd")) == 3


def test_axe_finds_no_violation_on_lists_and_glossary(root: etree._Element, tmp_path: Path) -> None:
    (tmp_path / "report.css").write_text(stylesheet_text(), encoding="utf-8")
    (tmp_path / "case.html").write_text(
        render_html(root, PageLinks(home="index.html")), encoding="utf-8"
    )
    with serve(tmp_path) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}case.html", wait_until="load")
        violations = axe_violations(page)
    assert violations == []


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _kids(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def test_pdf_tags_the_lists_as_l_of_li_with_lbody(root: etree._Element) -> None:
    with pikepdf.open(io.BytesIO(render_pdf(root))) as pdf:
        lists = [e for e in _elements(pdf.Root.StructTreeRoot) if str(e.S) == "/L"]
        item_lists = [e for e in lists if _kids(e) and {str(k.S) for k in _kids(e)} == {"/LI"}]
        sizes = sorted(len(_kids(e)) for e in item_lists)
        # the duties (3) and the bullets (3), besides the contents' lists
        assert sizes.count(3) >= 2, sizes
        for element in item_lists:
            for item in _kids(element):
                assert {str(k.S) for k in _kids(item)} <= {"/LBody", "/Lbl", "/L"}
