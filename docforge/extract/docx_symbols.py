"""Glyphs Word draws from symbol fonts, as Unicode text.

Bullets and ``w:sym`` characters from Symbol and Wingdings are stored as
private-use code points (U+F0xx) whose meaning depends on the font: U+F0FC is
a check mark in Wingdings. Only the glyphs that reports actually use are
mapped; an unknown one is a generic bullet in a list label and nothing in text.
"""

from __future__ import annotations

BULLET = "•"

_SYMBOL = {
    0xB7: "•",
    0xB4: "×",
    0xB1: "±",
    0xB0: "°",
    0xA3: "≤",
    0xB3: "≥",
    0xD6: "√",
    0xB8: "÷",
    0xA5: "∞",
    0xAE: "→",
    0xDE: "⇒",
    0xAC: "←",
    0xAD: "↑",
    0xAF: "↓",
    0xB9: "≠",
    0xBB: "≈",
    0x2D: "−",
    0x2A: "∗",
    0xD7: "⋅",
    0x6F: "ο",
    0x61: "α",
    0x62: "β",
    0x70: "π",
    0x53: "Σ",
}
_WINGDINGS = {
    0xFC: "✓",
    0xFB: "✗",
    0xFE: "☑",
    0xFD: "☒",
    0xA8: "◻",
    0x6F: "□",
    0x6E: "■",
    0x6C: "●",
    0xA7: "▪",
    0xD8: "➢",
    0x76: "❖",
    0xA1: "○",
    0x71: "❑",
    0x75: "◆",
    0xB2: "◇",
    0x9F: "•",
    0xE0: "➢",
    0xD2: "○",
    0x4A: "☺",
    0xE8: "➔",
    0xF0: "⇨",
}


def _table(font: str | None) -> dict[int, str]:
    return _WINGDINGS if font and font.lower().startswith("wingdings") else _SYMBOL


def symbol_text(code: int, font: str | None) -> str:
    """The text of a ``w:sym`` character (``w:char`` as a number) in ``font``."""
    if 0xF000 <= code <= 0xF0FF:
        return _table(font).get(code - 0xF000, "")
    if "\ue000" <= chr(code) <= "\uf8ff":
        return ""
    return chr(code)


def bullet_text(template: str, font: str | None) -> str:
    """A bullet level's text: private-use glyphs become what the font draws (or •)."""
    out = []
    for ch in template:
        if "\uf000" <= ch <= "\uf0ff":
            out.append(_table(font).get(ord(ch) - 0xF000) or BULLET)
        elif "\ue000" <= ch <= "\uf8ff":
            out.append(BULLET)
        else:
            out.append(ch)
    return "".join(out)
