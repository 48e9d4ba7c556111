"""Number labels of the official numbering hierarchy (GB/T 9704) and beyond.

``一、`` ``（一）`` ``1.`` ``（1）`` are the four usual levels; documents also use
``第一部分`` parts, ``第一章`` chapters, decimal outlines (``1.1``) and circled
numbers. A label's *scheme* says which kind it is; its *form* is how it is
written (``(一)`` and ``（一）`` are two forms of one scheme).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docforge.model.blocks import NumberLabel
from docforge.model.vocabulary import NumberScheme
from docforge.text.chars import HAN
from docforge.text.numerals import HANZI, hanzi_to_int, int_to_hanzi

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Schemes that always mark a section when the text has the shape of a heading.
SECTION_SCHEMES = {
    NumberScheme.PART,
    NumberScheme.CHAPTER,
    NumberScheme.SECTION,
    NumberScheme.HANZI_COMMA,
    NumberScheme.PAREN_HANZI,
}
# Schemes that number provisions or items, never sections: ``第一条`` is an article.
ITEM_SCHEMES = {NumberScheme.ARTICLE}


_N = f"[{HANZI}]{{1,4}}"
# Decimal outlines go at most six numbers deep (GB/T 1.1 subdivides a clause five times);
# a longer chain of numbers is text, not a heading, and can never nest sections without end.
MAX_DECIMAL_DEPTH = 6
# Characters that, right after a number, make it a quantity (``4.3万元``, ``1.5倍``), not a label.
_NOT_AFTER_NUMBER = "万亿千百元米吨斤克里亩年月日天时分秒倍个人次件项家名%％‰"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (NumberScheme.PART, re.compile(rf"^第\s*(?P<n>{_N}|\d{{1,3}})\s*部分(?P<sep>[、：:.．]?)")),
    (NumberScheme.CHAPTER, re.compile(rf"^第\s*(?P<n>{_N}|\d{{1,3}})\s*章(?P<sep>[、：:.．]?)")),
    (NumberScheme.SECTION, re.compile(rf"^第\s*(?P<n>{_N}|\d{{1,3}})\s*节(?P<sep>[、：:.．]?)")),
    (NumberScheme.HANZI_COMMA, re.compile(rf"^(?P<n>{_N})\s*(?P<sep>[、．.])")),
    (
        NumberScheme.PAREN_HANZI,
        re.compile(rf"^(?P<open>[（(])\s*(?P<n>{_N})\s*(?P<close>[）)])(?P<sep>[、.．]?)"),
    ),
    (
        NumberScheme.DECIMAL,
        re.compile(
            rf"^(?P<n>\d{{1,2}}(?:[.．]\s?\d{{1,2}}){{1,{MAX_DECIMAL_DEPTH - 1}}})(?![.．]\d)"
            rf"(?P<sep>\s*[、.．]\s*|\s+|(?<=[.．]0)(?=[^\d.．、\s{_NOT_AFTER_NUMBER}])|(?<=\d)(?=[{HAN}])(?![{_NOT_AFTER_NUMBER}]))(?=\S)"
        ),
    ),
    # ``1 目的``: the top of a decimal outline, a number and a space before Chinese words
    (NumberScheme.DECIMAL, re.compile(rf"^(?P<n>\d{{1,2}})(?P<sep>[ \u3000]+)(?=[{HAN}])")),
    (NumberScheme.ARABIC_DOT, re.compile(r"^(?P<n>\d{1,3})\s*(?P<sep>[.．、])(?![\d.．、])")),
    (
        NumberScheme.PAREN_ARABIC,
        re.compile(r"^(?P<open>[（(])\s*(?P<n>\d{1,3})\s*(?P<close>[）)])(?P<sep>[、.．]?)"),
    ),
    (NumberScheme.CIRCLED, re.compile(rf"^(?P<n>[{CIRCLED}])(?P<sep>[、.．]?)")),
    (NumberScheme.ARTICLE, re.compile(rf"^第\s*(?P<n>{_N}|\d{{1,3}})\s*条(?P<sep>[、：:.．]?)")),
]


@dataclass(frozen=True)
class LabelMatch:
    label: NumberLabel
    form: str
    rest: str


def _decimal_parts(n: str) -> list[str]:
    """The numbers of a decimal label; a trailing ``.0`` (``1.0 目的``) names the top level itself."""
    parts = [p.strip() for p in re.split(r"[.．]", n)]
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return parts


def _value(scheme: str, n: str) -> int | None:
    if scheme == NumberScheme.CIRCLED:
        return CIRCLED.index(n) + 1
    if scheme == NumberScheme.DECIMAL:
        return int(_decimal_parts(n)[-1])
    if n.isdigit():
        return int(n)
    return hanzi_to_int(n)


def label_form(scheme: str, m: re.Match[str]) -> str:
    """The label's written form with ``{}`` for the numeral, spaces removed."""
    groups = m.groupdict()
    sep = (groups.get("sep") or "").strip()
    if scheme in (
        NumberScheme.PART,
        NumberScheme.CHAPTER,
        NumberScheme.SECTION,
        NumberScheme.ARTICLE,
    ):
        word = {
            NumberScheme.PART: "部分",
            NumberScheme.CHAPTER: "章",
            NumberScheme.SECTION: "节",
            NumberScheme.ARTICLE: "条",
        }[scheme]
        return "第{}" + word + sep
    if "open" in groups:
        return groups["open"] + "{}" + groups["close"] + sep
    return "{}" + sep


def parse_label(text: str) -> LabelMatch | None:
    """The number label at the start of ``text`` and the text after it, or None."""
    stripped = text.lstrip()
    for scheme, pattern in _PATTERNS:
        m = pattern.match(stripped)
        if not m:
            continue
        value = _value(scheme, m.group("n"))
        if not value:
            continue
        rest = stripped[m.end() :].lstrip(" \t\u3000\u00a0")
        if not rest:
            continue
        depth = len(_decimal_parts(m.group("n"))) if scheme == NumberScheme.DECIMAL else 1
        label = NumberLabel(scheme=scheme, value=value, text=m.group(0).strip(), depth=depth)
        return LabelMatch(label=label, form=label_form(scheme, m), rest=rest)
    return None


def format_numeral(scheme: str, value: int, like: str) -> str:
    """The numeral for ``value`` written the way ``like`` (the old numeral) was."""
    if scheme == NumberScheme.CIRCLED:
        return CIRCLED[value - 1] if value <= len(CIRCLED) else str(value)
    if scheme == NumberScheme.DECIMAL:
        head = re.split(r"([.．])", like)
        return "".join(head[:-1]) + str(value)
    if like and like[0] in HANZI:
        return int_to_hanzi(value)
    return str(value)


def reparse_label(label_text: str) -> LabelMatch | None:
    """Parse a label on its own (``4.1、``, ``（一）``), as if words followed it."""
    return parse_label(label_text + "x") or parse_label(label_text + " x")


def numeral_of(label_text: str, scheme: str) -> str:
    """The numeral part of a label text (``（十一）`` → ``十一``, ``4.1、`` → ``4.1``)."""
    for name, pattern in _PATTERNS:
        if name == scheme:
            m = pattern.match(label_text + "x") or pattern.match(label_text + " x")
            if m:
                return m.group("n")
    return ""


def render_label(form: str, numeral: str) -> str:
    return form.replace("{}", numeral)
