"""Number labels of the official numbering hierarchy (GB/T 9704) and beyond.

``一、`` ``（一）`` ``1.`` ``（1）`` are the four usual levels; documents also use
``第一部分`` parts, ``第一章`` chapters, decimal outlines (``1.1``) and circled
numbers. A label's *scheme* says which kind it is; its *form* is how it is
written (``(一)`` and ``（一）`` are two forms of one scheme).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docforge.model.blocks import NumberLabel, TextBlock

HANZI_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                "六": 6, "七": 7, "八": 8, "九": 9}
HANZI_UNITS = {"十": 10, "百": 100, "千": 1000}
HANZI = "零〇一二两三四五六七八九十百千"
HAN_CHARS = "\u4e00-\u9fff"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Scheme rank: smaller is higher in the outline.
RANKS = {
    "part": 10,
    "chapter": 20,
    "section": 30,
    "hanzi-comma": 40,
    "paren-hanzi": 50,
    "arabic-dot": 60,
    "decimal": 60,
    "paren-arabic": 70,
    "circled": 80,
    "article": 90,
}
# Schemes that always mark a section when the text has the shape of a heading.
SECTION_SCHEMES = {"part", "chapter", "section", "hanzi-comma", "paren-hanzi"}
# Schemes that number provisions or items, never sections: ``第一条`` is an article.
ITEM_SCHEMES = {"article"}


def hanzi_to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as ``十一`` or ``二十三``; None if malformed."""
    if not text or any(ch not in HANZI for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in HANZI_DIGITS:
            current = HANZI_DIGITS[ch]
        else:
            unit = HANZI_UNITS[ch]
            total += (current or 1) * unit
            current = 0
    return total + current or None


def int_to_hanzi(value: int) -> str:
    """``11`` → ``十一``, ``20`` → ``二十``, ``105`` → ``一百零五``."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return digits[tens] + "十" + (digits[ones] if ones else "")
    hundreds, rest = divmod(value, 100)
    if rest == 0:
        return digits[hundreds] + "百"
    return digits[hundreds] + "百" + ("零" if rest < 10 else "") + (
        int_to_hanzi(rest) if rest >= 20 or rest < 10 else "一" + int_to_hanzi(rest))


_N = f"[{HANZI}]{{1,4}}"
# Decimal outlines go at most six numbers deep (GB/T 1.1 subdivides a clause five times);
# a longer chain of numbers is text, not a heading, and can never nest sections without end.
MAX_DECIMAL_DEPTH = 6
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第\s*(?P<n>{_N}|\d{{1,3}})\s*部分(?P<sep>[、：:.．]?)")),
    ("chapter", re.compile(rf"^第\s*(?P<n>{_N}|\d{{1,3}})\s*章(?P<sep>[、：:.．]?)")),
    ("section", re.compile(rf"^第\s*(?P<n>{_N}|\d{{1,3}})\s*节(?P<sep>[、：:.．]?)")),
    ("hanzi-comma", re.compile(rf"^(?P<n>{_N})\s*(?P<sep>[、．.])")),
    ("paren-hanzi", re.compile(rf"^(?P<open>[（(])\s*(?P<n>{_N})\s*(?P<close>[）)])(?P<sep>[、.．]?)")),
    ("decimal", re.compile(rf"^(?P<n>\d{{1,2}}(?:[.．]\s?\d{{1,2}}){{1,{MAX_DECIMAL_DEPTH - 1}}})(?![.．]\d)"
                           r"(?P<sep>\s*[、.．]\s*|\s+|(?<=[.．]0)(?=[^\d.．、\s万亿元%％‰倍个]))(?=\S)")),
    # ``1 目的``: the top of a decimal outline, a number and a space before Chinese words
    ("decimal", re.compile(rf"^(?P<n>\d{{1,2}})(?P<sep>[ \u3000]+)(?=[{HAN_CHARS}])")),
    ("arabic-dot", re.compile(r"^(?P<n>\d{1,3})\s*(?P<sep>[.．、])(?![\d.．、])")),
    ("paren-arabic", re.compile(r"^(?P<open>[（(])\s*(?P<n>\d{1,3})\s*(?P<close>[）)])(?P<sep>[、.．]?)")),
    ("circled", re.compile(rf"^(?P<n>[{CIRCLED}])(?P<sep>[、.．]?)")),
    ("article", re.compile(rf"^第\s*(?P<n>{_N}|\d{{1,3}})\s*条(?P<sep>[、：:.．]?)")),
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
    if scheme == "circled":
        return CIRCLED.index(n) + 1
    if scheme == "decimal":
        return int(_decimal_parts(n)[-1])
    if n.isdigit():
        return int(n)
    return hanzi_to_int(n)


def label_form(scheme: str, m: re.Match[str]) -> str:
    """The label's written form with ``{}`` for the numeral, spaces removed."""
    groups = m.groupdict()
    sep = (groups.get("sep") or "").strip()
    if scheme in ("part", "chapter", "section", "article"):
        word = {"part": "部分", "chapter": "章", "section": "节", "article": "条"}[scheme]
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
        rest = stripped[m.end():].lstrip(" \t\u3000\u00a0")
        if not rest:
            continue
        depth = len(_decimal_parts(m.group("n"))) if scheme == "decimal" else 1
        label = NumberLabel(scheme=scheme, value=value, text=m.group(0).strip(), depth=depth)
        return LabelMatch(label=label, form=label_form(scheme, m), rest=rest)
    return None


def rank(label: NumberLabel) -> int:
    """Outline rank of a label: a smaller rank encloses a larger one."""
    return RANKS[label.scheme] + (label.depth if label.scheme == "decimal" else 0)


# Rank of a heading the source styled but did not number, by its outline level.
UNNUMBERED_RANKS = {1: 40, 2: 50, 3: 60, 4: 70}
# A centred title without a number stands above the numbered sections it introduces.
DISPLAY_RANK = 35


def heading_rank(block: TextBlock) -> int:
    """Outline rank of a heading block: its label's, else what its look says."""
    if block.label:
        return rank(block.label)
    if not block.hints.outline_level and block.hints.centered:
        return DISPLAY_RANK
    return UNNUMBERED_RANKS.get(block.hints.outline_level or 1, 75)


def format_numeral(scheme: str, value: int, like: str) -> str:
    """The numeral for ``value`` written the way ``like`` (the old numeral) was."""
    if scheme == "circled":
        return CIRCLED[value - 1] if value <= len(CIRCLED) else str(value)
    if scheme == "decimal":
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
