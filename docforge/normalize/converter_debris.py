"""Pass: remove debris other converters leave in text (bookmarks, stray Markdown markers)."""

from __future__ import annotations

import re

from docforge.normalize.pipeline import Draft
from docforge.normalize.textops import edit_all_blocks

_DEBRIS = re.compile(
    r"\[bookmark:[^\]]*\]"          # pandoc/docx2txt bookmark anchors
    r"|\{#[\w:.-]+\}"               # pandoc heading anchors
    r"|\[(?:TOC|toc)\]"             # Markdown table-of-contents placeholders
    r"|(?<!\*)\*\*(?!\*)"           # unmatched bold markers left by another tool
    r"|<!--.*?-->"
)


def _debris(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "") for m in _DEBRIS.finditer(text)]


def strip_converter_debris(draft: Draft) -> Draft:
    return edit_all_blocks(draft, _debris, "drop-converter-debris")
