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
from dataclasses import dataclass

from docforge.extract.ocr_tesseract import Word, lines_of
from docforge.extract.pdf_lines import Char, is_wide

CJK_INK = 0.92  # of the em: the height of a Chinese character's ink
LATIN_INK = 0.72  # of the em: the height of a Latin word's ink (capitals to descenders)
WORD_SPACE = 0.15  # of the em: a gap this wide between two Latin words is a space
SIZE_STEP = 0.5  # points: font sizes off the type ladder are rounded to this
# 字号 from 小五 to 初号, in points.
TYPE_LADDER = (9.0, 10.5, 12.0, 14.0, 15.0, 16.0, 18.0, 22.0, 24.0, 26.0, 36.0, 42.0)
LADDER_TOLERANCE = 0.06  # of the size: a measured size this close to a ladder size is that size
MIN_WIDTHS = 3  # words on a line before their widths can correct the em
WIDE_SHARE = 0.8  # this share of the line's characters is narrower than the em's ink
TOO_TALL = 1.2  # an ink height this much above the characters' width says the boxes are wrong
FULL_CELL = 0.75  # of the em: a mark with this much room between its neighbours' ink is full-width
_FULL_FORMS = dict(zip("(),:;?!", "（），：；？！", strict=True))
_NO_SPACE_BEFORE = set(".,:;?!%)")
CLOSE_GAP = (
    1.0  # of the em: gaps narrower than this between characters are the white of their cells
)
OCR_FONT = "OCR"


def type_size(points: float) -> float:
    """A measured size snapped to the nearest size of the Chinese type ladder (字号), where it is near one.

    Sizes read from ink wobble by half a point from line to line; documents are
    set in the ladder's sizes (四号 14 pt, 三号 16 pt …), so the nearest one is
    what the line was set in.
    """
    nearest = min(TYPE_LADDER, key=lambda size: abs(size - points))
    if abs(nearest - points) <= LADDER_TOLERANCE * nearest:
        return nearest
    return max(SIZE_STEP, round(points / SIZE_STEP) * SIZE_STEP)


def _weight(ch: str) -> float:
    return 1.0 if is_wide(ch) else 0.5


def _is_han_word(word: Word) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in word.text)


def _line_em(words: Sequence[Word], page_em: float | None = None) -> tuple[float, float, bool]:
    """The line's em (pixels), the middle of its em box (pixels), and whether its boxes were believable.

    The em is the height of the Chinese ink. Tesseract sometimes draws the
    boxes of a bold line twice as tall as its characters (merged with its
    neighbour); the widths of the line's wider characters (most Chinese
    characters fill their em across) then disagree with the heights, and the
    page's usual em (``page_em``, from its believable lines) is taken instead.
    """
    han = [w for w in words if _is_han_word(w)]
    if not han:
        em = statistics.median(w.height for w in words) / LATIN_INK
        return max(em, 1.0), statistics.median(w.top + w.height / 2 for w in words), True
    em = statistics.median(w.height for w in han) / CJK_INK
    middle = statistics.median(w.top + w.height / 2 for w in han)
    widths = sorted(w.width / sum(_weight(ch) for ch in w.text) for w in han)
    believable = True
    if len(widths) >= MIN_WIDTHS:
        wide = widths[int(WIDE_SHARE * (len(widths) - 1))] / CJK_INK
        if em > TOO_TALL * wide:
            believable = False
            em = page_em if page_em is not None else wide
    return max(em, 1.0), middle, believable


@dataclass
class _Glyph:
    """A character cut from a word: its text and its share of the word's box (pixels)."""

    text: str
    left: float
    right: float
    conf: float
    alone: bool  # the word was this one character, so its box is the character's own ink


def _glyphs(words: Sequence[Word]) -> list[_Glyph]:
    """The line's characters in Tesseract's reading order, each word's box cut among its characters.

    Tesseract's Chinese word boxes sometimes reach over the next word (``协商``
    drawn across ``议``); a box is cut back where the next word begins, so
    the characters stand in reading order from left to right.
    """
    out = []
    for i, word in enumerate(words):
        left = max(float(word.left), out[-1].right if out else float(word.left))
        right = float(word.right)
        if i + 1 < len(words) and words[i + 1].left < right:
            right = float(words[i + 1].left)
        right = max(right, left + 1.0)
        total = sum(_weight(ch) for ch in word.text)
        x = left
        for ch in word.text:
            width = (right - left) * _weight(ch) / total
            out.append(_Glyph(ch, x, x + width, word.conf, len(word.text) == 1))
            x += width
    return out


def _mark_forms(glyphs: list[_Glyph], em: float, votes: dict[str, list[bool]]) -> list[int]:
    """ASCII marks between Chinese characters set in the width their cell shows; the undecided ones' indices.

    Tesseract's Chinese model names ``（`` and ``(`` alike; on the page a
    full-width mark fills an em cell, so its neighbours' ink stands an em or
    so apart, while a half-width one leaves them close. A mark at a line end
    or inside a word has no measurable cell and is left for its partner
    bracket or the page's majority to decide.
    """
    undecided = []
    for i, glyph in enumerate(glyphs):
        if glyph.text not in _FULL_FORMS:
            continue
        before = glyphs[i - 1] if i else None
        after = glyphs[i + 1] if i + 1 < len(glyphs) else None
        if before is None or after is None or not glyph.alone:
            undecided.append(i)
            continue
        if not (is_wide(before.text) or is_wide(after.text)):
            continue
        full = after.left - before.right >= FULL_CELL * em + 0.5 * (glyph.right - glyph.left)
        votes.setdefault(glyph.text, []).append(full)
        if full:
            glyph.text = _FULL_FORMS[glyph.text]
    return undecided


_PAIRS = {"(": "）", ")": "（"}


def _settle(glyphs: list[_Glyph], undecided: list[int], votes: dict[str, list[bool]]) -> None:
    """Undecided marks of a Chinese line: a bracket as its partner on the line, else as the page sets them."""
    if sum(is_wide(g.text) for g in glyphs) * 2 < len(glyphs):
        return
    full_marks = {g.text for g in glyphs if g.text in _FULL_FORMS.values()}
    for i in undecided:
        glyph = glyphs[i]
        partner = _PAIRS.get(glyph.text)
        seen = votes.get(glyph.text, [])
        if partner in full_marks or not seen or sum(seen) * 2 >= len(seen):
            glyph.text = _FULL_FORMS[glyph.text]


_OPENERS = "(（〈《"
_CLOSERS = ")）〉》"


def _pair_brackets(glyphs: list[_Glyph]) -> None:
    """Brackets made to match their partner on the line: a pair is round or angled, full- or half-width.

    Tesseract often names a full-width ``（`` as ``〈`` or ``《``; a bracket closed
    by a round ``）`` was round. A pair with one full-width member is full-width:
    both stand in em cells.
    """
    open_at: list[int] = []
    for i, glyph in enumerate(glyphs):
        if glyph.text in _OPENERS:
            open_at.append(i)
        elif glyph.text in _CLOSERS and open_at:
            opener, closer = glyphs[open_at.pop()], glyph
            round_close = closer.text in ")）"
            if round_close and opener.text in "〈《":
                opener.text = "（"
            if (
                round_close
                and "（" in (opener.text, closer.text)
                or "）" in (opener.text, closer.text)
            ):
                opener.text, closer.text = "（", "）"


def line_chars(
    words: Sequence[Word],
    dpi: float,
    votes: dict[str, list[bool]] | None = None,
    page_em: float | None = None,
) -> list[Char]:
    """The characters of one recognised line, left to right, in page points.

    Ink boxes are widened to the characters' cells: a gap narrower than
    ``CLOSE_GAP`` em between two characters is closed, unless it is a word
    space between Latin words, so the line builder sees the characters as
    set, not the white around their strokes.
    """
    k = 72.0 / dpi
    em, middle, _ = _line_em(words, page_em)
    glyphs = _glyphs(words)
    votes = {} if votes is None else votes
    _settle(glyphs, _mark_forms(glyphs, em, votes), votes)
    _pair_brackets(glyphs)
    size = type_size(em * k)
    top, bottom = (middle - em / 2) * k, (middle + em / 2) * k
    chars: list[Char] = []
    for i, glyph in enumerate(glyphs):
        after = glyphs[i + 1] if i + 1 < len(glyphs) else None
        right = glyph.right
        space = False
        if after is not None:
            gap = after.left - glyph.right
            space = (
                not is_wide(glyph.text)
                and not is_wide(after.text)
                and after.text not in _NO_SPACE_BEFORE
                and gap >= WORD_SPACE * em
            )
            if not space and 0 < gap < CLOSE_GAP * em:
                right = after.left
        chars.append(_char(glyph.text, glyph.left * k, right * k, top, bottom, size, glyph.conf))
        if space:
            chars.append(_char(" ", glyph.right * k, after.left * k, top, bottom, size, glyph.conf))
    return chars


def _char(
    text: str, x0: float, x1: float, top: float, bottom: float, size: float, conf: float
) -> Char:
    return {
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "size": size,
        "fontname": OCR_FONT,
        "upright": True,
        "conf": conf,
    }


def page_chars(words: Sequence[Word], dpi: float) -> list[Char]:
    """All the page's characters, line by line as Tesseract grouped them."""
    lines = lines_of(list(words))
    votes: dict[str, list[bool]] = {}
    for (
        line
    ) in lines.values():  # a first pass collects how the page sets each mark between characters
        line_chars(line, dpi, votes)
    decided = {mark: list(seen) for mark, seen in votes.items()}
    ems = [em for em, _, believable in map(_line_em, lines.values()) if believable]
    page_em = statistics.median(ems) if ems else None
    return [ch for line in lines.values() for ch in line_chars(line, dpi, dict(decided), page_em)]
