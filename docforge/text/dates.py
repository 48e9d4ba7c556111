"""Years and dates as reports write them: ``2022年度``, ``2023.1``, ``2023年1月5日``."""

from __future__ import annotations

import re

# A plausible reporting year: 1900–2099.
YEAR_PATTERN = r"(?:19|20)\d{2}"
# A year followed by 年 (or 年度), the year captured.
YEAR_IN_TEXT = re.compile(rf"(?<![0-9])({YEAR_PATTERN})\s*年度?")
# A date at the start of a field value: ``2023.1``, ``2023年1月5日``, ``2023-01-05``.
DATE_AT_START = re.compile(
    rf"^\s*({YEAR_PATTERN})\s*[.年/-]\s*(\d{{1,2}})(?:\s*[.月/-]\s*(\d{{1,2}}))?"
)
# A whole line that is a date to the month or the day and nothing else, in Arabic or Chinese
# digits: ``2023年3月15日``, ``二〇二三年三月`` (the 成文日期 that closes a document).
_DATE_DIGITS = "0-9０-９〇零一二三四五六七八九十"
DATE_LINE = re.compile(
    rf"^\s*[{_DATE_DIGITS}]{{4}}\s*年\s*[{_DATE_DIGITS}]{{1,2}}\s*月(\s*[{_DATE_DIGITS}]{{1,3}}\s*日)?\s*$"
)
# A full date anywhere in a line: ``2023-06-12 15:30``, ``2023年6月12日``, ``2023/6/12``.
DATE_IN_TEXT = re.compile(rf"({YEAR_PATTERN})\s*[-年/.]\s*(\d{{1,2}})\s*[-月/.]\s*(\d{{1,2}})")


def canonical_date(text: str) -> str | None:
    """The first full date in ``text`` as ``YYYY-MM-DD`` (a web page's 发布时间 without its clock time)."""
    m = DATE_IN_TEXT.search(text)
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
