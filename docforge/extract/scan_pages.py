"""Which pages of a PDF need OCR, and reading those pages by OCR in a process pool.

A department's PDF may be born-digital throughout, a scan throughout, or a
printed report whose last, signed and stamped page was scanned in. Each page
is judged on its own: a text layer of real Unicode is read as it is; a page
without text, or whose text layer is garbage (glyphs without a Unicode
mapping, Latin-1 debris of a broken font encoding), is read by OCR. Only those
pages are rendered and recognised, side by side in worker processes.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from docforge.extract.ocr_page import OCR_DPI, OcrPage, ocr_page
from docforge.text.chars import HAN_RE

_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\ufffd]|\(cid:\d+\)")
_LATIN1_LETTERS = re.compile(r"[\u0080-\u00ff]")
GARBLED_SHARE = (
    0.2  # of the visible characters: more than this unmapped or Latin-1 debris is garbage
)

Progress = Callable[[int, int], None]  # (pages done, pages to do)


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


_DATA: bytes = b""


def _remember(data: bytes) -> None:
    global _DATA
    _DATA = data


def _ocr_remembered(index: int) -> OcrPage:
    return ocr_page(_DATA, index, OCR_DPI)


def _workers(count: int) -> int:
    if count < 2 or multiprocessing.current_process().daemon:
        return 1
    return max(1, min(count, os.cpu_count() or 1))


def ocr_pages(
    data: bytes, indices: Sequence[int], progress: Progress | None = None
) -> list[OcrPage]:
    """The pages ``indices`` (0-based) of the PDF read by OCR, in order, reporting each page done."""
    done: list[OcrPage] = []
    report = progress or (lambda _done, _total: None)
    report(0, len(indices))
    workers = _workers(len(indices))
    if workers == 1:
        for index in indices:
            done.append(ocr_page(data, index, OCR_DPI))
            report(len(done), len(indices))
        return done
    with ProcessPoolExecutor(max_workers=workers, initializer=_remember, initargs=(data,)) as pool:
        for page in pool.map(_ocr_remembered, indices):
            done.append(page)
            report(len(done), len(indices))
    return done
