"""Word styles (``styles.xml``): the properties a paragraph or run inherits.

A Word paragraph's look is mostly not on the paragraph: it comes from its
style, that style's ``basedOn`` ancestors and the document defaults. The
reader asks this module "is this run bold", "what outline level does this
style declare", and gets the answer Word would compute.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from docforge.extract.docx_package import w

_OFF = {"0", "false", "off", "none"}
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_NUMERIC_ID = re.compile(r"^([1-9])$")
BODY_TEXT_OUTLINE = 9


def is_on(el: etree._Element | None) -> bool | None:
    """A toggle property's value (``<w:b/>``, ``<w:b w:val="0"/>``), None when absent."""
    if el is None:
        return None
    return (el.get(w("val")) or "true").lower() not in _OFF


@dataclass
class Style:
    style_id: str
    kind: str
    name: str
    based_on: str | None
    ppr: etree._Element | None
    rpr: etree._Element | None
    element: etree._Element


@dataclass
class StyleSheet:
    """All styles by id, plus the document defaults and default paragraph style."""

    styles: dict[str, Style] = field(default_factory=dict)
    default_paragraph: str | None = None
    default_rpr: etree._Element | None = None
    default_ppr: etree._Element | None = None

    def chain(self, style_id: str | None) -> Iterator[Style]:
        """The style and its ``basedOn`` ancestors, nearest first (loops cut)."""
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def paragraph_style(self, ppr: etree._Element | None) -> str | None:
        el = ppr.find(w("pStyle")) if ppr is not None else None
        return el.get(w("val")) if el is not None else self.default_paragraph

    def paragraph_props(self, ppr: etree._Element | None) -> list[etree._Element]:
        """Paragraph property elements from the most to the least specific."""
        props = [ppr] if ppr is not None else []
        props += [s.ppr for s in self.chain(self.paragraph_style(ppr)) if s.ppr is not None]
        if self.default_ppr is not None:
            props.append(self.default_ppr)
        return props

    def run_props(
        self, ppr: etree._Element | None, rpr: etree._Element | None
    ) -> list[etree._Element]:
        """Run property elements from the most to the least specific: direct, character
        style, paragraph style, document defaults."""
        props = [rpr] if rpr is not None else []
        rstyle = rpr.find(w("rStyle")) if rpr is not None else None
        if rstyle is not None:
            props += [s.rpr for s in self.chain(rstyle.get(w("val"))) if s.rpr is not None]
        props += [s.rpr for s in self.chain(self.paragraph_style(ppr)) if s.rpr is not None]
        if self.default_rpr is not None:
            props.append(self.default_rpr)
        return props

    def heading_level(self, ppr: etree._Element | None) -> tuple[int | None, str | None]:
        """The outline level a paragraph declares and what declared it.

        ``w:outlineLvl`` wins (on the paragraph, then its style chain), then a
        built-in or localised heading style name (Heading 1, 标题 1), then the
        numeric style ids WPS and Chinese Word give heading styles.
        """
        for where, props in (
            ("paragraph", [ppr] if ppr is not None else []),
            ("style", [s.ppr for s in self.chain(self.paragraph_style(ppr)) if s.ppr is not None]),
        ):
            el = first(props, "outlineLvl")
            if el is not None:
                value = int_attr(el, "val")
                if value is None or value >= BODY_TEXT_OUTLINE:
                    return None, f"outline-level:{where}:body"
                return value + 1, f"outline-level:{where}"
        for style in self.chain(self.paragraph_style(ppr)):
            if m := _HEADING_NAME.match(style.name.strip()):
                return int(m.group(1)), f"heading-style:{style.name}"
        for style in self.chain(self.paragraph_style(ppr)):
            if style.kind == "paragraph" and (m := _NUMERIC_ID.match(style.style_id)):
                return int(m.group(1)), f"numeric-style-id:{style.style_id}"
        return None, None

    def table_first_row_bold(self, style_id: str | None) -> bool:
        """Whether a table style (or an ancestor) makes the first row bold."""
        for style in self.chain(style_id):
            for cond in style.element.findall(w("tblStylePr")):
                if cond.get(w("type")) == "firstRow":
                    b = cond.find(f"{w('rPr')}/{w('b')}")
                    if b is not None:
                        return bool(is_on(b))
        return False


def first(props: list[etree._Element], tag: str) -> etree._Element | None:
    """The first of ``props`` that sets ``tag``: Word's inheritance in one line."""
    for el in props:
        found = el.find(w(tag))
        if found is not None:
            return found
    return None


def flag(props: list[etree._Element], tag: str) -> bool:
    return bool(is_on(first(props, tag)))


def int_attr(el: etree._Element | None, name: str) -> int | None:
    if el is None:
        return None
    value = el.get(w(name))
    try:
        return int(value) if value is not None else None
    except ValueError:
        try:
            return int(float(value))
        except ValueError:
            return None


def read_styles(root: etree._Element | None) -> StyleSheet:
    sheet = StyleSheet()
    if root is None:
        return sheet
    defaults = root.find(w("docDefaults"))
    if defaults is not None:
        sheet.default_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
        sheet.default_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
    for el in root.iter(w("style")):
        style_id = el.get(w("styleId"))
        if not style_id:
            continue
        name_el = el.find(w("name"))
        based = el.find(w("basedOn"))
        kind = el.get(w("type")) or "paragraph"
        sheet.styles[style_id] = Style(
            style_id=style_id,
            kind=kind,
            name=name_el.get(w("val"), "") if name_el is not None else "",
            based_on=based.get(w("val")) if based is not None else None,
            ppr=el.find(w("pPr")),
            rpr=el.find(w("rPr")),
            element=el,
        )
        if kind == "paragraph" and el.get(w("default")) in ("1", "true", "on"):
            sheet.default_paragraph = style_id
    return sheet
