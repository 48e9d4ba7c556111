"""Measure trafilatura and readability-lxml on the saved pages built from the seeds.

``python -m tests.measure_web_extractors`` prints, for each library, how much of
each seed's article it kept (recall of the article's lines), how many chrome
lines of the vocabulary it let through, how often the article's element could be
found from its text, and the time taken. The README records the result and why
the reader uses the one it uses.
"""

from __future__ import annotations

import time

from lxml import html as lxml_html

from docforge.extract.html_blocks import remove_invisible
from docforge.extract.html_content import covering_element
from docforge.extract.html_decode import decode_page, mhtml_page
from docforge.text.web_chrome import chrome_line, compact
from tests.conftest import SEED_STEMS
from tests.web_pages import SHAPES, page_bytes, seed_article


def _trafilatura(page: str) -> str:
    import trafilatura

    return (
        trafilatura.extract(page, include_tables=True, include_comments=False, deduplicate=False)
        or ""
    )


def _readability(page: str) -> str:
    from readability import Document

    summary = Document(page).summary(html_partial=True)
    return "\n".join(
        line.strip() for line in lxml_html.fromstring(summary).itertext() if line.strip()
    )


LIBRARIES = {"trafilatura": _trafilatura, "readability-lxml": _readability}


def measure() -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for name, extract in LIBRARIES.items():
        try:
            extract("<html><body><p>试</p></body></html>")
        except ImportError:
            print(f"{name} is not installed (pip install '.[measure]'); skipped")
            continue
        kept = total = chrome = located = pages = 0
        elapsed = 0.0
        for stem in SEED_STEMS:
            _, lines = seed_article(stem)
            for shape in SHAPES:
                data = page_bytes(stem, shape)
                page = (mhtml_page(data) if shape.mhtml else decode_page(data)).html
                start = time.perf_counter()
                text = extract(page)
                elapsed += time.perf_counter() - start
                got = compact(text)
                kept += sum(1 for line in lines if compact(line.text)[:20] in got)
                total += len(lines)
                chrome += sum(1 for line in text.splitlines() if line.strip() and chrome_line(line))
                root = lxml_html.document_fromstring(page)
                remove_invisible(root)
                located += covering_element(root.find("body"), text) is not None
                pages += 1
        results[name] = {
            "recall": kept / total,
            "chrome_lines": chrome / pages,
            "located": located / pages,
            "seconds_per_page": elapsed / pages,
        }
    return results


def main() -> None:
    print(
        "| library | article lines kept | chrome lines let through (per page) | article element found | s/page |"
    )
    print("| --- | --- | --- | --- | --- |")
    for name, r in measure().items():
        print(
            f"| {name} | {r['recall']:.1%} | {r['chrome_lines']:.1f} | {r['located']:.0%} | {r['seconds_per_page']:.3f} |"
        )


if __name__ == "__main__":
    main()
