"""Would pypdfium2 give the PDF reader the same characters as pdfplumber, faster?

``python -m docforge.bench.pdf_chars FILE.pdf…`` takes each page's characters both ways —
pdfplumber (pdfminer's content-stream interpreter, what the reader uses) and PDFium through
pypdfium2 (already installed with pdfplumber) — and counts, per file, how many characters
agree on text, box (within ``TOLERANCE`` points: PDFium's loose box against pdfminer's),
font name and size, and how fast each way is in pages per second on one core. The reader
switches only when every character of the seeds and the real corpus agrees.
"""

from __future__ import annotations

import argparse
import ctypes
import time
from dataclasses import dataclass
from pathlib import Path

TOLERANCE = 0.5  # points


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    font: str
    size: float


def _base_font(name: str) -> str:
    """A font name without its subset tag (``ABCDEF+``), which the two ways may spell apart."""
    return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name


def plumber_chars(path: Path) -> tuple[list[list[Char]], float]:
    import pdfplumber

    started = time.perf_counter()
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            pages.append(
                [
                    Char(
                        c["text"],
                        c["x0"],
                        c["top"],
                        c["x1"],
                        c["bottom"],
                        _base_font(c["fontname"]),
                        c["size"],
                    )
                    for c in page.chars
                    if c["text"].strip() and c.get("upright", True)
                ]
            )
            page.close()
    return pages, time.perf_counter() - started


def pdfium_chars(path: Path) -> tuple[list[list[Char]], float]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    started = time.perf_counter()
    pages = []
    document = pdfium.PdfDocument(str(path))
    rect = raw.FS_RECTF()
    flags = ctypes.c_int()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    descent = ctypes.c_float()
    name = ctypes.create_string_buffer(256)
    try:
        for page in document:
            height = page.get_height()
            text = page.get_textpage()
            chars = []
            for index in range(raw.FPDFText_CountChars(text)):
                if raw.FPDFText_IsGenerated(text, index):
                    continue
                char = chr(raw.FPDFText_GetUnicode(text, index))
                if not char.strip():
                    continue
                raw.FPDFText_GetLooseCharBox(text, index, rect)
                raw.FPDFText_GetFontInfo(text, index, name, 256, flags)
                size = raw.FPDFText_GetFontSize(text, index)
                # pdfminer's box: from the baseline plus the font's descent, one em high.
                raw.FPDFText_GetCharOrigin(text, index, origin_x, origin_y)
                font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(text, index))
                raw.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
                low = origin_y.value + descent.value
                chars.append(
                    Char(
                        char,
                        rect.left,
                        height - (low + size),
                        rect.right,
                        height - low,
                        _base_font(name.value.decode("latin-1")),
                        size,
                    )
                )
            pages.append(chars)
            text.close()
            page.close()
    finally:
        document.close()
    return pages, time.perf_counter() - started


def same(a: Char, b: Char) -> dict[str, bool]:
    return {
        "text": a.text == b.text,
        "x": max(abs(a.x0 - b.x0), abs(a.x1 - b.x1)) <= TOLERANCE,
        "height": abs((a.bottom - a.top) - (b.bottom - b.top)) <= TOLERANCE,
        "box": max(abs(a.x0 - b.x0), abs(a.x1 - b.x1), abs(a.top - b.top), abs(a.bottom - b.bottom))
        <= TOLERANCE,
        "font": a.font == b.font,
        "size": abs(a.size - b.size) <= 0.1,
    }


@dataclass
class Comparison:
    name: str
    pages: int
    plumber: int
    pdfium: int
    agree: dict[str, int]
    plumber_seconds: float
    pdfium_seconds: float


def compare(path: Path) -> Comparison:
    ours, ours_seconds = plumber_chars(path)
    theirs, theirs_seconds = pdfium_chars(path)
    agree = {"text": 0, "x": 0, "height": 0, "box": 0, "font": 0, "size": 0, "all": 0}
    for page_ours, page_theirs in zip(ours, theirs, strict=False):
        # Characters in content-stream order both ways; pair them by position in that order.
        for a, b in zip(page_ours, page_theirs, strict=False):
            verdict = same(a, b)
            for key, ok in verdict.items():
                agree[key] += ok
            agree["all"] += all(verdict.values())
    return Comparison(
        path.name,
        len(ours),
        sum(map(len, ours)),
        sum(map(len, theirs)),
        agree,
        ours_seconds,
        theirs_seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    print(
        "| file | pages | chars pdfplumber | chars pdfium | same text | same x0/x1 | same height "
        "| same box | same font | same size | all same | pdfplumber pages/s | pdfium pages/s |"
    )
    print("|" + " --- |" * 13)
    for path in args.files:
        c = compare(path)
        share = {k: f"{100 * v / max(c.plumber, 1):.1f}%" for k, v in c.agree.items()}
        print(
            f"| {c.name} | {c.pages} | {c.plumber} | {c.pdfium} | {share['text']} | "
            f"{share['x']} | {share['height']} | {share['box']} | {share['font']} | {share['size']} | {share['all']} | "
            f"{c.pages / c.plumber_seconds:.1f} | {c.pages / c.pdfium_seconds:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
