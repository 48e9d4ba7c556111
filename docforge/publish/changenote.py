"""A new version's change note when the editor gave none: what differs from the version before."""

from __future__ import annotations

import difflib

from lxml import etree

from docforge.model.xml import q

_TEXT_BLOCKS = ("p", "heading", "item", "caption", "td", "th")


def _blocks(root: etree._Element) -> list[str]:
    """The body's text, one entry per paragraph, heading, list item and table cell."""
    body = root.find(q("body"))
    return ["".join(el.itertext()).strip() for el in body.iter(*(q(name) for name in _TEXT_BLOCKS))]


def change_note(before: etree._Element, after: etree._Element, before_number: int) -> str:
    """``与第1版相比：改动 3 处，新增 2 处，删除 1 处。`` (or that the text is the same)."""
    matcher = difflib.SequenceMatcher(a=_blocks(before), b=_blocks(after), autojunk=False)
    changed = added = removed = 0
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "replace":
            changed += min(a2 - a1, b2 - b1)
            added += max(0, (b2 - b1) - (a2 - a1))
            removed += max(0, (a2 - a1) - (b2 - b1))
        elif tag == "insert":
            added += b2 - b1
        elif tag == "delete":
            removed += a2 - a1
    if not (changed or added or removed):
        return f"与第{before_number}版相比：正文文字相同（原文件格式或排版有变化）。"
    parts = [
        f"{label} {count} 处"
        for label, count in (("改动", changed), ("新增", added), ("删除", removed))
        if count
    ]
    return f"与第{before_number}版相比：正文{'，'.join(parts)}。"
