"""Markdown emphasis inside lines of plain text, parsed with markdown-it-py.

Text pasted from other converters carries ``**bold**`` markers; they become
strong spans instead of literal asterisks. Only emphasis is parsed: numbering
such as ``1.`` must never turn into Markdown lists.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt

from docforge.model.blocks import Span


@cache
def _emphasis_parser() -> MarkdownIt:
    return MarkdownIt("zero").enable(["emphasis"])


def parse_emphasis(line: str) -> tuple[Span, ...]:
    """The line as spans, with ``**…**`` strong and ``*…*`` emphasised."""
    if "*" not in line and "_" not in line:
        return (Span(line),)
    tokens = _emphasis_parser().parseInline(line)
    spans: list[Span] = []
    strong = emphasis = False
    for token in tokens[0].children or []:
        if token.type == "strong_open":
            strong = True
        elif token.type == "strong_close":
            strong = False
        elif token.type == "em_open":
            emphasis = True
        elif token.type == "em_close":
            emphasis = False
        elif token.type in ("text", "softbreak"):
            text = token.content if token.type == "text" else "\n"
            if spans and spans[-1].strong == strong and spans[-1].emphasis == emphasis:
                spans[-1] = spans[-1].with_text(spans[-1].text + text)
            else:
                spans.append(Span(text, strong=strong, emphasis=emphasis))
    return tuple(spans) or (Span(line),)
