"""What a report is: department, reporting year, kind and filling date, read from the draft.

The title usually names all of it (``某某局2022年度部门整体支出绩效自评报告``);
when it does not, the body's self-description does (``结合实际，区政协组织开展了
绩效评价工作``, ``中国人民政治协商会议某某市委员会成立于1980年``). Only the
block stream is read, never page headers, so every rendition of a report gives
the same metadata. A field that cannot be read stays empty and is reported as
missing: a portal must never list a guess as fact.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from docforge.model.blocks import TextBlock
from docforge.normalize.pipeline import Draft, ReportMetadata
from docforge.text.chars import HAN
from docforge.text.dates import DATE_AT_START, YEAR_PATTERN, canonical_date
from docforge.text.fields import DATE_FIELDS, DEPARTMENT_FIELDS

_YEAR = re.compile(rf"({YEAR_PATTERN})年度?")
# The kind ends the title: a report (``…绩效自评报告``, ``…工作年度报告``) or, as the national
# templates title them, the disclosure itself (``某局2023年度部门决算``, ``单位预算``).
_KIND = re.compile(
    r"((?:部门|单位)?(?:整体)?(?:支出)?(?:项目)?(?:(?:绩效|决算|预算|政府信息公开)\S*?"
    r"(?:报告|决算|预算|说明|报表)|(?:部门|单位)(?:决算|预算)))$"
)

# An organisation's name ends in one of these; what precedes it is its place and function.
_ORG_END = "委员会|政协|办公室|办公厅|局|厅|委|院|中心|馆|站|所|部|处|会|府|队|团|社"
# A body sentence in which the department describes itself: the name, then what it is or did.
_SELF_DESCRIPTION = re.compile(
    rf"(?:^|[，。；：,;:])\s*(?![我本该各全])(?P<org>(?:中国人民政治协商会议|中国共产党|中共)?[{HAN}]{{0,14}}?(?:{_ORG_END}))"
    r"(?:机关)?(?:成立于|组建于|始建于|是|系|组织开展|开展了|设立|内设|下设)"
)
# The year of the report in the body's own words: ``现将本单位2021年整体支出绩效评价结果报告如下``.
_BODY_YEAR = re.compile(
    rf"({YEAR_PATTERN})年度?(?:部门|单位)?(?:整体)?(?:支出|项目)?(?:绩效|预算|决算)"
)
# Words that end a place-and-function prefix rather than belong to a name (``在全区政协``).
_NOT_A_NAME = set("我全本各该在和与的及对为是了将向从把被由于以其此等所到上下内外后前新原共")
SELF_DESCRIPTION_SCAN = 12
PREFIX_MAX = 8
# A name that already starts with a named place (``常宁市``, ``上海市普陀区``) needs no expansion.
_NAMED_PLACE = re.compile(rf"^[{HAN}]{{2,}}?(?:省|市|县|区|州|旗)")


def iso_date(text: str) -> str | None:
    """``2023.1`` → ``2023-01``; ``2023年1月5日`` → ``2023-01-05``."""
    m = DATE_AT_START.match(text)
    if not m:
        return None
    year, month, day = m.group(1), int(m.group(2)), m.group(3)
    if not 1 <= month <= 12:
        return None
    return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day and 1 <= int(day) <= 31 else "")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_texts(draft: Draft) -> Iterator[str]:
    """The body's wording in order, headings and run-in text included, compacted."""
    for block in draft.blocks:
        if isinstance(block, TextBlock) and block.role not in ("title", "subtitle"):
            text = (
                f"{block.title_text}{block.title_punct or '。'}{block.text}"
                if block.role == "heading"
                else block.text
            )
            yield _compact(text)


def _self_described(texts: list[str]) -> str | None:
    for text in texts[:SELF_DESCRIPTION_SCAN]:
        if m := _SELF_DESCRIPTION.search(text):
            return m.group("org")
    return None


def _fullest_name(name: str, texts: list[str]) -> str:
    """The name with the place the body puts before it (``区政协`` → ``蒸湘区政协``).

    Only a prefix that stands alone (after punctuation or a title mark) and holds
    no function word counts, so ``在全区政协`` never yields ``在全区政协``; the most
    frequent such form wins.
    """
    if _NAMED_PLACE.match(name):
        return name
    found: Counter[str] = Counter()
    pattern = re.compile(rf"(?<![{HAN}])([{HAN}]{{2,{PREFIX_MAX}}}){re.escape(name)}")
    for text in texts:
        for m in pattern.finditer(text):
            if not _NOT_A_NAME.intersection(m.group(1)):
                found[m.group(1) + name] += 1
    return found.most_common(1)[0][0] if found else name


# Which disclosure fields stand in for a field the report does not state, best first.
PAGE_DEPARTMENT = ("publisher", "origin")
PAGE_DATES = ("written", "published")


def read_metadata(
    title: str,
    fields: dict[str, str],
    body: list[str] | None = None,
    disclosure: dict[str, str] | None = None,
) -> ReportMetadata:
    """Metadata from the title, the front-matter fields and the body's wording (compacted).

    A web copy's disclosure metadata (发布机构, 成文日期, 发布日期 …) fills the
    department and the date only where the report itself states neither; such
    fields are named in ``from_page`` so the publisher is told where they came from.
    """
    body = body or []
    disclosure = disclosure or {}
    compact = _compact(title)
    year_match = _YEAR.search(compact)
    kind_match = _KIND.search(compact)
    department = None
    if year_match:
        before = compact[: year_match.start()]
        after = compact[year_match.end() : kind_match.start() if kind_match else len(compact)]
        department = before or after or None
    elif kind_match:
        department = compact[: kind_match.start()] or None
    department = next((fields[k] for k in DEPARTMENT_FIELDS if fields.get(k)), None) or department
    department = department or _self_described(body)
    if department:
        department = _fullest_name(department, body)
    year = int(year_match.group(1)) if year_match else None
    if year is None:
        year = next(
            (
                int(m.group(1))
                for text in body[:SELF_DESCRIPTION_SCAN]
                if (m := _BODY_YEAR.search(text))
            ),
            None,
        )
    filled = next((fields[k] for k in DATE_FIELDS if fields.get(k)), None)
    from_page = []
    if not department and (
        department := next((disclosure[k] for k in PAGE_DEPARTMENT if disclosure.get(k)), None)
    ):
        from_page.append("department")
    if not filled and (
        filled := next((disclosure[k] for k in PAGE_DATES if disclosure.get(k)), None)
    ):
        filled = canonical_date(filled) or filled  # the day, without the page's clock time
        from_page.append("filled")
    return ReportMetadata(
        department=department,
        year=year,
        kind=kind_match.group(1) if kind_match else None,
        filled=filled,
        filled_iso=iso_date(filled) if filled else None,
        from_page=tuple(from_page),
    )


def title_text(draft: Draft) -> str | None:
    block = next((b for b in draft.blocks if isinstance(b, TextBlock) and b.role == "title"), None)
    return block.text if block else None


def read_report_metadata(draft: Draft) -> ReportMetadata:
    """The metadata of a normalized draft (a file name is no evidence: it is never read)."""
    return read_metadata(
        title_text(draft) or "",
        dict(draft.front.fields),
        list(body_texts(draft)),
        dict(draft.disclosure),
    )


MISSING_MESSAGES = {
    "department": "no department found in the title, front matter or the body's self-description",
    "year": "no reporting year found in the title or the opening of the body",
    "kind": "no report kind (such as 整体支出绩效评价报告) found in the title",
    "filled": "no filling date (such as 填报日期：2023.1) found in the front matter",
}
FROM_PAGE_MESSAGES = {
    "department": "the report names no department; the web page's 发布机构/来源 stands in",
    "filled": "the report states no filling date; the web page's 成文日期/发布日期 stands in",
}
