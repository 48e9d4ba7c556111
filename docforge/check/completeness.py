"""Completeness: the sections and tables a report of its kind must have, and empty tables marked as such.

What each kind requires is data (``required.toml``: names and title variants),
not code. A standard table without a single figure must say so (``本表无数据``)
in its notes or the line below it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from lxml import etree

from docforge.check.findings import Finding, Rule, Severity
from docforge.check.tables import Table, clean
from docforge.model.xml import q

_QUOTES = re.compile(r"[“”\"'‘’「」]")
_TITLE_LINE_MAX = 40


@dataclass(frozen=True)
class Required:
    name: str
    variants: tuple[str, ...]
    kind: str | None = None


@dataclass(frozen=True)
class ReportKind:
    id: str
    name: str
    title: re.Pattern[str]
    sections: tuple[Required, ...]
    tables: tuple[Required, ...]
    section_severity: Severity = Severity.WARNING


@cache
def report_kinds() -> tuple[ReportKind, ...]:
    data = tomllib.loads(
        resources.files("docforge.check").joinpath("required.toml").read_text(encoding="utf-8")
    )
    return tuple(
        ReportKind(
            r["id"],
            r["name"],
            re.compile(r["title"]),
            tuple(Required(s["name"], tuple(s["variants"])) for s in r.get("sections", [])),
            tuple(
                Required(t["name"], tuple(t["variants"]), t.get("kind"))
                for t in r.get("tables", [])
            ),
            Severity(r.get("section_severity", "warning")),
        )
        for r in data["report"]
    )


def report_kind(root: etree._Element) -> ReportKind | None:
    """The kind of report by its title: the first kind in ``required.toml`` whose pattern matches."""
    title = clean(root.findtext(f"{q('meta')}/{q('title')}"))
    return next((k for k in report_kinds() if title and k.title.search(title)), None)


def _plain(text: str) -> str:
    return _QUOTES.sub("", clean(text))


def _titles(root: etree._Element) -> list[str]:
    """Every heading of the body, and every short line that stands like a title (a part title printed without its number)."""
    body = root.find(q("body"))
    if body is None:
        return []
    out = [_plain("".join(h.itertext())) for h in body.iter(q("heading"))]
    for p in body.iter(q("p")):
        text = _plain("".join(p.itertext()))
        if text and len(text) <= _TITLE_LINE_MAX and text[-1] not in "。；;，,：:":
            out.append(text)
    return out


def check_completeness(root: etree._Element, tables: list[Table]) -> list[Finding]:
    kind = report_kind(root)
    if kind is None:
        return []
    findings = []
    titles = _titles(root)
    for section in kind.sections:
        if not any(v in t for t in titles for v in section.variants):
            findings.append(
                Finding(
                    Rule.MISSING_SECTION,
                    kind.section_severity,
                    f"{kind.name}应有“{section.name}”部分，未找到",
                    f"a {kind.id} report should have a section “{section.name}”; none found",
                    excerpt=section.name,
                    expected=section.name,
                )
            )
    kinds = {t.kind.value for t in tables if t.kind is not None}
    captions = [_plain(t.caption) for t in tables]
    for table in kind.tables:
        if table.kind in kinds or any(_plain(v) in c for c in captions for v in table.variants):
            continue
        findings.append(
            Finding(
                Rule.MISSING_TABLE,
                Severity.ERROR,
                f"{kind.name}应公开“{table.name}”，报告中未找到该表",
                f"a {kind.id} report must include the table “{table.name}”; it is not in the report",
                excerpt=table.name,
                table=table.name,
                expected=table.name,
            )
        )
    return findings


def check_empty_tables(tables: list[Table]) -> list[Finding]:
    findings = []
    for table in tables:
        if table.kind is None or table.has_figures or table.says_no_data:
            continue
        findings.append(
            Finding(
                Rule.EMPTY_TABLE,
                Severity.WARNING,
                f"{table.name}没有数字，也未注明“本表无数据”",
                f"{table.name} has no figures and does not say 本表无数据",
                table.section,
                table.src,
                table.name,
                table=table.name,
                target=table.id,
            )
        )
    return findings
