"""Tesseract, run as its command-line program, giving words with boxes and confidences.

The CLI's TSV output holds every word with its box, its line and its
confidence: all the reader needs, with no binding to build or keep in step
with the installed Tesseract (Debian's ``tesseract-ocr``). One process per
page also lets the page pool run pages side by side, each Tesseract held to
one thread.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

CHINESE = "chi_sim"  # reads the Latin letters and figures of a Chinese report too
LATIN = "eng"  # for a page that turns out not to be Chinese
LANGUAGES = f"{CHINESE}+{LATIN}"
HAN_SHARE = 0.3  # a page with fewer Han characters among what chi_sim read is read again as English
TIMEOUT_SECONDS = 180
# One column of text of varying sizes: unlike automatic segmentation, it keeps a bold ``1.`` that
# opens an indented line; columns and tables are still told apart by the characters' boxes.
PAGE_SEGMENTATION = "4"
# A line cut out of the page is read as one block without layout analysis ("single character"
# mode, which Tesseract's LSTM reads as a run of characters): in single-line mode (7) it drops
# a short line such as ``资金。`` whole, as its page layout did.
ALONE_SEGMENTATION = "10"
# A cut-out line is enlarged to this resolution: short and bold lines of a 200-dpi page that
# Tesseract drops or misreads (``资金。``, ``4.`` read as ``4和4.``) read right at 300 dpi,
# and wrong again at 400.
ALONE_DPI = 300


class OcrUnavailable(RuntimeError):
    """Tesseract or its Chinese model is not installed."""


@dataclass(frozen=True)
class Word:
    """One recognised word: its text, box in image pixels, line key and confidence (0–100)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # block, paragraph, line numbers: words sharing it share a line
    conf: float

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def lines_of(words: list[Word]) -> dict[tuple[int, int, int], list[Word]]:
    """The words grouped by the line Tesseract put them on, in reading order."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return lines


def available_languages() -> set[str]:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return set()
    listed = subprocess.run(
        [tesseract, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    return {line.strip() for line in listed.stdout.splitlines()[1:] if line.strip()}


def check_available() -> None:
    """Raise OcrUnavailable with the package to install when Tesseract cannot read Chinese."""
    if shutil.which("tesseract") is None:
        raise OcrUnavailable(
            "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
        )
    missing = set(LANGUAGES.split("+")) - available_languages()
    if missing:
        raise OcrUnavailable(
            f"Tesseract lacks the language model {', '.join(sorted(missing))} "
            f"(apt-get install tesseract-ocr-chi-sim)"
        )


def parse_tsv(tsv: str) -> list[Word]:
    """The words (level 5 rows with text) of Tesseract's TSV output."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        words.append(
            Word(
                text=text,
                left=int(row["left"]),
                top=int(row["top"]),
                width=int(row["width"]),
                height=int(row["height"]),
                line=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
                conf=max(0.0, float(row["conf"])),
            )
        )
    return words


def _han_share(words: list[Word]) -> float:
    text = "".join(w.text for w in words)
    return sum(1 for ch in text if "\u3400" <= ch <= "\u9fff") / max(1, len(text))


def _mean_conf(words: list[Word]) -> float:
    return sum(w.conf for w in words) / max(1, len(words))


def recognise(image: Image.Image, dpi: int) -> list[Word]:
    """The page's words, read as Chinese; read again as English when little of it is Chinese.

    One model at a time: with ``chi_sim+eng`` together Tesseract reads some
    Chinese lines as Latin gibberish. Of the two readings of a non-Chinese
    page, the more confident one is kept.
    """
    words = _run(image, dpi, CHINESE)
    if words and _han_share(words) >= HAN_SHARE:
        return words
    latin = _run(image, dpi, LATIN)
    return latin if _mean_conf(latin) > _mean_conf(words) else words


def read_alone(image: Image.Image, dpi: int) -> list[Word]:
    """The words of a line cut out of a page, read on its own as Chinese; boxes in the cut's pixels."""
    scale = max(1.0, ALONE_DPI / dpi)
    size = (round(image.width * scale), round(image.height * scale))
    enlarged = image.resize(size, Image.Resampling.BICUBIC) if scale > 1 else image
    words = _run(enlarged, round(dpi * scale), CHINESE, ALONE_SEGMENTATION)
    return [
        Word(
            w.text,
            round(w.left / scale),
            round(w.top / scale),
            max(1, round(w.width / scale)),
            max(1, round(w.height / scale)),
            w.line,
            w.conf,
        )
        for w in words
    ]


def _run(
    image: Image.Image, dpi: int, languages: str, segmentation: str = PAGE_SEGMENTATION
) -> list[Word]:
    """The words Tesseract reads on a page image in ``languages``."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory(prefix="docforge-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        done = subprocess.run(
            [
                "tesseract",
                str(png),
                "stdout",
                "-l",
                languages,
                "--psm",
                segmentation,
                "--dpi",
                str(dpi),
                "tsv",
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            env=env,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(
            f"tesseract failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}"
        )
    return parse_tsv(done.stdout)
