"""Years and dates as reports write them: ``2022年度``, ``2023.1``, ``2023年1月5日``."""

from __future__ import annotations

import re

# A plausible reporting year: 1900–2099.
YEAR_PATTERN = r"(?:19|20)\d{2}"
# A year followed by 年 (or 年度), the year captured.
YEAR_IN_TEXT = re.compile(rf"(?<![0-9])({YEAR_PATTERN})\s*年度?")
# A date at the start of a field value: ``2023.1``, ``2023年1月5日``, ``2023-01-05``.
DATE_AT_START = re.compile(
    rf"^\s*({YEAR_PATTERN})\s*[.年/-]\s*(\d{{1,2}})(?:\s*[.月/-]\s*(\d{{1,2}}))?")
