"""Ingest speeds: OCR seconds per page, the resolution OCR reads Chinese best at, LibreOffice cold and warm.

The scans are the seeds' own PDFs rasterised (``scans.py``), so the text
each page should give is known and the character error rate is measured,
not guessed.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pdfplumber
from PIL import Image

from docforge.bench.cer import character_error_rate
from docforge.bench.report import Table
from docforge.bench.scans import rasterise, scanned_pdf
from docforge.extract.office import WORD97_FILTER, OfficeServer, available
from docforge.extract.pdf_lines import page_rows, run_text

RESOLUTIONS = (100, 150, 200, 250, 300)
SCAN_DPI = 200


def _rows_text(chars: list[dict]) -> str:
    return "".join(run_text(row) for row in page_rows(chars))


def ocr_resolution(
    pdf: Path, page: int, scan_dpi: int = SCAN_DPI
) -> list[tuple[int, float, float]]:
    """(OCR dpi, character error rate, seconds) of one page scanned at ``scan_dpi``, read at each resolution."""
    from docforge.extract.ocr_page import ocr_image

    with pdfplumber.open(pdf) as document:
        reference = _rows_text(document.pages[page - 1].chars)
    image = rasterise(pdf, scan_dpi, page, page)[0]
    out = []
    for dpi in RESOLUTIONS:
        scaled = (
            image
            if dpi == scan_dpi
            else image.resize(
                (round(image.width * dpi / scan_dpi), round(image.height * dpi / scan_dpi)),
                Image.Resampling.BICUBIC,
            )
        )
        started = time.perf_counter()
        read = ocr_image(scaled, page, dpi)
        seconds = time.perf_counter() - started
        out.append((dpi, character_error_rate(_rows_text(list(read.chars)), reference), seconds))
    return out


def ocr_speed(pdfs: list[Path], work: Path) -> Table:
    """Whole scanned seeds read by docforge: pages, seconds, seconds per page."""
    from docforge.extract import read_source

    table = Table(
        f"OCR of scanned seeds ({SCAN_DPI} dpi scans, seal and skew; all cores)",
        ("file", "pages", "seconds", "s/page"),
    )
    for pdf in pdfs:
        scan = work / f"scan-{pdf.name}"
        scan.write_bytes(scanned_pdf(pdf, SCAN_DPI))
        started = time.perf_counter()
        extraction = read_source(scan)
        seconds = time.perf_counter() - started
        pages = extraction.source.pages or 1
        table.add(pdf.name, pages, f"{seconds:.1f}", f"{seconds / pages:.2f}")
    return table


def libreoffice_times(docx: list[Path], work: Path) -> Table:
    """DOC → DOCX per document: cold (a fresh office, start-up included) and warm (the office running).

    The .doc inputs are made from the seeds' DOCX by the same office first.
    Each document is then converted once just after the office was stopped,
    and once more while it still runs: what a batch's first file and every
    later file cost.
    """
    table = Table(
        "LibreOffice: .doc → .docx per document, one long-lived office",
        ("file", "cold s (office start-up)", "warm s"),
    )
    office = OfficeServer()
    try:
        docs = []
        for path in docx:
            target = work / f"{path.stem}.doc"
            office.convert(path, target, WORD97_FILTER)
            docs.append(target)
        for doc in docs:
            office.stop()
            runs = []
            for run in ("cold", "warm"):
                started = time.perf_counter()
                office.convert(doc, work / f"{doc.stem}.{run}.docx")
                runs.append(f"{time.perf_counter() - started:.2f}")
            table.add(doc.name, *runs)
    finally:
        office.stop()
    return table


def ingest_tables(seeds: list[Path]) -> tuple[list[Table], list[str]]:
    """The ingest tables and notes for ``make bench``."""
    notes = []
    tables = []
    with tempfile.TemporaryDirectory(prefix="docforge-bench-ingest-") as tmp:
        work = Path(tmp)
        pdfs = sorted(p for p in seeds if p.suffix == ".pdf")
        if pdfs:
            resolution = Table(
                f"OCR resolution: character error rate of one page ({pdfs[2 % len(pdfs)].name} "
                f"p.4, scanned at {SCAN_DPI} dpi) read at each dpi",
                ("OCR dpi", "CER", "seconds"),
            )
            for dpi, cer, seconds in ocr_resolution(pdfs[2 % len(pdfs)], 4):
                resolution.add(dpi, f"{cer:.2%}", f"{seconds:.1f}")
            tables += [resolution, ocr_speed(pdfs, work)]
        if available():
            tables.append(libreoffice_times(sorted(p for p in seeds if p.suffix == ".docx"), work))
        else:
            notes.append(
                "LibreOffice with python3-uno is missing: its timings are skipped (make install)"
            )
    return tables, notes
