"""Which pages of a PDF need OCR: judged from the characters of their text layer.

A department's PDF may be born-digital throughout, a scan throughout, or a
printed report whose last, signed and stamped page was scanned in. Each page
is judged on its own: a text layer of real Unicode is read as it is; a page
without text, or whose text layer is garbage (glyphs without a Unicode
mapping, Latin-1 debris of a broken font encoding), is read by OCR. Apart from
the OCR machinery, so a born-digital PDF never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docforge.text.chars import HAN_RE

_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\ufffd]|\(cid:\d+\)")
_LATIN1_LETTERS = re.compile(r"[\u0080-\u00ff]")
GARBLED_SHARE = (
    0.2  # of the visible characters: more than this unmapped or Latin-1 debris is garbage
)


def unmapped_count(visible: str) -> int:
    return len(_PRIVATE_USE.findall(visible))


def is_garbled(visible: str) -> bool:
    """Text whose glyphs mostly have no Unicode meaning, or that reads as Latin-1 debris instead of Chinese."""
    debris = len(_LATIN1_LETTERS.findall(visible))
    return unmapped_count(visible) > GARBLED_SHARE * len(visible) or (
        debris > GARBLED_SHARE * len(visible) and len(HAN_RE.findall(visible)) < debris
    )


def page_text_state(chars: Sequence[dict]) -> str:
    """``text`` (a usable text layer), ``none`` (no text: a scan) or ``garbage`` (an unusable text layer)."""
    visible = re.sub(r"\s+", "", "".join(c.get("text") or "" for c in chars))
    if not visible:
        return "none"
    return "garbage" if is_garbled(visible) else "text"


def needs_ocr(chars: Sequence[dict]) -> bool:
    return page_text_state(chars) != "text"
