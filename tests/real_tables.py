"""The tables of a canonical report as golden lines: id, kind, unit, row count, caption."""

from __future__ import annotations

from lxml import etree

from docforge.model.xml import q


def table_lines(root: etree._Element) -> list[str]:
    lines = []
    for table in root.iter(q("table")):
        caption = table.find(q("caption"))
        title = "".join(caption.itertext()) if caption is not None else "-"
        rows = len(list(table.iter(q("tr"))))
        lines.append(
            "\t".join(
                (
                    table.get("id", "-"),
                    table.get("kind", "-"),
                    table.findtext(q("unit")) or "-",
                    str(rows),
                    title,
                )
            )
        )
    return lines
