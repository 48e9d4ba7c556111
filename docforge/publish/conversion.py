"""The editor's conversion page of one version: figure findings first, each linked to its place
in the page; then the change log grouped by kind with counts (each group expandable); then the
warnings, in Chinese. It lives under ``_review/`` and is never linked from the public site."""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree

from docforge.model.vocabulary import ChangeKind
from docforge.model.xml import q
from docforge.publish.catalog import ReportRecord, VersionRecord
from docforge.publish.config import SiteConfig
from docforge.publish.figures import SEVERITY_WORDS, VersionFigures
from docforge.publish.messages import Messages
from docforge.publish.warning_words import warning_text, warning_title
from docforge.render.assets import environment

_LOCATION_PART = re.compile(r"^(para|p|l)(\d+)(?:-(\d+))?$")
_LOCATION_UNIT = {"p": "页", "l": "行", "para": "段"}


def location_label(src: str) -> str:
    """A provenance token (``p3 l5-7``, ``para12``) in words for the publisher: 第3页 第5–7行."""
    words = []
    for part in src.split():
        match = _LOCATION_PART.match(part)
        if not match:
            return src
        unit, first, last = match.groups()
        span = f"{first}–{last}" if last else first
        words.append(f"第{span}{_LOCATION_UNIT[unit]}")
    return " ".join(words)


# What each kind of change is, in the publisher's words.
CHANGE_KIND_WORDS = {
    ChangeKind.DROP_CONVERTER_DEBRIS: "删除转换残留标记",
    ChangeKind.DROP_PAGE_FURNITURE: "删除页眉页脚或页码",
    ChangeKind.DROP_REPEATED_TITLE: "删除重复的标题",
    ChangeKind.DROP_TABLE_OF_CONTENTS: "删除原文目录（网页另行生成目录）",
    ChangeKind.DROP_WEB_NOISE: "删除网页杂项（导航、标签、浏览量）",
    ChangeKind.FIX_DECIMAL_SEPARATOR: "更正小数点",
    ChangeKind.FIX_LABEL_FORM: "统一编号格式",
    ChangeKind.FIX_PUNCTUATION: "半角标点改为全角",
    ChangeKind.FIX_SPACING: "删除多余空格",
    ChangeKind.HEAL_SPLIT_PARAGRAPH: "合并被分页截断的段落",
    ChangeKind.JOIN_WRAPPED_LINES: "合并折行",
    ChangeKind.MOVE_TO_METADATA: "移入文档信息",
    ChangeKind.REMOVE_CONTROL_CHARACTERS: "删除控制字符",
    ChangeKind.RENUMBER_HEADING: "更正重复或跳号的标题编号",
}


def _finding_rows(figures: VersionFigures, page_href: str) -> list[dict[str, str]]:
    """Errors before warnings before hints; each links to the section it is in."""
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(figures.findings, key=lambda f: order.get(f.severity.value, 3))
    return [
        {
            "severity": SEVERITY_WORDS[f.severity],
            "level": f.severity.value,
            "code": f.code,
            "location": " ".join(
                filter(None, (f.table, f.row, f.column, location_label(f.src or "")))
            ),
            "section": f.section or "",
            "anchor": f.section or "",
            "href": f"{page_href}#{f.section}" if f.section else page_href,
            "message": f.message,
            "excerpt": f.excerpt,
            "expected": f.expected or "",
            "found": f.found or "",
        }
        for f in findings
    ]


def _change_groups(root: etree._Element) -> list[dict[str, object]]:
    """The change log by kind, the most frequent kind first."""
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for number, change in enumerate(root.iter(q("change")), start=1):
        groups[change.get("kind")].append(
            {
                "number": str(number),
                "kind": change.get("kind"),
                "location": location_label(change.get("src", "")),
                "before": change.findtext(q("before")) or "",
                "after": change.findtext(q("after")) or "",
            }
        )
    return [
        {
            "kind": kind,
            "words": CHANGE_KIND_WORDS.get(kind, kind),
            "count": len(rows),
            "changes": rows,
        }
        for kind, rows in sorted(groups.items(), key=lambda item: -len(item[1]))
    ]


def conversion_page(
    root: etree._Element,
    report: ReportRecord,
    version: VersionRecord,
    figures: VersionFigures,
    config: SiteConfig,
    to_top: str,
    page_href: str,
    state: str,
) -> str:
    warnings = [
        {
            "code": w.get("code", ""),
            "title": warning_title(w.get("code", "")),
            "location": location_label(w.get("src", "")),
            "text": warning_text(w.get("code", ""), w.text or ""),
        }
        for w in root.iter(q("warning"))
    ]
    groups = _change_groups(root)
    uncertain = [
        {
            "location": location_label(w.get("src", "")),
            "confidence": w.get("confidence"),
            "text": w.text or "",
        }
        for w in root.iter(q("word"))
        if w.getparent().tag == q("uncertain-words")
    ]
    return (
        environment()
        .get_template("site-conversion.html.j2")
        .render(
            root=to_top,
            site=config,
            noindex=True,
            canonical="",
            title=version.title,
            version=version,
            report=report,
            state=state,
            page_href=page_href,
            review_href=to_top + "_review/index.html",
            published=config.local_time(version.published_at),
            reasons=Messages("zh").reasons(version.review_reasons) if version.held else "",
            change_count=sum(g["count"] for g in groups),
            change_groups=groups,
            warnings=warnings,
            findings=_finding_rows(figures, page_href),
            uncertain=uncertain,
        )
    )
