"""The forms a printed page number takes: ``— 3 —``, ``第 3 页 共 9 页``, ``3/9``, ``Page 3``, a bare ``3``."""

from __future__ import annotations

import re

_DASHES = "-—–－~～"
_WORDED = (
    r"第\s*\d{1,4}\s*页\s*[,，/]?\s*(?:共\s*\d{1,4}\s*页)?"  # 第 3 页 共 9 页
    r"|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/9
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
)
_MARKED = re.compile(rf"^(?:[{_DASHES}]+\s*\d{{1,4}}\s*[{_DASHES}]+|{_WORDED})$")
_MARKED_OR_BARE = re.compile(rf"^(?:[{_DASHES}\s]*\d{{1,4}}[{_DASHES}\s]*|{_WORDED})$")


def is_marked_page_number(text: str) -> bool:
    """A page number in a form that cannot be anything else (``— 3 —``, ``第3页``).

    A bare number is left out: in a text stream it may as well end a line of a table or a
    sentence, so only its position can make it a page number.
    """
    return bool(_MARKED.match(text.strip()))


def may_be_page_number(text: str) -> bool:
    """A page number in any form, a bare or half-decorated number included.

    For lines whose position (the page's top or bottom band) already suggests furniture;
    a year standing alone (a cover page's ``2024``) is not one.
    """
    text = text.strip()
    if text.isdigit() and 1900 <= int(text) <= 2099:
        return False
    return bool(_MARKED_OR_BARE.match(text))
