"""Text ↔ table: a figure of the 情况说明 prose must equal the table cell it describes.

``本年收入合计307.82万元`` describes the 收入支出决算总表's 本年收入合计; ``“三公”经费
财政拨款支出年初预算为2.85万元，支出决算为0.39万元`` the 三公 table's 合计 columns;
``一般公共服务支出（类）2106.66万元`` the 一般公共预算 table's 类 row. Which fact a
statement names is read from its label, the sentence before it and the total it is
a part of (``其中：基本支出…``). Figures about a change (``比上年减少0.15万元``)
describe no cell. The match is inferred from wording, so a disagreement is a
warning for the editor to look at, not an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.options import CheckOptions
from docforge.check.statements import MONEY_SCALE, Breakdown, Passage, Statement, qualified_label
from docforge.check.table_facts import Fact, class_name


@dataclass(frozen=True)
class Naming:
    """A way the prose names a table fact: a pattern on the label (qualified by its total), and on the sentence."""

    fact: str
    label: re.Pattern[str]
    sentence: re.Pattern[str] | None = None
    not_sentence: re.Pattern[str] | None = None


_ITEMS_OF_THREE = re.compile(r"三公[^，。；]*?(?:因公出国|公务用车|公务接待)|其中")
NAMINGS: tuple[Naming, ...] = (
    Naming("fiscal_grand_total", re.compile(r"财政拨款收(?:入)?支(?:出)?总计$")),
    Naming("grand_total", re.compile(r"(?<!财政拨款)收(?:入)?支(?:出)?总计$")),
    Naming("income_total", re.compile(r"(?:^|本年)收入合计$")),
    Naming("expenditure_total", re.compile(r"(?:^|本年)支出合计$")),
    Naming("fiscal_income", re.compile(r"收入合计/财政拨款收入$")),
    Naming("basic", re.compile(r"(?:^|本年)支出合计/基本支出$")),
    Naming("project", re.compile(r"(?:^|本年)支出合计/项目支出$")),
    Naming("general_budget_basic", re.compile(r"^一般公共预算财政拨款基本支出$")),
    Naming("personnel", re.compile(r"一般公共预算财政拨款基本支出/人员经费$")),
    Naming("public_funds", re.compile(r"一般公共预算财政拨款基本支出/公用经费$")),
    Naming("general_budget_total", re.compile(r"^一般公共预算财政拨款支出$")),
    Naming(
        "general_budget_total",
        re.compile(r"^支出决算(?:数)?$"),
        re.compile(r"一般公共预算财政拨款支出年初预算[^。]*$"),
        re.compile(r"三公|（项）|\(项\)"),
    ),
    Naming(
        "three_public_budget", re.compile(r"三公经费(?:财政拨款)?(?:支出)?(?:年初)?预算(?:数)?$")
    ),
    Naming("three_public_final", re.compile(r"三公经费(?:财政拨款)?支出决算(?:数)?$")),
    Naming(
        "three_public_final",
        re.compile(r"^支出决算(?:数)?$"),
        re.compile(r"三公[^。]*$"),
        _ITEMS_OF_THREE,
    ),
)
_CLASS = re.compile(r"^(.+?)[（(]类[)）]$")
# ``一般公共服务支出（类）财政事务（款）行政运行（项）``: the 项 a paragraph of the 具体情况 explains.
_ITEM_PATH = re.compile(
    r"([^，。；：、\d（）()]+)[（(]类[)）]([^，。；：、（）()]+)[（(]款[)）]([^，。；：、（）()]+)[（(]项[)）]"
)
_OUTCOME = re.compile(r"^(?:支出)?决算(?:数)?$")


def _sentence_before(passage: Passage, statement: Statement) -> str:
    first, _ = passage.sentences[passage.sentence_of(statement.start)]
    return re.sub(r"[“”\"'‘’]", "", passage.text[first : statement.start])


def _fact_of(
    statement: Statement, passage: Passage, groups: list[Breakdown], facts: dict[str, list[Fact]]
) -> Fact | None:
    label = qualified_label(statement, groups)
    before = _sentence_before(passage, statement)
    for naming in NAMINGS:
        if not naming.label.search(label):
            continue
        if naming.sentence is not None and not naming.sentence.search(before):
            continue
        if naming.not_sentence is not None and naming.not_sentence.search(before):
            continue
        if naming.fact in facts:
            return facts[naming.fact][0]
    if _OUTCOME.match(statement.label) and (
        m := _ITEM_PATH.search(passage.text[: statement.start])
    ):
        key = "general_budget_item:" + "/".join(re.sub(r"^\d+[、.．]", "", g) for g in m.groups())
        return facts[key][0] if key in facts else None
    if m := _CLASS.match(statement.label):
        name = class_name(m.group(1))
        for prefix in ("general_budget_class", "class"):
            if f"{prefix}:{name}" in facts and "一般公共预算" in passage.text[: statement.start]:
                return facts[f"{prefix}:{name}"][0]
    return None


def check_text_against_tables(
    passages: list[Passage],
    groups: list[Breakdown],
    facts: dict[str, list[Fact]],
    options: CheckOptions | None = None,
) -> list[Finding]:
    options = options or CheckOptions()
    findings = []
    if not facts:
        return findings
    for passage in passages:
        for statement in passage.money:
            if statement.is_comparison:
                continue
            fact = _fact_of(statement, passage, groups, facts)
            if fact is None or statement.in_wan is None:
                continue
            rounding = (
                Decimal(5)
                * Decimal(10) ** -(statement.places + 1)
                * MONEY_SCALE[statement.unit or "万元"]
            )
            allowed = max(options.allowed([fact.value]) * fact.table.scale, rounding)
            if abs(statement.in_wan - fact.in_wan) <= allowed:
                continue
            findings.append(
                Finding(
                    Rule.TEXT_TABLE,
                    Severity.WARNING,
                    f"正文数字与表格不一致：“{statement.raw_label}{statement.text}”，"
                    f"{fact.table.name}“{fact.row}”（{fact.column}）为{fact.text}",
                    f"the text states {statement.raw_label} {statement.text}; "
                    f"{fact.table.name}, {fact.row} ({fact.column}) gives {fact.text}",
                    passage.section,
                    passage.src,
                    f"{statement.raw_label}{statement.text}",
                    table=fact.table.name,
                    row=fact.row,
                    column=fact.column,
                    expected=fact.text,
                    found=statement.text,
                    target=fact.table.id,
                )
            )
    return findings
