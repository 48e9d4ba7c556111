"""Make a clean report look like a PDF text dump: wrapped lines, pages, furniture."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

# Runs that a layout engine never breaks: Latin words, numbers with their marks.
_TOKEN = re.compile(r"[A-Za-z0-9.,%:/\-]+|.", re.S)

FOOTER_FORMS = ("— {n} —", "- {n} -", "第 {n} 页 共 {total} 页", "第{n}页", "{n}/{total}", "{n}")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_paragraph(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` cells, as a layout engine would."""
    lines, line = [], ""
    for token in _TOKEN.findall(text):
        if line and _width(line + token) > width:
            lines.append(line)
            line = token
        else:
            line += token
    if line:
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Layout:
    width: int  # in half-width cells
    page_lines: int
    footer: str
    header: str | None
    separator: str  # "blank" or "indent"
    blank_around_furniture: bool
    form_feed: bool


def random_layout(rng: random.Random, header_choices: list[str]) -> Layout:
    """A random layout a text dump could have.

    Paragraphs are set off by a first-line indent or by a blank line. When
    blank lines set off both the paragraphs and the page furniture, a dump
    cannot show whether a page ended a paragraph or cut one, so that
    combination is not generated.
    """
    separator = rng.choice(["blank", "indent"])
    return Layout(
        width=2 * rng.randint(20, 60),
        page_lines=rng.randint(12, 45),
        footer=rng.choice(FOOTER_FORMS),
        header=rng.choice([None, *header_choices]),
        separator=separator,
        blank_around_furniture=separator == "indent" and rng.random() < 0.5,
        form_feed=rng.random() < 0.3,
    )


def paginate(paragraphs: list[str], layout: Layout, title: str) -> str:
    """The text of ``paragraphs`` laid out in pages with running header and footer."""
    body: list[str] = [title, ""]
    for paragraph in paragraphs:
        lines = wrap_paragraph(paragraph, layout.width)
        if layout.separator == "indent":
            lines[0] = "\u3000\u3000" + lines[0]
            body.extend(lines)
        else:
            body.extend([*lines, ""])
    pages = [body[i : i + layout.page_lines] for i in range(0, len(body), layout.page_lines)]
    for previous, page in zip(pages, pages[1:], strict=False):
        while (
            page and not page[0]
        ):  # space after a paragraph stays on its page, as layout engines do
            previous.append(page.pop(0))
    total = len(pages)
    out: list[str] = []
    for n, page in enumerate(pages, start=1):
        if n > 1 and layout.header:
            out.append(("\f" if layout.form_feed else "") + layout.header)
            if layout.blank_around_furniture:
                out.append("")
        elif n > 1 and layout.form_feed:
            out.append("\f")
        out.extend(page)
        if layout.blank_around_furniture:
            out.append("")
        out.append(layout.footer.format(n=n, total=total))
    return "\n".join(out) + "\n"
