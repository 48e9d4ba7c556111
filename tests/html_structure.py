"""Checks of the HTML structure contract every renderer change keeps."""

from __future__ import annotations

from lxml import html as lxml_html


def heading_ranks(page: str) -> list[int]:
    doc = lxml_html.fromstring(page)
    return [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]


def structure_problems(page: str) -> list[str]:
    """Every way a page breaks the contract; empty when it keeps it."""
    doc = lxml_html.fromstring(page)
    problems = []
    if doc.get("lang") != "zh-CN":
        problems.append("html lang is not zh-CN")
    main = doc.find(".//main")
    if main is None:
        return problems + ["no <main>"]
    if len(main.findall(".//h1")) != 1 or len(doc.findall(".//h1")) != 1:
        problems.append("not exactly one <h1> inside <main>")
    if doc.find(".//nav") is None:
        problems.append("no <nav>")
    body_ranks = [
        int(h.tag[1])
        for h in main.iter("h2", "h3", "h4", "h5", "h6")
        if h.getparent().tag == "section"
    ]
    previous = 1
    for rank in body_ranks:
        if rank > previous + 1:
            problems.append(f"heading rank skipped: h{previous} then h{rank}")
        previous = rank
    if body_ranks and body_ranks[0] != 2:
        problems.append("the outline does not start at <h2>")
    return problems
