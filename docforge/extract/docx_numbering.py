"""Word automatic numbering (``numbering.xml``): the label Word shows before a paragraph.

In Word files the section labels (``一、``, ``（二）``, ``3.``) are often not
in the text at all: Word draws them from list definitions. This module keeps
the counters Word keeps while it lays out the document, so each numbered
paragraph gets the same label a reader sees on screen.

Word's rules, as implemented here:

- a ``w:num`` instance points to a ``w:abstractNum`` definition; instances of
  one definition share their counters, so a list continues across them;
- ``w:lvlOverride`` replaces a level or, with ``w:startOverride``, restarts
  it the first time the instance is used;
- using a level resets the deeper levels (unless ``w:lvlRestart`` says
  otherwise); a level not yet used shows its start value;
- ``w:lvlText`` is a template in which ``%1`` … ``%9`` are the levels'
  numbers in their own formats (all decimal under ``w:isLgl``);
- ``w:numStyleLink`` makes a definition borrow another through a style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from docforge.extract.docx_package import MC_NS, w
from docforge.extract.docx_styles import StyleSheet, first, int_attr, is_on
from docforge.extract.docx_symbols import bullet_text
from docforge.extract.number_formats import format_number

_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Level:
    """One level of a list definition (``w:lvl``)."""

    start: int = 1
    fmt: str = "decimal"
    template: str = ""
    suffix: str = "tab"
    restart_after: int | None = None
    legal: bool = False
    hidden: bool = False
    style: str | None = None
    font: str | None = None


@dataclass(frozen=True)
class Instance:
    """A ``w:num``: a definition plus per-level overrides."""

    abstract_id: str
    levels: dict[int, Level] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Label:
    """A resolved label: its text and what separates it from the paragraph text."""

    text: str
    suffix: str


def _level(el: etree._Element) -> Level:
    def val(tag: str) -> str | None:
        found = el.find(w(tag))
        return found.get(w("val")) if found is not None else None

    fmt = val("numFmt")
    if fmt is None:  # Word 2010's custom formats hide behind markup compatibility; use the fallback
        fallback = el.find(f"{{{MC_NS}}}AlternateContent/{{{MC_NS}}}Fallback/{w('numFmt')}")
        fmt = fallback.get(w("val")) if fallback is not None else None
    text_el = el.find(w("lvlText"))
    rpr = el.find(w("rPr"))
    start = int_attr(el.find(w("start")), "val")
    return Level(
        start=1 if start is None else start,
        fmt=fmt or "decimal",
        template=(text_el.get(w("val")) or "") if text_el is not None else "",
        suffix=val("suff") or "tab",
        restart_after=int_attr(el.find(w("lvlRestart")), "val"),
        legal=bool(is_on(el.find(w("isLgl")))),
        hidden=bool(is_on(rpr.find(w("vanish")))) if rpr is not None else False,
        style=val("pStyle"),
        font=_font(rpr),
    )


def _font(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(w("rFonts")) if rpr is not None else None
    return (fonts.get(w("ascii")) or fonts.get(w("hAnsi"))) if fonts is not None else None


def _levels(el: etree._Element) -> dict[int, Level]:
    return {int_attr(lvl, "ilvl") or 0: _level(lvl) for lvl in el.findall(w("lvl"))}


@dataclass
class NumberingDefinitions:
    """The list definitions of a document, as data."""

    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_links: dict[str, str] = field(default_factory=dict)
    instances: dict[str, Instance] = field(default_factory=dict)

    def definition(
        self, abstract_id: str, styles: StyleSheet, depth: int = 0
    ) -> tuple[str, dict[int, Level]]:
        """The abstract definition, following ``numStyleLink`` through the styles."""
        link = self.style_links.get(abstract_id)
        if link and depth < 5:
            ppr = next(
                (
                    s.ppr
                    for s in styles.chain(link)
                    if s.ppr is not None and s.ppr.find(f"{w('numPr')}/{w('numId')}") is not None
                ),
                None,
            )
            if ppr is not None:
                num_id = ppr.find(f"{w('numPr')}/{w('numId')}").get(w("val"))
                instance = self.instances.get(num_id or "")
                if instance and instance.abstract_id != abstract_id:
                    return self.definition(instance.abstract_id, styles, depth + 1)
        return abstract_id, self.abstracts.get(abstract_id, {})


def read_numbering(root: etree._Element | None) -> NumberingDefinitions:
    defs = NumberingDefinitions()
    if root is None:
        return defs
    for el in root.findall(w("abstractNum")):
        abstract_id = el.get(w("abstractNumId")) or ""
        defs.abstracts[abstract_id] = _levels(el)
        link = el.find(w("numStyleLink"))
        if link is not None and link.get(w("val")):
            defs.style_links[abstract_id] = link.get(w("val"))
    for el in root.findall(w("num")):
        ref = el.find(w("abstractNumId"))
        if ref is None:
            continue
        levels: dict[int, Level] = {}
        starts: dict[int, int] = {}
        for override in el.findall(w("lvlOverride")):
            ilvl = int_attr(override, "ilvl") or 0
            lvl = override.find(w("lvl"))
            if lvl is not None:
                levels[ilvl] = _level(lvl)
            start = int_attr(override.find(w("startOverride")), "val")
            if start is not None:
                starts[ilvl] = start
        defs.instances[el.get(w("numId")) or ""] = Instance(ref.get(w("val")) or "", levels, starts)
    return defs


def paragraph_numbering(
    ppr: etree._Element | None, styles: StyleSheet, defs: NumberingDefinitions
) -> tuple[str, int] | None:
    """The (numId, level) a paragraph is numbered with, directly or through its style."""
    direct = ppr.find(w("numPr")) if ppr is not None else None
    style_id = styles.paragraph_style(ppr)
    style_numpr = first([s.ppr for s in styles.chain(style_id) if s.ppr is not None], "numPr")
    num_id = ilvl = None
    for numpr in (direct, style_numpr):
        if numpr is None:
            continue
        num_el = numpr.find(w("numId"))
        if num_id is None and num_el is not None:
            num_id = num_el.get(w("val"))
        if ilvl is None:
            ilvl = int_attr(numpr.find(w("ilvl")), "val")
    if not num_id or num_id == "0" or num_id not in defs.instances:
        return None
    if ilvl is None:
        _, levels = defs.definition(defs.instances[num_id].abstract_id, styles)
        ilvl = next((i for i, lvl in levels.items() if lvl.style and lvl.style == style_id), 0)
    return num_id, max(0, min(ilvl, 8))


class NumberingCounter:
    """The counters Word keeps while laying out a document, one set per list definition."""

    def __init__(self, defs: NumberingDefinitions, styles: StyleSheet) -> None:
        self.defs = defs
        self.styles = styles
        self.counters: dict[str, dict[int, int]] = {}
        self.used_instances: set[str] = set()

    def _levels(self, num_id: str) -> tuple[str, dict[int, Level]]:
        instance = self.defs.instances[num_id]
        abstract_id, levels = self.defs.definition(instance.abstract_id, self.styles)
        return abstract_id, {**levels, **instance.levels}

    def next_label(self, num_id: str, ilvl: int) -> Label | None:
        """Advance the counter for a paragraph at ``ilvl`` of list ``num_id``; its label."""
        instance = self.defs.instances.get(num_id)
        if instance is None:
            return None
        abstract_id, levels = self._levels(num_id)
        if not levels:
            return None
        if ilvl not in levels:
            ilvl = (
                max(i for i in levels if i <= ilvl)
                if any(i <= ilvl for i in levels)
                else min(levels)
            )
        counters = self.counters.setdefault(abstract_id, {})
        starts = {i: instance.start_overrides.get(i, lvl.start) for i, lvl in levels.items()}
        if num_id not in self.used_instances:
            self.used_instances.add(num_id)
            for i in instance.start_overrides:
                counters.pop(i, None)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else starts[ilvl]
        for deeper, lvl in levels.items():
            if deeper > ilvl and (
                lvl.restart_after is None or (lvl.restart_after and ilvl < lvl.restart_after)
            ):
                counters.pop(deeper, None)
        level = levels[ilvl]
        if level.hidden:
            return None
        return Label(self._render(level, levels, counters, starts), level.suffix)

    def _render(
        self,
        level: Level,
        levels: dict[int, Level],
        counters: dict[int, int],
        starts: dict[int, int],
    ) -> str:
        if level.fmt == "bullet":
            return bullet_text(level.template, level.font)

        def number(match: re.Match[str]) -> str:
            i = int(match.group(1)) - 1
            ref = levels.get(i, Level())
            value = counters.get(i, starts.get(i, ref.start))
            fmt = "decimal" if level.legal and ref.fmt != "bullet" else ref.fmt
            return format_number(value, fmt)

        return _PLACEHOLDER.sub(number, level.template)
