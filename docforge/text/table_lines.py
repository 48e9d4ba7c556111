"""The lines printed around a table: its title, its unit line and its notes.

Every format prints them the same way (a ``表1：…`` or a bare title line above, a
``单位：万元`` line just above the grid, ``注：…`` lines just below), so one set of
rules serves DOCX, PDF and text. These are pure functions over a line's text; the
normalizer decides where a line stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docforge.text.chars import PARAGRAPH_END

TITLE_MAX_CHARS = 60
UNIT_LINE_MAX_CHARS = 80
NOTE_MAX_CHARS = 400

_NUMERAL = r"(?:[0-9０-９]+(?:[-－.．][0-9０-９]+)*|[一二三四五六七八九十百]+)"
# ``表1`` ``表 2：`` ``表一、`` ``附表3`` ``续表`` ``续表1``; the label ends at a separator or the text.
_CAPTION_LABEL = re.compile(rf"^\s*(?:附|续)?表\s*{_NUMERAL}(?=\s|[:：、.．]|[^\d０-９]|$)")
_CONTINUED = re.compile(r"^\s*续表|[（(]\s*续(?:表)?\s*[）)]\s*$")
# ``单位：万元`` ``金额单位：元`` ``（单位：万元）``; the unit is one word.
_UNIT = re.compile(
    r"[（(]?\s*(?:金额|计量|货币)?单位\s*[：:]\s*(?P<unit>[^\s（()）,，；;：:]{1,6}?)\s*[）)]?\s*$"
)
# Fields printed on one line with the unit: ``编制单位：某局``, ``编制部门：某局``.
_FIELD = re.compile(r"(?:编制|填报|报送)(?:单位|部门|机关)\s*[：:]")
_NOTE = re.compile(r"^\s*(?:注|备注|说明)\s*[0-9０-９一二三四五六七八九十]*\s*[：:]")


@dataclass(frozen=True)
class UnitLine:
    """A line that ends with the table's unit: ``[title] [编制单位：…] 单位：万元``.

    ``title`` is a title printed on the same line before it (PDF lines often run
    them together), ``fields`` the other fields stated there; both may be empty.
    """

    unit: str
    title: str
    fields: str


def has_caption_label(text: str) -> bool:
    """Whether a line opens with a table label: ``表1`` ``表一`` ``附表2`` ``续表``."""
    return bool(_CAPTION_LABEL.match(text)) or text.strip().startswith("续表")


def is_continued(text: str) -> bool:
    """Whether a caption marks the continuation of the table before it (``续表``, ``…（续）``)."""
    return bool(_CONTINUED.search(text.strip()))


def unit_line(text: str) -> UnitLine | None:
    """The line read as a unit line, or None when it does not end with a unit."""
    stripped = text.strip()
    if len(stripped) > UNIT_LINE_MAX_CHARS:
        return None
    m = _UNIT.search(stripped)
    if not m:
        return None
    before = stripped[: m.start()].strip()
    field = _FIELD.search(before)
    title, fields = (
        (before[: field.start()].strip(), before[field.start() :].strip())
        if field
        else (before, "")
    )
    if title and (title[-1] in PARAGRAPH_END or "：" in title or ":" in title):
        return None  # a sentence that happens to end in a unit, not a unit line
    return UnitLine(unit=m.group("unit"), title=title, fields=fields)


def unit_in_text(text: str) -> str | None:
    """A unit stated anywhere in a short text such as a header cell (``项目（单位：万元）``)."""
    m = re.search(
        r"(?:金额|计量|货币)?单位\s*[：:]\s*(?P<unit>[^\s（()）,，；;：:]{1,6}?)\s*(?:[）)]|$)",
        text.strip(),
    )
    return m.group("unit") if m else None


def is_note_line(text: str) -> bool:
    """A ``注：…`` line (also ``注1：`` ``备注：`` ``说明：``) as printed below a table."""
    return len(text.strip()) <= NOTE_MAX_CHARS and bool(_NOTE.match(text))


def looks_like_title(text: str) -> bool:
    """A short line that can be a table's title: no sentence end, no colon (``表1：`` aside)."""
    stripped = text.strip()
    if not 2 <= len(stripped) <= TITLE_MAX_CHARS:
        return False
    if has_caption_label(stripped):
        return True
    if stripped[-1] in PARAGRAPH_END or stripped[-1] in "，,、":
        return False
    if any(mark in stripped for mark in "：:。；;"):
        return False
    return not re.fullmatch(r"[\d\s.,，．%％\-—]+", stripped)
