"""A scanned page made ready for recognition: the red seal taken out, the skew straightened.

A 公章 is printed in red over the signature block and the last paragraph;
left in, Tesseract reads its ring as strokes and loses the text under it.
Red is told apart from black print by colour alone, so it is painted white
before the page is turned to grey. A page fed through a scanner at an angle
is turned back by the angle at which its text rows stand out most sharply
(the variance of the row profile is largest when rows are level).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

SEAL_MIN_RED = 120  # a seal pixel's red channel is at least this bright
SEAL_MIN_EXCESS = 50  # and this much brighter than its green and blue
COARSE_ANGLES = np.arange(-5.0, 5.01, 0.5)  # degrees
FINE_STEP = 0.1
PROFILE_WIDTH = 900  # pixels: the page is scaled to this width to measure its skew
INK = 160  # grey level below which a pixel is ink


@dataclass(frozen=True)
class PreparedPage:
    """A grey page image ready for OCR, and what was done to it."""

    image: Image.Image
    skew: float  # degrees the scan stood at (turned back)
    seal_pixels: int  # how many red pixels were painted out


def remove_seal(rgb: Image.Image) -> tuple[Image.Image, int]:
    """The page with its red (seal) pixels painted white, and how many there were."""
    pixels = np.asarray(rgb.convert("RGB")).astype(np.int16)
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    seal = (red >= SEAL_MIN_RED) & (red - np.maximum(green, blue) >= SEAL_MIN_EXCESS)
    cleaned = pixels.copy()
    cleaned[seal] = 255
    return Image.fromarray(cleaned.astype(np.uint8), "RGB"), int(seal.sum())


def _profile_score(ink: Image.Image, angle: float) -> float:
    turned = np.asarray(
        ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=np.float32
    )
    return float(np.var(turned.sum(axis=1)))


def measure_skew(grey: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that levels the page's text rows."""
    scale = PROFILE_WIDTH / grey.width
    small = grey.resize(
        (PROFILE_WIDTH, max(1, round(grey.height * scale))), Image.Resampling.BILINEAR
    )
    ink = small.point(lambda v: 1 if v < INK else 0, mode="L")
    if not np.asarray(ink).any():
        return 0.0
    best = max(COARSE_ANGLES, key=lambda a: _profile_score(ink, float(a)))
    fine = np.arange(best - 0.5, best + 0.501, FINE_STEP)
    return round(float(max(fine, key=lambda a: _profile_score(ink, float(a)))), 2)


def prepare_page(rgb: Image.Image) -> PreparedPage:
    """Seal out, grey, straightened."""
    cleaned, seal_pixels = remove_seal(rgb)
    grey = cleaned.convert("L")
    skew = measure_skew(grey)
    if abs(skew) >= FINE_STEP / 2:
        grey = grey.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return PreparedPage(image=grey, skew=skew, seal_pixels=seal_pixels)
