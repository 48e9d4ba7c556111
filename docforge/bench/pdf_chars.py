"""Does PDFium give the PDF reader the same records as pdfplumber, and how much faster?

``python -m docforge.bench.pdf_chars FILE.pdf…`` reads each file both ways — pdfplumber
(pdfminer's content-stream interpreter) and ``docforge.extract.pdf_pdfium`` (PDFium through
pypdfium2, with pdfminer's conventions rebuilt) — and compares, on every page PDFium takes,
every character field by field (text and order exactly; x0, x1, top, bottom and size within
``TOLERANCE`` points; font name and uprightness exactly) and every visible rule (kind and
order exactly, box and points within ``TOLERANCE``). Pages PDFium does not take are counted
with the reason; the reader reads those with pdfplumber. Also printed: pages per second each
way on one core. The exit status is 1 when any field differs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from docforge.extract.pdf_pdfium import NotFaithful, PdfiumPage, open_document
from docforge.extract.pdf_tables import is_visible_rule

TOLERANCE = 0.01  # points
_MEASURES = ("x0", "x1", "top", "bottom", "size")
_NAMES = ("fontname", "upright")
_RULE_KINDS = ("rect", "line", "curve")


@dataclass
class Comparison:
    """One file read both ways: pages taken, fields compared and differing, time each way."""

    name: str
    pages: int = 0
    taken: int = 0
    reasons: Counter = field(default_factory=Counter)
    chars: int = 0
    rules: int = 0
    differ: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    plumber_seconds: float = 0.0
    pdfium_seconds: float = 0.0
    unopened: str = ""

    def note(self, page: int, what: str, detail: str) -> None:
        self.differ[what] += 1
        if len(self.examples) < 5:
            self.examples.append(f"p{page} {what}: {detail}")


def _visible_rules(rules: list[dict], kind: str) -> list[dict]:
    return [r for r in rules if r["object_type"] == kind and is_visible_rule(r)]


def _compare_chars(c: Comparison, page: int, ours: list[dict], theirs: list[dict]) -> None:
    text_ours = "".join(ch["text"] for ch in ours)
    text_theirs = "".join(ch["text"] for ch in theirs)
    if text_ours != text_theirs:
        at = next(
            (i for i, (a, b) in enumerate(zip(text_ours, text_theirs, strict=False)) if a != b),
            min(len(text_ours), len(text_theirs)),
        )
        c.note(page, "text", f"{text_ours[at : at + 12]!r} vs {text_theirs[at : at + 12]!r}")
        return
    for a, b in zip(ours, theirs, strict=True):
        c.chars += 1
        for key in _MEASURES:
            if abs(a[key] - b[key]) > TOLERANCE:
                c.note(page, key, f"{a['text']!r} {a[key]:.3f} vs {b[key]:.3f}")
        for key in _NAMES:
            if a[key] != b[key]:
                c.note(page, key, f"{a['text']!r} {a[key]!r} vs {b[key]!r}")


def _compare_rules(c: Comparison, page: int, ours: list[dict], theirs: list[dict]) -> None:
    for kind in _RULE_KINDS:
        a_rules, b_rules = _visible_rules(ours, kind), _visible_rules(theirs, kind)
        if len(a_rules) != len(b_rules):
            c.note(page, f"{kind}s", f"{len(a_rules)} vs {len(b_rules)}")
            continue
        for a, b in zip(a_rules, b_rules, strict=True):
            c.rules += 1
            if any(abs(a[k] - b[k]) > TOLERANCE for k in ("x0", "x1", "top", "bottom")):
                c.note(
                    page,
                    f"{kind} box",
                    f"{a['x0']:.2f},{a['top']:.2f} vs {b['x0']:.2f},{b['top']:.2f}",
                )
            if kind != "rect" and (
                len(a["pts"]) != len(b["pts"])
                or any(
                    abs(u - v) > TOLERANCE
                    for p, q in zip(a["pts"], b["pts"], strict=True)
                    for u, v in zip(p, q, strict=True)
                )
            ):
                c.note(page, f"{kind} points", f"{len(a['pts'])} vs {len(b['pts'])} points")


def _plumber_pages(path: Path) -> tuple[list[tuple[list[dict], list[dict]]], float]:
    started = time.perf_counter()
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rules = [*page.rects, *page.lines, *page.curves]
            pages.append((page.chars, rules))
            page.close()
    return pages, time.perf_counter() - started


def _pdfium_pages(path: Path, data: bytes) -> tuple[list[PdfiumPage | NotFaithful] | None, float]:
    started = time.perf_counter()
    read = open_document(data)
    pages = None if read is None else list(read.pages)
    return pages, time.perf_counter() - started


def compare(path: Path) -> Comparison:
    c = Comparison(path.name)
    theirs, c.pdfium_seconds = _pdfium_pages(path, path.read_bytes())
    if theirs is None:
        c.unopened = "PDFium or pikepdf cannot open it"
        return c
    try:
        ours, c.plumber_seconds = _plumber_pages(path)
    except Exception as exc:  # noqa: BLE001 - a file pdfplumber cannot read is reported, not compared
        c.unopened = f"pdfplumber cannot read it ({exc.__class__.__name__})"
        return c
    c.pages = len(ours)
    if len(theirs) != len(ours):
        c.note(0, "page count", f"{len(ours)} vs {len(theirs)}")
        return c
    for number, ((chars, rules), page) in enumerate(zip(ours, theirs, strict=True), start=1):
        if isinstance(page, NotFaithful):
            c.reasons[str(page)] += 1
            continue
        c.taken += 1
        _compare_chars(c, number, chars, page.chars)
        _compare_rules(c, number, rules, page.rules)
    return c


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    print(
        "| file | pages | taken by PDFium | chars compared | rules compared | fields differing "
        "| pdfplumber pages/s | PDFium pages/s | pages left to pdfplumber, why |"
    )
    print("|" + " --- |" * 9)
    differing = 0
    for path in args.files:
        c = compare(path)
        if c.unopened:
            print(f"| {c.name} | - | - | - | - | - | - | - | {c.unopened} |", flush=True)
            continue
        differing += sum(c.differ.values())
        fields = ", ".join(f"{k} {n}" for k, n in c.differ.items()) or "none"
        reasons = "; ".join(f"{n}× {why}" for why, n in c.reasons.most_common()) or "-"
        print(
            f"| {c.name} | {c.pages} | {c.taken} | {c.chars} | {c.rules} | {fields} | "
            f"{c.pages / max(c.plumber_seconds, 1e-9):.1f} | "
            f"{c.pages / max(c.pdfium_seconds, 1e-9):.1f} | {reasons} |",
            flush=True,
        )
        for example in c.examples:
            print(f"    {example}", file=sys.stderr)
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
