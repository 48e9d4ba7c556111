"""What a report is: department, reporting year and kind, read from its title and front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_KIND = re.compile(
    r"((?:部门|单位)?(?:整体)?(?:支出)?(?:项目)?(?:绩效|决算|预算|政府信息公开)\S*?"
    r"(?:报告|决算|预算|说明|报表))$"
)
_DATE = re.compile(r"^\s*((?:19|20)\d{2})\s*[.年/-]\s*(\d{1,2})(?:\s*[.月/-]\s*(\d{1,2}))?")


@dataclass(frozen=True)
class ReportMetadata:
    department: str | None
    year: int | None
    kind: str | None
    filled: str | None
    filled_iso: str | None


def iso_date(text: str) -> str | None:
    """``2023.1`` → ``2023-01``; ``2023年1月5日`` → ``2023-01-05``."""
    m = _DATE.match(text)
    if not m:
        return None
    year, month, day = m.group(1), int(m.group(2)), m.group(3)
    if not 1 <= month <= 12:
        return None
    return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day and 1 <= int(day) <= 31 else "")


def read_metadata(title: str, fields: dict[str, str]) -> ReportMetadata:
    compact = re.sub(r"\s+", "", title)
    year_match = _YEAR.search(compact)
    kind_match = _KIND.search(compact)
    kind = kind_match.group(1) if kind_match else None
    department = None
    if year_match:
        before = compact[: year_match.start()]
        after = compact[year_match.end(): kind_match.start() if kind_match else len(compact)]
        department = before or after or None
    department = fields.get("填报单位") or fields.get("单位名称") or fields.get("部门名称") or department
    filled = next((fields[k] for k in ("填报日期", "报告日期", "编制日期", "日期") if k in fields), None)
    return ReportMetadata(
        department=department,
        year=int(year_match.group(1)) if year_match else None,
        kind=kind,
        filled=filled,
        filled_iso=iso_date(filled) if filled else None,
    )
