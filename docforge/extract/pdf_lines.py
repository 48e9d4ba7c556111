"""Printed lines from a PDF page's characters, with the geometry paragraphs are judged by.

pdfplumber gives every glyph with its box and font. Text is rebuilt from
those positions instead of a text dump: a dump guesses spaces from gaps, and
a justified Chinese line then reads ``教 科 卫 体``. Here a space is kept only
where the file drew one, or where a gap separates two Latin words.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

Char = dict  # a pdfplumber character: text, x0, x1, top, bottom, size, fontname

_BOLD_FONT = re.compile(r"bold|heavy|black|demi|semibold|hei|黑", re.IGNORECASE)
LATIN_GAP = 0.2  # of the font size: a gap this wide between Latin letters is a word space
WIDE_GAP = 2.0  # of the font size: a gap this wide is a space even between Chinese characters
DUPLICATE_SHIFT = 0.25  # of the font size: a glyph drawn again this close is fake bold
UNCERTAIN = 60.0  # OCR confidence (0–100) below which a word is listed for the editor to check


@dataclass(frozen=True)
class Line:
    """One printed line: its text, box, dominant font size, and weight."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    fake_bold: bool
    font: str
    page: int
    confidence: float | None = None  # mean OCR confidence, for a line read from a scan
    uncertain: tuple[tuple[str, float], ...] = ()  # words OCR read with low confidence, and theirs


def is_wide(ch: str) -> bool:
    """A Chinese character or full-width mark: never separated by a space."""
    return unicodedata.east_asian_width(ch) in "WF"


@functools.lru_cache(maxsize=1024)
def font_name(fontname: str) -> str:
    """A font's name without its subset tag; names pdfminer left as GBK bytes (``b'\\xba\\xda…'``) decoded."""
    if fontname.startswith(("b'", 'b"')):
        with contextlib.suppress(ValueError, SyntaxError, UnicodeDecodeError):
            fontname = ast.literal_eval(fontname).decode("gb18030")
    return fontname.split("+", 1)[-1]


@functools.lru_cache(maxsize=1024)
def is_bold_font(fontname: str) -> bool:
    return bool(_BOLD_FONT.search(font_name(fontname)))


_X0, _X1, _TOP, _BOTTOM = (itemgetter(key) for key in ("x0", "x1", "top", "bottom"))
_SIZE, _FONTNAME = itemgetter("size"), itemgetter("fontname")


def drop_overprints(chars: Sequence[Char]) -> list[Char]:
    """Glyphs drawn twice at almost the same place kept once, marked ``doubled`` (fake bold).

    The records given are not changed: a kept glyph is copied when it is marked.
    """
    kept: list[Char] = []
    seen: dict[str, list[int]] = {}  # a glyph's text: where the kept ones with it stand in kept
    for ch in chars:
        shift = DUPLICATE_SHIFT * (ch["size"] or 1)
        x0, top = ch["x0"], ch["top"]
        twins = seen.setdefault(ch["text"], [])
        for at in twins:  # the first drawn of the glyphs this close is kept
            twin = kept[at]
            if abs(twin["x0"] - x0) < shift and abs(twin["top"] - top) < shift:
                if not twin.get("doubled"):
                    kept[at] = {**twin, "doubled": True}
                break
        else:
            twins.append(len(kept))
            kept.append(ch)
    return kept


def rows_of_chars(chars: Iterable[Char]) -> list[list[Char]]:
    """Characters grouped into rows: a glyph whose middle lies inside a row's height joins it."""
    rows: list[tuple[float, float, list[Char]]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        own_top, own_bottom = ch["top"], ch["bottom"]
        middle = (own_top + own_bottom) / 2
        for i in range(max(0, len(rows) - 3), len(rows)):  # the last three rows, oldest first
            top, bottom, members = rows[i]
            if top <= middle <= bottom:
                members.append(ch)
                rows[i] = (min(top, own_top), max(bottom, own_bottom), members)
                break
        else:
            rows.append((own_top, own_bottom, [ch]))
    return [sorted(members, key=_X0) for _, _, members in rows]


def split_runs(row: Sequence[Char], cuts: Sequence[float] = ()) -> list[list[Char]]:
    """A row cut at the given x positions (column gutters)."""
    if not cuts:
        return [list(row)] if any(not c["text"].isspace() for c in row) else []
    runs: list[list[Char]] = [[] for _ in range(len(cuts) + 1)]
    for ch in row:
        runs[sum(1 for cut in cuts if ch["x1"] > cut + 1)].append(ch)
    return [run for run in runs if any(not c["text"].isspace() for c in run)]


def _tracking(run: Sequence[Char]) -> float:
    """The usual gap between neighbouring glyphs: zero in plain text, the letter-spacing in spaced text."""
    visible = [c for c in run if not c["text"].isspace()]
    gaps = sorted(max(0.0, b["x0"] - a["x1"]) for a, b in zip(visible, visible[1:], strict=False))
    return gaps[len(gaps) // 2] if gaps else 0.0


def run_text(run: Sequence[Char]) -> str:
    """The text of a run of glyphs, spaced only where the file or a Latin word gap says so.

    A gap is measured beyond the line's letter-spacing, so a letter-spaced
    title (``2 0 2 3`` in a text dump) keeps its words whole.
    """
    out: list[str] = []
    previous: Char | None = None
    previous_wide = True
    pending_space = False
    tracking = _tracking(run)
    for ch in run:
        text = ch["text"]
        if text.isspace():
            pending_space = True
            continue
        if previous is not None:
            gap = ch["x0"] - previous["x1"] - tracking
            size = ch["size"]
            if (
                pending_space
                or gap > WIDE_GAP * size
                or (gap > LATIN_GAP * size and not previous_wide and not is_wide(text[0]))
            ):
                out.append(" ")
        out.append(text)
        previous = ch
        previous_wide = is_wide(text[-1])
        pending_space = False
    return "".join(out)


def make_line(run: Sequence[Char], page: int) -> Line:
    visible = [c for c in run if not c["text"].isspace()]
    doubled = sum(1 for c in visible if c.get("doubled"))
    sizes: Counter[float] = Counter()
    for size, count in Counter(map(_SIZE, visible)).items():
        sizes[round(size, 1)] += count
    fonts = Counter(map(_FONTNAME, visible))
    bold_count = sum(count for name, count in fonts.items() if is_bold_font(name))
    return Line(
        text=run_text(run),
        x0=min(map(_X0, visible)),
        x1=max(map(_X1, visible)),
        top=min(map(_TOP, visible)),
        bottom=max(map(_BOTTOM, visible)),
        size=sizes.most_common(1)[0][0],
        bold=(bold_count + doubled) * 2 > len(visible),
        fake_bold=doubled * 2 > len(visible),
        font=font_name(fonts.most_common(1)[0][0]),
        page=page,
        **ocr_confidence(visible),
    )


def ocr_confidence(visible: Sequence[Char]) -> dict:
    """A recognised run's mean confidence and its low-confidence words (glyphs of a PDF have none).

    Characters cut from one OCR word share its confidence, so a run of equal
    low confidences is one uncertain word.
    """
    confs = [c.get("conf") for c in visible]
    if not confs or any(conf is None for conf in confs):
        return {}
    words: list[tuple[str, float]] = []
    previous = None
    for ch, conf in zip(visible, confs, strict=True):
        if conf < UNCERTAIN:
            if previous == conf and words:
                words[-1] = (words[-1][0] + ch["text"], conf)
            else:
                words.append((ch["text"], conf))
        previous = conf
    return {"confidence": sum(confs) / len(confs), "uncertain": tuple(words)}


def usable_chars(chars: Iterable[Char]) -> list[Char]:
    """The glyphs lines are made of: upright ones with text."""
    return [c for c in chars if c.get("upright", True) and c["text"]]


def page_rows(chars: Sequence[Char]) -> list[list[Char]]:
    """The page's upright glyphs as rows, overprinted duplicates removed."""
    return rows_of_chars(drop_overprints(usable_chars(chars)))


def lines_of_rows(
    rows: Sequence[Sequence[Char]], page: int, cuts: Sequence[float] = ()
) -> list[Line]:
    return [make_line(run, page) for row in rows for run in split_runs(row, cuts)]
