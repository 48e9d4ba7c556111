"""The canonical XML: namespace, safe parsing, schema validation, comparison."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

NS = "urn:docforge:report:1"
Q = "{" + NS + "}"
NSMAP = {None: NS}
SCHEMA_VERSION = "1"


def q(name: str) -> str:
    """The qualified (Clark) name of an element in the report namespace."""
    return Q + name


def safe_parser(**options: bool) -> etree.XMLParser:
    """A parser that never resolves entities, loads DTDs or touches the network.

    Readers of foreign XML (a Word package) add their own ``options``, such as dropping
    comments; the safety settings cannot be overridden.
    """
    return etree.XMLParser(
        **options, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


def parse_report(data: bytes | str | Path) -> etree._ElementTree:
    if isinstance(data, Path):
        data = data.read_bytes()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return etree.ElementTree(etree.fromstring(data, safe_parser()))


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    data: bytes = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


@cache
def schema() -> etree.RelaxNG:
    text = resources.files("docforge.model").joinpath("report.rng").read_bytes()
    return etree.RelaxNG(etree.fromstring(text, safe_parser()))


@dataclass(frozen=True)
class SchemaError:
    line: int
    message: str
    path: str = ""

    def __str__(self) -> str:
        where = f" (at {self.path})" if self.path else ""
        return f"line {self.line}: {self.message}{where}"


def validation_errors(tree: etree._ElementTree | etree._Element) -> list[SchemaError]:
    """Every schema error, with its line; empty when the document is valid."""
    rng = schema()
    if rng.validate(tree):
        return []
    errors = [SchemaError(e.line, e.message, _readable_path(tree, e.path)) for e in rng.error_log]
    return _missing_metadata(tree) + errors


def _missing_metadata(tree: etree._ElementTree | etree._Element) -> list[SchemaError]:
    """Name the required metadata that is absent: libxml2 only says what it found instead."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    meta = root.find(q("meta"))
    if meta is None:
        return [SchemaError(root.sourceline or 0, "missing element meta", "report")]
    return [
        SchemaError(meta.sourceline or 0, f"missing element {name}", "report/meta")
        for name in ("title", "source", "generator")
        if meta.find(q(name)) is None
    ]


def _readable_path(tree: etree._ElementTree | etree._Element, path: str | None) -> str:
    """``/*/*[2]/*[4]`` as ``report/body/section/p``: where an error is, in words."""
    if not path:
        return ""
    try:
        found = tree.xpath(path)
    except etree.XPathError:
        return path
    if not found or not isinstance(found[0], etree._Element):
        return path
    names = [
        etree.QName(el).localname for el in [*reversed(list(found[0].iterancestors())), found[0]]
    ]
    return "/".join(names)


def table_grid(rows: list[etree._Element]) -> list[dict[int, etree._Element]]:
    """Cells by row and column position, spans resolved (a spanned cell fills every slot it covers).

    A missing, empty or zero span counts as one, as browsers count it.
    """
    grid: list[dict[int, etree._Element]] = [{} for _ in rows]
    for r, tr in enumerate(rows):
        column = 0
        for cell in tr:
            while column in grid[r]:
                column += 1
            span = _span(cell.get("colspan"))
            for dr in range(_span(cell.get("rowspan"))):
                for dc in range(span):
                    if r + dr < len(rows):
                        grid[r + dr][column + dc] = cell
            column += span
    return grid


def _span(value: str | None) -> int:
    return max(int(value or 1), 1)


def cell_text(cell: etree._Element | None) -> str:
    """A cell's (or any element's) words with all white space removed: how a cell is compared."""
    return re.sub(r"\s+", "", "".join(cell.itertext())) if cell is not None else ""


def comparable(tree: etree._ElementTree | etree._Element) -> bytes:
    """The report with rendition-specific parts removed, for rendition comparison.

    Two renditions of one report (text, DOCX, PDF) must agree on everything
    but the source description, provenance and the record of what was changed
    (the change log and the original labels it replaced).
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    root = etree.fromstring(etree.tostring(root), safe_parser())
    for el in list(root.iter(q("source"), q("changes"), q("warnings"))):
        el.getparent().remove(el)
    for el in root.iter():
        for attr in ("src", "original"):
            el.attrib.pop(attr, None)
    etree.indent(root)
    text: str = etree.tostring(root, encoding="unicode")
    return text.encode()
