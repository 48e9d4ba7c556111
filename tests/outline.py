"""The outline of a canonical report: level, label and heading text of every heading."""

from __future__ import annotations

from lxml import etree

from docforge.model.xml import q


def outline_lines(root: etree._Element) -> list[str]:
    lines = []
    for section in root.iter(q("section")):
        num = section.find(q("num"))
        heading = "".join(section.find(q("heading")).itertext())
        label = num.text if num is not None else ""
        lines.append(f"{section.get('level')}\t{label}\t{heading}")
    return lines
