"""The reports every renderer check runs on: the five seeds and crafted canonical XML."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from docforge.convert import convert_to_xml
from docforge.model.xml import parse_report
from tests.conftest import FIXTURES, SEED_STEMS, seed

CRAFTED = FIXTURES / "render"
CRAFTED_STEMS = sorted(p.stem for p in CRAFTED.glob("*.xml"))
REPORT_STEMS = SEED_STEMS + CRAFTED_STEMS


def report_root(stem: str) -> etree._Element:
    """A fixture's canonical XML: a seed goes through the real pipeline, a crafted one is read."""
    if stem in CRAFTED_STEMS:
        return parse_report((CRAFTED / f"{stem}.xml").read_bytes())
    return convert_to_xml(seed(stem))


def section_count(root: etree._Element) -> int:
    return len(root.findall(".//{urn:docforge:report:1}section"))


def write_site(outdir: Path) -> Path:
    """Every fixture's page as it is published, with links to its PDF, XML and the index."""
    from docforge.render.html import PageLinks, render_html, stylesheet_text

    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "report.css").write_text(stylesheet_text(), encoding="utf-8")
    for stem in REPORT_STEMS:
        links = PageLinks(pdf=f"{stem}.pdf", xml=f"{stem}.xml", home="index.html")
        (outdir / f"{stem}.html").write_text(
            render_html(report_root(stem), links), encoding="utf-8"
        )
    return outdir
