"""Table rules of a scanned page: long straight runs of ink, found in the image.

A born-digital PDF draws its table rules as vector lines, which pdfplumber's
table finder reads. A scan has only pixels, so rules are found as runs of
dark pixels far longer than any stroke of a character: horizontal runs at
least ``MIN_RULE_INCHES`` long, and vertical runs that reach from one
horizontal rule to another. They are handed to the same table finder as
explicit lines, and painted out of the image so Tesseract does not read a
rule as ``一`` or ``|``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

INK = 140  # grey level below which a pixel is ink
MIN_RULE_INCHES = 0.35  # a horizontal rule is at least this long
MIN_PIECE_INCHES = 0.25  # each row's run of a horizontal rule is this long: longer than any stroke
MIN_VERTICAL_INCHES = 0.12
JOIN_PIXELS = 3  # runs this close (across rows, or along a broken rule) are one rule
END_TOLERANCE = 6  # pixels: a vertical rule's ends meet horizontal rules this closely


@dataclass(frozen=True)
class Rule:
    """A straight rule in image pixels: ``horizontal`` runs x0..x1 at ``at``, else y0..y1."""

    horizontal: bool
    at: float
    start: float
    end: float
    thickness: int


def _runs(mask: np.ndarray, min_length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True at least ``min_length`` long, row by row."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    rows_up, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    keep = ends - starts >= min_length
    return list(
        zip(rows_up[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True)
    )


def _merge(runs: list[tuple[int, int, int]], horizontal: bool) -> list[Rule]:
    """Runs in neighbouring rows that overlap or continue each other, merged into rules."""
    open_rules: list[list[int]] = []  # [first row, last row, start, end]
    done: list[list[int]] = []
    for row, start, end in sorted(runs):
        still_open = []
        for rule in open_rules:
            (done if row - rule[1] > JOIN_PIXELS else still_open).append(rule)
        open_rules = still_open
        for rule in open_rules:
            if start <= rule[3] + JOIN_PIXELS and end >= rule[2] - JOIN_PIXELS:
                rule[1], rule[2], rule[3] = row, min(rule[2], start), max(rule[3], end)
                break
        else:
            open_rules.append([row, row, start, end])
    return [
        Rule(horizontal, (r[0] + r[1]) / 2, r[2], r[3], r[1] - r[0] + 1) for r in done + open_rules
    ]


def find_rules(grey: Image.Image, dpi: float) -> list[Rule]:
    """The page's horizontal rules, and the vertical rules that run between two of them."""
    ink = np.asarray(grey) < INK
    horizontal = [
        r
        for r in _merge(_runs(ink, round(MIN_PIECE_INCHES * dpi)), True)
        if r.end - r.start >= MIN_RULE_INCHES * dpi
    ]
    if len(horizontal) < 2:
        return []
    vertical = [
        r
        for r in _merge(_runs(ink.T, round(MIN_VERTICAL_INCHES * dpi)), False)
        if _meets(r, horizontal)
    ]
    if len(vertical) < 2:
        return []  # no grid: underlines or a rule under the title, not a table
    return horizontal + vertical


def _meets(vertical: Rule, horizontal: list[Rule]) -> bool:
    """A vertical run is a rule when both its ends stop at horizontal rules that it crosses."""

    def ends_at(y: float) -> bool:
        return any(
            abs(h.at - y) <= END_TOLERANCE + h.thickness
            and h.start - END_TOLERANCE <= vertical.at <= h.end + END_TOLERANCE
            for h in horizontal
        )

    return ends_at(vertical.start) and ends_at(vertical.end)


def erase_rules(grey: Image.Image, rules: list[Rule]) -> Image.Image:
    """The image with its rules painted white, so only the text is left to read."""
    pixels = np.asarray(grey).copy()
    for rule in rules:
        half = rule.thickness // 2 + 2
        at, start, end = round(rule.at), round(rule.start), round(rule.end)
        if rule.horizontal:
            pixels[max(0, at - half) : at + half + 1, start:end] = 255
        else:
            pixels[start:end, max(0, at - half) : at + half + 1] = 255
    return Image.fromarray(pixels, "L")


def rule_edges(rules: list[Rule], dpi: float) -> tuple[list[float], list[float], list[dict]]:
    """The rules as pdfplumber edges (points, page coordinates) for the table finder."""
    k = 72.0 / dpi
    edges = []
    for rule in rules:
        if rule.horizontal:
            edges.append(
                {
                    "x0": rule.start * k,
                    "x1": rule.end * k,
                    "top": rule.at * k,
                    "bottom": rule.at * k,
                    "width": (rule.end - rule.start) * k,
                    "height": 0.0,
                    "orientation": "h",
                    "object_type": "line",
                }
            )
        else:
            edges.append(
                {
                    "x0": rule.at * k,
                    "x1": rule.at * k,
                    "top": rule.start * k,
                    "bottom": rule.end * k,
                    "width": 0.0,
                    "height": (rule.end - rule.start) * k,
                    "orientation": "v",
                    "object_type": "line",
                }
            )
    return (
        [e["x0"] for e in edges if e["orientation"] == "v"],
        [e["top"] for e in edges if e["orientation"] == "h"],
        edges,
    )
