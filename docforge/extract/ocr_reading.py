"""The scanned pages of a PDF read by OCR, with their tables, and what the reader should say about them.

Tables come from the rules found in the image, put together into cells by
pdfplumber's own table-finder steps (merge, intersect, cells, groups), the
same steps that read a born-digital page's drawn rules.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)

from docforge.extract import Progress
from docforge.extract.ocr_tesseract import LANGUAGES, OcrUnavailable, check_available
from docforge.extract.pdf_lines import Char
from docforge.extract.scan_pages import ocr_pages

SNAP = 3.0  # points: rules this close are one grid line
MIN_SEAL_PIXELS = 2000  # red pixels: fewer are coloured words or specks, not a seal worth reporting
CONFIDENCE_FLOOR = 45.0  # mean word confidence (0–100) below which a scan is unreadable


class OcrFailure(Exception):
    """OCR cannot be run, or what it read is not worth publishing; the message is one line."""


@dataclass(frozen=True)
class ScanPage:
    """A scanned page as the PDF reader takes it: characters and table cell groups in points."""

    number: int
    chars: tuple[Char, ...]
    tables: tuple[tuple[tuple[float, float, float, float], list], ...]
    confidence: float | None


@dataclass(frozen=True)
class ReadScans:
    pages: tuple[ScanPage, ...]
    warnings: tuple[str, ...]


def rule_tables(edges: Sequence[dict]) -> list[tuple[tuple[float, float, float, float], list]]:
    """(bbox, cells) of each table the rules enclose."""
    if not edges:
        return []
    merged = merge_edges(list(edges), SNAP, SNAP, SNAP, SNAP)
    cells = intersections_to_cells(edges_to_intersections(merged, SNAP, SNAP))
    tables = []
    for group in cells_to_tables(cells):
        bbox = (
            min(c[0] for c in group),
            min(c[1] for c in group),
            max(c[2] for c in group),
            max(c[3] for c in group),
        )
        tables.append((bbox, list(group)))
    return tables


def _pages_list(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def read_scans(data: bytes, indices: Sequence[int], progress: Progress | None = None) -> ReadScans:
    """OCR of the pages ``indices`` (0-based); raises OcrFailure with a one-line cause."""
    try:
        check_available()
    except OcrUnavailable as exc:
        raise OcrFailure(f"scanned pages need OCR, but {exc}") from None
    try:
        read = ocr_pages(data, indices, progress)
    except Exception as exc:  # noqa: BLE001 - a render or Tesseract failure is one line for this file
        raise OcrFailure(f"OCR failed ({exc.__class__.__name__}: {str(exc)[:120]})") from None
    pages = tuple(
        ScanPage(p.number, p.chars, tuple(rule_tables(p.edges)), p.confidence) for p in read
    )
    values = [c["conf"] for p in read for c in p.chars if not c["text"].isspace()]
    warnings = []
    if values:
        mean = statistics.fmean(values)
        if mean < CONFIDENCE_FLOOR:
            raise OcrFailure(
                f"the scan is unreadable: OCR confidence {mean:.0f} is below {CONFIDENCE_FLOOR:.0f}"
            )
        dpis = sorted({p.dpi for p in read})
        resolution = (
            "–".join(str(d) for d in (dpis[0], dpis[-1]) if d) if len(dpis) > 1 else str(dpis[0])
        )
        warnings.append(
            f"read {len(indices)} scanned pages by OCR (Tesseract {LANGUAGES}, {resolution} dpi): "
            f"pages {_pages_list([p.number for p in read])}, mean confidence {mean:.0f}"
        )
    if skewed := [f"{p.number} ({p.skew:+.1f}°)" for p in read if p.skew]:
        warnings.append(f"straightened skewed scans: pages {', '.join(skewed)}")
    if sealed := [p.number for p in read if p.seal_pixels >= MIN_SEAL_PIXELS]:
        warnings.append(f"removed red seal marks before OCR: pages {_pages_list(sealed)}")
    return ReadScans(pages=pages, warnings=tuple(warnings))
