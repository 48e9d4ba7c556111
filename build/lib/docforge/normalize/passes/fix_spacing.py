"""Pass (wording): remove spaces that extraction put inside Chinese text.

``2022 年`` → ``2022年``, ``18 分`` → ``18分``, ``绩效 自评`` → ``绩效自评``.
Chinese never separates words with spaces; the gap a reader sees between
Chinese and Latin text is the renderer's job (CSS ``text-autospace``), so no
space is ever inserted.
"""

from __future__ import annotations

import re

from docforge.model.vocabulary import ChangeKind
from docforge.normalize.pipeline import Draft
from docforge.normalize.textops import edit_all_blocks
from docforge.text.chars import CJK_PUNCT, HAN

_C = f"{HAN}{CJK_PUNCT}"
_STRAY_SPACE = re.compile(
    rf"(?<=[{_C}])[ \u00a0\u3000]+(?=[{_C}A-Za-z0-9%])"
    rf"|(?<=[A-Za-z0-9%])[ \u00a0\u3000]+(?=[{_C}])"
)


def stray_spaces(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "") for m in _STRAY_SPACE.finditer(text)]


def fix_spacing(draft: Draft) -> Draft:
    return edit_all_blocks(draft, stray_spaces, ChangeKind.FIX_SPACING)
