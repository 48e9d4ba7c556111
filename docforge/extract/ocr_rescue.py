"""Lines Tesseract's page layout lost or could not read, found by their ink and read again alone.

Tesseract's page segmentation has a blind spot for very short lines: the
last line of a paragraph holding only ``资金。`` or ``会`` is dropped as
noise, or cut into two "lines" of one stroke group each and read as
``人`` and ``冯`` with no confidence. A lost line matters more than its few
characters: the paragraph then runs on into the next heading, or a heading's
run-in words lose their end. The evidence is on the page: ink that no
recognised word covers, in a band as tall as a line of text. Such a band
(and the ink of a short line read with low confidence) is cut out and read
once more on its own, enlarged to the scale Tesseract reads best, in its
single-block mode, which does not second-guess a short line's layout.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

from docforge.extract.ocr_rules import INK
from docforge.extract.ocr_tesseract import Word, lines_of
from docforge.text.chars import HAN_RE

SHORT_LINE = 4  # characters: a line this short read with low confidence is read again
DOUBTFUL = 70.0  # mean confidence (0–100) below which a short line is doubted
ACCEPT = 60.0  # mean confidence a second reading needs to be kept
LEAD = 2.0  # of the em: the start of a line where its number label stands
WORSE = 5.0  # a second reading may be this much less confident overall when its lead is surer
COVER_PAD = 0.15  # of the em: a word's box covers ink this close around it
MIN_BAND = 0.5  # of the em: a band of leftover ink at least this tall may be a line
MAX_BAND = 2.0  # of the em: a taller band is a picture or a seal, not a line
MIN_WIDTH = 0.5  # of the em: a piece of leftover ink at least this wide may be characters
MIN_INK = 0.08  # of the em squared: a piece with less ink is specks or a stroke's edge
PIECE_GAP = 1.5  # of the em: leftover ink this far apart on a band is two pieces
BAND_GAP = 0.3  # of the em: white rows this few between leftover ink are inside characters (会)
CROP_PAD = 0.5  # of the em: white kept round a piece when it is cut out
RESCUED_BLOCK = 10_000  # block numbers of rescued lines start here, after Tesseract's own

ReadLine = Callable[[Image.Image], list[Word]]  # a cut-out line read alone, boxes in its pixels


@dataclass(frozen=True)
class Piece:
    """Leftover ink on one band, in image pixels: the box to cut out and read."""

    left: int
    top: int
    right: int
    bottom: int


def _em(words: Sequence[Word]) -> float | None:
    han = [w.height for w in words if HAN_RE.search(w.text)]
    heights = han or [w.height for w in words]
    return float(statistics.median(heights)) if heights else None


def doubtful(line: Sequence[Word], em: float) -> bool:
    """A line whose reading is in doubt where it matters most.

    Either a short line read with low confidence (a lost line's strokes read
    as stray characters), or a line whose lead, where a number label stands
    (``4.``, ``（二）``), was read with low confidence: a bold ``4.`` read as
    ``4和4.`` also spoils the punctuation that ends a run-in heading.
    """
    if sum(len(w.text) for w in line) <= SHORT_LINE:
        return _mean(line) < DOUBTFUL
    return min(w.conf for w in _lead(line, em)) < DOUBTFUL


def _lead(words: Sequence[Word], em: float) -> list[Word]:
    """The words that start within ``LEAD`` em of the first word: where a label stands."""
    start = min(w.left for w in words)
    return [w for w in words if w.left < start + LEAD * em]


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True."""
    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    edges = np.diff(padded)
    return list(
        zip(np.nonzero(edges == 1)[0].tolist(), np.nonzero(edges == -1)[0].tolist(), strict=True)
    )


def _joined(runs: Sequence[tuple[int, int]], gap: float) -> list[tuple[int, int]]:
    """Runs less than ``gap`` apart joined into one."""
    joined: list[tuple[int, int]] = []
    for start, end in runs:
        if joined and start - joined[-1][1] <= gap:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def leftover_pieces(ink: np.ndarray, lines: Sequence[Sequence[Word]], em: float) -> list[Piece]:
    """Pieces of ink no recognised line stands over, each on a band as tall as a line.

    A line covers the whole box from its first word to its last: Tesseract's
    Chinese word boxes are loose about where one word ends and the next
    begins, but a line's ends and its height are sure.
    """
    left_over = ink.copy()
    pad = max(2, round(COVER_PAD * em))
    for line in lines:
        top, bottom = min(w.top for w in line), max(w.bottom for w in line)
        left, right = min(w.left for w in line), max(w.right for w in line)
        left_over[max(0, top - pad) : bottom + pad, max(0, left - pad) : right + pad] = False
    pieces = []
    for top, bottom in _joined(_runs(left_over.any(axis=1)), BAND_GAP * em):
        if not MIN_BAND * em <= bottom - top <= MAX_BAND * em:
            continue
        band = left_over[top:bottom]
        for start, end in _joined(_runs(band.any(axis=0)), PIECE_GAP * em):
            if end - start >= MIN_WIDTH * em and band[:, start:end].sum() >= MIN_INK * em * em:
                pieces.append(Piece(start, top, end, bottom))
    return pieces


def _cut(image: Image.Image, piece: Piece, em: float) -> tuple[Image.Image, int, int]:
    """The piece cut out with white round it, and the image position of the cut's corner."""
    pad = round(CROP_PAD * em)
    left, top = max(0, piece.left - pad), max(0, piece.top - pad)
    right, bottom = min(image.width, piece.right + pad), min(image.height, piece.bottom + pad)
    cut = image.crop((left, top, right, bottom))
    return ImageOps.expand(cut, pad, fill=255), left - pad, top - pad


def _placed(read: Sequence[Word], x: int, y: int, line: tuple[int, int, int]) -> list[Word]:
    return [Word(w.text, w.left + x, w.top + y, w.width, w.height, line, w.conf) for w in read]


def rescue_lines(image: Image.Image, words: Sequence[Word], read_line: ReadLine) -> list[Word]:
    """The page's words with its lost lines found and its doubtful short lines read again.

    A second reading replaces a doubtful line only when it is more confident;
    a lost line's reading is added only when it is confident enough to be
    text rather than a blot.
    """
    em = _em(words)
    if em is None:
        return list(words)
    lines = lines_of(list(words))
    doubted = {key for key, line in lines.items() if doubtful(line, em)}
    kept = [line for key, line in lines.items() if key not in doubted]
    unsure = [w for key in doubted for w in lines[key]]
    ink = np.asarray(image.convert("L")) < INK
    rescued: list[Word] = []
    replaced: set[int] = set()
    for n, piece in enumerate(leftover_pieces(ink, kept, em)):
        cut, x, y = _cut(image, piece, em)
        read = _placed(read_line(cut), x, y, (RESCUED_BLOCK + n, 1, 1))
        before = [w for w in unsure if _inside(w, piece)]
        if _better(read, before, em):
            rescued += read
            replaced |= {id(w) for w in before}
    return [w for w in words if id(w) not in replaced] + rescued


def _better(read: Sequence[Word], before: Sequence[Word], em: float) -> bool:
    """Whether a second reading is kept: confident, and surer of the lead than the first one."""
    if not read or _mean(read) < ACCEPT:
        return False
    if not before:
        return True
    return (
        _mean(_lead(read, em)) > _mean(_lead(before, em)) and _mean(read) >= _mean(before) - WORSE
    )


def _mean(words: Sequence[Word]) -> float:
    return statistics.fmean(w.conf for w in words)


def _inside(word: Word, piece: Piece) -> bool:
    middle_x, middle_y = word.left + word.width / 2, word.top + word.height / 2
    return piece.left <= middle_x <= piece.right and piece.top <= middle_y <= piece.bottom
