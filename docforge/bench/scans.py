"""Scans made from born-digital PDFs: pages rasterised, a red seal stamped, a page turned a little (tests, bench).

The test and bench inputs for OCR are the seeds' own PDFs, printed to
pixels with pdftoppm as a scanner would, so the expected text is known.
"""

from __future__ import annotations

import io
import math
import subprocess
import tempfile
from pathlib import Path

import pdfplumber
from PIL import Image, ImageChops, ImageDraw

SEAL_RED = (220, 30, 40)


def rasterise(
    pdf: Path, dpi: int, first: int | None = None, last: int | None = None
) -> list[Image.Image]:
    """The PDF's pages as RGB images at ``dpi``, made by pdftoppm (as PPM: the same pixels
    as its PNG, without the deflating that took nine tenths of the time)."""
    with tempfile.TemporaryDirectory() as tmp:
        command = ["pdftoppm", "-r", str(dpi)]
        if first:
            command += ["-f", str(first)]
        if last:
            command += ["-l", str(last)]
        subprocess.run(
            [*command, str(pdf), f"{tmp}/page"], check=True, capture_output=True, timeout=300
        )
        return [Image.open(path).convert("RGB") for path in sorted(Path(tmp).glob("page-*.ppm"))]


def last_paragraph_box(pdf: Path) -> tuple[int, tuple[float, float, float, float]]:
    """The last page's number and the box (points) of its last few lines of text."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[-1]
        words = [
            w for w in page.extract_words() if w["bottom"] < 0.9 * page.height
        ]  # not the page number
        bottom = max(w["bottom"] for w in words)
        tail = [w for w in words if w["bottom"] >= bottom - 60]
        box = (
            min(w["x0"] for w in tail),
            min(w["top"] for w in tail),
            max(w["x1"] for w in tail),
            bottom,
        )
        return len(document.pages), box


def stamp_seal(image: Image.Image, centre: tuple[float, float], radius: float) -> Image.Image:
    """A red 公章 (ring, star, inner ring) printed over the image like ink: black text stays black under it."""
    seal = Image.new("RGB", image.size, (255, 255, 255))
    draw = ImageDraw.Draw(seal)
    x, y = centre
    width = max(3, round(radius / 14))
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=SEAL_RED, width=width)
    draw.ellipse(
        (x - radius * 0.8, y - radius * 0.8, x + radius * 0.8, y + radius * 0.8),
        outline=SEAL_RED,
        width=max(1, width // 3),
    )
    star = [
        (
            x + radius * 0.35 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
            y - radius * 0.35 * math.sin(math.pi / 2 + k * 4 * math.pi / 5),
        )
        for k in range(5)
    ]
    draw.polygon(star, fill=SEAL_RED)
    for k in range(12):  # the arc of characters round the ring, as bars
        angle = math.pi * (0.15 + 0.7 * k / 11)
        cx, cy = x - radius * 0.65 * math.cos(angle), y - radius * 0.65 * math.sin(angle)
        draw.rectangle((cx - width, cy - width * 2, cx + width, cy + width * 2), fill=SEAL_RED)
    return ImageChops.multiply(image, seal)


def scanned_pdf(
    pdf: Path,
    dpi: int,
    *,
    seal: bool = True,
    skew_page: int | None = 1,
    skew: float = 0.8,
    first: int | None = None,
    last: int | None = None,
) -> bytes:
    """An image-only PDF of ``pdf``: a seal over the last paragraph, one page turned by ``skew`` degrees."""
    images = rasterise(pdf, dpi, first, last)
    if seal and (last is None or last >= len(images)):
        _, (x0, top, x1, bottom) = last_paragraph_box(pdf)
        k = dpi / 72
        radius = 1.2 * 72 * k * 0.75  # a 4.5 cm seal is about 1.8 inch across
        images[-1] = stamp_seal(images[-1], ((x0 + x1) / 2 * k, (top + bottom) / 2 * k), radius)
    if skew_page is not None and 0 < skew_page <= len(images):
        turned = images[skew_page - 1].rotate(
            skew, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255)
        )
        images[skew_page - 1] = turned
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()
