"""Recognised words turned into character boxes, the same as a born-digital PDF's glyphs.

The PDF reader builds lines, paragraphs and tables from characters with
boxes and font sizes; a scanned page goes down the same path once each word
is cut into its characters. A word's box is shared among its characters by
their width class (a Chinese character or full-width mark takes a whole
em, a Latin letter or digit half of one). The font size comes from the
height of the line's Chinese ink, which stands about ``CJK_INK`` of the em;
every character of a line gets the line's em box, so rows group as printed.

Tesseract separates Chinese characters with spaces; those spaces are not
passed on. Whether two characters are apart is judged from their boxes by
the line builder, as for a PDF; only between two Latin words is a word space
kept, where the gap is wide enough for one.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import replace

from docforge.extract.ocr_tesseract import Word
from docforge.extract.pdf_lines import Char, is_wide

CJK_INK = 0.92        # of the em: the height of a Chinese character's ink
LATIN_INK = 0.72      # of the em: the height of a Latin word's ink (capitals to descenders)
WORD_SPACE = 0.15     # of the em: a gap this wide between two Latin words is a space
SIZE_STEP = 0.5       # points: font sizes are rounded to this
FULL_CELL = 0.75      # of the em: a mark with this much room between its neighbours' ink is full-width
_FULL_FORMS = dict(zip("(),:;?!", "（），：；？！", strict=True))
_NO_SPACE_BEFORE = set(".,:;?!%)")
OCR_FONT = "OCR"


def _weight(ch: str) -> float:
    return 1.0 if is_wide(ch) else 0.5


def _is_han_word(word: Word) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in word.text)


def _line_em(words: Sequence[Word]) -> tuple[float, float]:
    """The line's em (pixels) and the middle of its em box (pixels)."""
    han = [w for w in words if _is_han_word(w)]
    if han:
        em = statistics.median(w.height for w in han) / CJK_INK
        middle = statistics.median(w.top + w.height / 2 for w in han)
    else:
        em = statistics.median(w.height for w in words) / LATIN_INK
        middle = statistics.median(w.top + w.height / 2 for w in words)
    return max(em, 1.0), middle


def _mark_forms(words: Sequence[Word], em: float, votes: dict[str, list[bool]]) -> list[Word | None]:
    """Each ASCII mark Tesseract gave between Chinese characters, in the width its cell shows.

    Tesseract's Chinese model names ``（`` and ``(`` alike; on the page a
    full-width mark fills an em cell, so its neighbours' ink stands an em or
    so apart, while a half-width one leaves them close. A mark at a line end
    has one neighbour and is left undecided (None) for the page's majority.
    """
    out: list[Word | None] = []
    for i, word in enumerate(words):
        if word.text not in _FULL_FORMS:
            out.append(word)
            continue
        before = words[i - 1] if i else None
        after = words[i + 1] if i + 1 < len(words) else None
        if before is None or after is None or not (is_wide(before.text[-1]) or is_wide(after.text[0])):
            out.append(None if (before or after) and _is_han_line(words) else word)
            continue
        full = after.left - before.right >= FULL_CELL * em + 0.5 * word.width
        votes.setdefault(word.text, []).append(full)
        out.append(replace(word, text=_FULL_FORMS[word.text]) if full else word)
    return out


def _is_han_line(words: Sequence[Word]) -> bool:
    return sum(_is_han_word(w) for w in words) * 2 >= len(words)


def line_chars(words: Sequence[Word], dpi: float, votes: dict[str, list[bool]] | None = None) -> list[Char]:
    """The characters of one recognised line, left to right, in page points."""
    k = 72.0 / dpi
    words = sorted(words, key=lambda w: w.left)
    em, middle = _line_em(words)
    votes = {} if votes is None else votes
    words = [w if w is not None else _by_votes(original, votes)
             for w, original in zip(_mark_forms(words, em, votes), words, strict=True)]
    size = max(SIZE_STEP, round(em * k / SIZE_STEP) * SIZE_STEP)
    top, bottom = (middle - em / 2) * k, (middle + em / 2) * k
    chars: list[Char] = []
    previous: Word | None = None
    for word in words:
        if (previous is not None and not is_wide(previous.text[-1]) and not is_wide(word.text[0])
                and word.text[0] not in _NO_SPACE_BEFORE and word.left - previous.right >= WORD_SPACE * em):
            chars.append(_char(" ", previous.right * k, word.left * k, top, bottom, size, word.conf))
        total = sum(_weight(ch) for ch in word.text)
        x = float(word.left)
        for ch in word.text:
            width = word.width * _weight(ch) / total
            chars.append(_char(ch, x * k, (x + width) * k, top, bottom, size, word.conf))
            x += width
        previous = word
    return chars


def _by_votes(word: Word, votes: dict[str, list[bool]]) -> Word:
    """A line-end mark in the form most of its kind took on the page (full-width when none decided)."""
    seen = votes.get(word.text, [])
    full = not seen or sum(seen) * 2 >= len(seen)
    return replace(word, text=_FULL_FORMS[word.text]) if full else word


def _char(text: str, x0: float, x1: float, top: float, bottom: float, size: float, conf: float) -> Char:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size,
            "fontname": OCR_FONT, "upright": True, "conf": conf}


def page_chars(words: Sequence[Word], dpi: float) -> list[Char]:
    """All the page's characters, line by line as Tesseract grouped them."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    votes: dict[str, list[bool]] = {}
    for line in lines.values():  # a first pass collects how the page sets each mark between characters
        line_chars(line, dpi, votes)
    decided = {mark: list(seen) for mark, seen in votes.items()}
    return [ch for line in lines.values() for ch in line_chars(line, dpi, dict(decided))]
