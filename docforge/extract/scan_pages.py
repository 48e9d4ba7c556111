"""Reading the pages of a PDF that need OCR (``text_layer`` says which) in a process pool.

Only those pages are rendered and recognised, side by side in worker processes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from docforge.extract import Progress
from docforge.extract.ocr_page import OCR_DPI, OcrPage, ocr_page

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
