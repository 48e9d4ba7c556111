"""The figures of a canonical report as checks see them: passages, labelled statements, breakdowns.

A *passage* is one paragraph, list item or heading with its ``<amount>``s at
their offsets in the text. A *statement* is one amount with the label the
text gives it (``公用经费预算 36.5 万元`` is 公用经费预算). A *breakdown* is a
total stated with its parts: ``决算支出730.55万元，其中：基本支出386.28万元，
项目支出344.27万元``, or parts followed by ``合计预算 470.41 万元``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

from lxml import etree

from docforge.model.xml import q
from docforge.text.chars import SENTENCE_END as SENTENCE_END_MARKS
from docforge.text.dates import YEAR_PATTERN
from docforge.text.units import MONEY_SCALE

PASSAGE_TAGS = ("p", "item", "heading", "caption", "note")
SENTENCE_END = re.compile(f"[{SENTENCE_END_MARKS}]")
# Where a label starts: the clause boundary before an amount.
_LABEL_BOUNDARY = re.compile(r"[，。；：、,;:！？!?]|其中")
_LABEL_TRAIL = re.compile(r"(?:为|是|达到|达|约|共|[：:\s])+$")
_LABEL_LEAD = re.compile(
    r"^(?:本年度|本度|本年|全年|当年|今年|本部门|本单位|我单位|我部门|我局|其中)"
)
_YEAR_LEAD = re.compile(rf"^({YEAR_PATTERN})年度?")
_QUOTES = re.compile(r"[“”‘’\"'「」\s]")
_BREAKDOWN = re.compile(r"其中")
_TOTAL_AFTER = re.compile(r"^(?:合计|共计|总计|小计)")
# ``比上年增加793.14万元`` compares with another figure; it is no part of a breakdown.
_COMPARISON = re.compile(r"比|较|同比|增加|减少|增长|下降|增幅|降幅|节约|超支")


@dataclass(frozen=True)
class Statement:
    value: Decimal
    unit: str | None
    kind: str
    text: str
    start: int
    end: int
    raw_label: str
    label: str
    passage: int

    @property
    def places(self) -> int:
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0

    @property
    def is_comparison(self) -> bool:
        return bool(_COMPARISON.search(self.raw_label))

    @property
    def in_wan(self) -> Decimal | None:
        """The amount in 万元, or None when it is not money."""
        scale = MONEY_SCALE.get(self.unit or "")
        return self.value * scale if scale is not None and self.kind == "money" else None


@dataclass
class Passage:
    text: str
    section: str | None
    src: str | None
    statements: list[Statement] = field(default_factory=list)
    heading: str = ""

    @property
    def where(self) -> str:
        """Where the passage is, in the publisher's words: its section's label and heading."""
        return self.heading or self.section or "正文"

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        bounds, start = [], 0
        for m in SENTENCE_END.finditer(self.text):
            bounds.append((start, m.end()))
            start = m.end()
        if start < len(self.text):
            bounds.append((start, len(self.text)))
        return bounds

    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [end for _, end in self.sentences]

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence ``pos`` is in (the last one past the end); a bisection, for long passages."""
        return min(bisect_right(self._sentence_ends, pos), len(self.sentences) - 1)

    @property
    def money(self) -> list[Statement]:
        return [s for s in self.statements if s.kind == "money" and s.in_wan is not None]


@dataclass(frozen=True)
class Breakdown:
    """A total and its stated parts; ``closed`` when the parts are all of it (合计)."""

    total: Statement
    parts: tuple[Statement, ...]
    closed: bool
    passage: int


def location(el: etree._Element) -> tuple[str | None, str | None]:
    """The id of the section an element is in, and the nearest source position."""
    section = next((a.get("id") for a in el.iterancestors(q("section"))), None)
    if el.tag == q("section"):
        section = el.get("id")
    src = el.get("src") or next((a.get("src") for a in el.iterancestors() if a.get("src")), None)
    return section, src


def section_heading(el: etree._Element) -> str:
    """``（一）部门整体收支情况``: the label and heading of the section an element is in."""
    section = el if el.tag == q("section") else next(el.iterancestors(q("section")), None)
    if section is None:
        return ""
    num = section.findtext(q("num")) or ""
    heading = section.find(q("heading"))
    return num + ("".join(heading.itertext()) if heading is not None else "")


def _flatten(el: etree._Element) -> tuple[str, list[tuple[int, int, etree._Element]]]:
    """The element's text (a list item's number left out) and its amounts at their offsets."""
    parts: list[str] = []
    amounts: list[tuple[int, int, etree._Element]] = []
    length = 0

    def add(text: str | None) -> None:
        nonlocal length
        if text:
            parts.append(text)
            length += len(text)

    def walk(node: etree._Element, top: bool) -> None:
        if node.tag == q("amount"):
            start = length
            add(node.text)
            amounts.append((start, length, node))
        elif node.tag != q("num") or top:
            add(node.text)
            for child in node:
                walk(child, False)
                add(child.tail)

    walk(el, True)
    return "".join(parts), amounts


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None


def report_year(root: etree._Element) -> int | None:
    text = root.findtext(f"{q('meta')}/{q('year')}")
    return int(text) if text and text.isdigit() else None


def normalize_label(raw: str, year: int | None) -> str:
    """The label without connecting words or the report's own year, for comparing statements."""
    label = _QUOTES.sub("", raw)
    label = _LABEL_TRAIL.sub("", label)
    while True:
        m = _YEAR_LEAD.match(label)
        if m and year is not None and int(m.group(1)) == year:
            label = label[m.end() :]
            continue
        m = _LABEL_LEAD.match(label)
        if m:
            label = label[m.end() :]
            continue
        return _LABEL_TRAIL.sub("", label)


def raw_label(text: str, start: int, floor: int) -> str:
    """The words that name the amount at ``start``: back to a clause boundary or the previous amount."""
    prefix = _LABEL_TRAIL.sub("", text[floor:start])
    cut = 0
    for m in _LABEL_BOUNDARY.finditer(prefix):
        cut = m.end()
    return prefix[cut:].strip()


def read_passages(root: etree._Element) -> list[Passage]:
    """Every passage of running text in the body and notes, in document order."""
    year = report_year(root)
    passages: list[Passage] = []
    scopes = [e for e in (root.find(q("body")), root.find(q("notes"))) if e is not None]
    for scope in scopes:
        for el in scope.iter(*(q(t) for t in PASSAGE_TAGS)):
            if any(a.tag in (q("th"), q("td")) for a in el.iterancestors()):
                continue
            text, amounts = _flatten(el)
            section, src = location(el)
            passage = Passage(text, section, src, heading=section_heading(el))
            floor = 0
            for start, end, amount in amounts:
                value = _decimal(amount.get("value"))
                if value is None:
                    continue
                raw = raw_label(text, start, floor)
                passage.statements.append(
                    Statement(
                        value=value,
                        unit=amount.get("unit"),
                        kind=amount.get("kind") or "number",
                        text=amount.text or "",
                        start=start,
                        end=end,
                        raw_label=raw,
                        label=normalize_label(raw, year),
                        passage=len(passages),
                    )
                )
                floor = end
            passages.append(passage)
    return passages


class Breakdowns(list[Breakdown]):
    """The breakdowns of a report, with the open breakdown each statement is a part of (by identity, at once)."""

    @cached_property
    def owner(self) -> dict[int, Breakdown]:
        owners: dict[int, Breakdown] = {}
        for group in self:
            if not group.closed:
                for part in group.parts:
                    owners.setdefault(id(part), group)
        return owners


def open_group_of(statement: Statement, groups: list[Breakdown]) -> Breakdown | None:
    """The total ``statement`` is a ``其中`` part of, if any."""
    if isinstance(groups, Breakdowns):
        return groups.owner.get(id(statement))
    return next((g for g in groups if not g.closed and any(p is statement for p in g.parts)), None)


def _between(money: list[Statement], starts: list[int], low: int, high: int) -> list[Statement]:
    """The statements starting in [low, high), found by bisection (``money`` is in text order)."""
    return money[bisect_left(starts, low) : bisect_left(starts, high)]


def breakdowns(passages: list[Passage]) -> Breakdowns:
    """Every total stated with its parts, by ``其中`` after the total or ``合计`` after the parts."""
    found = Breakdowns()
    for index, passage in enumerate(passages):
        money = [s for s in passage.money if not s.is_comparison]
        starts = [s.start for s in money]
        marks = [m.start() for m in _BREAKDOWN.finditer(passage.text)]
        for n, mark in enumerate(marks):
            sentence = passage.sentence_of(mark)
            first, last = (
                passage.sentences[sentence] if passage.sentences else (0, len(passage.text))
            )
            before = _between(money, starts, first, mark)
            if not before and sentence > 0 and not passage.text[first:mark].strip("，。 "):
                prev_first, _ = passage.sentences[sentence - 1]
                before = _between(money, starts, prev_first, first)
            limit = min(last, marks[n + 1]) if n + 1 < len(marks) else last
            parts = tuple(_between(money, starts, mark + 1, limit))
            if before and parts:
                found.append(Breakdown(before[-1], parts, closed=False, passage=index))
        for statement in money:
            if _TOTAL_AFTER.match(statement.raw_label):
                first, _ = passage.sentences[passage.sentence_of(statement.start)]
                parts = tuple(_between(money, starts, first, statement.start))
                if len(parts) >= 2:
                    found.append(Breakdown(statement, parts, closed=True, passage=index))
    return found


def qualified_label(statement: Statement, groups: list[Breakdown]) -> str:
    """A part's label under its total's (``三公经费预算数/公务接待费``): parts of different totals differ."""
    group = open_group_of(statement, groups)
    return f"{group.total.label}/{statement.label}" if group is not None else statement.label


# A label names a figure of the budget only when it says which money it is.
_MONEY_WORD = re.compile(r"预算|决算|支出|收入|经费|资金|拨款|金额|费")
# Words any figure's label may hold: what is left once they are gone says *whose* money it is.
_GENERIC = re.compile(
    rf"{YEAR_PATTERN}年度?|一般公共预算|政府性基金预算|国有资本经营预算|财政拨款|年初|年终|年末|当年|全年|本年|上年"
    r"|预算|决算|支出|收入|执行数|执行|安排|金额|合计|总计|总额|小计|调整|采购|计划|实际|完成|数|为|的|了|共"
)
SUBJECT_MIN = 2


def names_a_figure(label: str) -> bool:
    """``公用经费预算`` names one figure; ``年初预算`` or ``支出决算`` only say what kind, item by item."""
    return bool(_MONEY_WORD.search(label)) and len(_GENERIC.sub("", label)) >= SUBJECT_MIN


def labelled_figures(
    passages: list[Passage], groups: list[Breakdown]
) -> dict[str, list[Statement]]:
    """Every amount of money whose label names one figure, by that label (parts under their total's)."""
    stated: dict[str, list[Statement]] = {}
    for passage in passages:
        for statement in passage.money:
            if names_a_figure(statement.label) and not statement.is_comparison:
                stated.setdefault(qualified_label(statement, groups), []).append(statement)
    return stated


def tolerance(numbers: list[Statement]) -> Decimal:
    """How far a stated total may be from the sum of its rounded parts."""
    places = max(s.places for s in numbers)
    return Decimal(5) * Decimal(10) ** -(places + 1) * len(numbers)
