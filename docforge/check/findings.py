"""What a check reports: a finding with its rule, severity, where it is, the values involved and what to tell the publisher."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from enum import StrEnum


class Severity(StrEnum):
    """``error`` holds a report back under ``publish --strict``; ``warning`` asks for a look; ``note`` is for the record."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class Rule(StrEnum):
    """The stable id of each check: findings, the catalog and ``make eval-checks`` count by it."""

    SUM_MISMATCH = "sum-mismatch"  # a total stated in prose with parts that do not add up to it
    SUM_SHORT = "sum-short"  # ``其中`` parts short of their total
    TABLE_SUM = "table-sum-mismatch"  # a 合计/小计/总计 row or column of a table
    TABLE_HIERARCHY = (
        "table-hierarchy-mismatch"  # a 类 or 款 row that is not the sum of its 款 or 项 rows
    )
    TABLE_BALANCE = (
        "table-balance-mismatch"  # 年初结转和结余 + 收入 = 支出 + 年末结转和结余; both sides' 总计
    )
    CROSS_TABLE = "cross-table-mismatch"  # one figure that two standard tables state differently
    TEXT_TABLE = (
        "text-table-mismatch"  # a figure of the 情况说明 that disagrees with its table cell
    )
    SHARE = "share-mismatch"  # ``占…%`` that does not follow from the amounts
    CHANGE = "change-mismatch"  # ``增加x万元，增长y%`` that does not follow from the figures
    RATE = "rate-mismatch"  # 执行率 / ``完成预算的…%`` that does not follow from plan and outcome
    UNIT_SLIP = "unit-slip"
    MALFORMED = "malformed-number"
    CONFLICT = "conflicting-figure"
    YEAR = "year-contradiction"
    MISSING_TABLE = "missing-table"  # a table the report kind requires is not in the report
    MISSING_SECTION = "missing-section"  # a section the report kind requires is not in the report
    EMPTY_TABLE = (
        "empty-table-unmarked"  # a standard table without figures and without ``本表无数据``
    )


_PAGE = re.compile(r"(?:^|\s)p(\d+)(?:\s|$)")
_PARAGRAPH = re.compile(r"(?:^|\s)para(\d+)")
_LINE = re.compile(r"(?:^|\s)l(\d+)")


@dataclass(frozen=True)
class Finding:
    """One problem with the report's figures, located so that an auditor can go to it.

    ``message`` is Chinese, for the publisher who signs off the report;
    ``message_en`` says the same for ``--lang en`` and logs. ``section`` is the
    id of the section it is in, ``src`` where in the source it came from
    (``p12 l3`` in a PDF, ``para7`` in a text or Word file). For a table,
    ``table`` is its caption as printed, ``row`` and ``column`` the labels of
    the cell; ``expected`` is what the figures around it give and ``found``
    what the report states. ``excerpt`` holds the figures as the report states them. ``ocr`` says the figures
    came from a scanned page, so the message asks to check them against the scan.
    """

    code: Rule
    severity: Severity
    message: str
    message_en: str
    section: str | None = None
    src: str | None = None
    excerpt: str = ""
    table: str | None = None
    row: str | None = None
    column: str | None = None
    expected: str | None = None
    found: str | None = None
    target: str | None = None  # the id of the element the finding is about (a table), for links
    ocr: bool = False  # the figures were read by OCR from a scan: a misread digit is possible

    @property
    def page(self) -> int | None:
        match = _PAGE.search(self.src or "")
        return int(match.group(1)) if match else None

    @property
    def paragraph(self) -> int | None:
        match = _PARAGRAPH.search(self.src or "")
        return int(match.group(1)) if match else None

    @property
    def line(self) -> int | None:
        """The first source line (``l9`` of a text file, ``p18 l9-11`` of a PDF page)."""
        match = _LINE.search(self.src or "")
        return int(match.group(1)) if match else None

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message

    def to_dict(self) -> dict[str, str | int | None]:
        data = asdict(self)
        data["code"] = self.code.value if isinstance(self.code, Rule) else self.code
        data["severity"] = self.severity.value
        data["page"] = self.page
        data["paragraph"] = self.paragraph
        data["line"] = self.line
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        """The finding ``to_dict`` wrote (its derived page, paragraph and line are read again
        from ``src``)."""
        names = {f.name for f in fields(cls)}
        kept = {name: value for name, value in data.items() if name in names}
        return cls(**{**kept, "severity": Severity(kept["severity"])})
